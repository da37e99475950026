package dev.modelgov.testkit;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ManifestProblem;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.coverage.ComplianceCoverage;
import dev.modelgov.core.manifest.coverage.CoverageItem;
import dev.modelgov.core.manifest.coverage.CoverageStatus;
import dev.modelgov.core.manifest.coverage.RegulatoryFramework;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link ModelManifest}. Failure messages say what was expected and what was found, listing the
 * candidates (datasets, problems, coverage items). They never show the owner's contact or other personal data.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * assertThat(manifest).isValid().hasRiskClass(RiskClass.HIGH);   // passes for the credit-scoring example
 * assertThat(manifest).hasStage(LifecycleStage.STAGING);
 * // fails: "Expected stage STAGING but was PRODUCTION"
 * }</pre>
 */
public final class ManifestAssert extends AbstractAssert<ManifestAssert, ModelManifest> {

  ManifestAssert(ModelManifest actual) {
    super(actual, ManifestAssert.class);
  }

  /**
   * Checks that the manifest is valid: the builder's validation finds no problem, and it survives a round trip through
   * {@link ManifestCodec} (written as JSON, read back strictly with the default limits, equal to the original).
   *
   * <pre>{@code
   * assertThat(creditScoring).isValid();           // passes
   * assertThat(withHugeDescription).isValid();
   * // fails: "Expected manifest risk/credit-scoring@2.4.0 to be valid but found 1 problem:
   * //   description: longer than 16384 characters"
   * }</pre>
   *
   * @return this assertion
   */
  public ManifestAssert isValid() {
    isNotNull();
    List<ManifestProblem> problems = new ArrayList<>(actual.toBuilder().validate());
    if (problems.isEmpty()) {
      ManifestCodec codec = ManifestCodec.defaults();
      try {
        ModelManifest back = codec.readJson(codec.writeJson(actual));
        if (!back.equals(actual)) {
          problems.add(new ManifestProblem("", "the manifest read back from its JSON form differs from the original"));
        }
      } catch (ManifestFormatException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      failWithMessage("Expected manifest %s to be valid but found %s", actual.coordinates(), Texts.problems(problems));
    }
    return this;
  }

  /**
   * Checks the risk class.
   *
   * <pre>{@code
   * assertThat(creditScoring).hasRiskClass(RiskClass.HIGH);      // passes
   * assertThat(creditScoring).hasRiskClass(RiskClass.MINIMAL);
   * // fails: "Expected risk/credit-scoring@2.4.0 to have risk class MINIMAL but was HIGH"
   * }</pre>
   *
   * @param expected the expected class
   * @return this assertion
   */
  public ManifestAssert hasRiskClass(RiskClass expected) {
    isNotNull();
    if (actual.risk().riskClass() != expected) {
      failWithMessage(
          "Expected %s to have risk class %s but was %s", actual.coordinates(), expected, actual.risk().riskClass());
    }
    return this;
  }

  /**
   * Checks the lifecycle stage.
   *
   * <pre>{@code
   * assertThat(creditScoring).hasStage(LifecycleStage.PRODUCTION);   // passes
   * assertThat(creditScoring).hasStage(LifecycleStage.STAGING);
   * // fails: "Expected stage STAGING but was PRODUCTION"
   * }</pre>
   *
   * @param expected the expected stage
   * @return this assertion
   */
  public ManifestAssert hasStage(LifecycleStage expected) {
    isNotNull();
    if (actual.lifecycle().stage() != expected) {
      failWithMessage("Expected stage %s but was %s", expected, actual.lifecycle().stage());
    }
    return this;
  }

  /**
   * Checks the lifecycle stage; the same check as {@link #hasStage(LifecycleStage)}, for sentences that read better.
   *
   * <pre>{@code
   * assertThat(creditScoring).isInStage(LifecycleStage.PRODUCTION);   // passes
   * assertThat(creditScoring).isInStage(LifecycleStage.RETIRED);
   * // fails: "Expected stage RETIRED but was PRODUCTION"
   * }</pre>
   *
   * @param expected the expected stage
   * @return this assertion
   */
  public ManifestAssert isInStage(LifecycleStage expected) {
    return hasStage(expected);
  }

  /**
   * Checks the owning team (the contact is personal data and is never shown).
   *
   * <pre>{@code
   * assertThat(creditScoring).hasOwner("credit-risk-ml");   // passes
   * assertThat(creditScoring).hasOwner("fraud-ml");
   * // fails: "Expected risk/credit-scoring@2.4.0 to be owned by team <fraud-ml> but its owner is <credit-risk-ml>"
   * }</pre>
   *
   * @param team the expected team, must not be {@code null}
   * @return this assertion
   */
  public ManifestAssert hasOwner(String team) {
    Objects.requireNonNull(team, "team must not be null");
    isNotNull();
    if (!actual.owner().team().equals(team)) {
      failWithMessage(
          "Expected %s to be owned by team <%s> but its owner is <%s>", actual.coordinates(), team,
          actual.owner().team());
    }
    return this;
  }

  /**
   * Checks that a dataset of that name is declared.
   *
   * <pre>{@code
   * assertThat(creditScoring).hasDataset("applications-holdout");   // passes
   * assertThat(creditScoring).hasDataset("census");
   * // fails: "Expected a dataset named <census> but found only [applications, applications-holdout]"
   * }</pre>
   *
   * @param name the dataset name
   * @return this assertion
   */
  public ManifestAssert hasDataset(String name) {
    isNotNull();
    if (actual.dataset(name).isEmpty()) {
      failWithMessage(
          "Expected a dataset named <%s> but found only %s",
          name, actual.datasets().stream().map(Dataset::name).collect(Collectors.toList()));
    }
    return this;
  }

  /**
   * Checks that some dataset is pinned to this digest.
   *
   * <pre>{@code
   * assertThat(creditScoring).hasDatasetWithDigest("sha256:1111...1111");   // passes
   * assertThat(creditScoring).hasDatasetWithDigest("sha256:9999...9999");
   * // fails: "Expected a dataset with digest <sha256:9999...9999> but found
   * //   [applications=sha256:1111...1111, applications-holdout=sha256:2222...2222]"
   * }</pre>
   *
   * @param digest the digest, {@code sha256:<64 lower-case hex>}; must not be {@code null}
   * @return this assertion
   * @throws IllegalArgumentException if {@code digest} is not a digest
   */
  public ManifestAssert hasDatasetWithDigest(String digest) {
    Objects.requireNonNull(digest, "digest must not be null");
    Digest expected = Digest.parse(digest);
    isNotNull();
    if (actual.datasets().stream().noneMatch(d -> d.digest().matches(expected))) {
      failWithMessage(
          "Expected a dataset with digest <%s> but found %s",
          expected, actual.datasets().stream().map(d -> d.name() + "=" + d.digest()).collect(Collectors.toList()));
    }
    return this;
  }

  /**
   * Checks that every metric with a threshold meets it.
   *
   * <pre>{@code
   * assertThat(creditScoring).meetsAllMetricThresholds();   // passes
   * assertThat(withAuc0_80).meetsAllMetricThresholds();
   * // fails: "Expected every metric to meet its threshold but these do not: [auc=0.80 (min 0.85)]"
   * }</pre>
   *
   * @return this assertion
   */
  public ManifestAssert meetsAllMetricThresholds() {
    isNotNull();
    List<String> failing =
        actual.evaluation().metrics().stream()
            .filter(m -> !m.meetsThreshold())
            .map(ManifestAssert::describe)
            .collect(Collectors.toList());
    if (!failing.isEmpty()) {
      failWithMessage("Expected every metric to meet its threshold but these do not: %s", failing);
    }
    return this;
  }

  /**
   * Checks the manifest digest (SHA-256 of the canonical JSON).
   *
   * <pre>{@code
   * assertThat(creditScoring).hasDigest(ManifestCodec.defaults().digest(creditScoring).toString());   // passes
   * assertThat(creditScoring).hasDigest("sha256:0000...0000");
   * // fails: "Expected manifest digest sha256:0000...0000 but was sha256:..."
   * }</pre>
   *
   * @param expected the expected digest, {@code sha256:<hex>}
   * @return this assertion
   */
  public ManifestAssert hasDigest(String expected) {
    isNotNull();
    Digest actualDigest = ManifestCodec.defaults().digest(actual);
    if (!actualDigest.equals(Digest.parse(expected))) {
      failWithMessage("Expected manifest digest %s but was %s", expected, actualDigest);
    }
    return this;
  }

  /**
   * Checks that the manifest fully evidences one documentation item of a framework (every field that evidences it is
   * present; see {@link ComplianceCoverage}).
   *
   * <pre>{@code
   * assertThat(creditScoring).evidences(RegulatoryFramework.EU_AI_ACT_ANNEX_IV, "2(d)");   // passes
   * assertThat(minimal).evidences(RegulatoryFramework.EU_AI_ACT_ANNEX_IV, "2(d)");
   * // fails: "Expected demo/iris-classifier@1.0.0 to evidence EU AI Act Annex IV 2(d) but it is PARTIAL;
   * //   missing: [build.trainingRun]"
   * }</pre>
   *
   * @param framework the framework, must not be {@code null}
   * @param itemId the item id, such as {@code 2(d)} or {@code MEASURE 2.11}; must not be {@code null}
   * @return this assertion
   */
  public ManifestAssert evidences(RegulatoryFramework framework, String itemId) {
    Objects.requireNonNull(framework, "framework must not be null");
    Objects.requireNonNull(itemId, "itemId must not be null");
    isNotNull();
    List<CoverageItem> items = ComplianceCoverage.assess(actual).items(framework);
    Optional<CoverageItem> item = items.stream().filter(i -> i.itemId().equals(itemId)).findFirst();
    if (item.isEmpty()) {
      failWithMessage(
          "Expected %s to evidence %s %s but the framework has no such item. Items: %s", actual.coordinates(),
          framework.displayName(), itemId, items.stream().map(CoverageItem::itemId).collect(Collectors.toList()));
    } else if (item.get().status() != CoverageStatus.EVIDENCED) {
      failWithMessage(
          "Expected %s to evidence %s %s but it is %s; missing: %s", actual.coordinates(), framework.displayName(),
          itemId, item.get().status(), item.get().missing());
    }
    return this;
  }

  private static String describe(Metric m) {
    String min = m.threshold().flatMap(t -> t.min()).map(v -> "min " + v.toPlainString()).orElse("");
    String max = m.threshold().flatMap(t -> t.max()).map(v -> "max " + v.toPlainString()).orElse("");
    return m.name() + "=" + m.value().toPlainString() + " (" + (min + " " + max).trim() + ")";
  }
}
