package dev.modelgov.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository and the shared vectors from a test. */
public final class TestFiles {

  private TestFiles() {}

  /** @return the repository root */
  public static Path root() {
    String p = System.getProperty("modelgov.root");
    Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
    if (!Files.isDirectory(root.resolve("examples"))) {
      throw new IllegalStateException("cannot find the repository root; set -Dmodelgov.root");
    }
    return root;
  }

  /** @return the shared folder next to the repository */
  public static Path shared() {
    String p = System.getProperty("modelgov.shared");
    Path shared = p != null ? Path.of(p) : root().resolveSibling("shared");
    if (!Files.isDirectory(shared.resolve("vectors"))) {
      throw new IllegalStateException("cannot find ../shared/vectors; set -Dmodelgov.shared");
    }
    return shared;
  }

  /**
   * @param name a file under examples/manifests
   * @return its path
   */
  public static Path manifest(String name) {
    return root().resolve("examples/manifests").resolve(name);
  }
}
