package dev.modelgov.core.manifest.export.internal;

import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.BaseModel;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.Evaluation;
import dev.modelgov.api.manifest.FairnessAssessment;
import dev.modelgov.api.manifest.IntendedUse;
import dev.modelgov.api.manifest.IoField;
import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskAssessment;
import dev.modelgov.api.manifest.RiskItem;
import dev.modelgov.api.manifest.Threshold;
import dev.modelgov.api.manifest.TrainingRun;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.export.ExportFormat;
import dev.modelgov.core.manifest.export.ExportResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a manifest as a Markdown model card in the section order of the Hugging Face template. For internal use
 * only; may change without notice.
 *
 * <p>The card is meant to be published, so it leaves out what identifies people: approvals are shown by role,
 * decision, scope and time, without the approver or the comment, and the contact section names the owning team, not
 * its address. Those fields are reported as lost.
 */
public final class ModelCardExport {

  private final ModelManifest m;
  private final Residual r;
  private final StringBuilder out = new StringBuilder();

  private ModelCardExport(ModelManifest m) {
    this.m = m;
    this.r = new Residual(ManifestCodec.defaults().toTree(m));
  }

  /**
   * @param m the manifest
   * @return the card
   */
  public static ExportResult export(ModelManifest m) {
    ModelCardExport w = new ModelCardExport(m);
    w.write();
    return new ExportResult(
        ExportFormat.MODEL_CARD,
        w.out.toString().getBytes(StandardCharsets.UTF_8),
        w.r.lostFields("not shown in the model card"));
  }

  private void write() {
    r.cover("apiVersion");
    r.cover("kind");
    line("# Model Card for " + m.id() + " " + m.version());
    r.cover("id");
    r.cover("version");
    blank();
    line(text(m.description()));
    r.cover("description");
    modelDetails();
    uses();
    risks();
    training();
    evaluation();
    examination();
    technical();
    governance();
    h2("Model Card Authors");
    line(text(m.owner().team()));
    h2("Model Card Contact");
    line("The " + text(m.owner().team()) + " team.");
    r.cover("owner.team");
    r.lose("owner.contact", "the card names the owning team only, not its contact address");
  }

