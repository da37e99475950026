package dev.modelgov.api.manifest;

/**
 * The risk class of a model under its {@link RiskScheme}, ordered from least to most restrictive;
 * {@code compareTo} orders by restriction.
 *
 * <p>Written on the wire as the constant's name, for example {@code MINIMAL}.
 */
public enum RiskClass {
  /** Minimal risk: no obligations beyond voluntary codes. */
  MINIMAL,
  /** Limited risk: transparency obligations. */
  LIMITED,
  /** High risk: documentation, oversight, logging and conformity obligations. */
  HIGH,
  /** A prohibited practice: must not be placed on the market or served. */
  PROHIBITED
}
