package dev.modelgov.api.policy;

import dev.modelgov.api.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller established about the model's signed provenance before evaluating a policy. Signature checks are not
 * policy rules (they need keys and files); the caller verifies, and rules such as {@code model.provenance.signed} and
 * {@code model.manifest.digest-match} read the outcome from here.
 *
 * <pre>{@code
 * ProvenanceFacts.verified(signedManifestDigest, "release-2026");
 * ProvenanceFacts.failed("SIGNATURE_INVALID");
 * ProvenanceFacts.absent();
 * }</pre>
 *
 * @param present whether a provenance envelope or bundle was supplied
 * @param verified whether it verified against the trust root (never {@code true} when not present)
 * @param signedManifestDigest the manifest digest the signed statement names, when it names one
 * @param keyId the key id that verified it, when verified
 * @param failure why verification failed, when it failed (a reason name, never key material)
 */
public record ProvenanceFacts(
    boolean present,
    boolean verified,
    Optional<Digest> signedManifestDigest,
    Optional<String> keyId,
    Optional<String> failure) {

  private static final ProvenanceFacts ABSENT =
      new ProvenanceFacts(false, false, Optional.empty(), Optional.empty(), Optional.empty());

  /** Checks that a verified fact is also present and that a failure is not verified. */
  public ProvenanceFacts {
    signedManifestDigest = signedManifestDigest == null ? Optional.empty() : signedManifestDigest;
    keyId = keyId == null ? Optional.empty() : keyId;
    failure = failure == null ? Optional.empty() : failure;
    if (verified && !present) {
      throw new IllegalArgumentException("provenance cannot be verified when it is not present");
    }
    if (verified && failure.isPresent()) {
      throw new IllegalArgumentException("verified provenance cannot carry a failure");
    }
  }

  /**
   * No provenance was supplied.
   *
   * @return the absent facts
   */
  public static ProvenanceFacts absent() {
    return ABSENT;
  }

  /**
   * Provenance verified.
   *
   * @param signedManifestDigest the manifest digest named by the signed statement, or {@code null} if it names none
   * @param keyId the verifying key's id, or {@code null}
   * @return the facts
   */
  public static ProvenanceFacts verified(Digest signedManifestDigest, String keyId) {
    return new ProvenanceFacts(
        true, true, Optional.ofNullable(signedManifestDigest), Optional.ofNullable(keyId), Optional.empty());
  }

  /**
   * Provenance was supplied but did not verify.
   *
   * @param reason why, for example {@code SIGNATURE_INVALID}
   * @return the facts
   */
  public static ProvenanceFacts failed(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new ProvenanceFacts(true, false, Optional.empty(), Optional.empty(), Optional.of(reason));
  }
}
