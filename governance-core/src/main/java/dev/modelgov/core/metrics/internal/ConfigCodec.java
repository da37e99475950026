package dev.modelgov.core.metrics.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.internal.json.StrictJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.metrics.AlertConfig;
import dev.modelgov.core.metrics.DriftConfig;
import dev.modelgov.core.metrics.DriftMethod;
import dev.modelgov.core.metrics.FairnessConfig;
import dev.modelgov.core.metrics.FairnessMetric;
import dev.modelgov.core.metrics.KsPValueMethod;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.core.metrics.ModelAlert;
import dev.modelgov.core.metrics.PsiEpsilon;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and writes {@link MetricsConfig} as YAML or JSON. For internal use only. */
public final class ConfigCodec {

  private static final StrictJson DEFAULT = new StrictJson(JsonLimits.DEFAULT);
  private static final Set<String> ROOT = Set.of("drift", "fairness", "alerts", "meters");
  private static final Set<String> DRIFT = Set.of("windowSamples", "windowDuration", "minWindowSamples",
      "numericMethods", "categoricalMethods", "thresholds", "psiSevere", "psiEpsilon", "bonferroni", "ksPValue");
  private static final Set<String> FAIRNESS = Set.of("minGroupSize", "maxGroupsPerAttribute", "metrics",
      "thresholds", "twoSidedDisparateImpact", "maxPendingOutcomes", "outcomeTtl");
  private static final Set<String> ALERTS = Set.of("enabled", "errorRate", "latency", "latencyQuantile",
      "rateWindow", "noTrafficWindow", "for", "severity", "labels");
  private static final Set<String> METERS =
      Set.of("percentileHistogram", "maxErrorTypes", "maxOutputClasses", "maxMeters");

  private ConfigCodec() {}

