package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.core.json.JsonFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fitting a baseline, and reading it back strictly. */
class DriftBaselineTest {

  private static DriftBaseline sample() {
    double[] income = IntStream.range(0, 1_000).mapToDouble(i -> i * 10.0).toArray();
    income[5] = Double.NaN;
    String[] region = new String[300];
    for (int i = 0; i < region.length; i++) {
      region[i] = i % 10 == 0 ? null : (i % 3 == 0 ? "north" : (i % 3 == 1 ? "south" : "r" + (i % 7)));
    }
    return DriftBaseline.builder()
        .numeric("income", income)
        .categorical("region", region)
        .numeric("score", Direction.OUTPUT, IntStream.range(0, 50).mapToDouble(i -> i / 50.0).toArray())
        .bins(10)
        .topK(3)
        .build();
  }

  @Test
  void numeric_features_get_quantile_bins_a_missing_bin_and_centroids() {
    // GIVEN a baseline fitted on 1,000 values, one of them NaN
    DriftBaseline.Feature income = sample().feature("income").orElseThrow();
    // THEN it has 9 interior edges, 10 value bins of about 100 and 1 missing
    assertThat(income.kind()).isEqualTo(FeatureKind.NUMERIC);
    assertThat(income.edges()).hasSize(9);
    long[] counts = income.counts();
    assertThat(counts).hasSize(11);
    assertThat(counts[10]).isEqualTo(1);
    assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(1_000);
    assertThat(income.sampleCount()).isEqualTo(1_000);
    // AND each centroid lies inside its bin, and values bin by "number of edges <= value"
    double[] e = income.edges();
    double[] c = income.centroids();
    for (int i = 1; i < c.length - 1; i++) {
      assertThat(c[i]).isBetween(e[i - 1], e[i]);
    }
    assertThat(income.binOf(-1e9)).isZero();
    assertThat(income.binOf(e[0])).isEqualTo(1);
    assertThat(income.binOf(1e9)).isEqualTo(9);
    assertThat(income.binOf(Double.NaN)).isEqualTo(10);
    assertThat(income.binLabels()).first().isEqualTo("(-inf, " + e[0] + ")");
  }

  @Test
  void categorical_features_keep_the_top_k_then_other_then_missing() {
    // GIVEN a categorical column with 2 frequent values, several rare ones and nulls, topK 3
    DriftBaseline.Feature region = sample().feature("region").orElseThrow();
    // THEN the most frequent come first, rare ones share __other__, nulls are __missing__
    assertThat(region.categories()).hasSize(3).startsWith("north", "south");
    assertThat(region.binLabels()).endsWith(DriftBaseline.OTHER, DriftBaseline.MISSING);
    assertThat(region.binOf((String) null)).isEqualTo(4);
    assertThat(region.binOf("never-seen")).isEqualTo(3);
    assertThat(region.counts()[4]).isEqualTo(30);
    assertThat(sample().categoricalFeatures()).containsExactly("region");
    assertThat(sample().numericFeatures()).containsExactly("income", "score");
  }

  @Test
  void json_round_trip_keeps_every_field(@TempDir Path dir) throws Exception {
    // GIVEN a fitted baseline written to a file
    DriftBaseline baseline = sample();
    Path file = dir.resolve("baseline.json");
    Files.write(file, baseline.toJson());
    // WHEN read back
    DriftBaseline again = DriftBaseline.read(file);
    // THEN it is equal, directions included
    assertThat(again).isEqualTo(baseline);
    assertThat(again.feature("score").orElseThrow().direction()).isEqualTo(Direction.OUTPUT);
  }

  @Test
  void strict_reading_names_the_problem() {
    // GIVEN documents with a duplicate key, an unknown field, decreasing edges, and wrong counts
    String dup = "{\"format\":\"modelgov.drift-baseline/v1\",\"format\":\"x\",\"features\":[]}";
    String unknown = "{\"format\":\"modelgov.drift-baseline/v1\",\"features\":[{\"name\":\"a\",\"kind\":\"numeric\","
        + "\"direction\":\"input\",\"edges\":[1],\"centroids\":[0,2],\"counts\":[1,1],\"missing\":0,\"mean\":1,"
        + "\"std\":1,\"extra\":1}]}";
    String edges = unknown.replace(",\"extra\":1", "").replace("\"edges\":[1]", "\"edges\":[2,1]")
        .replace("\"centroids\":[0,2]", "\"centroids\":[0,1,3]").replace("\"counts\":[1,1]", "\"counts\":[1,1,1]");
    String counts = unknown.replace(",\"extra\":1", "").replace("\"counts\":[1,1]", "\"counts\":[1,1,1]");
    String negative = unknown.replace(",\"extra\":1", "").replace("\"counts\":[1,1]", "\"counts\":[1,-1]");
    // WHEN read THEN each error names the location
    assertThatThrownBy(() -> read(dup)).isInstanceOf(JsonFormatException.class).hasMessageContaining("format");
    assertThatThrownBy(() -> read(unknown)).hasMessageContaining("features[0].extra: unknown field");
    assertThatThrownBy(() -> read(edges)).hasMessageContaining("a.edges[1]");
    assertThatThrownBy(() -> read(counts)).hasMessageContaining("a.counts must hold 3 values");
    assertThatThrownBy(() -> read(negative)).hasMessageContaining("a.counts[1] must not be negative");
    assertThatThrownBy(() -> read("{\"format\":\"other\",\"features\":[]}")).hasMessageContaining("format");
    assertThatThrownBy(() -> read("[1]")).hasMessageContaining("must be an object");
  }

  private static DriftBaseline read(String json) throws JsonFormatException {
    return DriftBaseline.readJson(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void builder_validates_and_names_the_field() {
    // GIVEN invalid builders WHEN built THEN the error names the field
    assertThatThrownBy(() -> DriftBaseline.builder().build()).hasMessageContaining("features");
    assertThatThrownBy(() -> DriftBaseline.builder().numeric("a", new double[] {1}).bins(1).build())
        .hasMessageContaining("bins");
    assertThatThrownBy(() -> DriftBaseline.builder().categorical("a", new String[] {"x"}).topK(0).build())
        .hasMessageContaining("topK");
    assertThatThrownBy(() -> DriftBaseline.builder().numeric("a", new double[] {Double.NaN}).build())
        .hasMessageContaining("a:");
    assertThatThrownBy(() -> DriftBaseline.builder().numeric("a", new double[] {1}).numeric("a", new double[] {2})
        .build()).hasMessageContaining("duplicate feature 'a'");
    assertThatThrownBy(() -> DriftBaseline.builder().numeric(" ", new double[] {1}).build())
        .hasMessageContaining("feature name");
    assertThatThrownBy(() -> DriftBaseline.builder().numeric("a", new double[] {1, Double.POSITIVE_INFINITY})
        .build()).hasMessageContaining("infinite");
  }

  @Test
  void a_constant_reference_gets_a_single_value_bin() {
    // GIVEN a reference where every value is equal
    DriftBaseline b = DriftBaseline.builder().numeric("c", new double[] {3, 3, 3, 3}).build();
    DriftBaseline.Feature c = b.feature("c").orElseThrow();
    // THEN equal quantiles merge to one edge, and the feature still bins
    assertThat(c.edges()).containsExactly(3.0);
    assertThat(c.counts()).containsExactly(0, 4, 0);
    assertThat(c.standardDeviation()).isZero();
  }
}
