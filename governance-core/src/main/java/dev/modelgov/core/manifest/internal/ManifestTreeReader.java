package dev.modelgov.core.manifest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.Autonomy;
import dev.modelgov.api.manifest.BaseModel;
import dev.modelgov.api.manifest.BaseModelRelation;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.ConfidenceInterval;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.Evaluation;
import dev.modelgov.api.manifest.FairnessAssessment;
import dev.modelgov.api.manifest.Framework;
import dev.modelgov.api.manifest.IntendedUse;
import dev.modelgov.api.manifest.IoField;
import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ManifestProblem;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.MetricCategory;
import dev.modelgov.api.manifest.MetricName;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.Owner;
import dev.modelgov.api.manifest.PersonalData;
import dev.modelgov.api.manifest.RiskAssessment;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.manifest.RiskItem;
import dev.modelgov.api.manifest.RiskScheme;
import dev.modelgov.api.manifest.SourceRef;
import dev.modelgov.api.manifest.Threshold;
import dev.modelgov.api.manifest.TrainingRun;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps a JSON tree onto a {@link ModelManifest.Builder}, collecting every problem (wrong type, unknown field, bad
 * value) with its JSON path instead of stopping at the first. For internal use only; may change without notice.
 */
public final class ManifestTreeReader {

  /** What was read: the builder, the digest the document declares (if any), and the problems found. */
  public record Result(ModelManifest.Builder builder, Optional<Digest> declaredDigest, List<ManifestProblem> problems) {}

  private final List<ManifestProblem> problems = new ArrayList<>();

  private ManifestTreeReader() {}

