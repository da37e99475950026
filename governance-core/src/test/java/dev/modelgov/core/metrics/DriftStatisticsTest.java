package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of the offline statistics, and the batch comparison the CLI uses. */
class DriftStatisticsTest {

  private static Gen<long[]> counts(int bins) {
    return lists().of(integers().between(0, 1_000)).ofSize(bins)
        .map(l -> l.stream().mapToLong(Integer::longValue).toArray())
        .assuming(a -> java.util.Arrays.stream(a).sum() > 0);
  }

  @Test
  void distances_are_zero_for_identical_histograms_and_bounded_otherwise() {
    // GIVEN any two non-empty histograms over the same 6 bins
    qt().withExamples(2_000).forAll(counts(6), counts(6)).checkAssert((p, q) -> {
      // WHEN the distances are computed
      double js2 = DriftStatistics.jensenShannon(p, q, LogBase.BASE_2);
      double jse = DriftStatistics.jensenShannon(p, q, LogBase.NATURAL);
      double h = DriftStatistics.hellinger(p, q);
      double linf = DriftStatistics.lInfinity(p, q);
      double psi = DriftStatistics.psi(p, q, PsiEpsilon.FIXED);
      // THEN they lie in their ranges, JS is symmetric, and base e is base 2 scaled by sqrt(ln 2)
      assertThat(js2).isBetween(0.0, 1.0 + 1e-12);
      assertThat(jse).isCloseTo(js2 * Math.sqrt(Math.log(2)), within(1e-12));
      assertThat(DriftStatistics.jensenShannon(q, p, LogBase.BASE_2)).isCloseTo(js2, within(1e-12));
      assertThat(h).isBetween(0.0, 1.0 + 1e-12);
      assertThat(linf).isBetween(0.0, 1.0);
      assertThat(psi).isGreaterThanOrEqualTo(-1e-12);
      // AND each is 0 against itself
      assertThat(DriftStatistics.jensenShannon(p, p, LogBase.BASE_2)).isZero();
      assertThat(DriftStatistics.hellinger(p, p)).isZero();
      assertThat(DriftStatistics.lInfinity(p, p)).isZero();
      assertThat(DriftStatistics.psi(p, p, PsiEpsilon.EVIDENTLY)).isZero();
    });
  }

  @Test
  void scaling_both_histograms_changes_no_distance() {
    // GIVEN any histograms and a scale factor
    qt().withExamples(500).forAll(counts(5), counts(5), integers().between(2, 50)).checkAssert((p, q, k) -> {
      long[] pk = java.util.Arrays.stream(p).map(x -> x * k).toArray();
      // WHEN the reference is scaled THEN fractions, and so every distance and the chi-square p-value, are unchanged
      assertThat(DriftStatistics.psi(pk, q, PsiEpsilon.EVIDENTLY))
          .isCloseTo(DriftStatistics.psi(p, q, PsiEpsilon.EVIDENTLY), within(1e-9));
      assertThat(DriftStatistics.hellinger(pk, q)).isCloseTo(DriftStatistics.hellinger(p, q), within(1e-12));
      assertThat(DriftStatistics.chiSquare(pk, q).pValue())
          .isCloseTo(DriftStatistics.chiSquare(p, q).pValue(), within(1e-9));
    });
  }

  @Test
  void psi_fills_an_empty_bin_as_evidently_or_with_a_fixed_epsilon() {
    // GIVEN a current sample with a bin whose fraction is tiny, and one with an empty bin
    double[] ref = {0.5, 0.5, 0.0};
    double[] cur = {0.49995, 0.5, 0.00005};
    // WHEN PSI is computed in both fill modes
    double evidently = DriftStatistics.psi(ref, cur, PsiEpsilon.EVIDENTLY);
    double fixed = DriftStatistics.psi(ref, cur, PsiEpsilon.FIXED);
    // THEN Evidently fills the reference's empty bin with 0.0001 (its smallest fraction is 0.5), as does FIXED
    double expected = (0.5 - 0.49995) * Math.log(0.5 / 0.49995) + (1e-4 - 5e-5) * Math.log(1e-4 / 5e-5);
    assertThat(evidently).isCloseTo(expected, within(1e-15));
    assertThat(fixed).isCloseTo(expected, within(1e-15));
    // AND when a side's smallest fraction is <= 0.0001 Evidently uses it / 10^6 instead
    double[] cur2 = {0.99995, 0.00005, 0.0};
    double[] ref2 = {0.5, 0.25, 0.25};
    double fill = 5e-5 / 1e6;
    double expected2 = (0.5 - 0.99995) * Math.log(0.5 / 0.99995) + (0.25 - 5e-5) * Math.log(0.25 / 5e-5)
        + (0.25 - fill) * Math.log(0.25 / fill);
    assertThat(DriftStatistics.psi(ref2, cur2, PsiEpsilon.EVIDENTLY)).isCloseTo(expected2, within(1e-12));
    assertThat(DriftStatistics.psi(ref2, cur2, PsiEpsilon.FIXED)).isNotCloseTo(expected2, within(1e-3));
  }

