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
 * {@link ManifestDigestBenchmark}. {@code scripts/bench.sh} runs it after every run.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.modelgov.benchmarks.BenchSummary result.json}. Exits with 0, or with
 * 3 when the environment variable {@code BENCH_ENFORCE=1} is set and a ratio misses its target.
 */
public final class BenchSummary {

  /** One printed ratio: numerator benchmark over denominator benchmark, with a target (0 for none). */
  private record Ratio(String label, String numerator, String denominator, double target) {}

  private static final Ratio[] RATIOS = {
    new Ratio("digest: canonical / plain Jackson", "canonicalDigest", "baselinePlainJacksonDigest", 2.0),
    new Ratio("writer only: canonical / plain Jackson", "canonicalOnlyFromTree", "plainOnlyFromTree", 0.0),
  };

  private static final java.util.Set<String> RATIO_INPUTS =
      java.util.Arrays.stream(RATIOS)
          .flatMap(r -> java.util.stream.Stream.of(r.numerator(), r.denominator()))
          .collect(java.util.stream.Collectors.toSet());

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
    String unit = "";
    for (JsonNode r : results) {
      String name = r.path("benchmark").asText();
      String method = name.substring(name.lastIndexOf('.') + 1);
      JsonNode metric = r.path("primaryMetric");
      scores.put(method, new double[] {metric.path("score").asDouble(), metric.path("scoreError").asDouble()});
      unit = metric.path("scoreUnit").asText();
    }
    out.println();
    out.println("== ModelGov benchmark summary ==");
    if (scores.keySet().stream().anyMatch(RATIO_INPUTS::contains)) {
      out.println("  manifest " + ManifestDigestBenchmark.describeManifest());
    }
    for (Map.Entry<String, double[]> e : scores.entrySet()) {
      double error = e.getValue()[1];
      String err = Double.isFinite(error) ? String.format(Locale.ROOT, "± %8.3f", error) : "± %8s".formatted("n/a");
      out.printf(Locale.ROOT, "  %-28s %10.3f %s %s%n", e.getKey(), e.getValue()[0], err, unit);
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
        boolean ok = value <= target;
        missed |= !ok;
        verdict = String.format(Locale.ROOT, "  (target <= %.1fx: %s)", target, ok ? "met" : "MISSED");
      }
      out.printf(Locale.ROOT, "  %-40s %6.2fx%s%n", ratio.label(), value, verdict);
    }
    return missed;
  }
}
