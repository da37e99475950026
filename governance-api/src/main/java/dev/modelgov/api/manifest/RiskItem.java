package dev.modelgov.api.manifest;

import java.util.Optional;

/**
 * One identified risk with its mitigation and the residual risk that remains (Art. 9; NIST AI RMF MANAGE 1.4).
 *
 * @param name the risk (required)
 * @param mitigation how it is mitigated, if stated
 * @param residual the residual risk after mitigation, such as {@code LOW}, if assessed
 */
public record RiskItem(String name, Optional<String> mitigation, Optional<String> residual) {

  /** Normalises {@code null} optionals to empty. */
  public RiskItem {
    mitigation = Values.opt(mitigation);
    residual = Values.opt(residual);
  }
}
