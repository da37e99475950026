package dev.modelgov.core.provenance;

/**
 * Limits every provenance reader enforces before a document can cost memory: the size of an envelope or bundle (checked
 * before any parsing or base64 decoding), the number of resources a model_signing predicate may list, the length of a
 * resource path, and the number of signatures in one envelope. A document over a limit fails verification with
 * {@link dev.modelgov.api.provenance.ProvenanceVerificationException.Reason#SIZE_LIMIT_EXCEEDED}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ProvenanceLimits limits = ProvenanceLimits.DEFAULT;                       // 16 MiB, 1,000,000 resources
 * ProvenanceLimits small = new ProvenanceLimits(1 << 20, 10_000, 1024, 4); // for an admission webhook
 * }</pre>
 *
 * @param maxEnvelopeBytes the largest envelope or bundle document, in bytes
 * @param maxResources the most resources (files or shards) a model_signing predicate may list
 * @param maxPathLength the longest resource path, in chars
 * @param maxSignatures the most signatures one envelope may carry
 */
public record ProvenanceLimits(int maxEnvelopeBytes, int maxResources, int maxPathLength, int maxSignatures) {

  /** 16 MiB envelopes, 1,000,000 resources, paths up to 4096 chars, up to 16 signatures. */
  public static final ProvenanceLimits DEFAULT = new ProvenanceLimits(16 << 20, 1_000_000, 4096, 16);

  /**
   * Checks that every limit is positive.
   *
   * @throws IllegalArgumentException naming the first limit that is not positive
   */
  public ProvenanceLimits {
    if (maxEnvelopeBytes <= 0) {
      throw new IllegalArgumentException("maxEnvelopeBytes must be positive, was " + maxEnvelopeBytes);
    }
    if (maxResources <= 0) {
      throw new IllegalArgumentException("maxResources must be positive, was " + maxResources);
    }
    if (maxPathLength <= 0) {
      throw new IllegalArgumentException("maxPathLength must be positive, was " + maxPathLength);
    }
    if (maxSignatures <= 0) {
      throw new IllegalArgumentException("maxSignatures must be positive, was " + maxSignatures);
    }
  }
}
