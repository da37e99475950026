package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.DriftConfig;
import dev.modelgov.core.metrics.DriftMethod;
import dev.modelgov.core.metrics.DriftResult;
import dev.modelgov.core.metrics.DriftStatistics;
import dev.modelgov.core.metrics.FeatureKind;
import dev.modelgov.core.metrics.MetricsConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code governance metrics drift --baseline FILE --current FILE [--method M]... [--config FILE] [--bins N]
 * [--top-k K]}: compares a current data set with a baseline, feature by feature, with the drift methods of the
 * library ({@link DriftStatistics#compare}), and prints one row per feature and method. Exits 0 when no drift is
 * detected, 1 when a feature drifted, 2 for a usage error or an unreadable or invalid input. For internal use only;
 * may change without notice.
 */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Compares a current data set with a baseline, feature by feature, and prints feature, method, statistic, "
          + "p-value, threshold and drift for each feature and method; --json prints the rows as a JSON array.",
      "Data files are CSV with a header row (numeric columns are read as numbers, others as categories; an empty "
          + "cell is a missing value) or JSON objects of arrays, {\"feature\": [values...]}. The baseline decides "
          + "each feature's kind.",
      "Methods and thresholds come from --config (drift section of a MetricsConfig) or the defaults: numeric psi "
          + "and ks, categorical psi and chi2; PSI 0.1, tests at 0.05 Bonferroni-corrected over features. Drift is "
          + "flagged only when the current column holds at least drift.minWindowSamples (default 100) values."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:No drift detected.",
      "1:Drift detected on at least one feature.",
      "2:Usage error, or an unreadable or invalid data or configuration file."
    })
final class MetricsDriftCommand extends ProvenanceCommand {

  /** The names of the methods, for help and messages. */
  static final String METHOD_TAGS =
      Arrays.stream(DriftMethod.values()).map(DriftMethod::tag).collect(Collectors.joining(", "));

  @Option(
      names = "--baseline",
      required = true,
      paramLabel = "FILE",
      description = "The reference data (CSV with a header row, or a JSON object of arrays).")
  Path baseline;

  @Option(
      names = "--current",
      required = true,
      paramLabel = "FILE",
      description = "The data to check, in either format; it must hold every baseline feature.")
  Path current;

