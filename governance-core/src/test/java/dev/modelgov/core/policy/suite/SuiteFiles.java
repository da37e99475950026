package dev.modelgov.core.policy.suite;

import dev.modelgov.core.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes suite files next to a copy of the example manifests, so their relative paths resolve. */
final class SuiteFiles {

  /** The head of a suite over credit-scoring.yaml at promotion, with verified provenance of the manifest itself. */
  static final String HEAD = """
      apiVersion: policy.modelgov.dev/v1alpha1
      kind: PolicySuite
      metadata: {name: test-suite}
      policies: [builtin]
      defaults:
        manifest: credit-scoring.yaml
        point: promotion
        now: "2026-11-28T00:00:00Z"
        context:
          previousStage: STAGING
          provenance: {present: true, verified: true, signedManifestDigest: self, keyId: k1}
      """;

  private final Path dir;

  SuiteFiles(Path dir) {
    this.dir = dir;
    copy("credit-scoring.yaml");
    copy("minimal.yaml");
  }

  private void copy(String name) {
    try {
      Files.copy(TestFiles.manifest(name), dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param name the file name
   * @param text its content
   * @return the file
   */
  Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param cases the {@code cases:} block, YAML
   * @return the suite, with {@link #HEAD}
   */
  Path suite(String cases) {
    return write("test.suite.yaml", HEAD + cases);
  }
}
