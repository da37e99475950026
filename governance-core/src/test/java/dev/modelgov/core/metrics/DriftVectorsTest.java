package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every vector of {@code shared/vectors/metrics/drift_vectors.json}: upstream assertions within their tolerance,
 * derived values to 1e-9 where we claim the same convention.
 */
class DriftVectorsTest {

  private static final double DERIVED = 1e-9;
  private static VectorFile vectors;

  @BeforeAll
  static void load() throws IOException {
    vectors = VectorFile.load("metrics/drift_vectors.json");
  }

  @AfterAll
  static void every_vector_was_checked() {
    vectors.assertEveryVectorChecked();
  }

  private static JsonNode vector(String id) {
    return vectors.vector(id);
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  private static String[] strings(JsonNode array) {
    String[] out = new String[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asText();
    }
    return out;
  }

  private static double[] range(int from, int toExclusive) {
    return IntStream.range(from, toExclusive).asDoubleStream().toArray();
  }

  private static double[] expand(double[] values, long[] counts) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      for (long k = 0; k < counts[i]; k++) {
        out.add(values[i]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void evidently_psi_on_a_small_categorical_sample() {
    // GIVEN Evidently's categorical PSI case: one bin per value over the union of values
    JsonNode v = vector("evidently.psi.categorical_small");
    AlignedCounts c = Histograms.alignValues(doubles(v.at("/inputs/reference")), doubles(v.at("/inputs/current")));
    // WHEN PSI is computed with Evidently's empty-bin fill
    double psi = DriftStatistics.psi(c.reference(), c.current(), PsiEpsilon.EVIDENTLY);
    // THEN it matches the upstream assertion, the full-precision value, and the drift flag at 0.1
    assertThat(psi).isCloseTo(v.at("/expected/psi").asDouble(), within(v.at("/expected/abs_tol").asDouble()));
    assertThat(psi).isCloseTo(v.at("/derived/psi").asDouble(), within(DERIVED));
    assertThat(psi >= 0.1).isEqualTo(v.at("/expected/drift_detected_at_threshold_0.1").asBoolean());
    assertThat(c.bins()).containsExactly("1.0", "2.0", "3.0");
    // AND Jensen-Shannon on the unfilled fractions matches both bases
    assertThat(DriftStatistics.jensenShannon(c.reference(), c.current(), LogBase.NATURAL))
        .isCloseTo(v.at("/derived/jensenshannon_natural_log").asDouble(), within(DERIVED));
    assertThat(DriftStatistics.jensenShannon(c.reference(), c.current(), LogBase.BASE_2))
        .isCloseTo(v.at("/derived/jensenshannon_base2").asDouble(), within(DERIVED));
  }

  @Test
  void evidently_chi_square_goodness_of_fit_and_hellinger() {
    // GIVEN category counts of the reference and the current sample
    JsonNode v = vector("evidently.chisquare.freq_obs_eq_freq_exp");
    long[] ref = longs(v.at("/inputs/reference_counts"));
    long[] cur = longs(v.at("/inputs/current_counts"));
    long[] doubled = longs(v.at("/inputs/also_with_reference_counts"));
    // WHEN chi-square, Hellinger, PSI and JS are computed
    TestResult chi2 = DriftStatistics.chiSquare(ref, cur);
    TestResult chi2Doubled = DriftStatistics.chiSquare(doubled, cur);
    double tol = v.at("/expected/abs_tol").asDouble();
    // THEN each matches upstream within its tolerance and the derived values to 1e-9
    assertThat(chi2.pValue()).isCloseTo(v.at("/expected/chisquare_p_value").asDouble(), within(tol));
    assertThat(chi2.pValue()).isCloseTo(v.at("/derived/chisquare_p_value").asDouble(), within(DERIVED));
    assertThat(chi2.statistic()).isCloseTo(v.at("/derived/chisquare_statistic").asDouble(), within(DERIVED));
    assertThat(v.at("/expected/same_result_with_doubled_reference").asBoolean()).isTrue();
    assertThat(chi2Doubled.pValue()).isCloseTo(chi2.pValue(), within(DERIVED));
    assertThat(DriftStatistics.hellinger(ref, cur)).isCloseTo(v.at("/expected/hellinger").asDouble(), within(tol));
    assertThat(DriftStatistics.hellinger(ref, cur))
        .isCloseTo(v.at("/derived/hellinger").asDouble(), within(DERIVED));
    assertThat(DriftStatistics.psi(ref, cur, PsiEpsilon.EVIDENTLY))
        .isCloseTo(v.at("/derived/psi_no_empty_bins").asDouble(), within(DERIVED));
    assertThat(DriftStatistics.jensenShannon(ref, cur, LogBase.NATURAL))
        .isCloseTo(v.at("/derived/jensenshannon_natural_log").asDouble(), within(DERIVED));
  }

  @Test
  void evidently_chi_square_of_identical_samples_is_one() {
    // GIVEN two identical categorical samples
    JsonNode v = vector("evidently.chisquare.identical");
    AlignedCounts c = Histograms.alignCategories(strings(v.at("/inputs/reference")), strings(v.at("/inputs/current")));
    // WHEN chi-square is computed
    TestResult r = DriftStatistics.chiSquare(c.reference(), c.current());
    // THEN the p-value is 1
    assertThat(r.pValue()).isCloseTo(v.at("/expected/chisquare_p_value").asDouble(),
        within(v.at("/expected/abs_tol").asDouble()));
  }

  @Test
  void evidently_g_test() {
    // GIVEN Evidently's G-test case
    JsonNode v = vector("evidently.gtest.small");
    AlignedCounts c = Histograms.alignCategories(strings(v.at("/inputs/reference")), strings(v.at("/inputs/current")));
    // WHEN the G-test runs
    TestResult r = DriftStatistics.gTest(c.reference(), c.current());
    // THEN its p-value matches upstream
    assertThat(r.pValue()).isCloseTo(v.at("/expected/g_test_p_value").asDouble(),
        within(v.at("/expected/abs_tol").asDouble()));
  }

  @Test
  void evidently_numeric8_t_test_anderson_darling_ks_and_wasserstein() {
    // GIVEN the 8-vs-8 numeric sample
    JsonNode v = vector("evidently.numeric8.ttest_ad_plus_derived_ks_wasserstein");
    double[] ref = doubles(v.at("/inputs/reference"));
    double[] cur = doubles(v.at("/inputs/current"));
    double tol = v.at("/expected/abs_tol").asDouble();
    // WHEN every statistic is computed
    TestResult t = DriftStatistics.tTest(ref, cur);
    TestResult ad = DriftStatistics.andersonDarling(ref, cur);
    KsResult exact = DriftStatistics.kolmogorovSmirnov(ref, cur, KsPValueMethod.EXACT);
    KsResult asymp = DriftStatistics.kolmogorovSmirnov(ref, cur, KsPValueMethod.ASYMPTOTIC);
    KsResult auto = DriftStatistics.kolmogorovSmirnov(ref, cur, KsPValueMethod.AUTO);
    // THEN upstream assertions hold within tolerance
    assertThat(t.pValue()).isCloseTo(v.at("/expected/t_test_p_value").asDouble(), within(tol));
    assertThat(ad.pValue()).isCloseTo(v.at("/expected/anderson_darling_p_value").asDouble(), within(tol));
    // AND the derived values hold to 1e-9, each KS p-value by its own method
    JsonNode d = v.get("derived");
    assertThat(t.pValue()).isCloseTo(d.get("t_test_p_value").asDouble(), within(DERIVED));
    assertThat(exact.statistic()).isCloseTo(d.get("ks_D").asDouble(), within(DERIVED));
    assertThat(exact.pValue()).isCloseTo(d.get("ks_p_value_exact").asDouble(), within(DERIVED));
    assertThat(asymp.pValue()).isCloseTo(d.get("ks_p_value_asymptotic").asDouble(), within(DERIVED));
    assertThat(auto.method()).isEqualTo(KsPValueMethod.EXACT);
    assertThat(auto.pValue()).isCloseTo(d.get("ks_p_value_exact").asDouble(), within(DERIVED));
    assertThat(DriftStatistics.ksPValue(exact.statistic(), ref.length, cur.length))
        .isCloseTo(d.get("ks_p_value_asymptotic").asDouble(), within(DERIVED));
    assertThat(DriftStatistics.wasserstein(ref, cur)).isCloseTo(d.get("wasserstein").asDouble(), within(DERIVED));
    assertThat(DriftStatistics.standardDeviation(ref))
        .isCloseTo(d.get("reference_std_ddof0").asDouble(), within(DERIVED));
    assertThat(DriftStatistics.wassersteinNormed(ref, cur))
        .isCloseTo(d.get("wasserstein_normed_by_ref_std").asDouble(), within(DERIVED));
  }

  @Test
  void evidently_energy_distance() {
    // GIVEN a sample, an identical copy, and a copy shifted by 5
    JsonNode v = vector("evidently.energy_distance");
    double[] ref = doubles(v.at("/inputs/reference"));
    // WHEN the energy distances are computed
    double same = DriftStatistics.energyDistance(ref, doubles(v.at("/inputs/current_identical")));
    double shifted = DriftStatistics.energyDistance(ref, doubles(v.at("/inputs/current_shifted")));
    // THEN they match upstream
    assertThat(same).isCloseTo(v.at("/expected/identical").asDouble(),
        within(v.at("/expected/identical_abs_tol").asDouble()));
    assertThat(shifted).isCloseTo(v.at("/expected/shifted_plus_5").asDouble(),
        within(v.at("/expected/shifted_abs_tol").asDouble()));
  }

  @Test
  void evidently_mann_whitney_one_sided_less() {
    // GIVEN values 1..6 with the reference and current counts (Evidently tests reference < current)
    JsonNode v = vector("evidently.mann_whitney");
    double[] values = doubles(v.at("/inputs/values"));
    double[] ref = expand(values, longs(v.at("/inputs/reference_counts")));
    double[] cur = expand(values, longs(v.at("/inputs/current_counts")));
    // WHEN the Mann-Whitney U test runs with Evidently's alternative
    TestResult r = DriftStatistics.mannWhitneyU(ref, cur, Alternative.LESS);
    // THEN the p-value matches upstream
    assertThat(r.pValue()).isCloseTo(v.at("/expected/p_value").asDouble(),
        within(v.at("/expected/abs_tol").asDouble()));
  }

  @Test
  void evidently_sturges_binning_on_100_integers() {
    // GIVEN integers 0..99 against 30..129, binned as Evidently does (Sturges edges on both samples combined)
    JsonNode v = vector("evidently.numeric100.sturges");
    JsonNode d = v.get("derived");
    double[] ref = range(0, 100);
    double[] cur = range(30, 130);
    double[] edges = Histograms.sturgesEdges(ref, cur);
    long[] r = Histograms.histogram(ref, edges);
    long[] c = Histograms.histogram(cur, edges);
    // THEN edges, fractions and every statistic match the derived values
    assertThat(edges).containsExactly(doubles(d.get("sturges_edges")), within(DERIVED));
    assertThat(Histograms.fractions(r)).containsExactly(doubles(d.get("ref_frac")), within(DERIVED));
    assertThat(Histograms.fractions(c)).containsExactly(doubles(d.get("cur_frac")), within(DERIVED));
    assertThat(DriftStatistics.psi(r, c, PsiEpsilon.EVIDENTLY))
        .isCloseTo(d.get("psi_with_evidently_fill").asDouble(), within(DERIVED));
    assertThat(DriftStatistics.jensenShannon(r, c, LogBase.NATURAL))
        .isCloseTo(d.get("jensenshannon_natural_log").asDouble(), within(DERIVED));
    assertThat(DriftStatistics.wassersteinNormed(ref, cur))
        .isCloseTo(d.get("wasserstein_normed").asDouble(), within(DERIVED));
    KsResult auto = DriftStatistics.kolmogorovSmirnov(ref, cur, KsPValueMethod.AUTO);
    assertThat(auto.statistic()).isCloseTo(d.get("ks_D").asDouble(), within(DERIVED));
    assertThat(auto.pValue()).isCloseTo(d.get("ks_p_value_auto").asDouble(), within(DERIVED));
    assertThat(DriftStatistics.kolmogorovSmirnov(ref, cur, KsPValueMethod.ASYMPTOTIC).pValue())
        .isCloseTo(d.get("ks_p_value_asymptotic").asDouble(), within(DERIVED));
  }

  @Test
  void project_convention_reference_deciles_through_the_streaming_monitor() {
    // GIVEN a baseline fitted on 0..99 with 10 quantile bins and a monitor with 100-sample windows
    JsonNode v = vector("design.psi.reference_deciles");
    JsonNode d = v.get("derived");
    DriftBaseline baseline = DriftBaseline.builder().numeric("x", range(0, 100)).bins(10).build();
    DriftBaseline.Feature x = baseline.feature("x").orElseThrow();
    DriftMonitor monitor = DriftMonitor.builder(baseline)
        .config(DriftConfig.builder().windowSamples(100).numericMethods(DriftMethod.PSI)
            .psiEpsilon(PsiEpsilon.FIXED).build())
        .build();
    // WHEN 30..129 is observed
    for (double value : range(30, 130)) {
      monitor.observe(new double[] {value}, new String[0]);
    }
    // THEN the edges and reference fractions are the derived ones and the window's PSI matches to 1e-9
    assertThat(x.edges()).containsExactly(doubles(d.get("interior_edges")), within(DERIVED));
    long[] refCounts = x.counts();
    assertThat(Histograms.fractions(java.util.Arrays.copyOf(refCounts, 10)))
        .containsExactly(doubles(d.get("ref_frac")), within(DERIVED));
    DriftReport report = monitor.lastReport().orElseThrow();
    assertThat(report.windowSamples()).isEqualTo(100);
    assertThat(report.result("x", DriftMethod.PSI).orElseThrow().statistic())
        .isCloseTo(d.get("psi").asDouble(), within(DERIVED));
    // AND the current fractions of the window are the derived ones
    long[] cur = new long[10];
    for (double value : range(30, 130)) {
      cur[x.binOf(value)]++;
    }
    assertThat(Histograms.fractions(cur)).containsExactly(doubles(d.get("cur_frac")), within(DERIVED));
  }

  @Test
  void nannyml_l_infinity_cases() {
    // GIVEN NannyML's three categorical cases
    JsonNode v = vector("nannyml.l_infinity");
    for (JsonNode c : v.get("cases")) {
      AlignedCounts counts = Histograms.alignCategories(strings(c.get("reference")), strings(c.get("current")));
      // WHEN L-infinity is computed over the union of categories
      double linf = DriftStatistics.lInfinity(counts.reference(), counts.current());
      // THEN it rounds to the upstream value and matches the exact one
      assertThat(Math.round(linf * 100) / 100.0).isEqualTo(c.get("expected_rounded_2dp").asDouble());
      assertThat(linf).isCloseTo(c.get("derived_exact").asDouble(), within(DERIVED));
    }
  }

  @Test
  void nannyml_jensen_shannon_with_a_leftover_bin() {
    // GIVEN NannyML's cases: reference bins frozen, current mass outside them in a leftover bin, base 2
    JsonNode v = vector("nannyml.jensen_shannon.leftover_bin");
    JsonNode categorical = v.get("cases").get(0);
    JsonNode continuous = v.get("cases").get(1);
    // WHEN the categorical case goes through a streaming monitor (unknown categories land in __other__)
    DriftBaseline baseline = DriftBaseline.builder().categorical("c", strings(categorical.get("reference"))).build();
    DriftMonitor monitor = DriftMonitor.builder(baseline)
        .config(DriftConfig.builder().categoricalMethods(DriftMethod.JENSEN_SHANNON).minWindowSamples(1).build())
        .build();
    for (String s : strings(categorical.get("current"))) {
      monitor.observe(new double[0], new String[] {s});
    }
    DriftReport report = monitor.closeWindow().orElseThrow();
    // THEN JS matches to 1e-9
    assertThat(report.result("c", DriftMethod.JENSEN_SHANNON).orElseThrow().statistic())
        .isCloseTo(categorical.get("js_base2").asDouble(), within(DERIVED));
    // AND the continuous case matches with Doane edges on the reference and a leftover bin
    double[] ref = range(0, 100);
    double[] cur = range(30, 130);
    double[] edges = Histograms.doaneEdges(ref);
    assertThat(edges).containsExactly(doubles(continuous.get("doane_edges")), within(DERIVED));
    long[] r = Histograms.histogramWithLeftover(ref, edges);
    long[] c = Histograms.histogramWithLeftover(cur, edges);
    assertThat(r[r.length - 1]).isZero();
    assertThat(DriftStatistics.jensenShannon(r, c, LogBase.BASE_2))
        .isCloseTo(continuous.get("js_base2").asDouble(), within(DERIVED));
  }

  @Test
  void whylogs_ks_p_value_from_d_and_sizes() {
    // GIVEN only D and the two sample sizes, as a sketch-based monitor has them
    JsonNode v = vector("whylogs.ks_pvalue_from_sketch_D");
    // WHEN the asymptotic p-value is computed
    double p = DriftStatistics.ksPValue(v.at("/inputs/D").asDouble(), v.at("/inputs/m").asLong(),
        v.at("/inputs/n").asLong());
    // THEN it is kstwo.sf(D, round(m n / (m + n))) and falls in whylogs' DRIFT band
    assertThat(p).isCloseTo(v.at("/derived/p_value").asDouble(), within(DERIVED));
    assertThat(p).isBetween(v.at("/thresholds/DRIFT/0").asDouble(), v.at("/thresholds/DRIFT/1").asDouble());
  }
}