  /**
   * @param root the document tree
   * @return the builder and problems; the builder is not yet validated
   */
  public static Result read(JsonNode root) {
    ManifestTreeReader r = new ManifestTreeReader();
    ModelManifest.Builder b = ModelManifest.builder();
    Obj o = r.obj(root, "");
    if (o == null) {
      return new Result(b, Optional.empty(), r.problems);
    }
    String apiVersion = o.str("apiVersion");
    if (apiVersion == null && !o.has("apiVersion")) {
      r.problem("apiVersion", "missing; write apiVersion: " + ModelManifest.API_VERSION);
    } else if (apiVersion != null && !ModelManifest.API_VERSION.equals(apiVersion)) {
      r.problem("apiVersion", "unsupported; this library reads " + ModelManifest.API_VERSION);
    }
    String kind = o.str("kind");
    if (kind == null && !o.has("kind")) {
      r.problem("kind", "missing; write kind: " + ModelManifest.KIND);
    } else if (kind != null && !ModelManifest.KIND.equals(kind)) {
      r.problem("kind", "must be " + ModelManifest.KIND);
    }
    Optional<Digest> declared = Optional.ofNullable(o.digest("digest"));
    String id = o.str("id");
    if (id != null) {
      try {
        b.id(ModelId.parse(id));
      } catch (IllegalArgumentException e) {
        r.problem("id", e.getMessage());
      }
    }
    b.version(o.str("version"));
    b.description(o.str("description"));
    Obj owner = o.obj("owner");
    if (owner != null) {
      b.owner(new Owner(owner.str("team"), Optional.ofNullable(owner.str("contact"))));
      owner.finish();
    }
    b.supplier(o.str("supplier"));
    b.license(o.str("license"));
    b.task(o.str("task"));
    Obj fw = o.obj("framework");
    if (fw != null) {
      b.framework(new Framework(fw.str("name"), Optional.ofNullable(fw.str("version"))));
      fw.finish();
    }
    b.baseModels(
        o.list(
            "baseModels",
            x -> new BaseModel(x.str("ref"), Optional.ofNullable(x.wire("relation", BaseModelRelation::fromWireName)))));
    b.tags(o.strings("tags"));
    b.languages(o.strings("languages"));
    Obj use = o.obj("intendedUse");
    if (use != null) {
      b.intendedUse(
          new IntendedUse(
              use.str("purpose"),
              use.strings("users"),
              use.strings("outOfScopeUses"),
              use.strings("domains"),
              Optional.ofNullable(use.str("humanOversight")),
              Optional.ofNullable(use.wire("autonomy", Autonomy::fromWireName)),
              use.list("inputs", ManifestTreeReader::ioField),
              use.list("outputs", ManifestTreeReader::ioField)));
      use.finish();
    }
    Obj risk = o.obj("risk");
    if (risk != null) {
      RiskClass rc = risk.enumValue("class", RiskClass.class);
      RiskScheme scheme = risk.wire("scheme", RiskScheme::of);
      List<String> regulatory = risk.strings("regulatoryContext");
      List<String> standards = risk.strings("standards");
      Obj pd = risk.obj("personalData");
      PersonalData personal = null;
      if (pd != null) {
        Boolean contains = pd.bool("contains");
        if (contains == null && !pd.has("contains")) {
          r.problem(pd.path + ".contains", "missing");
        }
        personal =
            new PersonalData(
                Boolean.TRUE.equals(contains),
                pd.strings("categories"),
                Optional.ofNullable(pd.str("lawfulBasis")),
                Optional.ofNullable(pd.str("dpiaRef")));
        pd.finish();
      }
      List<RiskItem> items =
          risk.list(
              "risks",
              x -> new RiskItem(x.str("name"), Optional.ofNullable(x.str("mitigation")), Optional.ofNullable(x.str("residual"))));
      b.risk(new RiskAssessment(rc, scheme, regulatory, standards, Optional.ofNullable(personal), items));
      risk.finish();
    }
    b.datasets(
        o.list(
            "datasets",
            x ->
                new Dataset(
                    x.str("name"),
                    x.str("version"),
                    x.enumValue("role", DatasetRole.class),
                    Optional.ofNullable(x.str("uri")),
                    x.digest("digest"),
                    Boolean.TRUE.equals(x.bool("containsPersonalData")),
                    Optional.ofNullable(x.str("classification")),
                    Optional.ofNullable(x.str("license")))));
    Obj build = o.obj("build");
    if (build != null) {
      Obj src = build.obj("source");
      SourceRef source = null;
      if (src != null) {
        source = new SourceRef(src.str("repo"), src.str("commit"));
        src.finish();
      }
      ImageRef image = build.image("trainingImage");
      Obj run = build.obj("trainingRun");
      TrainingRun trainingRun = null;
      if (run != null) {
        trainingRun =
            new TrainingRun(
                run.str("system"),
                run.str("id"),
                Optional.ofNullable(run.str("url")),
                Optional.ofNullable(run.instant("startedAt")),
                Optional.ofNullable(run.instant("endedAt")));
        run.finish();
      }
      Map<String, Object> hyper = build.scalars("hyperparameters");
      b.build(new BuildProvenance(source, image, trainingRun, hyper));
      build.finish();
    }
    b.artifacts(
        o.list(
            "artifacts",
            x ->
                new Artifact(
                    x.str("uri"), Optional.ofNullable(x.str("format")), Optional.ofNullable(x.integer("size")), x.digest("digest"))));
    b.servingImage(o.image("servingImage"));
    Obj ev = o.obj("evaluation");
    if (ev != null) {
      b.evaluation(
          new Evaluation(
              ev.list("metrics", ManifestTreeReader::metric),
              ev.list(
                  "fairnessAssessments",
                  x ->
                      new FairnessAssessment(
                          x.str("groupAtRisk"),
                          Optional.ofNullable(x.str("benefits")),
                          Optional.ofNullable(x.str("harms")),
                          Optional.ofNullable(x.str("mitigation")))),
              ev.strings("limitations"),
              ev.strings("tradeoffs"),
              Optional.ofNullable(ev.str("explainability"))));
      ev.finish();
    }
    Obj lc = o.obj("lifecycle");
    if (lc != null) {
      b.lifecycle(
          new Lifecycle(
              lc.enumValue("stage", LifecycleStage.class),
              lc.strings("aliases"),
              lc.list(
                  "approvals",
                  x ->
                      new Approval(
                          x.str("approver"),
                          x.str("role"),
                          x.enumValue("decision", ApprovalDecision.class),
                          x.enumValue("scope", LifecycleStage.class),
                          x.instant("at"),
                          Optional.ofNullable(x.str("comment")))),
              Optional.ofNullable(lc.str("monitoringPlan")),
              Optional.ofNullable(lc.str("supersedes")),
              lc.instant("createdAt")));
      lc.finish();
    }
    o.finish();
    return new Result(b, declared, r.problems);
  }

  private static IoField ioField(Obj x) {
    return new IoField(
        x.str("name"),
        x.str("type"),
        Optional.ofNullable(x.str("unit")),
        x.decimals("range"),
        x.strings("values"),
        Optional.ofNullable(x.str("description")));
  }

  private static Metric metric(Obj x) {
    MetricName name = x.wire("name", MetricName::of);
    BigDecimal value = x.decimal("value");
    Map<String, String> slice = new LinkedHashMap<>();
    Obj s = x.obj("slice");
    if (s != null) {
      for (Iterator<String> it = s.node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        String v = s.str(k);
        if (v != null) {
          slice.put(k, v);
        }
      }
      s.finish();
    }
    Obj t = x.obj("threshold");
    Threshold threshold = null;
    if (t != null) {
      threshold = new Threshold(Optional.ofNullable(t.decimal("min")), Optional.ofNullable(t.decimal("max")));
      t.finish();
    }
    Obj c = x.obj("ci");
    ConfidenceInterval ci = null;
    if (c != null) {
      ci = new ConfidenceInterval(c.decimal("low"), c.decimal("high"));
      c.finish();
    }
    return new Metric(
        name,
        value,
        x.enumValue("category", MetricCategory.class),
        Optional.ofNullable(x.str("dataset")),
        slice,
        Optional.ofNullable(threshold),
        Optional.ofNullable(ci));
  }

  private void problem(String path, String message) {
    problems.add(new ManifestProblem(path, message));
  }

