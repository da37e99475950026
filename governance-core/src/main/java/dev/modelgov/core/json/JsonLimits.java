package dev.modelgov.core.json;

/**
 * Limits every ModelGov parser enforces before a document can cost memory or stack: total size, nesting depth,
 * string length and number length.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * JsonLimits limits = JsonLimits.DEFAULT;                     // 4 MiB, depth 64
 * JsonLimits big = new JsonLimits(64 << 20, 64, 1 << 20, 1000); // for large documents
 * }</pre>
 *
 * @param maxDocumentBytes the largest document, in bytes
 * @param maxDepth the deepest nesting of objects and arrays
 * @param maxStringLength the longest string, in chars
 * @param maxNumberLength the longest number literal, in chars
 */
public record JsonLimits(int maxDocumentBytes, int maxDepth, int maxStringLength, int maxNumberLength) {

  /** 4 MiB, depth 64, strings up to 1 MiB, numbers up to 1000 digits. */
  public static final JsonLimits DEFAULT = new JsonLimits(4 << 20, 64, 1 << 20, 1000);

  /** Checks that every limit is positive. */
  public JsonLimits {
    if (maxDocumentBytes <= 0 || maxDepth <= 0 || maxStringLength <= 0 || maxNumberLength <= 0) {
      throw new IllegalArgumentException("every limit must be positive");
    }
  }
}