  @Test
  void ks_statistic_is_the_same_whichever_p_value_is_asked_and_auto_reports_its_choice() {
    // GIVEN two random samples of 200 and two of 12,000
    Random rnd = new Random(7);
    double[] a = rnd.doubles(200).toArray();
    double[] b = rnd.doubles(200).map(x -> x + 0.1).toArray();
    double[] big1 = rnd.doubles(12_000).toArray();
    double[] big2 = rnd.doubles(12_000).toArray();
    // WHEN KS is computed with each method
    KsResult exact = DriftStatistics.kolmogorovSmirnov(a, b, KsPValueMethod.EXACT);
    KsResult asymp = DriftStatistics.kolmogorovSmirnov(a, b, KsPValueMethod.ASYMPTOTIC);
    // THEN D is identical, the p-values differ, and AUTO picks exact below 10,000 values, asymptotic above
    assertThat(exact.statistic()).isEqualTo(asymp.statistic());
    assertThat(exact.pValue()).isNotEqualTo(asymp.pValue());
    assertThat(DriftStatistics.kolmogorovSmirnov(a, b, KsPValueMethod.AUTO)).isEqualTo(exact);
    assertThat(DriftStatistics.kolmogorovSmirnov(big1, big2, KsPValueMethod.AUTO).method())
        .isEqualTo(KsPValueMethod.ASYMPTOTIC);
    // AND the p-value from D and the sizes alone equals the asymptotic test on the arrays
    assertThat(DriftStatistics.ksPValue(asymp.statistic(), a.length, b.length))
        .isCloseTo(asymp.pValue(), within(1e-12));
  }

  @Test
  void ks_p_value_from_d_is_monotone_and_one_at_zero() {
    // GIVEN sample sizes and two statistics d1 < d2
    qt().withExamples(300).forAll(integers().between(1, 5_000), integers().between(1, 5_000),
        integers().between(0, 99), integers().between(1, 100)).checkAssert((m, n, a, b) -> {
          double d1 = a / 100.0;
          double d2 = Math.min(1.0, d1 + b / 100.0);
          // WHEN the p-values are computed THEN a larger D never has a larger p-value
          double p1 = DriftStatistics.ksPValue(d1, m, n);
          double p2 = DriftStatistics.ksPValue(d2, m, n);
          assertThat(p2).isLessThanOrEqualTo(p1 + 1e-12);
          assertThat(p1).isBetween(0.0, 1.0);
        });
    assertThat(DriftStatistics.ksPValue(0, 100, 100)).isEqualTo(1.0);
    assertThat(DriftStatistics.ksPValue(0.5, 0, 100)).isEqualTo(1.0);
  }

  @Test
  void chi_square_with_a_category_the_reference_never_saw_is_certain_drift() {
    // GIVEN a current count in a bin with no reference count
    long[] ref = {10, 10, 0};
    long[] cur = {10, 10, 1};
    // WHEN chi-square is computed THEN the statistic is infinite and p = 0
    TestResult r = DriftStatistics.chiSquare(ref, cur);
    assertThat(r.statistic()).isInfinite();
    assertThat(r.pValue()).isZero();
    // AND bins empty on both sides are ignored
    assertThat(DriftStatistics.chiSquare(new long[] {10, 0, 10}, new long[] {10, 0, 10}).pValue()).isEqualTo(1.0);
  }

