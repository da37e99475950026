package dev.modelgov.core.policy;

/**
 * A waiver file is not a valid {@code WaiverList}: a syntax error, a duplicate key, an unknown or missing field, a value
 * of the wrong type, or a document over the size limit. The message names the file and the field path, for example
 * {@code waivers.yaml: waivers[1].expiresAt: is required}; it never echoes file content beyond the field path.
 *
 * <pre>{@code
 * try {
 *   List<Waiver> waivers = WaiverFiles.read(Path.of("waivers.yaml"));
 * } catch (WaiverFormatException e) {
 *   System.err.println(e.getMessage()); // waivers.yaml: waivers[0].ticket: is required
 * }
 * }</pre>
 */
public final class WaiverFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String path;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param source the file name
   * @param path the field path, for example {@code waivers[1].expiresAt}; empty for the whole document
   * @param detail what is wrong
   */
  public WaiverFormatException(String source, String path, String detail) {
    super(source + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + detail);
    this.source = source;
    this.path = path == null ? "" : path;
    this.detail = detail;
  }

  /** @return the file name */
  public String source() {
    return source;
  }

  /** @return the field path, empty for the whole document */
  public String path() {
    return path;
  }

  /** @return what is wrong, without location */
  public String detail() {
    return detail;
  }
}
