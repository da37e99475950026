package dev.modelgov.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JMH JSON result file ({@code -rf json}) and prints each score with the canonical/baseline ratios of
 * {@link ManifestDigestBenchmark}, the speed-ups of {@link ModelHashBenchmark} over openssl, the library/raw
 * BouncyCastle ratios of {@link SigningBenchmark}, the audit log against its baselines ({@link
 * AuditSyncBenchmark}, {@link AuditAsyncBenchmark}, {@link AuditVerifyBenchmark}) with its absolute rates, and the
 * model metrics binder against a bare Micrometer timer ({@link MetricsBenchmark}) with its absolute per-prediction
 * budgets and the heap growth of {@link MetricsSoakBenchmark}. {@code scripts/bench.sh} runs it after every run.
 *
 * <p>A benchmark with a {@code features} parameter ({@link MetricsBenchmark}) is keyed by method and parameter, for
 * example {@code modelMetrics[F=10]}; secondary results (JMH {@code @AuxCounters}) are keyed {@code method:name}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.modelgov.benchmarks.BenchSummary result.json}. Exits with 0, or with
 * 3 when the environment variable {@code BENCH_ENFORCE=1} is set and a ratio misses its target.
 */
public final class BenchSummary {

  /**
   * One printed ratio: numerator benchmark over denominator benchmark, with a target (0 for none) that the ratio must
   * stay at or below ({@code atLeast} false, for cost ratios) or reach ({@code atLeast} true, for speed-ups).
   */
  private record Ratio(String label, String numerator, String denominator, double target, boolean atLeast) {}

  private static final Ratio[] RATIOS = {
    new Ratio("digest: canonical / plain Jackson", "canonicalDigest", "baselinePlainJacksonDigest", 2.0, false),
    new Ratio("writer only: canonical / plain Jackson", "canonicalOnlyFromTree", "plainOnlyFromTree", 0.0, false),
    new Ratio(
        "model hash speed-up: openssl / ModelHasher 2 threads", "baselineOpensslDgst", "modelHasherTwoThreads", 1.5,
        true),
    new Ratio(
        "model hash speed-up: openssl / ModelHasher 1 thread", "baselineOpensslDgst", "modelHasherOneThread", 0.0,
        true),
    new Ratio(
        "model hash scaling: 1 thread / 2 threads", "modelHasherOneThread", "modelHasherTwoThreads", 0.0, true),
    new Ratio("envelope sign (DSSE JSON) / raw BC Ed25519 on its PAE", "envelopeSign", "envelopeSignRawBc", 1.1, false),
    new Ratio("envelope verify / raw BC Ed25519 on its PAE", "envelopeVerify", "envelopeVerifyRawBc", 1.1, false),
    new Ratio("statement verify (full) / raw BC Ed25519 on its PAE", "statementVerify", "envelopeVerifyRawBc", 0.0, false),
    new Ratio("ed25519 sign: SigningKey / raw BC Ed25519Signer", "ed25519Sign", "ed25519SignRawBc", 1.1, false),
    new Ratio(
        "ed25519 verify: VerificationKey / raw BC Ed25519Signer", "ed25519Verify", "ed25519VerifyRawBc", 1.1, false),
    new Ratio("ecdsa p256 sign: SigningKey / raw BC ECDSASigner", "ecdsaP256Sign", "ecdsaP256SignRawBc", 0.0, false),
    new Ratio(
        "ecdsa p256 verify: VerificationKey / raw BC ECDSASigner", "ecdsaP256Verify", "ecdsaP256VerifyRawBc", 0.0,
        false),
    // Audit log (Audit*Benchmark). Throughput scores (ops/s) are higher-is-better, so ours is the numerator; for time
    // scores (ns per event or leaf) the baseline is. "@p99" is the 99th percentile of a SampleTime benchmark.
    new Ratio("audit SYNC events/s: DurableAuditLog / group commit", "auditSync", "baselineGroupCommit", 0.8, true),
    new Ratio(
        "audit SYNC p99 ack: DurableAuditLog / group commit", "auditSyncLatency@p99", "baselineGroupCommitLatency@p99",
        2.0, false),
    new Ratio("audit SYNC events/s: DurableAuditLog / PostgreSQL", "auditSync", "baselinePostgres", 2.0, true),
    new Ratio("audit ASYNC events/s: DurableAuditLog / Log4j2 async", "baselineLog4jAsync", "auditAsync", 1.0, true),
    new Ratio(
        "audit verify leaves/s: AuditVerifier / raw SHA-256", "baselineSha256Leaves", "auditVerify", 0.0, true),
    // Policy engine (PolicyBenchmark, SampleTime): the CEL pack through the engine against the same expressions
    // evaluated directly with cel-java. The target is the overhead of the governance layer: at most 20%.
    new Ratio("policy p50: CEL pack via engine / direct cel-java", "packCel@p50", "baselineCelDirect@p50", 1.2, false),
    new Ratio("policy mean: CEL pack via engine / direct cel-java", "packCel", "baselineCelDirect", 0.0, false),
    new Ratio("policy p50: mixed pack / direct cel-java", "packMixed@p50", "baselineCelDirect@p50", 0.0, false),
    // Model metrics (MetricsBenchmark): start + observe(F features) + success against a cached Micrometer timer
    // (two clock reads and Timer.record). At F = 0 (no drift features) at most 2x; for F > 0 see LIMITS.
    new Ratio("metrics F=0 / bare timer", "modelMetrics[F=0]", "baselineTimer[F=0]", 2.0, false),
    new Ratio("metrics F=10 / bare timer", "modelMetrics[F=10]", "baselineTimer[F=10]", 0.0, false),
    new Ratio("metrics F=50 / bare timer", "modelMetrics[F=50]", "baselineTimer[F=50]", 0.0, false),
    // ModelGate (GateBenchmark): one request (timer, drift, fairness, input digest, audit event) through the gate
    // against the same calls made by hand. The facade may add at most 10%.
    new Ratio("gate request / same calls by hand", "gate", "baselineByHand", 1.1, false),
  };

