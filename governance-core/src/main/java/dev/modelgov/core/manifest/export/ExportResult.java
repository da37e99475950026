package dev.modelgov.core.manifest.export;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * An exported document and the manifest fields it could not hold. Nothing is dropped silently: every field of the
 * manifest is either in {@link #content()} or in {@link #lostFields()}.
 *
 * @param format the format of the content
 * @param content the exported document, UTF-8
 * @param lostFields the fields the format cannot hold, in manifest order
 */
public record ExportResult(ExportFormat format, byte[] content, List<LostField> lostFields) {

  /** Copies the content and the list. */
  public ExportResult {
    Objects.requireNonNull(format, "format must not be null");
    content = Objects.requireNonNull(content, "content must not be null").clone();
    lostFields = List.copyOf(lostFields);
  }

  /** @return a copy of the exported bytes */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /** @return the exported document as text */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExportResult r
        && r.format == format
        && java.util.Arrays.equals(r.content, content)
        && r.lostFields.equals(lostFields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, java.util.Arrays.hashCode(content), lostFields);
  }

  @Override
  public String toString() {
    return "ExportResult[" + format + ", " + content.length + " bytes, " + lostFields.size() + " lost fields]";
  }
}
