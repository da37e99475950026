package dev.modelgov.testkit;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The repository's example manifests and small model directories, shared by the assertion tests. */
final class Examples {

  /** The instant the policy tests evaluate at. */
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  /** A clock stopped at {@link #NOW}. */
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Examples() {}

  /** @return the repository root, from {@code -Dmodelgov.root} or the parent of the module directory */
  static Path root() {
    String p = System.getProperty("modelgov.root");
    return p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
  }

  /**
   * @param name a file under examples/manifests, such as {@code invalid/missing-fields.yaml}
   * @return its path
   */
  static Path manifestFile(String name) {
    return root().resolve("examples/manifests").resolve(name);
  }

  /** @return risk/credit-scoring 2.4.0: HIGH risk, PRODUCTION, two datasets, a pinned serving image */
  static ModelManifest creditScoring() {
    return read("credit-scoring.yaml");
  }

  /** @return the minimal example manifest */
  static ModelManifest minimal() {
    return read("minimal.yaml");
  }

  private static ModelManifest read(String name) {
    try {
      return ManifestCodec.defaults().read(manifestFile(name));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read example manifest " + name, e);
    }
  }

  /**
   * Writes a small model directory: weights, a config and a nested vocabulary file.
   *
   * @param parent where to create it
   * @param name the directory name
   * @return the model directory
   * @throws IOException if it cannot be written
   */
  static Path modelDirectory(Path parent, String name) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name));
    Files.writeString(dir.resolve("weights.bin"), "0.12 -0.5 1.75 0.003", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("config.json"), "{\"features\":[\"income\",\"debt_ratio\"]}", StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("tokenizer"));
    Files.writeString(dir.resolve("tokenizer/vocab.txt"), "north\nsouth\neast\nwest\n", StandardCharsets.UTF_8);
    return dir;
  }
}
