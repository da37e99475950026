package dev.modelgov.k8s.admission;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ManifestResolver} found for a governed workload: the model's manifest, the manifest digest the
 * workload declares (checked against the manifest's canonical digest), and its signed provenance, embedded (a DSSE
 * envelope or Sigstore bundle) or only referenced.
 *
 * <pre>{@code
 * ResolvedModel model = ResolvedModel.of(manifest)
 *     .withDeclaredDigest(Digest.parse("sha256:..."))
 *     .withProvenance(envelopeJson);
 * }</pre>
 *
 * @param manifest the model's manifest
 * @param declaredDigest the digest the workload declares ({@code governance.modelgov.dev/manifest-digest}), if any
 * @param provenance the DSSE envelope or Sigstore bundle JSON, if embedded (copied on the way in and out)
 * @param provenanceReference where the provenance is, when it is referenced and not embedded
 */
public record ResolvedModel(
    ModelManifest manifest,
    Optional<Digest> declaredDigest,
    Optional<byte[]> provenance,
    Optional<String> provenanceReference) {

  /** Checks the manifest is present and copies the provenance bytes. */
  public ResolvedModel {
    Objects.requireNonNull(manifest, "manifest");
    declaredDigest = declaredDigest == null ? Optional.empty() : declaredDigest;
    provenance = provenance == null ? Optional.empty() : provenance.map(byte[]::clone);
    provenanceReference = provenanceReference == null ? Optional.empty() : provenanceReference;
  }

  /**
   * A manifest with nothing else.
   *
   * @param manifest the manifest, must not be {@code null}
   * @return the resolved model
   */
  public static ResolvedModel of(ModelManifest manifest) {
    return new ResolvedModel(manifest, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * @param digest the declared manifest digest, must not be {@code null}
   * @return a copy with it
   */
  public ResolvedModel withDeclaredDigest(Digest digest) {
    return new ResolvedModel(manifest, Optional.of(digest), provenance, provenanceReference);
  }

  /**
   * @param envelopeOrBundle the embedded provenance JSON, must not be {@code null}
   * @return a copy with it
   */
  public ResolvedModel withProvenance(byte[] envelopeOrBundle) {
    return new ResolvedModel(manifest, declaredDigest, Optional.of(envelopeOrBundle), provenanceReference);
  }

  /**
   * @param reference where the provenance is (not fetched by the handler), must not be {@code null}
   * @return a copy with it
   */
  public ResolvedModel withProvenanceReference(String reference) {
    return new ResolvedModel(manifest, declaredDigest, provenance, Optional.of(reference));
  }

  /** @return a copy of the embedded provenance, if any */
  @Override
  public Optional<byte[]> provenance() {
    return provenance.map(byte[]::clone);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResolvedModel r && manifest.equals(r.manifest) && declaredDigest.equals(r.declaredDigest)
        && provenance.isPresent() == r.provenance.isPresent()
        && (provenance.isEmpty() || Arrays.equals(provenance.get(), r.provenance.get()))
        && provenanceReference.equals(r.provenanceReference);
  }

  @Override
  public int hashCode() {
    return Objects.hash(manifest, declaredDigest, provenance.map(Arrays::hashCode), provenanceReference);
  }

  @Override
  public String toString() {
    return "ResolvedModel[" + manifest.coordinates() + ", declaredDigest=" + declaredDigest.map(Digest::toString)
        .orElse("none") + ", provenance=" + (provenance.isPresent() ? provenance.get().length + " bytes"
        : provenanceReference.map(r -> "ref").orElse("none")) + "]";
  }
}