  /**
   * Reads a config.
   *
   * @param bytes the document
   * @param yaml true for YAML, false for JSON
   * @param limits parser limits
   * @return the config
   * @throws JsonFormatException naming the path of the first problem
   */
  public static MetricsConfig read(byte[] bytes, boolean yaml, JsonLimits limits) throws JsonFormatException {
    StrictJson strict = limits.equals(JsonLimits.DEFAULT) ? DEFAULT : new StrictJson(limits);
    JsonNode root = yaml ? strict.readYaml(bytes) : strict.readJson(bytes);
    TreeReader.onlyFields(root, "", ROOT);
    MetricsConfig.Builder b = MetricsConfig.builder();
    try {
      if (root.has("drift")) {
        b.drift(drift(root.get("drift")));
      }
      if (root.has("fairness")) {
        b.fairness(fairness(root.get("fairness")));
      }
      if (root.has("alerts")) {
        b.alerts(alerts(root.get("alerts")));
      }
      if (root.has("meters")) {
        JsonNode m = root.get("meters");
        TreeReader.onlyFields(m, "meters", METERS);
        if (m.has("percentileHistogram")) {
          b.percentileHistogram(TreeReader.bool(m.get("percentileHistogram"), "meters.percentileHistogram"));
        }
        if (m.has("maxErrorTypes")) {
          b.maxErrorTypes(intValue(m.get("maxErrorTypes"), "meters.maxErrorTypes"));
        }
        if (m.has("maxOutputClasses")) {
          b.maxOutputClasses(intValue(m.get("maxOutputClasses"), "meters.maxOutputClasses"));
        }
        if (m.has("maxMeters")) {
          b.maxMeters(intValue(m.get("maxMeters"), "meters.maxMeters"));
        }
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(e.getMessage());
    }
  }

  private static DriftConfig drift(JsonNode n) throws JsonFormatException {
    TreeReader.onlyFields(n, "drift", DRIFT);
    DriftConfig.Builder b = DriftConfig.builder();
    if (n.has("windowSamples")) {
      b.windowSamples(TreeReader.integer(n.get("windowSamples"), "drift.windowSamples"));
    }
    if (n.has("windowDuration")) {
      b.windowDuration(TreeReader.duration(n.get("windowDuration"), "drift.windowDuration"));
    }
    if (n.has("minWindowSamples")) {
      b.minWindowSamples(TreeReader.integer(n.get("minWindowSamples"), "drift.minWindowSamples"));
    }
    if (n.has("numericMethods")) {
      b.numericMethods(methods(n.get("numericMethods"), "drift.numericMethods"));
    }
    if (n.has("categoricalMethods")) {
      b.categoricalMethods(methods(n.get("categoricalMethods"), "drift.categoricalMethods"));
    }
    if (n.has("thresholds")) {
      JsonNode t = TreeReader.object(n.get("thresholds"), "drift.thresholds");
      for (Map.Entry<String, JsonNode> e : t.properties()) {
        String path = "drift.thresholds." + e.getKey();
        b.threshold(enumOf(() -> DriftMethod.ofTag(e.getKey()), path), TreeReader.number(e.getValue(), path));
      }
    }
    if (n.has("psiSevere")) {
      b.psiSevereThreshold(TreeReader.number(n.get("psiSevere"), "drift.psiSevere"));
    }
    if (n.has("psiEpsilon")) {
      String s = TreeReader.text(n.get("psiEpsilon"), "drift.psiEpsilon");
      b.psiEpsilon(enumOf(() -> PsiEpsilon.valueOf(s.toUpperCase(Locale.ROOT)), "drift.psiEpsilon"));
    }
    if (n.has("bonferroni")) {
      b.bonferroni(TreeReader.bool(n.get("bonferroni"), "drift.bonferroni"));
    }
    if (n.has("ksPValue")) {
      String s = TreeReader.text(n.get("ksPValue"), "drift.ksPValue");
      b.ksPValueMethod(enumOf(() -> KsPValueMethod.valueOf(s.toUpperCase(Locale.ROOT)), "drift.ksPValue"));
    }
    return b.build();
  }

  private static DriftMethod[] methods(JsonNode n, String path) throws JsonFormatException {
    List<JsonNode> items = TreeReader.array(n, path, DriftMethod.values().length);
    DriftMethod[] out = new DriftMethod[items.size()];
    for (int i = 0; i < out.length; i++) {
      String p = path + "[" + i + "]";
      String tag = TreeReader.text(items.get(i), p);
      out[i] = enumOf(() -> DriftMethod.ofTag(tag), p);
    }
    return out;
  }

  private static FairnessConfig fairness(JsonNode n) throws JsonFormatException {
    TreeReader.onlyFields(n, "fairness", FAIRNESS);
    FairnessConfig.Builder b = FairnessConfig.builder();
    if (n.has("minGroupSize")) {
      b.minGroupSize(TreeReader.integer(n.get("minGroupSize"), "fairness.minGroupSize"));
    }
    if (n.has("maxGroupsPerAttribute")) {
      b.maxGroupsPerAttribute(intValue(n.get("maxGroupsPerAttribute"), "fairness.maxGroupsPerAttribute"));
    }
    if (n.has("metrics")) {
      List<JsonNode> items = TreeReader.array(n.get("metrics"), "fairness.metrics", FairnessMetric.values().length);
      FairnessMetric[] out = new FairnessMetric[items.size()];
      for (int i = 0; i < out.length; i++) {
        String p = "fairness.metrics[" + i + "]";
        String tag = TreeReader.text(items.get(i), p);
        out[i] = enumOf(() -> FairnessMetric.ofTag(tag), p);
      }
      b.metrics(out);
    }
    if (n.has("thresholds")) {
      JsonNode t = TreeReader.object(n.get("thresholds"), "fairness.thresholds");
      for (Map.Entry<String, JsonNode> e : t.properties()) {
        String path = "fairness.thresholds." + e.getKey();
        b.threshold(enumOf(() -> FairnessMetric.ofTag(e.getKey()), path), TreeReader.number(e.getValue(), path));
      }
    }
    if (n.has("twoSidedDisparateImpact")) {
      b.twoSidedDisparateImpact(
          TreeReader.bool(n.get("twoSidedDisparateImpact"), "fairness.twoSidedDisparateImpact"));
    }
    if (n.has("maxPendingOutcomes")) {
      b.maxPendingOutcomes(intValue(n.get("maxPendingOutcomes"), "fairness.maxPendingOutcomes"));
    }
    if (n.has("outcomeTtl")) {
      b.outcomeTtl(TreeReader.duration(n.get("outcomeTtl"), "fairness.outcomeTtl"));
    }
    return b.build();
  }

  private static AlertConfig alerts(JsonNode n) throws JsonFormatException {
    TreeReader.onlyFields(n, "alerts", ALERTS);
    AlertConfig.Builder b = AlertConfig.builder();
    if (n.has("enabled")) {
      List<JsonNode> items = TreeReader.array(n.get("enabled"), "alerts.enabled", ModelAlert.values().length);
      Set<ModelAlert> set = EnumSet.noneOf(ModelAlert.class);
      for (int i = 0; i < items.size(); i++) {
        String p = "alerts.enabled[" + i + "]";
        String key = TreeReader.text(items.get(i), p);
        set.add(enumOf(() -> ModelAlert.ofKey(key), p));
      }
      b.enabled(set);
    }
    if (n.has("errorRate")) {
      b.errorRate(TreeReader.number(n.get("errorRate"), "alerts.errorRate"));
    }
    if (n.has("latency")) {
      b.latency(TreeReader.duration(n.get("latency"), "alerts.latency"));
    }
    if (n.has("latencyQuantile")) {
      b.latencyQuantile(TreeReader.number(n.get("latencyQuantile"), "alerts.latencyQuantile"));
    }
    if (n.has("rateWindow")) {
      b.rateWindow(TreeReader.duration(n.get("rateWindow"), "alerts.rateWindow"));
    }
    if (n.has("noTrafficWindow")) {
      b.noTrafficWindow(TreeReader.duration(n.get("noTrafficWindow"), "alerts.noTrafficWindow"));
    }
    if (n.has("for")) {
      JsonNode f = TreeReader.object(n.get("for"), "alerts.for");
      for (Map.Entry<String, JsonNode> e : f.properties()) {
        String path = "alerts.for." + e.getKey();
        b.forDuration(enumOf(() -> ModelAlert.ofKey(e.getKey()), path), TreeReader.duration(e.getValue(), path));
      }
    }
    if (n.has("severity")) {
      JsonNode f = TreeReader.object(n.get("severity"), "alerts.severity");
      for (Map.Entry<String, JsonNode> e : f.properties()) {
        String path = "alerts.severity." + e.getKey();
        b.severity(enumOf(() -> ModelAlert.ofKey(e.getKey()), path), TreeReader.text(e.getValue(), path));
      }
    }
    if (n.has("labels")) {
      JsonNode f = TreeReader.object(n.get("labels"), "alerts.labels");
      if (f.size() > 32) {
        throw new JsonFormatException("alerts.labels: at most 32 labels");
      }
      for (Map.Entry<String, JsonNode> e : f.properties()) {
        b.label(e.getKey(), TreeReader.text(e.getValue(), "alerts.labels." + e.getKey()));
      }
    }
    return b.build();
  }

  private static int intValue(JsonNode n, String path) throws JsonFormatException {
    long v = TreeReader.integer(n, path);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new JsonFormatException(path + ": out of range");
    }
    return (int) v;
  }

