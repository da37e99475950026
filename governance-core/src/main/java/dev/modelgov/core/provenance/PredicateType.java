package dev.modelgov.core.provenance;

import java.util.Objects;
import java.util.Optional;

/**
 * The in-toto predicate types ModelGov writes and understands. Every statement has the same subject, the model
 * directory's root digest, so the three kinds link to one another.
 *
 * <ul>
 *   <li>{@link #GOVERNANCE}: ties the model files to a {@link dev.modelgov.api.manifest.ModelManifest}: the manifest
 *       digest, its {@code namespace/name@version} and the manifest itself.
 *   <li>{@link #MODEL_SIGNING}: the OpenSSF model_signing v1.0 predicate, byte-compatible with {@code model_signing
 *       verify key}; it lists every file (or shard) digest but cannot carry the manifest.
 *   <li>{@link #SLSA_PROVENANCE}: SLSA Provenance v1 for the training run recorded in the manifest.
 * </ul>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * PredicateType.GOVERNANCE.uri();                                  // "https://modelgov.dev/governance/manifest/v1"
 * PredicateType.fromUri("https://slsa.dev/provenance/v1");        // Optional[SLSA_PROVENANCE]
 * }</pre>
 */
public enum PredicateType {
  /** {@code https://modelgov.dev/governance/manifest/v1}: {@code manifestDigest}, {@code modelRef} and the manifest. */
  GOVERNANCE("https://modelgov.dev/governance/manifest/v1"),
  /** {@code https://model_signing/signature/v1.0}: {@code serialization} and {@code resources}. */
  MODEL_SIGNING("https://model_signing/signature/v1.0"),
  /** {@code https://slsa.dev/provenance/v1}: {@code buildDefinition} and {@code runDetails}. */
  SLSA_PROVENANCE("https://slsa.dev/provenance/v1");

  private final String uri;

  PredicateType(String uri) {
    this.uri = uri;
  }

  /**
   * The predicate type URI as written in a statement's {@code predicateType}.
   *
   * @return the URI
   */
  public String uri() {
    return uri;
  }

  /**
   * The predicate type with this URI, compared exactly.
   *
   * @param uri the URI, must not be {@code null}
   * @return the type, or empty when ModelGov does not know the URI
   */
  public static Optional<PredicateType> fromUri(String uri) {
    Objects.requireNonNull(uri, "uri must not be null");
    for (PredicateType t : values()) {
      if (t.uri.equals(uri)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