  /**
   * An absolute ceiling: a time per operation (converted to ns, {@code bytes} false) or a secondary result in bytes
   * ({@code bytes} true) must stay at or below {@code max}.
   */
  private record Limit(String label, String key, double max, boolean bytes) {}

  private static final Limit[] LIMITS = {
    // The per-prediction budget of the metrics binder: 100 ns + 10 ns per drift feature.
    new Limit("metrics F=0 per prediction, ns (100 + 10 x F)", "modelMetrics[F=0]", 100, false),
    new Limit("metrics F=10 per prediction, ns (100 + 10 x F)", "modelMetrics[F=10]", 200, false),
    new Limit("metrics F=50 per prediction, ns (100 + 10 x F)", "modelMetrics[F=50]", 600, false),
    // Flat heap: what predictions 1M..10M left on the heap after a full GC.
    new Limit("metrics soak heap growth 1M -> 10M predictions, bytes", "tenMillionPredictions:heapGrowthBytes",
        1 << 20, true),
  };

  /**
   * An absolute rate: the benchmark's operations per second (from a throughput score, or 1 / time per operation) must
   * reach {@code floor} (0 for none, print only).
   */
  private record Rate(String label, String benchmark, double floor) {}

  private static final Rate[] RATES = {
    new Rate("audit SYNC DurableAuditLog, events/s", "auditSync", 0),
    new Rate("audit SYNC group-commit baseline, events/s", "baselineGroupCommit", 0),
    new Rate("audit SYNC PostgreSQL baseline, inserts/s", "baselinePostgres", 0),
    new Rate("audit ASYNC DurableAuditLog, events/s", "auditAsync", 0),
    new Rate("audit ASYNC Log4j2 baseline, events/s", "baselineLog4jAsync", 0),
    new Rate("audit verify AuditVerifier, leaves/s", "auditVerify", 1_000_000),
    new Rate("audit verify raw SHA-256 baseline, leaves/s", "baselineSha256Leaves", 0),
    // 20,000 evaluations/s at the median = 50 us per evaluation of the 21-rule pack; 1 cold start/s = 1 s.
    new Rate("policy mixed pack p50, evaluations/s", "packMixed@p50", 20_000),
    new Rate("policy mixed pack p99, evaluations/s", "packMixed@p99", 0),
    new Rate("policy CEL pack p50, evaluations/s", "packCel@p50", 0),
    new Rate("policy Java pack p50, evaluations/s", "packJava@p50", 0),
    new Rate("policy direct cel-java p50, evaluations/s", "baselineCelDirect@p50", 0),
    new Rate("policy cold load + compile of the CEL pack, per s", "coldLoadAndCompile", 1),
    // K8sPostureBenchmark: governance-strict with a cluster context over 10,000 generated Deployments.
    new Rate("k8s posture governance-strict + context, workloads/s", "k8sPostureScan", 50_000),
    // K8sAdmissionBenchmark: a governed Deployment review, bytes in -> bytes out (p50 <= 1 ms).
    new Rate("k8s admission review p50, reviews/s", "k8sAdmission@p50", 1_000),
    new Rate("k8s admission review p99, reviews/s", "k8sAdmission@p99", 0),
  };

