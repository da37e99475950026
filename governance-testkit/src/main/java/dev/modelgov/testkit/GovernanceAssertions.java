package dev.modelgov.testkit;

import dev.modelgov.api.manifest.ModelManifest;

/**
 * The entry point of ModelGov's AssertJ assertions.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
 *
 * assertThat(manifest)
 *     .hasRiskClass(RiskClass.HIGH)
 *     .hasDataset("applications-holdout")
 *     .meetsAllMetricThresholds()
 *     .hasDigest("sha256:12f3...");
 * }</pre>
 */
public final class GovernanceAssertions {

  private GovernanceAssertions() {}

  /**
   * Starts assertions on a manifest.
   *
   * @param actual the manifest under test, may be {@code null} (the assertions then fail)
   * @return the assertion object
   */
  public static ManifestAssert assertThat(ModelManifest actual) {
    return new ManifestAssert(actual);
  }
}
