package dev.modelgov.core.json;

/**
 * Thrown when a JSON document cannot be read or canonicalised: a syntax error, a duplicate key, a limit exceeded, or
 * a value canonical JSON cannot hold (a non-finite number, a lone surrogate). The message names the byte offset or the
 * JSON path.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try {
 *   CanonicalJson.canonicalize("{\"a\":1,\"a\":2}".getBytes(UTF_8));
 * } catch (JsonFormatException e) {
 *   // "duplicate key 'a' at line 1, column 11 (byte offset 10)"
 * }
 * }</pre>
 */
public final class JsonFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong and where
   */
  public JsonFormatException(String message) {
    super(message);
  }
}
