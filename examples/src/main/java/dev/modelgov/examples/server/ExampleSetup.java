package dev.modelgov.examples.server;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.core.Governance;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.DriftConfig;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.core.metrics.ModelMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The example's governance settings, shared by {@link ExampleApp}, {@code governance demo} and the tests, so that
 * all of them monitor the model the same way.
 *
 * <ul>
 *   <li>Drift windows of {@value #DRIFT_WINDOW_SAMPLES} requests (or 2 minutes), so that drift shows within a few
 *       hundred requests; a closed window is computed on the request thread that closed it, so its gauges are up to
 *       date as soon as that request is answered.
 *   <li>Fairness on the {@value #FAIRNESS_ATTRIBUTE} attribute with privileged group {@value #PRIVILEGED_GROUP}.
 *   <li>The startup decision is a promotion from {@code STAGING} (the manifest's stage is {@code PRODUCTION}).
 * </ul>
 *
 * <pre>{@code
 * ModelMetrics metrics = ExampleSetup.metrics(governance, manifest, files.driftBaseline());
 * ModelGate gate = governance.gate(manifest).modelDirectory(files.modelDirectory()).provenance(envelope)
 *     .metrics(metrics).context(ExampleSetup.promotionContext()).open();
 * }</pre>
 */
public final class ExampleSetup {

  /** The protected attribute monitored for fairness. */
  public static final String FAIRNESS_ATTRIBUTE = "sex";

  /** The privileged group of {@link #FAIRNESS_ATTRIBUTE}. */
  public static final String PRIVILEGED_GROUP = "m";

  /** The output class of an approval. */
  public static final String APPROVE = "approve";

  /** The output class of a decline. */
  public static final String DECLINE = "decline";

  /** Requests per drift window. */
  public static final int DRIFT_WINDOW_SAMPLES = 200;

  private ExampleSetup() {}

  /**
   * The metrics config: default thresholds, drift windows of {@value #DRIFT_WINDOW_SAMPLES} requests or 2 minutes.
   *
   * @return the config
   */
  public static MetricsConfig metricsConfig() {
    return MetricsConfig.builder()
        .drift(DriftConfig.builder().windowSamples(DRIFT_WINDOW_SAMPLES).windowDuration(Duration.ofMinutes(2)).build())
        .build();
  }

  /**
   * The model's metrics: {@link #metricsConfig()}, drift against the baseline, fairness on {@value
   * #FAIRNESS_ATTRIBUTE}, the two output classes; not yet bound (the gate binds them when it opens).
   *
   * @param governance the facade (its clock and naming)
   * @param manifest the model's manifest
   * @param driftBaseline the baseline file, e.g. {@link ExampleFiles#driftBaseline()}
   * @return the metrics
   * @throws IOException if the baseline cannot be read or is invalid (the message names the JSON path)
   */
  public static ModelMetrics metrics(Governance governance, ModelManifest manifest, Path driftBaseline)
      throws IOException {
    DriftBaseline baseline;
    try {
      baseline = DriftBaseline.read(driftBaseline);
    } catch (JsonFormatException e) {
      throw new IOException(driftBaseline + ": " + e.getMessage(), e);
    }
    return governance.metrics(manifest)
        .config(metricsConfig())
        .drift(baseline)
        .driftExecutor(Runnable::run)
        .fairness(FAIRNESS_ATTRIBUTE, PRIVILEGED_GROUP)
        .outputClasses(APPROVE, DECLINE)
        .build();
  }

  /**
   * The context of the gate's startup decision: a promotion from {@code STAGING}.
   *
   * @return the context
   */
  public static EvaluationContext promotionContext() {
    return EvaluationContext.builder().point(EnforcementPoint.PROMOTION).previousStage(LifecycleStage.STAGING).build();
  }
}
