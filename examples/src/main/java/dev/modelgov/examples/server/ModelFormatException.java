package dev.modelgov.examples.server;

import java.io.IOException;
import java.util.Objects;

/**
 * A {@code model.json} could not be read: bad JSON (the message names the byte offset), an unknown or missing field,
 * a wrong type or an inconsistent value (the message names the JSON path, such as {@code numeric[1].scale}).
 *
 * <pre>{@code
 * try {
 *   CreditScoringModel.load(dir);
 * } catch (ModelFormatException e) {
 *   System.err.println(e.getMessage());   // model.json: numeric[1].scale: must be a positive number
 * }
 * }</pre>
 */
public final class ModelFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The JSON path of the problem, empty for the whole document. */
  private final String path;

  /**
   * @param path the JSON path of the problem, empty for the whole document; must not be {@code null}
   * @param message what is wrong, naming the path
   */
  public ModelFormatException(String path, String message) {
    super(message);
    this.path = Objects.requireNonNull(path, "path must not be null");
  }

  /**
   * The JSON path of the problem, e.g. {@code numeric[1].scale}.
   *
   * @return the path, empty for a problem with the whole document
   */
  public String path() {
    return path;
  }
}
