package dev.modelgov.core.policy;

import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.util.Objects;

/**
 * Turns the outcome of provenance verification into the {@link ProvenanceFacts} an {@link EvaluationContext} carries,
 * so rules such as {@code model.provenance.signed} and {@code model.manifest.digest-match} can read it.
 *
 * <pre>{@code
 * ProvenanceFacts facts;
 * try {
 *   facts = PolicyContexts.provenanceFacts(verifier.verify(envelopeBytes));
 * } catch (ProvenanceVerificationException e) {
 *   facts = PolicyContexts.provenanceFacts(e);
 * }
 * EvaluationContext ctx = EvaluationContext.builder().point(EnforcementPoint.ADMISSION).provenance(facts).build();
 * }</pre>
 */
public final class PolicyContexts {

  private PolicyContexts() {}

  /**
   * Facts of a statement that verified: the manifest digest a governance predicate signs ({@code
   * predicate.manifestDigest}, absent for other predicates) and the first (in sorted order) of the key ids that
   * verified it.
   *
   * @param statement the verified statement, must not be {@code null}
   * @return verified facts
   */
  public static ProvenanceFacts provenanceFacts(VerifiedStatement statement) {
    Objects.requireNonNull(statement, "statement must not be null");
    String keyId = statement.keyIds().isEmpty() ? null : statement.keyIds().get(0);
    return ProvenanceFacts.verified(statement.manifestDigest().orElse(null), keyId);
  }

  /**
   * Facts of provenance that was supplied but did not verify.
   *
   * @param failure the verification failure, must not be {@code null}
   * @return failed facts whose failure is the reason's name, for example {@code BAD_SIGNATURE}
   */
  public static ProvenanceFacts provenanceFacts(ProvenanceVerificationException failure) {
    Objects.requireNonNull(failure, "failure must not be null");
    return ProvenanceFacts.failed(failure.reason().name());
  }
}
