package dev.modelgov.core;

import java.util.Objects;

/**
 * Thrown by {@link ModelGate.Builder#open()} when a model must not be served: its files do not match the signed
 * provenance, or the deploy policy denies it. The message lists every reason; {@link #report()} has the details.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try {
 *   gate = governance.gate(manifest).modelDirectory(dir).provenance(envelope).open();
 * } catch (ModelRefusedException e) {
 *   System.err.println(e.getMessage());   // risk/credit-scoring@2.4.0: refused (policy: model.owner: ...)
 *   System.exit(1);
 * }
 * }</pre>
 */
public final class ModelRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  /** The report; not serialised with the exception. */
  private final transient GateReport report;

  ModelRefusedException(GateReport report) {
    super(Objects.requireNonNull(report, "report").summary());
    this.report = report;
  }

  /**
   * @return what the gate found, or {@code null} after deserialisation
   */
  public GateReport report() {
    return report;
  }
}