  private interface Lookup<T> {
    T get();
  }

  private static <T> T enumOf(Lookup<T> lookup, String path) throws JsonFormatException {
    try {
      return lookup.get();
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path + ": unknown value");
    }
  }

  /**
   * Writes the full config.
   *
   * @param c the config
   * @param yaml true for YAML, false for JSON
   * @return the document
   */
  public static String write(MetricsConfig c, boolean yaml) {
    ObjectMapper mapper = yaml ? DEFAULT.yaml() : DEFAULT.json();
    ObjectNode root = mapper.createObjectNode();
    DriftConfig d = c.drift();
    ObjectNode drift = root.putObject("drift");
    drift.put("windowSamples", d.windowSamples());
    drift.put("windowDuration", PromDuration.format(d.windowDuration()));
    drift.put("minWindowSamples", d.minWindowSamples());
    ArrayNode nm = drift.putArray("numericMethods");
    d.numericMethods().forEach(m -> nm.add(m.tag()));
    ArrayNode cm = drift.putArray("categoricalMethods");
    d.categoricalMethods().forEach(m -> cm.add(m.tag()));
    ObjectNode dt = drift.putObject("thresholds");
    d.thresholds().forEach((m, t) -> dt.put(m.tag(), t));
    drift.put("psiSevere", d.psiSevereThreshold());
    drift.put("psiEpsilon", d.psiEpsilon().name().toLowerCase(Locale.ROOT));
    drift.put("bonferroni", d.bonferroni());
    drift.put("ksPValue", d.ksPValueMethod().name().toLowerCase(Locale.ROOT));

    FairnessConfig f = c.fairness();
    ObjectNode fair = root.putObject("fairness");
    fair.put("minGroupSize", f.minGroupSize());
    fair.put("maxGroupsPerAttribute", f.maxGroupsPerAttribute());
    ArrayNode fm = fair.putArray("metrics");
    f.metrics().forEach(m -> fm.add(m.tag()));
    ObjectNode ft = fair.putObject("thresholds");
    f.thresholds().forEach((m, t) -> ft.put(m.tag(), t));
    fair.put("twoSidedDisparateImpact", f.twoSidedDisparateImpact());
    fair.put("maxPendingOutcomes", f.maxPendingOutcomes());
    fair.put("outcomeTtl", PromDuration.format(f.outcomeTtl()));

    AlertConfig a = c.alerts();
    ObjectNode alerts = root.putObject("alerts");
    ArrayNode en = alerts.putArray("enabled");
    a.enabled().forEach(x -> en.add(x.key()));
    alerts.put("errorRate", a.errorRate());
    alerts.put("latency", PromDuration.format(a.latency()));
    alerts.put("latencyQuantile", a.latencyQuantile());
    alerts.put("rateWindow", PromDuration.format(a.rateWindow()));
    alerts.put("noTrafficWindow", PromDuration.format(a.noTrafficWindow()));
    ObjectNode forNode = alerts.putObject("for");
    ObjectNode sev = alerts.putObject("severity");
    for (ModelAlert x : ModelAlert.values()) {
      forNode.put(x.key(), PromDuration.format(a.forDuration(x)));
      sev.put(x.key(), a.severity(x));
    }
    ObjectNode labels = alerts.putObject("labels");
    a.labels().forEach(labels::put);

    ObjectNode meters = root.putObject("meters");
    meters.put("percentileHistogram", c.percentileHistogram());
    meters.put("maxErrorTypes", c.maxErrorTypes());
    meters.put("maxOutputClasses", c.maxOutputClasses());
    meters.put("maxMeters", c.maxMeters());
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
