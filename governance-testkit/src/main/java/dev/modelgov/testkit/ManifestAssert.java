package dev.modelgov.testkit;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.core.manifest.ManifestCodec;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link ModelManifest}. Failure messages say what was expected and what was found.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * assertThat(manifest).hasRiskClass(RiskClass.HIGH);   // passes for the credit-scoring example
 * assertThat(manifest).hasStage(LifecycleStage.STAGING); // fails: "Expected stage STAGING but was PRODUCTION"
 * }</pre>
 */
public final class ManifestAssert extends AbstractAssert<ManifestAssert, ModelManifest> {

  ManifestAssert(ModelManifest actual) {
    super(actual, ManifestAssert.class);
  }

  /**
   * Checks the risk class.
   *
   * @param expected the expected class
   * @return this assertion
   */
  public ManifestAssert hasRiskClass(RiskClass expected) {
    isNotNull();
    if (actual.risk().riskClass() != expected) {
      failWithMessage("Expected %s to have risk class %s but was %s", actual.coordinates(), expected, actual.risk().riskClass());
    }
    return this;
  }

  /**
   * Checks the lifecycle stage.
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
   * Checks that a dataset of that name is declared.
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
   * Checks that every metric with a threshold meets it.
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

  private static String describe(Metric m) {
    String min = m.threshold().flatMap(t -> t.min()).map(v -> "min " + v.toPlainString()).orElse("");
    String max = m.threshold().flatMap(t -> t.max()).map(v -> "max " + v.toPlainString()).orElse("");
    return m.name() + "=" + m.value().toPlainString() + " (" + (min + " " + max).trim() + ")";
  }
}
