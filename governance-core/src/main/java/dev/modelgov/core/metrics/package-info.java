/**
 * Model-serving metrics: a Micrometer binder per model version, streaming drift and fairness with bounded memory,
 * offline statistics on arrays, the runtime signals the policy engine re-checks, and Prometheus alert rules rendered
 * from the same thresholds.
 *
 * <p>Micrometer is optional: only {@link dev.modelgov.core.metrics.ModelMetrics} (and its internal meter package)
 * touches it. Drift, fairness, statistics, configuration and alert rendering work without it.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * MetricsConfig cfg = MetricsConfig.read(Path.of("metrics.yaml"));
 * DriftBaseline baseline = DriftBaseline.builder()
 *     .numeric("income", trainingIncome)
 *     .categorical("region", trainingRegion)
 *     .build();
 *
 * ModelMetrics metrics = ModelMetrics.builder("credit-scoring", "2.4.0")
 *     .config(cfg)
 *     .drift(baseline)
 *     .fairness("sex", "male")
 *     .build();
 * metrics.bindTo(meterRegistry);
 *
 * // per request
 * try (ModelMetrics.Inference p = metrics.start()) {
 *   Decision d = model.predict(x);
 *   metrics.observe(new double[] {x.income()}, new String[] {x.region()});
 *   metrics.recordPrediction(requestId, Map.of("sex", x.sex()), d.approved());
 *   p.success(d.label());
 * }
 * // when the outcome is known
 * metrics.recordOutcome(requestId, repaid);
 *
 * // policy re-check and alerts
 * RuntimeSignals signals = metrics.signals();
 * String rules = AlertRules.render(cfg, AlertRules.Format.PROMETHEUS_RULE);
 *
 * // offline, on columns
 * List<DriftResult> rows = DriftStatistics.compare(referenceColumns, currentColumns, cfg.drift());
 * }</pre>
 */
package dev.modelgov.core.metrics;
