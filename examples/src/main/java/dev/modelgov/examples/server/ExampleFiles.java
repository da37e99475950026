package dev.modelgov.examples.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * The example's files, shipped as resources in the examples jar and copied into a directory so that the CLI, the
 * example app and tests can sign, verify and serve them like any user's files:
 *
 * <pre>
 * DIR/model/credit-scoring/model.json    the coefficients ({@link CreditScoringModel})
 * DIR/model/credit-scoring/README.md     what the model is and how it scores
 * DIR/credit-scoring.yaml                the model's manifest (its artifact digest is the model directory's)
 * DIR/drift-baseline.json                the reference distribution of the inputs
 * </pre>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ExampleFiles files = ExampleFiles.writeTo(Path.of("demo"));
 * ModelManifest manifest = governance.manifests().read(files.manifest());
 * CreditScoringModel model = CreditScoringModel.load(files.modelDirectory());
 * DriftBaseline baseline = DriftBaseline.read(files.driftBaseline());
 * }</pre>
 */
public final class ExampleFiles {

  /** The model directory, relative to the directory the files are written to. */
  public static final String MODEL_DIRECTORY = "model/credit-scoring";

  /** The manifest's file name. */
  public static final String MANIFEST = "credit-scoring.yaml";

  /** The drift baseline's file name. */
  public static final String DRIFT_BASELINE = "drift-baseline.json";

  private static final List<String> RESOURCES =
      List.of(MODEL_DIRECTORY + "/" + CreditScoringModel.FILE_NAME, MODEL_DIRECTORY + "/README.md", MANIFEST,
          DRIFT_BASELINE);

  private final Path modelDirectory;
  private final Path manifest;
  private final Path driftBaseline;

  private ExampleFiles(Path dir) {
    this.modelDirectory = dir.resolve(MODEL_DIRECTORY);
    this.manifest = dir.resolve(MANIFEST);
    this.driftBaseline = dir.resolve(DRIFT_BASELINE);
  }

  /**
   * Copies the shipped files into a directory, creating it and replacing files of the same names.
   *
   * @param dir the directory, must not be {@code null}
   * @return where the files are
   * @throws IOException if a file cannot be written, or a resource is missing from the jar
   */
  public static ExampleFiles writeTo(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir must not be null");
    for (String name : RESOURCES) {
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      try (InputStream in = resource(name)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return new ExampleFiles(dir);
  }

  /**
   * Reads one shipped file.
   *
   * @param name its path relative to the files' directory, e.g. {@code credit-scoring.yaml}
   * @return its bytes
   * @throws IOException if there is no such file in the jar
   */
  static byte[] read(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = ExampleFiles.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("the example file " + name + " is missing from the examples jar");
    }
    return in;
  }

  /**
   * The model directory: {@code model.json} and {@code README.md}, the files the signature covers.
   *
   * @return {@code DIR/model/credit-scoring}
   */
  public Path modelDirectory() {
    return modelDirectory;
  }

  /**
   * The model's manifest.
   *
   * @return {@code DIR/credit-scoring.yaml}
   */
  public Path manifest() {
    return manifest;
  }

  /**
   * The drift baseline of the model's inputs.
   *
   * @return {@code DIR/drift-baseline.json}
   */
  public Path driftBaseline() {
    return driftBaseline;
  }

  @Override
  public String toString() {
    return "ExampleFiles[" + manifest.getParent() + "]";
  }
}