  /** The benchmarks of {@link ManifestDigestBenchmark} that the ratios read. */
  private static final java.util.Set<String> MANIFEST_INPUTS =
      java.util.Set.of("canonicalDigest", "baselinePlainJacksonDigest", "canonicalOnlyFromTree", "plainOnlyFromTree");

  /** The benchmarks of {@link ModelHashBenchmark}. */
  private static final java.util.Set<String> MODEL_HASH_INPUTS =
      java.util.Set.of("baselineOpensslDgst", "modelHasherTwoThreads", "modelHasherOneThread");

  private BenchSummary() {}

  /**
   * Prints the summary.
   *
   * @param args the JMH JSON result file
   * @throws IOException if the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: BenchSummary <jmh-result.json>");
      System.exit(2);
    }
    boolean missed = print(new ObjectMapper().readTree(Path.of(args[0]).toFile()), System.out);
    if (missed && "1".equals(System.getenv("BENCH_ENFORCE"))) {
      System.exit(3);
    }
  }

  /**
   * Prints scores and ratios.
   *
   * @param results the JMH result array
   * @param out where to print
   * @return whether a ratio missed its target
   */
  static boolean print(JsonNode results, PrintStream out) {
    Map<String, double[]> scores = new LinkedHashMap<>();
    Map<String, String> units = new LinkedHashMap<>();
    Map<String, Double> secondary = new LinkedHashMap<>();
    int treeMiB = 0;
    for (JsonNode r : results) {
      String name = r.path("benchmark").asText();
      String method = name.substring(name.lastIndexOf('.') + 1);
      JsonNode features = r.path("params").path("features");
      if (features.isTextual()) {
        method = method + "[F=" + features.asText() + "]";
      }
      for (Map.Entry<String, JsonNode> e : r.path("secondaryMetrics").properties()) {
        secondary.put(method + ":" + e.getKey(), e.getValue().path("score").asDouble());
      }
      JsonNode metric = r.path("primaryMetric");
      // The best iteration: the fastest, so the highest score in throughput mode and the lowest otherwise.
      boolean higherIsBetter = "thrpt".equals(r.path("mode").asText());
      double best = Double.NaN;
      for (JsonNode fork : metric.path("rawData")) {
        for (JsonNode iteration : fork) {
          double v = iteration.asDouble();
          best = Double.isNaN(best) ? v : higherIsBetter ? Math.max(best, v) : Math.min(best, v);
        }
      }
      scores.put(
          method, new double[] {metric.path("score").asDouble(), metric.path("scoreError").asDouble(), best});
      units.put(method, metric.path("scoreUnit").asText());
      if ("sample".equals(r.path("mode").asText())) {
        // SampleTime: the score is the mean; the percentiles are what latency targets use.
        for (String p : new String[] {"50.0", "99.0", "99.9"}) {
          JsonNode v = metric.path("scorePercentiles").path(p);
          if (v.isNumber()) {
            String key = method + "@p" + p.replace(".0", "");
            scores.put(key, new double[] {v.asDouble(), Double.NaN, Double.NaN});
            units.put(key, metric.path("scoreUnit").asText());
          }
        }
      }
      if (MODEL_HASH_INPUTS.contains(method)) {
        treeMiB = r.path("params").path("sizeMiB").asInt(0);
      }
    }
    out.println();
    out.println("== ModelGov benchmark summary ==");
    if (scores.keySet().stream().anyMatch(MANIFEST_INPUTS::contains)) {
      out.println("  manifest " + ManifestDigestBenchmark.describeManifest());
    }
    if (treeMiB >= 16) {
      out.println("  model tree " + ModelHashBenchmark.describeTree(treeMiB));
    }
    if (java.util.Arrays.stream(RATES).anyMatch(rate -> scores.containsKey(rate.benchmark()))) {
      out.println("  audit events: " + AuditBenchEvents.create().describe());
    }
    int width = Math.max(28, scores.keySet().stream().mapToInt(String::length).max().orElse(0));
    for (Map.Entry<String, double[]> e : scores.entrySet()) {
      double error = e.getValue()[1];
      String err = Double.isFinite(error) ? String.format(Locale.ROOT, "± %8.3f", error) : "± %8s".formatted("n/a");
      double best = e.getValue()[2];
      String bestText = Double.isFinite(best) ? String.format(Locale.ROOT, "  (best %.3f)", best) : "";
      out.printf(
          Locale.ROOT, "  %-" + width + "s %10.3f %s %s%s%n", e.getKey(), e.getValue()[0], err, units.get(e.getKey()),
          bestText);
    }
    boolean missed = false;
    for (Ratio ratio : RATIOS) {
      double[] num = scores.get(ratio.numerator());
      double[] den = scores.get(ratio.denominator());
      if (num == null || den == null || den[0] <= 0) {
        continue;
      }
      double value = num[0] / den[0];
      double target = ratio.target();
      String verdict = "";
      if (target > 0) {
        boolean ok = ratio.atLeast() ? value >= target : value <= target;
        missed |= !ok;
        verdict =
            String.format(
                Locale.ROOT, "  (target %s %.1fx: %s)", ratio.atLeast() ? ">=" : "<=", target, ok ? "met" : "MISSED");
      }
      String best =
          Double.isFinite(num[2]) && Double.isFinite(den[2]) && den[2] > 0
              ? String.format(Locale.ROOT, "  [best iterations: %.2fx]", num[2] / den[2])
              : "";
      out.printf(Locale.ROOT, "  %-54s %6.2fx%s%s%n", ratio.label(), value, verdict, best);
    }
    for (Ratio ratio : RATIOS) {
      // Half a pair: say which side is missing (a skipped or failed benchmark) instead of staying silent.
      boolean hasNum = scores.containsKey(ratio.numerator());
      boolean hasDen = scores.containsKey(ratio.denominator());
      if (hasNum != hasDen) {
        out.printf(
            Locale.ROOT, "  %-54s    n/a  (no result for %s: skipped or failed)%n", ratio.label(),
            hasNum ? ratio.denominator() : ratio.numerator());
      }
    }
    for (Limit limit : LIMITS) {
      double value;
      if (limit.bytes()) {
        value = secondary.getOrDefault(limit.key(), Double.NaN);
      } else {
        double[] score = scores.get(limit.key());
        value = score == null ? Double.NaN : nanos(score[0], units.get(limit.key()));
      }
      if (!Double.isFinite(value)) {
        continue;
      }
      boolean ok = value <= limit.max();
      missed |= !ok;
      out.printf(Locale.ROOT, "  %-54s %,12.0f  (target <= %,.0f: %s)%n", limit.label(), value, limit.max(),
          ok ? "met" : "MISSED");
    }
    for (Rate rate : RATES) {
      double[] score = scores.get(rate.benchmark());
      if (score == null) {
        continue;
      }
      double perSecond = perSecond(score[0], units.get(rate.benchmark()));
      if (!Double.isFinite(perSecond)) {
        continue;
      }
      String verdict = "";
      if (rate.floor() > 0) {
        boolean ok = perSecond >= rate.floor();
        missed |= !ok;
        verdict = String.format(Locale.ROOT, "  (target >= %,.0f: %s)", rate.floor(), ok ? "met" : "MISSED");
      }
      double bestPerSecond = perSecond(score[2], units.get(rate.benchmark()));
      String best =
          Double.isFinite(bestPerSecond)
              ? String.format(Locale.ROOT, "  [best iteration: %,.0f]", bestPerSecond)
              : "";
      out.printf(Locale.ROOT, "  %-54s %,12.0f%s%s%n", rate.label(), perSecond, verdict, best);
    }
    return missed;
  }

