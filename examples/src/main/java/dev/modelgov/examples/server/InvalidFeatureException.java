package dev.modelgov.examples.server;

import java.util.Objects;

/**
 * A feature given to {@link CreditScoringModel#score} is missing, unknown, of the wrong type or out of range. The
 * message names the feature and what was expected; it never repeats a categorical value it does not know.
 *
 * <pre>{@code
 * try {
 *   model.score(features);
 * } catch (InvalidFeatureException e) {
 *   respond(400, e.feature(), e.getMessage());
 * }
 * }</pre>
 */
public final class InvalidFeatureException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The feature's name. */
  private final String feature;

  /**
   * @param feature the feature's name, must not be {@code null}
   * @param message what is wrong with it, naming the feature
   */
  public InvalidFeatureException(String feature, String message) {
    super(message);
    this.feature = Objects.requireNonNull(feature, "feature must not be null");
  }

  /**
   * The feature at fault.
   *
   * @return its name
   */
  public String feature() {
    return feature;
  }
}
