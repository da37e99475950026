package dev.modelgov.api.provenance;

import java.util.Objects;

/**
 * Thrown when a model's provenance cannot be verified. Verification fails closed: anything not positively verified
 * throws, and success means no exception. The {@link #reason()} is one of a closed set, so callers can react (alert,
 * refuse to serve, retry with another trust root) without parsing messages. Messages never contain key material.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try {
 *   provenance.verifyModel(modelDir, envelopeBytes, manifest);
 * } catch (ProvenanceVerificationException e) {
 *   if (e.reason() == Reason.SUBJECT_DIGEST_MISMATCH) {
 *     log.error("model files changed since signing: {}", e.getMessage());
 *   }
 *   throw e;
 * }
 * }</pre>
 */
public final class ProvenanceVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why verification failed. A closed set: new reasons come only with a new major version. */
  public enum Reason {
    /** A signature does not verify with the key it was checked against. */
    BAD_SIGNATURE,
    /** No signature was made by a key of the trust root. */
    UNTRUSTED_KEY,
    /** The only keys that verified have been revoked. */
    KEY_REVOKED,
    /** The only keys that verified are outside their validity window. */
    KEY_EXPIRED,
    /** Fewer distinct trusted keys verified than the threshold requires. */
    THRESHOLD_NOT_MET,
    /** The envelope's payload type is not the expected one. */
    PAYLOAD_TYPE_MISMATCH,
    /** The statement's type or predicate type is not allowed. */
    PREDICATE_TYPE_NOT_ALLOWED,
    /** The model files do not match the signed subject or resources. */
    SUBJECT_DIGEST_MISMATCH,
    /** The manifest does not match the digest or manifest the statement carries. */
    MANIFEST_DIGEST_MISMATCH,
    /** The envelope, bundle or statement is not well-formed. */
    MALFORMED_ENVELOPE,
    /** A size limit (envelope bytes, resources, path length) was exceeded. */
    SIZE_LIMIT_EXCEEDED
  }

  private final Reason reason;

  /**
   * @param reason why verification failed, must not be {@code null}
   * @param message what failed, without key material
   */
  public ProvenanceVerificationException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason must not be null") + ": " + message);
    this.reason = reason;
  }

  /**
   * @param reason why verification failed, must not be {@code null}
   * @param message what failed, without key material
   * @param cause the underlying failure
   */
  public ProvenanceVerificationException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason must not be null") + ": " + message, cause);
    this.reason = reason;
  }

  /**
   * @return why verification failed
   */
  public Reason reason() {
    return reason;
  }
}
