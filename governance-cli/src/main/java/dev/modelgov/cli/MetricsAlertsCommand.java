package dev.modelgov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.metrics.AlertRules;
import dev.modelgov.core.metrics.MetricsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code governance metrics alerts --config FILE [--format rules|prometheusrule] [--model ID] [--name NAME]
 * [--namespace NS] [--out FILE]}: renders the Prometheus alerting rules of a metrics configuration, as a rule file or
 * as a Prometheus Operator {@code PrometheusRule}. Prints the YAML (with {@code --json}, the same document as JSON),
 * or writes it to {@code --out}. Exits 0, or 2 for a usage error or an invalid configuration. For internal use only;
 * may change without notice.
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Renders the Prometheus alerting rules of a metrics configuration (drift detected, severe drift, error rate, "
          + "latency, fairness disparity, no traffic), with the thresholds the meters use.",
      "--format rules writes a rule file for Prometheus's rule_files (check it with 'promtool check rules'); "
          + "--format prometheusrule writes a monitoring.coreos.com/v1 PrometheusRule with the same groups.",
      "Without --out the YAML goes to standard output (with --json, the same document as JSON); with --out it is "
          + "written to the file and a one-line summary is printed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:The rules were rendered.",
      "2:Usage error, an unreadable or invalid configuration, or an unwritable --out."
    })
final class MetricsAlertsCommand extends ProvenanceCommand {

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The metrics configuration (MetricsConfig), YAML or JSON (.json).")
  Path config;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "rules|prometheusrule",
      defaultValue = "rules",
      description = "rules (a Prometheus rule file, the default) or prometheusrule (a PrometheusRule resource).")
  String format;

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "Restrict every rule to one model (model=\"ID\"); default all models.")
  String model;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The PrometheusRule name (default modelgov-model-metrics); prometheusrule only.")
  String name;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "The PrometheusRule namespace (default none); prometheusrule only.")
  String namespace;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write the YAML to this file (replaced if it exists) instead of standard output.")
  Path out;

  /** Picocli creates the command. */
  MetricsAlertsCommand() {}

  @Override
  int execute() throws CommandException {
    AlertRules.Format renderFormat = parseFormat();
    if (renderFormat == AlertRules.Format.RULES && (name != null || namespace != null)) {
      throw new ParameterException(spec.commandLine(),
          (name != null ? "--name" : "--namespace") + " applies only to --format prometheusrule");
    }
    MetricsConfig metricsConfig = readConfig(config);
    AlertRules rules;
    try {
      AlertRules.Builder builder = AlertRules.builder(metricsConfig);
      if (model != null) {
        builder.model(model);
      }
      if (name != null) {
        builder.resourceName(name);
      }
      if (namespace != null) {
        builder.namespace(namespace);
      }
      rules = builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    String yaml = rules.render(renderFormat);
    List<String> alerts = rules.rules().stream().map(AlertRules.Rule::alert).toList();
    if (out != null) {
      CliFiles.write(out, yaml.getBytes(StandardCharsets.UTF_8));
      if (json()) {
        ObjectNode summary = JsonOutput.object().put("out", out.toString()).put("format", wireName(renderFormat));
        ArrayNode names = summary.putArray("alerts");
        alerts.forEach(names::add);
        JsonOutput.print(out(), summary);
      } else {
        out().println("wrote " + alerts.size() + " alerting rules (" + String.join(", ", alerts) + ") to " + out);
      }
    } else if (json()) {
      JsonOutput.print(out(), asJson(yaml));
    } else {
      out().print(yaml);
    }
    return ExitCodes.OK;
  }

  private AlertRules.Format parseFormat() {
    return switch (format.trim().toLowerCase(Locale.ROOT)) {
      case "rules" -> AlertRules.Format.RULES;
      case "prometheusrule" -> AlertRules.Format.PROMETHEUS_RULE;
      default -> throw new ParameterException(spec.commandLine(),
          "--format: unknown format '" + format + "'; expected rules or prometheusrule");
    };
  }

  private static String wireName(AlertRules.Format format) {
    return format == AlertRules.Format.RULES ? "rules" : "prometheusrule";
  }

  private static JsonNode asJson(String yaml) {
    try {
      return new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new IllegalStateException("the rendered rules are not YAML", e);
    }
  }

  /**
   * Reads a metrics configuration, as {@code metrics alerts} and {@code metrics drift} do.
   *
   * @param file the YAML or JSON file
   * @return the configuration
   * @throws CommandException (exit 2) naming the file and the path of the first problem
   */
  static MetricsConfig readConfig(Path file) throws CommandException {
    if (Files.isDirectory(file)) {
      throw CommandException.usage(file + ": is a directory, not a file");
    }
    try {
      return MetricsConfig.read(file);
    } catch (JsonFormatException e) {
      throw CommandException.usage(file + ": " + e.getMessage());
    } catch (IOException e) {
      throw CommandException.usage(file + ": " + CliFiles.readProblem(e));
    } catch (IllegalArgumentException e) {
      throw CommandException.usage(file + ": " + e.getMessage());
    }
  }
}
