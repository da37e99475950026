package dev.modelgov.testkit;

import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ManifestProblem;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a manifest file (JSON or YAML by its extension), read strictly by {@link ManifestCodec#defaults()}:
 * duplicate keys, unknown fields, wrong types and size or depth limits are problems, each with its JSON path. The file
 * is read once, at the first assertion.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * assertThatManifestFile(Path.of("examples/manifests/credit-scoring.yaml")).isValid()
 *     .manifest().hasRiskClass(RiskClass.HIGH);
 * assertThatManifestFile(Path.of("examples/manifests/invalid/missing-fields.yaml"))
 *     .isInvalid()
 *     .hasProblemAt("datasets[1].digest");
 * }</pre>
 */
public final class ManifestFileAssert extends AbstractAssert<ManifestFileAssert, Path> {

  private ModelManifest manifest;
  private List<ManifestProblem> problems;

  ManifestFileAssert(Path actual) {
    super(actual, ManifestFileAssert.class);
  }

  private void read() {
    isNotNull();
    if (manifest != null || problems != null) {
      return;
    }
    try {
      manifest = ManifestCodec.defaults().read(actual);
      problems = List.of();
    } catch (ManifestFormatException e) {
      problems = e.problems();
    } catch (IOException e) {
      failWithMessage("Expected a readable manifest file <%s> but it cannot be read: %s", actual, e.toString());
    }
  }

  /**
   * Checks that the file is a valid manifest.
   *
   * <pre>{@code
   * assertThatManifestFile(creditScoringYaml).isValid();   // passes
   * assertThatManifestFile(missingFieldsYaml).isValid();
   * // fails: "Expected <.../missing-fields.yaml> to be a valid manifest but found 4 problems:
   * //   description: missing
   * //   datasets[1].digest: missing
   * //   ..."
   * }</pre>
   *
   * @return this assertion
   */
  public ManifestFileAssert isValid() {
    read();
    if (!problems.isEmpty()) {
      failWithMessage("Expected <%s> to be a valid manifest but found %s", actual, Texts.problems(problems));
    }
    return this;
  }

  /**
   * Checks that the file is not a valid manifest.
   *
   * <pre>{@code
   * assertThatManifestFile(duplicateKeyJson).isInvalid();   // passes
   * assertThatManifestFile(creditScoringYaml).isInvalid();
   * // fails: "Expected <.../credit-scoring.yaml> to be an invalid manifest but it is valid: risk/credit-scoring@2.4.0"
   * }</pre>
   *
   * @return this assertion
   */
  public ManifestFileAssert isInvalid() {
    read();
    if (problems.isEmpty()) {
      failWithMessage(
          "Expected <%s> to be an invalid manifest but it is valid: %s", actual, manifest.coordinates());
    }
    return this;
  }

  /**
   * Checks that reading the file reports a problem at this JSON path (without the leading {@code $}; {@code ""} for
   * problems with the whole document, such as syntax errors).
   *
   * <pre>{@code
   * assertThatManifestFile(missingFieldsYaml).hasProblemAt("datasets[1].digest");   // passes
   * assertThatManifestFile(missingFieldsYaml).hasProblemAt("datasets[0].digest");
   * // fails: "Expected <.../missing-fields.yaml> to have a problem at <datasets[0].digest> but found 4 problems:
   * //   description: missing
   * //   datasets[1].digest: missing
   * //   ..."
   * }</pre>
   *
   * @param path the JSON path, such as {@code datasets[1].digest}; must not be {@code null}
   * @return this assertion
   */
  public ManifestFileAssert hasProblemAt(String path) {
    Objects.requireNonNull(path, "path must not be null");
    read();
    if (problems.stream().noneMatch(p -> p.path().equals(path))) {
      failWithMessage("Expected <%s> to have a problem at <%s> but found %s", actual, path, found());
    }
    return this;
  }

  /**
   * Checks that some problem's message contains this text (useful for document-level problems such as a duplicate
   * key or a syntax error, whose message names the line, column and byte offset).
   *
   * <pre>{@code
   * assertThatManifestFile(duplicateKeyJson).hasProblemContaining("version");   // passes
   * assertThatManifestFile(duplicateKeyJson).hasProblemContaining("byte offset 999");
   * // fails: "Expected <.../duplicate-key.json> to have a problem containing <byte offset 999> but found 1 problem:
   * //   Duplicate field 'version' ..."
   * }</pre>
   *
   * @param text the text, must not be {@code null}
   * @return this assertion
   */
  public ManifestFileAssert hasProblemContaining(String text) {
    Objects.requireNonNull(text, "text must not be null");
    read();
    if (problems.stream().noneMatch(p -> p.message().contains(text))) {
      failWithMessage("Expected <%s> to have a problem containing <%s> but found %s", actual, text, found());
    }
    return this;
  }

  /**
   * Continues with assertions on the manifest the file holds.
   *
   * <pre>{@code
   * assertThatManifestFile(creditScoringYaml).manifest().hasOwner("credit-risk-ml");   // passes
   * assertThatManifestFile(missingFieldsYaml).manifest();
   * // fails: "Expected <.../missing-fields.yaml> to be a valid manifest but found 4 problems: ..."
   * }</pre>
   *
   * @return assertions on the manifest
   */
  public ManifestAssert manifest() {
    isValid();
    return new ManifestAssert(manifest);
  }

  private String found() {
    return problems.isEmpty() ? "none: it is the valid manifest " + manifest.coordinates() : Texts.problems(problems);
  }
}
