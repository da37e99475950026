package dev.modelgov.core.manifest.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.BaseModel;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.Evaluation;
import dev.modelgov.api.manifest.FairnessAssessment;
import dev.modelgov.api.manifest.IntendedUse;
import dev.modelgov.api.manifest.IoField;
import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.PersonalData;
import dev.modelgov.api.manifest.RiskAssessment;
import dev.modelgov.api.manifest.RiskItem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link ModelManifest} as a JSON tree in the documented wire shape: fields in schema order, empty lists and
 * absent values omitted. For internal use only; may change without notice.
 */
public final class ManifestTreeWriter {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ManifestTreeWriter() {}

  /**
   * @param m the manifest
   * @return its JSON tree
   */
  public static ObjectNode write(ModelManifest m) {
    ObjectNode o = F.objectNode();
    o.put("apiVersion", ModelManifest.API_VERSION);
    o.put("kind", ModelManifest.KIND);
    o.put("id", m.id().toString());
    o.put("version", m.version());
    o.put("description", m.description());
    ObjectNode owner = o.putObject("owner");
    owner.put("team", m.owner().team());
    opt(owner, "contact", m.owner().contact());
    o.put("supplier", m.supplier());
    o.put("license", m.license());
    o.put("task", m.task());
    m.framework()
        .ifPresent(
            f -> {
              ObjectNode fw = o.putObject("framework");
              fw.put("name", f.name());
              opt(fw, "version", f.version());
            });
    if (!m.baseModels().isEmpty()) {
      ArrayNode a = o.putArray("baseModels");
      for (BaseModel b : m.baseModels()) {
        ObjectNode bn = a.addObject();
        bn.put("ref", b.ref());
        b.relation().ifPresent(r -> bn.put("relation", r.wireName()));
      }
    }
    strings(o, "tags", m.tags());
    strings(o, "languages", m.languages());
    o.set("intendedUse", intendedUse(m.intendedUse()));
    o.set("risk", risk(m.risk()));
    ArrayNode ds = o.putArray("datasets");
    for (Dataset d : m.datasets()) {
      ObjectNode dn = ds.addObject();
      dn.put("name", d.name());
      dn.put("version", d.version());
      dn.put("role", d.role().name());
      opt(dn, "uri", d.uri());
      dn.put("digest", d.digest().toString());
      dn.put("containsPersonalData", d.containsPersonalData());
      opt(dn, "classification", d.classification());
      opt(dn, "license", d.license());
    }
    o.set("build", build(m.build()));
    ArrayNode arts = o.putArray("artifacts");
    for (Artifact a : m.artifacts()) {
      ObjectNode an = arts.addObject();
      an.put("uri", a.uri());
      opt(an, "format", a.format());
      a.size().ifPresent(s -> an.put("size", s));
      an.put("digest", a.digest().toString());
    }
    m.servingImage().ifPresent(i -> o.put("servingImage", i.toString()));
    o.set("evaluation", evaluation(m.evaluation()));
    o.set("lifecycle", lifecycle(m.lifecycle()));
    return o;
  }

  private static ObjectNode intendedUse(IntendedUse u) {
    ObjectNode o = F.objectNode();
    o.put("purpose", u.purpose());
    strings(o, "users", u.users());
    strings(o, "outOfScopeUses", u.outOfScopeUses());
    strings(o, "domains", u.domains());
    opt(o, "humanOversight", u.humanOversight());
    u.autonomy().ifPresent(a -> o.put("autonomy", a.wireName()));
    io(o, "inputs", u.inputs());
    io(o, "outputs", u.outputs());
    return o;
  }

  private static void io(ObjectNode parent, String name, List<IoField> fields) {
    if (fields.isEmpty()) {
      return;
    }
    ArrayNode a = parent.putArray(name);
    for (IoField f : fields) {
      ObjectNode fn = a.addObject();
      fn.put("name", f.name());
      fn.put("type", f.type());
      opt(fn, "unit", f.unit());
      if (!f.range().isEmpty()) {
        ArrayNode r = fn.putArray("range");
        f.range().forEach(r::add);
      }
      strings(fn, "values", f.values());
      opt(fn, "description", f.description());
    }
  }