  @Test
  void wasserstein_of_a_shift_is_the_shift() {
    // GIVEN any sample and a shifted copy
    qt().withExamples(300).forAll(lists().of(integers().between(-1_000, 1_000)).ofSizeBetween(2, 50),
        integers().between(-100, 100)).checkAssert((values, shift) -> {
          double[] a = values.stream().mapToDouble(Integer::doubleValue).toArray();
          double[] b = values.stream().mapToDouble(v -> v + shift).toArray();
          // WHEN W1 is computed THEN it equals |shift|
          assertThat(DriftStatistics.wasserstein(a, b)).isCloseTo(Math.abs(shift), within(1e-9));
        });
  }

  @Test
  void bad_inputs_are_refused_with_the_reason() {
    // GIVEN mismatched or invalid inputs WHEN computed THEN a clear error
    assertThatThrownBy(() -> DriftStatistics.psi(new long[] {1, 2}, new long[] {1}, PsiEpsilon.FIXED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same, non-zero length");
    assertThatThrownBy(() -> DriftStatistics.hellinger(new long[] {1, -2}, new long[] {1, 2}))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> DriftStatistics.kolmogorovSmirnov(new double[] {1, Double.NaN}, new double[] {1, 2},
        KsPValueMethod.EXACT)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> DriftStatistics.ksPValue(1.5, 10, 10)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> DriftStatistics.jensenShannon(new double[] {0, 0}, new double[] {1, 0},
        LogBase.BASE_2)).hasMessageContaining("positive mass");
  }

  @Test
  void compare_returns_one_row_per_feature_and_method_with_exact_ks_and_binned_psi() {
    // GIVEN a numeric column that shifts and a categorical column that does not
    Random rnd = new Random(11);
    Map<String, Object> ref = new LinkedHashMap<>();
    Map<String, Object> cur = new LinkedHashMap<>();
    ref.put("income", rnd.doubles(2_000).map(x -> x * 100).toArray());
    cur.put("income", rnd.doubles(500).map(x -> x * 100 + 30).toArray());
    String[] regions = {"north", "south", "east", "west"};
    ref.put("region", rnd.ints(2_000, 0, 4).mapToObj(i -> regions[i]).toArray(String[]::new));
    cur.put("region", rnd.ints(500, 0, 4).mapToObj(i -> regions[i]).toArray(String[]::new));
    DriftConfig cfg = DriftConfig.builder().ksPValueMethod(KsPValueMethod.EXACT).build();
    // WHEN compared with the default methods
    List<DriftResult> rows = DriftStatistics.compare(ref, cur, cfg);
    // THEN the rows are income/psi, income/ks, region/psi, region/chi2; income drifts, region does not
    assertThat(rows).extracting(r -> r.feature() + "/" + r.method().tag())
        .containsExactly("income/psi", "income/ks", "region/psi", "region/chi2");
    DriftResult ks = rows.get(1);
    KsResult exact = DriftStatistics.kolmogorovSmirnov((double[]) ref.get("income"), (double[]) cur.get("income"),
        KsPValueMethod.EXACT);
    assertThat(ks.statistic()).isEqualTo(exact.statistic());
    assertThat(ks.pValue()).hasValue(exact.pValue());
    assertThat(ks.threshold()).isEqualTo(0.05 / 1); // one numeric feature tested: no correction
    assertThat(rows.get(0).drift()).isTrue();
    assertThat(ks.drift()).isTrue();
    assertThat(rows.get(2).drift()).isFalse();
    assertThat(rows.get(3).drift()).isFalse();
    assertThat(rows).allSatisfy(r -> assertThat(r.windowSamples()).isEqualTo(500));
  }

  @Test
  void compare_names_a_missing_or_mistyped_column() {
    // GIVEN a current set without a reference column, or with the wrong type
    Map<String, Object> ref = Map.of("a", new double[] {1, 2, 3});
    // WHEN compared THEN the error names the column
    assertThatThrownBy(() -> DriftStatistics.compare(ref, Map.of(), DriftConfig.defaults()))
        .hasMessageContaining("column 'a' is missing");
    assertThatThrownBy(() -> DriftStatistics.compare(ref, Map.of("a", new String[] {"x"}), DriftConfig.defaults()))
        .hasMessageContaining("column 'a' must be numeric");
    assertThatThrownBy(() -> DriftStatistics.compare(Map.of("a", List.of(1)), Map.of("a", List.of(1)),
        DriftConfig.defaults())).hasMessageContaining("must be a double[] or a String[]");
  }
}
