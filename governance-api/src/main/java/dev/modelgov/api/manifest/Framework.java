package dev.modelgov.api.manifest;

import java.util.Optional;

/**
 * The ML framework a model was built with, such as {@code scikit-learn 1.5.2}.
 *
 * @param name the framework name (required)
 * @param version the framework version, if known
 */
public record Framework(String name, Optional<String> version) {

  /** Normalises a {@code null} version to empty. */
  public Framework {
    version = Values.opt(version);
  }

  /**
   * A framework with a version.
   *
   * @param name the name
   * @param version the version
   * @return the framework
   */
  public static Framework of(String name, String version) {
    return new Framework(name, Optional.ofNullable(version));
  }
}
