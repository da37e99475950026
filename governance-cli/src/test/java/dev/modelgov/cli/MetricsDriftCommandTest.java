package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.metrics.DriftConfig;
import dev.modelgov.core.metrics.DriftMethod;
import dev.modelgov.core.metrics.DriftResult;
import dev.modelgov.core.metrics.DriftStatistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance metrics drift}: exit 0 without drift, 1 with drift, 2 for unusable input. */
class MetricsDriftCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static String metrics(String name) {
    return MetricsAlertsCommandTest.metrics(name);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** A CSV of a numeric and a categorical column, from a formula, so the test knows every value. */
  private Path csv(String name, int rows, double shift, String[] categories) throws IOException {
    StringBuilder sb = new StringBuilder("score,segment\n");
    for (int i = 0; i < rows; i++) {
      sb.append((i % 97) / 97.0 + shift).append(',').append(categories[i % categories.length]).append('\n');
    }
    return write(name, sb.toString());
  }

  private static Map<String, Object> columns(int rows, double shift, String[] categories) {
    double[] score = new double[rows];
    String[] segment = new String[rows];
    for (int i = 0; i < rows; i++) {
      score[i] = (i % 97) / 97.0 + shift;
      segment[i] = categories[i % categories.length];
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("score", score);
    columns.put("segment", segment);
    return columns;
  }

  private static final String[] ABC = {"a", "b", "c", "a"};
  private static final String[] ABCC = {"a", "b", "c", "c", "c"};

  private static List<String> column(JsonNode rows, String field) {
    List<String> values = new ArrayList<>();
    rows.forEach(r -> values.add(r.get(field).asText()));
    return values;
  }

  @Test
  void the_stable_example_has_no_drift_and_exits_0() {
    // WHEN
    Cli.Result result = Cli.run("metrics", "drift", "--baseline", metrics("baseline.csv"), "--current",
        metrics("current-stable.csv"));
    // THEN a table row per feature and default method, none flagged
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).matches("feature +method +statistic +pValue +threshold +drift");
    assertThat(lines).hasSize(1 + 8 + 1);
    assertThat(lines.get(lines.size() - 1)).isEqualTo("no drift: 0 of 8 checks on 4 features");
  }

  @Test
  void the_drifted_example_flags_the_shifted_features_and_exits_1() {
    // WHEN
    Cli.Result result = Cli.run("--json", "metrics", "drift", "--baseline", metrics("baseline.csv"), "--current",
        metrics("current-drifted.csv"));
    // THEN income, debt_ratio and region drifted (examples/metrics/generate.py shifts them), employment_years did not
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    Set<String> drifted = new HashSet<>();
    Set<String> features = new HashSet<>();
    result.json().forEach(r -> {
      features.add(r.get("feature").asText());
      if (r.get("drift").asBoolean()) {
        drifted.add(r.get("feature").asText());
      }
    });
    assertThat(features).containsExactlyInAnyOrder("income", "debt_ratio", "employment_years", "region");
    assertThat(drifted).containsExactlyInAnyOrder("income", "debt_ratio", "region");
  }

