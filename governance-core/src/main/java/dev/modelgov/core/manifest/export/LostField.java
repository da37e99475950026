package dev.modelgov.core.manifest.export;

import java.util.Objects;

/**
 * A manifest field that an export format cannot hold, and so is not in the exported document.
 *
 * @param path the field's JSON path in the manifest, such as {@code lifecycle.approvals[0].comment}
 * @param reason why the target format cannot hold it
 */
public record LostField(String path, String reason) {

  /** Checks that neither component is null. */
  public LostField {
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
  }

  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
