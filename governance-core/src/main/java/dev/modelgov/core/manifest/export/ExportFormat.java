package dev.modelgov.core.manifest.export;

import java.util.Locale;
import java.util.Objects;

/**
 * The formats a {@link dev.modelgov.api.manifest.ModelManifest} can be exported to.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ExportFormat.fromCliName("cyclonedx"); // CYCLONEDX
 * }</pre>
 */
public enum ExportFormat {
  /** CycloneDX 1.6 ML-BOM, JSON. */
  CYCLONEDX("cyclonedx", "cdx.json"),
  /** SPDX 3.0.1 JSON-LD with the AI and Dataset profiles. */
  SPDX("spdx", "spdx3.json"),
  /** A human-readable model card in Markdown, Hugging Face section order. */
  MODEL_CARD("model-card", "md");

  private final String cliName;
  private final String fileExtension;

  ExportFormat(String cliName, String fileExtension) {
    this.cliName = cliName;
    this.fileExtension = fileExtension;
  }

  /** @return the name used on the command line, such as {@code model-card} */
  public String cliName() {
    return cliName;
  }

  /** @return the usual file extension, without the leading dot */
  public String fileExtension() {
    return fileExtension;
  }

  /**
   * Looks a format up by its command-line name.
   *
   * @param name such as {@code cyclonedx}, {@code spdx} or {@code model-card}; case-insensitive
   * @return the format
   * @throws IllegalArgumentException if no format has that name
   */
  public static ExportFormat fromCliName(String name) {
    Objects.requireNonNull(name, "name must not be null");
    for (ExportFormat f : values()) {
      if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown export format; use cyclonedx, spdx or model-card");
  }
}