  @Test
  void json_rows_have_exactly_the_documented_fields_and_match_the_library() throws IOException {
    // GIVEN a baseline and a shifted current set, and the same columns in memory
    Path baseline = csv("baseline.csv", 500, 0.0, ABC);
    Path current = csv("current.csv", 300, 0.2, ABCC);
    List<DriftResult> expected = DriftStatistics.compare(columns(500, 0.0, ABC), columns(300, 0.2, ABCC),
        DriftConfig.defaults());
    // WHEN
    Cli.Result result = Cli.run("--json", "metrics", "drift", "--baseline", baseline.toString(), "--current",
        current.toString());
    // THEN one object per library row, with the same values
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    JsonNode rows = result.json();
    assertThat(rows).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      DriftResult e = expected.get(i);
      JsonNode r = rows.get(i);
      List<String> fields = new ArrayList<>();
      r.fieldNames().forEachRemaining(fields::add);
      assertThat(fields).containsExactly("feature", "method", "statistic", "pValue", "threshold", "drift");
      assertThat(r.get("feature").asText()).isEqualTo(e.feature());
      assertThat(r.get("method").asText()).isEqualTo(e.method().tag());
      assertThat(r.get("statistic").asDouble()).isCloseTo(e.statistic(), within(1e-12));
      assertThat(r.get("threshold").asDouble()).isEqualTo(e.threshold());
      assertThat(r.get("drift").asBoolean()).isEqualTo(e.drift());
      if (e.method().isTest()) {
        assertThat(r.get("pValue").asDouble()).isCloseTo(e.pValue().getAsDouble(), within(1e-12));
      } else {
        assertThat(r.get("pValue").isNull()).as("pValue of a distance").isTrue();
      }
    }
  }

  @Test
  void a_json_object_of_arrays_reads_like_the_csv() throws IOException {
    // GIVEN the same baseline as CSV and as JSON
    Path csv = csv("baseline.csv", 400, 0.0, ABC);
    Map<String, Object> columns = columns(400, 0.0, ABC);
    ObjectNode json = JSON.createObjectNode();
    json.set("score", JSON.valueToTree(columns.get("score")));
    json.set("segment", JSON.valueToTree(columns.get("segment")));
    Path jsonFile = write("baseline.json", JSON.writeValueAsString(json));
    Path current = csv("current.csv", 300, 0.1, ABCC);
    // WHEN
    Cli.Result fromCsv = Cli.run("--json", "metrics", "drift", "--baseline", csv.toString(), "--current",
        current.toString());
    Cli.Result fromJson = Cli.run("--json", "metrics", "drift", "--baseline", jsonFile.toString(), "--current",
        current.toString());
    // THEN
    assertThat(fromJson.exitCode()).as(fromJson.err()).isEqualTo(fromCsv.exitCode());
    assertThat(fromJson.json()).isEqualTo(fromCsv.json());
  }

  @Test
  void empty_cells_are_missing_values_and_quoted_cells_follow_rfc_4180() throws IOException {
    // GIVEN cells that are empty, quoted with a comma, and quoted with a doubled quote
    StringBuilder base = new StringBuilder("x,label\n");
    StringBuilder cur = new StringBuilder("x,label\n");
    double[] refX = new double[200];
    String[] refLabel = new String[200];
    double[] curX = new double[200];
    String[] curLabel = new String[200];
    for (int i = 0; i < 200; i++) {
      refX[i] = i % 10 == 0 ? Double.NaN : i;
      refLabel[i] = i % 2 == 0 ? "north, coast" : "say \"hi\"";
      curX[i] = i % 3 == 0 ? Double.NaN : i + 5;
      curLabel[i] = i % 7 == 0 ? null : refLabel[i];
      base.append(Double.isNaN(refX[i]) ? "" : String.valueOf(i)).append(',')
          .append(i % 2 == 0 ? "\"north, coast\"" : "\"say \"\"hi\"\"\"").append('\n');
      cur.append(Double.isNaN(curX[i]) ? "" : String.valueOf(i + 5)).append(',')
          .append(curLabel[i] == null ? "" : i % 2 == 0 ? "\"north, coast\"" : "\"say \"\"hi\"\"\"").append('\n');
    }
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("x", refX);
    ref.put("label", refLabel);
    Map<String, Object> now = new LinkedHashMap<>();
    now.put("x", curX);
    now.put("label", curLabel);
    List<DriftResult> expected = DriftStatistics.compare(ref, now, DriftConfig.defaults());
    // WHEN
    Cli.Result result = Cli.run("--json", "metrics", "drift", "--baseline", write("b.csv", base.toString()).toString(),
        "--current", write("c.csv", cur.toString()).toString());
    // THEN the missing bin and both categories count as the library counts them
    assertThat(result.exitCode()).as(result.err()).isIn(0, 1);
    JsonNode rows = result.json();
    assertThat(rows).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      double statistic = expected.get(i).statistic();
      JsonNode actual = rows.get(i).get("statistic");
      if (Double.isFinite(statistic)) {
        assertThat(actual.asDouble()).as(expected.get(i).toString()).isCloseTo(statistic, within(1e-12));
      } else {
        // chi-square is infinite here (missing labels the reference never had); JSON has no infinity
        assertThat(actual.isNull()).as(expected.get(i).toString()).isTrue();
      }
    }
  }

  @Test
  void method_is_repeatable_and_comma_separated_and_selects_the_rows() throws IOException {
    // GIVEN
    Path baseline = csv("baseline.csv", 400, 0.0, ABC);
    Path current = csv("current.csv", 300, 0.0, ABC);
    // WHEN
    Cli.Result result = Cli.run("--json", "metrics", "drift", "--baseline", baseline.toString(), "--current",
        current.toString(), "--method", "js,hellinger", "-m", "ks");
    // THEN numeric: js, hellinger, ks; categorical: js, hellinger (ks does not apply)
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode rows = result.json();
    assertThat(column(rows, "feature")).containsExactly("score", "score", "score", "segment", "segment");
    assertThat(column(rows, "method")).containsExactly("js", "hellinger", "ks", "js", "hellinger");
  }

  @Test
  void a_method_for_one_kind_only_skips_the_other_kind_with_a_note() throws IOException {
    // GIVEN
    Path baseline = csv("baseline.csv", 400, 0.0, ABC);
    Path current = csv("current.csv", 300, 0.0, ABC);
    // WHEN
    Cli.Result result = Cli.run("--json", "metrics", "drift", "--baseline", baseline.toString(), "--current",
        current.toString(), "--method", "ks");
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(column(result.json(), "method")).containsExactly("ks");
    assertThat(result.err()).contains("note: no --method applies to the categorical features segment");
  }

  @Test
  void an_unknown_method_is_a_usage_error_listing_the_methods() throws IOException {
    // WHEN
    Cli.Result result = Cli.run("metrics", "drift", "--baseline", metrics("baseline.csv"), "--current",
        metrics("current-stable.csv"), "--method", "kl");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--method: unknown method 'kl'", "psi", "wasserstein_norm", "chi2");
  }

  @Test
  void raw_wasserstein_needs_a_threshold_from_the_config() throws IOException {
    // GIVEN
    Path config = write("metrics.yaml", "drift:\n  thresholds: {wasserstein: 0.05}\n");
    // WHEN
    Cli.Result without = Cli.run("metrics", "drift", "--baseline", metrics("baseline.csv"), "--current",
        metrics("current-stable.csv"), "--method", "wasserstein");
    Cli.Result with = Cli.run("--json", "metrics", "drift", "--baseline", metrics("baseline.csv"), "--current",
        metrics("current-stable.csv"), "--method", "wasserstein", "--config", config.toString());
    // THEN
    assertThat(without.exitCode()).isEqualTo(2);
    assertThat(without.err()).contains("drift.thresholds.wasserstein", "--config");
    assertNoStackTrace(without.err());
    assertThat(with.exitCode()).as(with.err()).isIn(0, 1);
    with.json().forEach(r -> assertThat(r.get("threshold").asDouble()).isEqualTo(0.05));
  }

  @Test
  void the_config_sets_thresholds_and_the_minimum_sample() throws IOException {
    // GIVEN a config whose PSI threshold no distance reaches, and the example config's 200-sample minimum
    Path lax = write("lax.yaml", "drift:\n  numericMethods: [psi]\n  categoricalMethods: [psi]\n"
        + "  thresholds: {psi: 5}\n  psiSevere: 5\n");
    Path small = csv("small.csv", 150, 0.5, ABCC);
    // WHEN
    Cli.Result laxResult = Cli.run("--json", "metrics", "drift", "--config", lax.toString(), "--baseline",
        metrics("baseline.csv"), "--current", metrics("current-drifted.csv"));
    Cli.Result smallResult = Cli.run("metrics", "drift", "--config", metrics("metrics-config.yaml"), "--baseline",
        csv("base.csv", 400, 0.0, ABC).toString(), "--current", small.toString());
    // THEN nothing crosses PSI 5; and 150 rows are below the minimum, so a large shift is reported, not flagged
    assertThat(laxResult.exitCode()).as(laxResult.err()).isZero();
    laxResult.json().forEach(r -> assertThat(r.get("threshold").asDouble()).isEqualTo(5.0));
    assertThat(smallResult.exitCode()).as(smallResult.err()).isZero();
    assertThat(smallResult.err()).contains("holds 150 rows, fewer than drift.minWindowSamples (200)");
  }

  @Test
  void a_column_of_the_current_file_that_is_not_in_the_baseline_is_ignored_with_a_note() throws IOException {
    // GIVEN
    Path baseline = csv("baseline.csv", 300, 0.0, ABC);
    StringBuilder sb = new StringBuilder("extra,segment,score\n");
    for (int i = 0; i < 300; i++) {
      sb.append("z,").append(ABC[i % ABC.length]).append(',').append((i % 97) / 97.0).append('\n');
    }
    // WHEN
    Cli.Result result = Cli.run("--json", "metrics", "drift", "--baseline", baseline.toString(), "--current",
        write("current.csv", sb.toString()).toString());
    // THEN the columns are matched by name, and the extra one is named on standard error
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(column(result.json(), "feature")).doesNotContain("extra").contains("score", "segment");
    assertThat(result.err()).contains("column 'extra' is not in the baseline; ignored");
  }

  @Test
  void a_text_value_in_a_numeric_column_exits_2_naming_line_and_column_but_not_the_value() throws IOException {
    // GIVEN line 4 of the current file holds text where the baseline has numbers
    Path baseline = csv("baseline.csv", 300, 0.0, ABC);
    Path current = write("current.csv", "score,segment\n0.1,a\n0.2,b\nsecret-value,c\n");
    // WHEN
    Cli.Result result = Cli.run("metrics", "drift", "--baseline", baseline.toString(), "--current",
        current.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(current + ": line 4, column 'score': a text value is not a number (the "
        + "baseline column is numeric)" + System.lineSeparator());
    assertThat(result.out()).isEmpty();
  }

  @Test
  void a_row_with_too_few_or_too_many_cells_exits_2_naming_the_line() throws IOException {
    // GIVEN
    Path few = write("few.csv", "a,b\n1,x\n2\n");
    Path many = write("many.csv", "a,b\n1,x\n2,y,z\n");
    // WHEN
    Cli.Result fewResult = Cli.run("metrics", "drift", "--baseline", few.toString(), "--current", few.toString());
    Cli.Result manyResult = Cli.run("metrics", "drift", "--baseline", many.toString(), "--current", many.toString());
    // THEN
    assertThat(fewResult.exitCode()).isEqualTo(2);
    assertThat(fewResult.err()).startsWith(few + ": line 3: 1 cell, but the header has 2 columns");
    assertThat(manyResult.exitCode()).isEqualTo(2);
    assertThat(manyResult.err()).startsWith(many + ": line 3: more cells than the 2 columns of the header");
  }

  @Test
  void a_duplicate_or_empty_column_name_exits_2() throws IOException {
    // GIVEN
    Path duplicate = write("dup.csv", "a,b,a\n1,2,3\n");
    Path empty = write("empty.csv", "a,,c\n1,2,3\n");
    // WHEN
    Cli.Result dup = Cli.run("metrics", "drift", "--baseline", duplicate.toString(), "--current",
        duplicate.toString());
    Cli.Result emp = Cli.run("metrics", "drift", "--baseline", empty.toString(), "--current", empty.toString());
    // THEN
    assertThat(dup.exitCode()).isEqualTo(2);
    assertThat(dup.err()).startsWith(duplicate + ": line 1: columns 1 and 3 are both named 'a'");
    assertThat(emp.exitCode()).isEqualTo(2);
    assertThat(emp.err()).startsWith(empty + ": line 1: the name of column 2 is empty");
  }

  @Test
  void a_baseline_feature_missing_from_the_current_file_exits_2() throws IOException {
    // GIVEN
    Path baseline = csv("baseline.csv", 300, 0.0, ABC);
    Path current = write("current.csv", "score\n0.5\n");
    // WHEN
    Cli.Result result = Cli.run("metrics", "drift", "--baseline", baseline.toString(), "--current",
        current.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith(current + ": column 'segment' of the baseline is missing");
  }

  @Test
  void malformed_json_input_exits_2_naming_the_problem() throws IOException {
    // GIVEN documents that break the format in different ways
    Map<String, String> documents = new LinkedHashMap<>();
    documents.put("duplicate.json", "{\"a\": [1, 2], \"a\": [3]}");
    documents.put("nested.json", "{\"a\": [1, [2]]}");
    documents.put("scalar.json", "{\"a\": 1}");
    documents.put("array.json", "[1, 2, 3]");
    documents.put("trailing.json", "{\"a\": [1]} {}");
    documents.put("broken.json", "{\"a\": [1, 2");
    Map<String, String> expected = Map.of(
        "duplicate.json", "Duplicate field 'a'",
        "nested.json", "feature 'a' [1]: a value must be a number, a string, a boolean or null",
        "scalar.json", "feature 'a' must be an array of values",
        "array.json", "must be a JSON object of arrays",
        "trailing.json", "must be a JSON object of arrays",
        "broken.json", "line 1");
    for (Map.Entry<String, String> d : documents.entrySet()) {
      Path file = write(d.getKey(), d.getValue());
      // WHEN
      Cli.Result result = Cli.run("metrics", "drift", "--baseline", file.toString(), "--current", file.toString());
      // THEN
      assertThat(result.exitCode()).as(d.getKey()).isEqualTo(2);
      assertThat(result.err()).as(d.getKey()).startsWith(file + ": ").contains(expected.get(d.getKey()));
      assertNoStackTrace(result.err());
    }
  }

  @Test
  void a_string_in_a_numeric_json_feature_of_the_current_file_exits_2() throws IOException {
    // GIVEN
    Path baseline = write("baseline.json", "{\"x\": [1, 2, 3, null]}");
    Path current = write("current.json", "{\"x\": [1,\n 2,\n \"3\"]}");
    // WHEN
    Cli.Result result = Cli.run("metrics", "drift", "--baseline", baseline.toString(), "--current",
        current.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith(current + ": line 3: feature 'x' [2]: a text value is not a number");
  }

  @Test
  void a_column_of_numbers_and_text_is_categorical() throws IOException {
    // GIVEN a grade column with numbers and a letter, in both files
    StringBuilder sb = new StringBuilder("grade\n");
    for (int i = 0; i < 200; i++) {
      sb.append(i % 5 == 0 ? "A" : String.valueOf(i % 3)).append('\n');
    }
    Path file = write("grades.csv", sb.toString());
    // WHEN
    Cli.Result result = Cli.run("--json", "metrics", "drift", "--baseline", file.toString(), "--current",
        file.toString());
    // THEN it gets the categorical methods, and a set compared with itself does not drift
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(column(result.json(), "method")).containsExactly("psi", "chi2");
  }

  @Test
  void unreadable_and_empty_files_exit_2() throws IOException {
    // GIVEN
    Path empty = write("empty.csv", "\n");
    Path headerOnly = write("header.csv", "a,b\n");
    Path missing = tmp.resolve("missing.csv");
    // WHEN
    Cli.Result emptyResult = Cli.run("metrics", "drift", "--baseline", empty.toString(), "--current",
        empty.toString());
    Cli.Result headerResult = Cli.run("metrics", "drift", "--baseline", headerOnly.toString(), "--current",
        headerOnly.toString());
    Cli.Result missingResult = Cli.run("metrics", "drift", "--baseline", missing.toString(), "--current",
        missing.toString());
    Cli.Result directory = Cli.run("metrics", "drift", "--baseline", tmp.toString(), "--current", tmp.toString());
    // THEN
    assertThat(emptyResult.exitCode()).isEqualTo(2);
    assertThat(emptyResult.err()).startsWith(empty + ": is empty");
    assertThat(headerResult.exitCode()).isEqualTo(2);
    assertThat(headerResult.err()).startsWith(headerOnly + ": column 'a' holds no values");
    assertThat(missingResult.exitCode()).isEqualTo(2);
    assertThat(missingResult.err()).startsWith(missing + ": no such file");
    assertThat(directory.exitCode()).isEqualTo(2);
    assertThat(directory.err()).startsWith(tmp + ": is a directory");
  }

  @Test
  void bins_and_top_k_are_checked() {
    // WHEN
    Cli.Result bins = Cli.run("metrics", "drift", "--baseline", metrics("baseline.csv"), "--current",
        metrics("current-stable.csv"), "--bins", "1");
    Cli.Result topK = Cli.run("metrics", "drift", "--baseline", metrics("baseline.csv"), "--current",
        metrics("current-stable.csv"), "--top-k", "0");
    // THEN
    assertThat(bins.exitCode()).isEqualTo(2);
    assertThat(bins.err()).contains("--bins must be between 2 and");
    assertThat(topK.exitCode()).isEqualTo(2);
    assertThat(topK.err()).contains("--top-k must be between 1 and");
  }

  @Test
  void numbers_are_printed_with_four_significant_digits() {
    // THEN
    assertThat(MetricsDriftCommand.format(0.1)).isEqualTo("0.1");
    assertThat(MetricsDriftCommand.format(0.05 / 3)).isEqualTo("0.01667");
    assertThat(MetricsDriftCommand.format(3.2e-14)).isEqualTo("3.2e-14");
    assertThat(MetricsDriftCommand.format(108.24)).isEqualTo("108.2");
    assertThat(MetricsDriftCommand.format(0)).isEqualTo("0");
    assertThat(MetricsDriftCommand.format(Double.NaN)).isEqualTo("NaN");
    assertThat(MetricsDriftCommand.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
  }

  @Test
  void help_names_the_formats_methods_and_exit_codes() {
    // WHEN
    Cli.Result result = Cli.run("metrics", "drift", "--help");
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: governance metrics drift", "--baseline", "--current", "--method",
        "--config", "--json", "Exit codes:", "Drift detected");
    for (DriftMethod m : DriftMethod.values()) {
      assertThat(result.out()).contains(m.tag());
    }
  }
}
