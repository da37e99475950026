package dev.modelgov.core;

import dev.modelgov.api.ModelRef;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ModelGate} found at startup: whether the model's files matched its signed provenance, the deploy
 * policy's decision, and, when the gate stays shut, every reason in one list.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * GateReport report = governance.gate(manifest).modelDirectory(dir).provenance(envelope).check();
 * if (!report.open()) {
 *   report.reasons().forEach(System.err::println);
 *   // provenance: SUBJECT_DIGEST_MISMATCH: model.onnx: sha256:... != sha256:...
 *   // policy: model.image.digest: serving image ghcr.io/acme/scorer:2.4 is not pinned by digest
 * }
 * }</pre>
 */
public final class GateReport {

  private final ModelRef model;
  private final VerifiedStatement verified;
  private final ProvenanceVerificationException verificationFailure;
  private final Decision decision;
  private final List<String> reasons;

  GateReport(ModelRef model, VerifiedStatement verified, ProvenanceVerificationException verificationFailure,
      Decision decision, List<String> reasons) {
    this.model = Objects.requireNonNull(model, "model");
    this.verified = verified;
    this.verificationFailure = verificationFailure;
    this.decision = decision;
    this.reasons = List.copyOf(reasons);
  }

  /**
   * @return whether the model may be served: the provenance verified and the policy did not deny
   */
  public boolean open() {
    return reasons.isEmpty();
  }

  /**
   * @return the model, with its manifest digest
   */
  public ModelRef model() {
    return model;
  }

  /**
   * @return the verified provenance statement, when verification passed
   */
  public Optional<VerifiedStatement> verified() {
    return Optional.ofNullable(verified);
  }

  /**
   * @return why verification failed, when it did
   */
  public Optional<ProvenanceVerificationException> verificationFailure() {
    return Optional.ofNullable(verificationFailure);
  }

  /**
   * @return the deploy policy's decision (always made, also after a failed verification, so that every reason shows)
   */
  public Optional<Decision> decision() {
    return Optional.ofNullable(decision);
  }

  /**
   * @return one line per reason to refuse, {@code provenance: ...} or {@code policy: <rule id>: ...}; empty when open
   */
  public List<String> reasons() {
    return reasons;
  }

  /**
   * @return one line: the model, open or refused, and the reasons or the policy's summary
   */
  public String summary() {
    if (open()) {
      return model.coordinates() + ": open (provenance verified"
          + (decision == null ? "" : "; policy " + decision.effect() + ": " + decision.summaryText()) + ")";
    }
    return model.coordinates() + ": refused (" + String.join("; ", reasons) + ")";
  }

  @Override
  public String toString() {
    return "GateReport[" + summary() + "]";
  }
}