  private void modelDetails() {
    h2("Model Details");
    h3("Model Description");
    item("Developed by", m.owner().team());
    item("Supplied by", m.supplier());
    r.cover("supplier");
    item("Model type", m.task());
    r.cover("task");
    item("Version", m.version());
    if (!m.languages().isEmpty()) {
      item("Language(s)", String.join(", ", m.languages()));
      r.cover("languages");
    }
    item("License", m.license());
    r.cover("license");
    m.framework()
        .ifPresent(
            f -> {
              item("Framework", f.name() + f.version().map(v -> " " + v).orElse(""));
              r.cover("framework");
            });
    if (!m.baseModels().isEmpty()) {
      List<String> bases = new ArrayList<>();
      for (BaseModel b : m.baseModels()) {
        bases.add(b.ref() + b.relation().map(rel -> " (" + rel.wireName() + ")").orElse(""));
      }
      item("Derived from", String.join(", ", bases));
      r.cover("baseModels");
    }
    if (!m.tags().isEmpty()) {
      item("Tags", String.join(", ", m.tags()));
      r.cover("tags");
    }
    h3("Model Sources");
    item("Repository", m.build().source().repo() + " at commit " + m.build().source().commit());
    r.cover("build.source");
    for (int i = 0; i < m.artifacts().size(); i++) {
      Artifact a = m.artifacts().get(i);
      List<String> details = new ArrayList<>();
      a.format().ifPresent(details::add);
      a.size().ifPresent(s -> details.add(s + " bytes"));
      item(
          "Artifact",
          a.uri() + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")") + ", digest " + a.digest());
      r.cover("artifacts[" + i + "]");
    }
  }

  private void uses() {
    IntendedUse use = m.intendedUse();
    h2("Uses");
    h3("Direct Use");
    line(text(use.purpose()));
    r.cover("intendedUse.purpose");
    if (!use.users().isEmpty() || !use.domains().isEmpty() || use.autonomy().isPresent() || use.humanOversight().isPresent()) {
      blank();
    }
    if (!use.users().isEmpty()) {
      item("Intended users", String.join(", ", use.users()));
    }
    if (!use.domains().isEmpty()) {
      item("Domains", String.join(", ", use.domains()));
    }
    use.autonomy().ifPresent(a -> item("Autonomy", a.wireName()));
    use.humanOversight().ifPresent(h -> item("Human oversight", h));
    r.cover("intendedUse.users");
    r.cover("intendedUse.domains");
    r.cover("intendedUse.autonomy");
    r.cover("intendedUse.humanOversight");
    h3("Out-of-Scope Use");
    bullets(use.outOfScopeUses(), "None stated.");
    r.cover("intendedUse.outOfScopeUses");
  }

  private void risks() {
    RiskAssessment risk = m.risk();
    Evaluation ev = m.evaluation();
    h2("Bias, Risks, and Limitations");
    h3("Risks");
    if (risk.risks().isEmpty()) {
      line("None stated.");
    }
    for (RiskItem item : risk.risks()) {
      StringBuilder sb = new StringBuilder("- **").append(text(item.name())).append("**");
      item.mitigation().ifPresent(v -> sb.append(" — mitigation: ").append(text(v)));
      item.residual().ifPresent(v -> sb.append(" — residual risk: ").append(text(v)));
      line(sb.toString());
    }
    r.cover("risk.risks");
    h3("Limitations");
    bullets(ev.limitations(), "None stated.");
    r.cover("evaluation.limitations");
    if (!ev.tradeoffs().isEmpty()) {
      h3("Trade-offs");
      bullets(ev.tradeoffs(), "");
      r.cover("evaluation.tradeoffs");
    }
  }

  private void training() {
    h2("Training Details");
    h3("Training Data");
    datasetTable(false);
    h3("Training Procedure");
    TrainingRun run = m.build().trainingRun();
    item("Training run", run.id() + " in " + run.system() + run.url().map(u -> " (" + u + ")").orElse(""));
    run.startedAt().ifPresent(t -> item("Started", t.toString()));
    run.endedAt().ifPresent(t -> item("Ended", t.toString()));
    item("Training image", m.build().trainingImage().toString());
    r.cover("build.trainingRun");
    r.cover("build.trainingImage");
    Map<String, Object> hp = m.build().hyperparameters();
    if (!hp.isEmpty()) {
      h4("Training Hyperparameters");
      hp.forEach((k, v) -> line("- " + code(k) + ": " + text(v instanceof BigDecimal d ? Json.plain(d) : String.valueOf(v))));
      r.cover("build.hyperparameters");
    }
  }

  private void datasetTable(boolean test) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < m.datasets().size(); i++) {
      if ((m.datasets().get(i).role() == DatasetRole.TEST) == test) {
        rows.add(i);
      }
    }
    if (rows.isEmpty()) {
      line("None declared.");
      return;
    }
    line("| Dataset | Version | Role | Personal data | Classification | License | Location | Digest |");
    line("|---|---|---|---|---|---|---|---|");
    for (int i : rows) {
      Dataset d = m.datasets().get(i);
      line(
          row(
              d.name(),
              d.version(),
              d.role().name(),
              d.containsPersonalData() ? "yes" : "no",
              d.classification().orElse("—"),
              d.license().orElse("—"),
              d.uri().orElse("—"),
              d.digest().toString()));
      r.cover("datasets[" + i + "]");
    }
  }

  private void evaluation() {
    Evaluation ev = m.evaluation();
    h2("Evaluation");
    h3("Testing Data");
    datasetTable(true);
    h3("Results");
    line("| Metric | Category | Dataset | Slice | Value | Confidence interval | Threshold | Result |");
    line("|---|---|---|---|---|---|---|---|");
    for (Metric metric : ev.metrics()) {
      line(
          row(
              metric.name().name(),
              metric.category().name(),
              metric.dataset().orElse("—"),
              metric.slice().isEmpty() ? "—" : CycloneDxExport.Slices.format(metric.slice()),
              Json.plain(metric.value()),
              metric.ci().map(ci -> "[" + Json.plain(ci.low()) + ", " + Json.plain(ci.high()) + "]").orElse("—"),
              metric.threshold().map(ModelCardExport::threshold).orElse("—"),
              metric.threshold().isEmpty() ? "—" : metric.meetsThreshold() ? "pass" : "FAIL"));
    }
    r.cover("evaluation.metrics");
    if (!ev.fairnessAssessments().isEmpty()) {
      h3("Fairness");
      for (FairnessAssessment f : ev.fairnessAssessments()) {
        StringBuilder sb = new StringBuilder("- **").append(text(f.groupAtRisk())).append("**");
        f.benefits().ifPresent(v -> sb.append(" — benefits: ").append(text(v)));
        f.harms().ifPresent(v -> sb.append(" — harms: ").append(text(v)));
        f.mitigation().ifPresent(v -> sb.append(" — mitigation: ").append(text(v)));
        line(sb.toString());
      }
      r.cover("evaluation.fairnessAssessments");
    }
  }

  private void examination() {
    m.evaluation()
        .explainability()
        .ifPresent(
            x -> {
              h2("Model Examination");
              line(text(x));
              r.cover("evaluation.explainability");
            });
    // Environmental Impact: the manifest has no energy or emissions fields, so the section is left out.
  }

  private void technical() {
    IntendedUse use = m.intendedUse();
    h2("Technical Specifications");
    h3("Model Architecture and Objective");
    line("Task: " + text(m.task()) + m.framework().map(f -> ", built with " + text(f.name()) + f.version().map(v -> " " + text(v)).orElse("")).orElse("") + ".");
    if (!use.inputs().isEmpty()) {
      h3("Inputs");
      ioTable(use.inputs());
      r.cover("intendedUse.inputs");
    }
    if (!use.outputs().isEmpty()) {
      h3("Outputs");
      ioTable(use.outputs());
      r.cover("intendedUse.outputs");
    }
    m.servingImage()
        .ifPresent(
            img -> {
              h3("Compute Infrastructure");
              item("Serving image", img.toString());
              r.cover("servingImage");
            });
  }

  private void ioTable(List<IoField> fields) {
    line("| Name | Type | Unit | Range | Values | Description |");
    line("|---|---|---|---|---|---|");
    for (IoField f : fields) {
      line(
          row(
              f.name(),
              f.type(),
              f.unit().orElse("—"),
              f.range().isEmpty() ? "—" : f.range().stream().map(Json::plain).collect(Collectors.joining(" to ")),
              f.values().isEmpty() ? "—" : String.join(", ", f.values()),
              f.description().orElse("—")));
    }
  }

  private void governance() {
    RiskAssessment risk = m.risk();
    Lifecycle lc = m.lifecycle();
    h2("Governance");
    item("Risk class", risk.riskClass() + " (" + risk.scheme() + ")");
    r.cover("risk.class");
    r.cover("risk.scheme");
    if (!risk.regulatoryContext().isEmpty()) {
      item("Regulatory context", String.join(", ", risk.regulatoryContext()));
      r.cover("risk.regulatoryContext");
    }
    if (!risk.standards().isEmpty()) {
      item("Standards", String.join(", ", risk.standards()));
      r.cover("risk.standards");
    }
    risk.personalData()
        .ifPresent(
            pd -> {
              List<String> parts = new ArrayList<>();
              parts.add(pd.contains() ? "processed" : "not processed");
              if (!pd.categories().isEmpty()) {
                parts.add("categories: " + String.join(", ", pd.categories()));
              }
              pd.lawfulBasis().ifPresent(v -> parts.add("lawful basis: " + v));
              pd.dpiaRef().ifPresent(v -> parts.add("DPIA: " + v));
              item("Personal data", String.join("; ", parts));
              r.cover("risk.personalData");
            });
    item("Lifecycle stage", lc.stage().name());
    r.cover("lifecycle.stage");
    if (!lc.aliases().isEmpty()) {
      item("Aliases", String.join(", ", lc.aliases()));
      r.cover("lifecycle.aliases");
    }
    lc.supersedes()
        .ifPresent(
            s -> {
              item("Supersedes", s);
              r.cover("lifecycle.supersedes");
            });
    lc.monitoringPlan()
        .ifPresent(
            p -> {
              item("Monitoring plan", p);
              r.cover("lifecycle.monitoringPlan");
            });
    item("Manifest created", lc.createdAt().toString());
    r.cover("lifecycle.createdAt");
    item("Manifest digest", ManifestCodec.defaults().digest(m).toString());
    h3("Approvals");
    if (lc.approvals().isEmpty()) {
      line("None recorded.");
      return;
    }
    line("| Role | Decision | Scope | Date |");
    line("|---|---|---|---|");
    for (int i = 0; i < lc.approvals().size(); i++) {
      Approval a = lc.approvals().get(i);
      line(row(a.role(), a.decision().name(), a.scope().name(), a.at().toString()));
      String p = "lifecycle.approvals[" + i + "]";
      r.cover(p + ".role");
      r.cover(p + ".decision");
      r.cover(p + ".scope");
      r.cover(p + ".at");
      r.lose(p + ".approver", "personal data: the card names the approver's role, not the approver");
      r.lose(p + ".comment", "may describe a person; approval comments are left out of the card");
    }
    blank();
    line("Approvers are identified by role only.");
  }

  private static String threshold(Threshold t) {
    List<String> parts = new ArrayList<>();
    t.min().ifPresent(v -> parts.add("≥ " + Json.plain(v)));
    t.max().ifPresent(v -> parts.add("≤ " + Json.plain(v)));
    return String.join(", ", parts);
  }

  private void h2(String title) {
    blank();
    line("## " + title);
    blank();
  }

  private void h3(String title) {
    blank();
    line("### " + title);
    blank();
  }

  private void h4(String title) {
    blank();
    line("#### " + title);
    blank();
  }

  private void item(String label, String value) {
    line("- **" + label + ":** " + text(value));
  }

  private void bullets(List<String> values, String none) {
    if (values.isEmpty()) {
      line(none);
    }
    for (String v : values) {
      line("- " + text(v));
    }
  }

  /** Appends a line; collapses runs of blank lines to one. */
  private void line(String s) {
    out.append(s).append('\n');
  }

  private void blank() {
    int n = out.length();
    if (n == 0 || (n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n')) {
      return;
    }
    out.append('\n');
  }

  /** Text on one line: line breaks become spaces, so a value cannot start a heading or end a list. */
  private static String text(String s) {
    return s.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
  }

  private static String code(String s) {
    return s.contains("`") ? text(s) : "`" + text(s) + "`";
  }

  private static String row(String... cells) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : cells) {
      sb.append(' ').append(text(c).replace("|", "\\|")).append(" |");
    }
    return sb.toString();
  }
}