  private static ObjectNode risk(RiskAssessment r) {
    ObjectNode o = F.objectNode();
    o.put("class", r.riskClass().name());
    o.put("scheme", r.scheme().name());
    strings(o, "regulatoryContext", r.regulatoryContext());
    strings(o, "standards", r.standards());
    r.personalData()
        .ifPresent(
            (PersonalData pd) -> {
              ObjectNode p = o.putObject("personalData");
              p.put("contains", pd.contains());
              strings(p, "categories", pd.categories());
              opt(p, "lawfulBasis", pd.lawfulBasis());
              opt(p, "dpiaRef", pd.dpiaRef());
            });
    if (!r.risks().isEmpty()) {
      ArrayNode a = o.putArray("risks");
      for (RiskItem item : r.risks()) {
        ObjectNode i = a.addObject();
        i.put("name", item.name());
        opt(i, "mitigation", item.mitigation());
        opt(i, "residual", item.residual());
      }
    }
    return o;
  }

  private static ObjectNode build(BuildProvenance b) {
    ObjectNode o = F.objectNode();
    ObjectNode src = o.putObject("source");
    src.put("repo", b.source().repo());
    src.put("commit", b.source().commit());
    o.put("trainingImage", b.trainingImage().toString());
    ObjectNode run = o.putObject("trainingRun");
    run.put("system", b.trainingRun().system());
    run.put("id", b.trainingRun().id());
    opt(run, "url", b.trainingRun().url());
    b.trainingRun().startedAt().ifPresent(t -> run.put("startedAt", t.toString()));
    b.trainingRun().endedAt().ifPresent(t -> run.put("endedAt", t.toString()));
    if (!b.hyperparameters().isEmpty()) {
      ObjectNode hp = o.putObject("hyperparameters");
      for (Map.Entry<String, Object> e : b.hyperparameters().entrySet()) {
        Object v = e.getValue();
        if (v instanceof BigDecimal) {
          hp.put(e.getKey(), (BigDecimal) v);
        } else if (v instanceof Boolean) {
          hp.put(e.getKey(), (Boolean) v);
        } else {
          hp.put(e.getKey(), String.valueOf(v));
        }
      }
    }
    return o;
  }

  private static ObjectNode evaluation(Evaluation e) {
    ObjectNode o = F.objectNode();
    ArrayNode ms = o.putArray("metrics");
    for (Metric m : e.metrics()) {
      ObjectNode mn = ms.addObject();
      mn.put("name", m.name().name());
      mn.put("value", m.value());
      opt(mn, "dataset", m.dataset());
      if (!m.slice().isEmpty()) {
        ObjectNode s = mn.putObject("slice");
        m.slice().forEach(s::put);
      }
      mn.put("category", m.category().name());
      m.threshold()
          .ifPresent(
              t -> {
                ObjectNode tn = mn.putObject("threshold");
                t.min().ifPresent(v -> tn.put("min", v));
                t.max().ifPresent(v -> tn.put("max", v));
              });
      m.ci()
          .ifPresent(
              ci -> {
                ObjectNode cn = mn.putObject("ci");
                cn.put("low", ci.low());
                cn.put("high", ci.high());
              });
    }
    if (!e.fairnessAssessments().isEmpty()) {
      ArrayNode fa = o.putArray("fairnessAssessments");
      for (FairnessAssessment f : e.fairnessAssessments()) {
        ObjectNode fn = fa.addObject();
        fn.put("groupAtRisk", f.groupAtRisk());
        opt(fn, "benefits", f.benefits());
        opt(fn, "harms", f.harms());
        opt(fn, "mitigation", f.mitigation());
      }
    }
    strings(o, "limitations", e.limitations());
    strings(o, "tradeoffs", e.tradeoffs());
    opt(o, "explainability", e.explainability());
    return o;
  }

  private static ObjectNode lifecycle(Lifecycle l) {
    ObjectNode o = F.objectNode();
    o.put("stage", l.stage().name());
    strings(o, "aliases", l.aliases());
    if (!l.approvals().isEmpty()) {
      ArrayNode a = o.putArray("approvals");
      for (Approval ap : l.approvals()) {
        ObjectNode an = a.addObject();
        an.put("approver", ap.approver());
        an.put("role", ap.role());
        an.put("decision", ap.decision().name());
        an.put("scope", ap.scope().name());
        an.put("at", ap.at().toString());
        opt(an, "comment", ap.comment());
      }
    }
    opt(o, "monitoringPlan", l.monitoringPlan());
    opt(o, "supersedes", l.supersedes());
    o.put("createdAt", l.createdAt().toString());
    return o;
  }

  private static void opt(ObjectNode o, String name, Optional<String> value) {
    value.ifPresent(v -> o.put(name, v));
  }

  private static void strings(ObjectNode o, String name, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = o.putArray(name);
      values.forEach(a::add);
    }
  }
}