  @Option(
      names = {"-m", "--method"},
      paramLabel = "METHOD",
      split = ",",
      description = "A method to compute: psi, js, js_natural, wasserstein, wasserstein_norm, hellinger, linf, ks "
          + "(numeric), chi2 (categorical). Repeat or separate with commas. Default: the configuration's methods.")
  List<String> methods = new ArrayList<>();

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "A metrics configuration (YAML or JSON) whose drift section gives methods and thresholds.")
  Path config;

  @Option(
      names = "--bins",
      paramLabel = "N",
      defaultValue = "10",
      description = "Quantile bins of a numeric feature for the binned methods (default 10).")
  int bins;

  @Option(
      names = "--top-k",
      paramLabel = "K",
      defaultValue = "20",
      description = "Categories kept per categorical feature; the rest count as __other__ (default 20).")
  int topK;

  /** Picocli creates the command. */
  MetricsDriftCommand() {}

  @Override
  int execute() throws CommandException {
    Set<DriftMethod> requested = parseMethods();
    if (bins < 2 || bins > DriftBaseline.MAX_BINS) {
      throw new ParameterException(spec.commandLine(),
          "--bins must be between 2 and " + DriftBaseline.MAX_BINS + ", got " + bins);
    }
    if (topK < 1 || topK > DriftBaseline.MAX_TOP_K) {
      throw new ParameterException(spec.commandLine(),
          "--top-k must be between 1 and " + DriftBaseline.MAX_TOP_K + ", got " + topK);
    }
    DriftConfig driftConfig = config == null ? DriftConfig.defaults() : MetricsAlertsCommand.readConfig(config).drift();
    Map<String, Object> reference = MetricsDriftData.readBaseline(baseline);
    Map<String, Object> data = MetricsDriftData.readCurrent(current, reference, err()::println);
    driftConfig = withMethods(driftConfig, requested, reference);
    List<DriftResult> rows;
    try {
      rows = DriftStatistics.compare(reference, data, driftConfig, bins, topK);
    } catch (IllegalArgumentException e) {
      throw CommandException.usage(current + ": " + e.getMessage());
    }
    if (!requested.isEmpty()) {
      rows = rows.stream().filter(r -> requested.contains(r.method())).toList();
    }
    int currentRows = MetricsDriftData.rows(data);
    if (currentRows < driftConfig.minWindowSamples()) {
      err().println("note: " + current + " holds " + currentRows + " rows, fewer than drift.minWindowSamples ("
          + driftConfig.minWindowSamples() + "): drift is not flagged");
    }
    if (json()) {
      JsonOutput.print(out(), toJson(rows));
    } else {
      print(out(), rows);
    }
    return rows.stream().anyMatch(DriftResult::drift) ? ExitCodes.INVALID : ExitCodes.OK;
  }

  private Set<DriftMethod> parseMethods() {
    Set<DriftMethod> set = EnumSet.noneOf(DriftMethod.class);
    for (String m : methods) {
      try {
        set.add(DriftMethod.ofTag(m.trim().toLowerCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(),
            "--method: unknown method '" + m + "'; expected one of " + METHOD_TAGS);
      }
    }
    return set;
  }

  /**
   * The config with the requested methods: those applicable to numeric features replace the numeric methods, those
   * applicable to categorical features the categorical ones. A kind that no requested method applies to keeps the
   * config's methods (its rows are dropped) and is named on standard error.
   */
  private DriftConfig withMethods(DriftConfig driftConfig, Set<DriftMethod> requested, Map<String, Object> reference)
      throws CommandException {
    if (requested.isEmpty()) {
      return driftConfig;
    }
    DriftConfig.Builder builder = driftConfig.toBuilder();
    int checked = 0;
    for (FeatureKind kind : FeatureKind.values()) {
      DriftMethod[] applicable = requested.stream().filter(m -> m.appliesTo(kind)).toArray(DriftMethod[]::new);
      Set<String> features = features(reference, kind);
      if (applicable.length == 0) {
        if (!features.isEmpty()) {
          err().println("note: no --method applies to the " + kind.tag() + " features " + String.join(", ", features)
              + "; they are not checked");
        }
        continue;
      }
      checked += features.size();
      if (kind == FeatureKind.NUMERIC) {
        builder.numericMethods(applicable);
      } else {
        builder.categoricalMethods(applicable);
      }
    }
    if (checked == 0) {
      throw new ParameterException(spec.commandLine(), "--method: no method given applies to any feature of "
          + baseline);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      String where = config != null ? config + ": " : "";
      throw CommandException.usage(where + e.getMessage() + (config == null ? " (set it with --config)" : ""));
    }
  }

  private static Set<String> features(Map<String, Object> columns, FeatureKind kind) {
    Set<String> names = new LinkedHashSet<>();
    columns.forEach((name, column) -> {
      if ((column instanceof double[]) == (kind == FeatureKind.NUMERIC)) {
        names.add(name);
      }
    });
    return names;
  }

  /**
   * The rows as JSON: {@code [{"feature","method","statistic","pValue","threshold","drift"}]}; a statistic or
   * p-value that is undefined or infinite is {@code null}, and {@code pValue} is {@code null} for distances.
   *
   * @param rows the rows
   * @return the array
   */
  static ArrayNode toJson(List<DriftResult> rows) {
    ArrayNode array = JsonOutput.array();
    for (DriftResult r : rows) {
      ObjectNode node = array.addObject().put("feature", r.feature()).put("method", r.method().tag());
      number(node, "statistic", r.statistic());
      number(node, "pValue", r.pValue().isPresent() ? r.pValue().getAsDouble() : Double.NaN);
      number(node, "threshold", r.threshold());
      node.put("drift", r.drift());
    }
    return array;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  /**
   * Prints the rows as a table, then a summary line.
   *
   * @param out where to print
   * @param rows the rows
   */
  static void print(PrintWriter out, List<DriftResult> rows) {
    String[] header = {"feature", "method", "statistic", "pValue", "threshold", "drift"};
    List<String[]> lines = new ArrayList<>();
    lines.add(header);
    for (DriftResult r : rows) {
      lines.add(new String[] {
        r.feature(),
        r.method().tag(),
        format(r.statistic()),
        r.pValue().isPresent() ? format(r.pValue().getAsDouble()) : "-",
        format(r.threshold()),
        r.drift() ? "DRIFT" : "no"
      });
    }
    int[] width = new int[header.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    for (String[] line : lines) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        sb.append(i == line.length - 1 ? line[i] : pad(line[i], width[i] + 2));
      }
      out.println(sb);
    }
    Set<String> drifted = new LinkedHashSet<>();
    Set<String> features = new LinkedHashSet<>();
    long flagged = 0;
    for (DriftResult r : rows) {
      features.add(r.feature());
      if (r.drift()) {
        flagged++;
        drifted.add(r.feature());
      }
    }
    if (drifted.isEmpty()) {
      out.println("no drift: 0 of " + rows.size() + " checks on " + features.size() + " features");
    } else {
      out.println("DRIFT: " + flagged + " of " + rows.size() + " checks on " + drifted.size() + " of "
          + features.size() + " features: " + String.join(", ", drifted));
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  /**
   * Four significant digits, trailing zeros dropped: {@code 0.1}, {@code 0.01667}, {@code 3.2e-14}.
   *
   * @param v the value
   * @return the text; {@code NaN} and {@code inf} for the non-finite
   */
  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return "0";
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    String exponent = e < 0 ? "" : s.substring(e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "");
      if (mantissa.endsWith(".")) {
        mantissa = mantissa.substring(0, mantissa.length() - 1);
      }
    }
    if (!exponent.isEmpty()) {
      exponent = "e" + Integer.parseInt(exponent.substring(1));
    }
    return mantissa + exponent;
  }
}
