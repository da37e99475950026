package dev.modelgov.api;

import java.util.Objects;

/**
 * The one identifier of a model version everywhere in ModelGov: {@code namespace/name@version} plus the manifest
 * digest (SHA-256 of the RFC 8785 canonical manifest).
 *
 * <p>The same reference appears in signed provenance, policy decisions, metric tags, audit events and Kubernetes
 * annotations, so that one model can be followed from its training run to each prediction.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ModelRef ref = new ModelRef(ModelId.parse("risk/credit-scoring"), "2.4.0", manifestDigest);
 * ref.coordinates(); // "risk/credit-scoring@2.4.0"
 * }</pre>
 *
 * @param id the model identity
 * @param version the model version
 * @param manifestDigest the digest of the canonical manifest of this version
 */
public record ModelRef(ModelId id, String version, Digest manifestDigest) {

  /** Checks that no component is null or blank. */
  public ModelRef {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(version, "version must not be null");
    Objects.requireNonNull(manifestDigest, "manifestDigest must not be null");
    if (version.isBlank()) {
      throw new IllegalArgumentException("version must not be blank");
    }
  }

  /**
   * The human-readable coordinates without the digest.
   *
   * @return {@code namespace/name@version}
   */
  public String coordinates() {
    return id + "@" + version;
  }

  /** Returns {@code namespace/name@version (sha256:...)}. */
  @Override
  public String toString() {
    return coordinates() + " (" + manifestDigest + ")";
  }
}
