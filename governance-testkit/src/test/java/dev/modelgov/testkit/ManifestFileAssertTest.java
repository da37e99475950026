package dev.modelgov.testkit;

import static dev.modelgov.testkit.GovernanceAssertions.assertThatManifestFile;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.core.manifest.ManifestCodec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestFileAssertTest {

  private static final Path CREDIT = Examples.manifestFile("credit-scoring.yaml");
  private static final Path MISSING_FIELDS = Examples.manifestFile("invalid/missing-fields.yaml");
  private static final Path DUPLICATE_KEY = Examples.manifestFile("invalid/duplicate-key.json");

  @Test
  void a_valid_file_passes_and_leads_to_its_manifest() {
    // GIVEN the credit-scoring example file
    // THEN it is valid, and the manifest it holds can be asserted on
    assertThatManifestFile(CREDIT).isValid().manifest().hasRiskClass(RiskClass.HIGH).hasOwner("credit-risk-ml");
  }

  @Test
  void is_valid_fails_listing_every_problem_with_its_path() {
    // GIVEN the problems the codec reports for the missing-fields example
    ManifestFormatException e = problemsOf(MISSING_FIELDS);
    // WHEN asserted valid THEN every problem is listed, one per line
    assertThatThrownBy(() -> assertThatManifestFile(MISSING_FIELDS).isValid())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected <" + MISSING_FIELDS + "> to be a valid manifest but found "
            + e.problems().size() + " problems:")
        .hasMessageContaining("\n  datasets[1].digest: ");
    assertThatThrownBy(() -> assertThatManifestFile(MISSING_FIELDS).manifest())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be a valid manifest but found");
  }

  @Test
  void is_invalid_and_has_problem_at_pass_for_a_broken_file() {
    // GIVEN the missing-fields example, whose second dataset has no digest
    // THEN it is invalid with a problem at that path
    assertThatManifestFile(MISSING_FIELDS).isInvalid().hasProblemAt("datasets[1].digest");
  }

  @Test
  void is_invalid_fails_for_a_valid_file_naming_the_manifest() {
    assertThatThrownBy(() -> assertThatManifestFile(CREDIT).isInvalid())
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected <" + CREDIT + "> to be an invalid manifest but it is valid: risk/credit-scoring@2.4.0");
  }

  @Test
  void has_problem_at_fails_listing_the_problems_found() {
    // WHEN the expected path has no problem THEN the problems found are listed
    assertThatThrownBy(() -> assertThatManifestFile(MISSING_FIELDS).hasProblemAt("datasets[0].digest"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "Expected <" + MISSING_FIELDS + "> to have a problem at <datasets[0].digest> but found ")
        .hasMessageContaining("datasets[1].digest");
    // AND for a valid file the message says it has none
    assertThatThrownBy(() -> assertThatManifestFile(CREDIT).hasProblemAt("id"))
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith("but found none: it is the valid manifest risk/credit-scoring@2.4.0");
  }

  @Test
  void has_problem_containing_matches_document_level_problems() {
    // GIVEN a JSON file with a duplicate key, a problem of the whole document
    ManifestFormatException e = problemsOf(DUPLICATE_KEY);
    // THEN its message can be matched, and the problem sits at the document path ""
    assertThatManifestFile(DUPLICATE_KEY).isInvalid().hasProblemContaining("version").hasProblemAt("");
    // AND a text no problem contains fails with the problems found
    assertThatThrownBy(() -> assertThatManifestFile(DUPLICATE_KEY).hasProblemContaining("colour"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have a problem containing <colour> but found 1 problem:\n  "
            + e.problems().get(0).message());
  }

  @Test
  void an_unreadable_file_fails_with_the_io_error(@TempDir Path dir) {
    Path absent = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> assertThatManifestFile(absent).isValid())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a readable manifest file <" + absent + "> but it cannot be read: ")
        .hasMessageContaining("NoSuchFileException");
    assertThatThrownBy(() -> assertThatManifestFile(null).isValid()).isInstanceOf(AssertionError.class);
  }

  private static ManifestFormatException problemsOf(Path file) {
    try {
      ManifestCodec.defaults().read(file);
    } catch (ManifestFormatException e) {
      return e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException(file + " is valid");
  }
}
