package dev.modelgov.core.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.modelgov.core.metrics.DriftBaseline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hot-path binning agrees with the baseline's own definition of a bin. */
class FeatureBinsTest {

  @Test
  void the_branch_free_search_gives_the_baseline_bin_for_every_value() {
    qt().withExamples(300).forAll(
        lists().of(integers().between(-50, 50)).ofSizeBetween(1, 400),
        integers().between(2, 100),
        lists().of(integers().between(-120, 120)).ofSizeBetween(1, 50))
        .checkAssert((reference, bins, queries) -> {
          // GIVEN a numeric feature fitted on a reference with ties (so equal edges are merged) and 2 to 100 bins
          double[] ref = reference.stream().mapToDouble(i -> i / 2.0).toArray();
          DriftBaseline.Feature feature = DriftBaseline.builder().bins(bins).numeric("x", ref).build()
              .feature("x").orElseThrow();
          FeatureBins hot = new FeatureBins(feature);
          // WHEN values are binned: half-steps (so edges are hit exactly), infinities and NaN
          List<Double> values = new java.util.ArrayList<>();
          queries.forEach(q -> values.add(q / 2.0));
          values.addAll(List.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, Double.NaN));
          // THEN each value lands in the bin the baseline defines (the number of edges <= value, missing for NaN)
          for (double v : values) {
            assertThat(hot.bin(v)).as("value %s, edges %s", v, java.util.Arrays.toString(feature.edges()))
                .isEqualTo(feature.binOf(v));
          }
        });
  }
}