  private Obj obj(JsonNode node, String path) {
    if (!node.isObject()) {
      problem(path, "must be an object, is " + kind(node));
      return null;
    }
    return new Obj(node, path);
  }

  private static String kind(JsonNode node) {
    switch (node.getNodeType()) {
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** One JSON object being read, remembering which fields were consumed. */
  private final class Obj {
    final JsonNode node;
    final String path;
    final Set<String> seen = new HashSet<>();

    Obj(JsonNode node, String path) {
      this.node = node;
      this.path = path;
    }

    boolean has(String name) {
      return node.has(name) && !node.get(name).isNull();
    }

    /** The field's value, or null when absent or JSON null. */
    JsonNode field(String name) {
      seen.add(name);
      JsonNode v = node.get(name);
      return v == null || v.isNull() ? null : v;
    }

    String str(String name) {
      JsonNode v = field(name);
      if (v == null) {
        return null;
      }
      if (!v.isTextual()) {
        problem(
            join(path, name),
            "must be a string, is " + kind(v) + (v.isNumber() ? " (quote it in YAML: \"1.0\" is text, 1.0 a number)" : ""));
        return null;
      }
      return v.textValue();
    }

    Boolean bool(String name) {
      JsonNode v = field(name);
      if (v == null) {
        return null;
      }
      if (!v.isBoolean()) {
        problem(join(path, name), "must be true or false, is " + kind(v));
        return null;
      }
      return v.booleanValue();
    }

    BigDecimal decimal(String name) {
      return decimalOf(field(name), join(path, name));
    }

    BigDecimal decimalOf(JsonNode v, String at) {
      if (v == null) {
        return null;
      }
      if (!v.isNumber()) {
        problem(at, "must be a number, is " + kind(v));
        return null;
      }
      return v.decimalValue();
    }

    Long integer(String name) {
      JsonNode v = field(name);
      if (v == null) {
        return null;
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        problem(join(path, name), "must be a whole number, is " + kind(v));
        return null;
      }
      return v.longValue();
    }

    <T> T wire(String name, Function<String, T> parse) {
      String s = str(name);
      if (s == null) {
        return null;
      }
      try {
        return parse.apply(s);
      } catch (IllegalArgumentException e) {
        problem(join(path, name), e.getMessage());
        return null;
      }
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
      String s = str(name);
      if (s == null) {
        return null;
      }
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(s)) {
          return e;
        }
      }
      problem(
          join(path, name),
          "must be one of "
              + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
      return null;
    }

    Digest digest(String name) {
      return wire(name, Digest::parse);
    }

    ImageRef image(String name) {
      return wire(name, ImageRef::parse);
    }

    Instant instant(String name) {
      return wire(
          name,
          s -> {
            try {
              return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
              throw new IllegalArgumentException(
                  "must be an RFC 3339 timestamp with offset, such as 2026-11-19T08:12:00Z");
            }
          });
    }

    Obj obj(String name) {
      JsonNode v = field(name);
      return v == null ? null : ManifestTreeReader.this.obj(v, join(path, name));
    }

    <T> List<T> elements(String name, BiFunction<JsonNode, String, T> each) {
      JsonNode v = field(name);
      if (v == null) {
        return List.of();
      }
      String at = join(path, name);
      if (!v.isArray()) {
        problem(at, "must be an array, is " + kind(v));
        return List.of();
      }
      List<T> out = new ArrayList<>(v.size());
      for (int i = 0; i < v.size(); i++) {
        T t = each.apply(v.get(i), at + "[" + i + "]");
        if (t != null) {
          out.add(t);
        }
      }
      return out;
    }

    List<String> strings(String name) {
      return elements(
          name,
          (e, at) -> {
            if (!e.isTextual()) {
              problem(at, "must be a string, is " + kind(e));
              return null;
            }
            return e.textValue();
          });
    }

    List<BigDecimal> decimals(String name) {
      return elements(name, (e, at) -> decimalOf(e, at));
    }

    <T> List<T> list(String name, Function<Obj, T> each) {
      return elements(
          name,
          (e, at) -> {
            Obj o = ManifestTreeReader.this.obj(e, at);
            if (o == null) {
              return null;
            }
            T t = each.apply(o);
            o.finish();
            return t;
          });
    }

    Map<String, Object> scalars(String name) {
      Obj o = obj(name);
      if (o == null) {
        return Map.of();
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : o.node.properties()) {
        o.seen.add(e.getKey());
        JsonNode v = e.getValue();
        if (v.isTextual()) {
          out.put(e.getKey(), v.textValue());
        } else if (v.isNumber()) {
          out.put(e.getKey(), v.decimalValue());
        } else if (v.isBoolean()) {
          out.put(e.getKey(), v.booleanValue());
        } else {
          problem(join(o.path, e.getKey()), "must be a string, a number or a boolean, is " + kind(v));
        }
      }
      return out;
    }

    /** Reports every field that no reader consumed. */
    void finish() {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!seen.contains(name)) {
          problem(join(path, name), "unknown field");
        }
      }
    }
  }
}