  /**
   * Operations per second from a JMH score.
   *
   * @param score the score
   * @param unit its unit, {@code ops/<time>} or {@code <time>/op}
   * @return operations per second, or NaN for an unknown unit
   */
  static double perSecond(double score, String unit) {
    if (unit == null || !Double.isFinite(score) || score <= 0) {
      return Double.NaN;
    }
    if (unit.startsWith("ops/")) {
      double seconds = secondsOf(unit.substring(4));
      return score / seconds;
    }
    if (unit.endsWith("/op")) {
      double seconds = secondsOf(unit.substring(0, unit.length() - 3));
      return 1.0 / (score * seconds);
    }
    return Double.NaN;
  }

  /**
   * Nanoseconds per operation from a JMH time score.
   *
   * @param score the score
   * @param unit its unit, {@code <time>/op}
   * @return nanoseconds per operation, or NaN for a throughput or unknown unit
   */
  static double nanos(double score, String unit) {
    if (unit == null || !unit.endsWith("/op") || !Double.isFinite(score)) {
      return Double.NaN;
    }
    return score * secondsOf(unit.substring(0, unit.length() - 3)) * 1e9;
  }

  private static double secondsOf(String timeUnit) {
    return switch (timeUnit) {
      case "ns" -> 1e-9;
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "s" -> 1.0;
      case "min" -> 60.0;
      default -> Double.NaN;
    };
  }
}
