package dev.modelgov.core.manifest.export.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.BaseModel;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.Evaluation;
import dev.modelgov.api.manifest.FairnessAssessment;
import dev.modelgov.api.manifest.IntendedUse;
import dev.modelgov.api.manifest.IoField;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskItem;
import dev.modelgov.api.manifest.TrainingRun;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.export.ExportFormat;
import dev.modelgov.core.manifest.export.ExportResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a manifest as a CycloneDX 1.6 ML-BOM. For internal use only; may change without notice.
 *
 * <p>The model is {@code metadata.component} (type {@code machine-learning-model}); datasets are {@code data}
 * components, the training and serving images {@code container} components, the training run a {@code formulation}
 * workflow and each approval an {@code annotation}. Every manifest field without a native slot is written as a
 * property of the model component named {@code modelgov:<path>} (such as {@code modelgov:risk.class}), its value
 * encoded by {@link Json#encode}; so the export loses nothing, and {@code CycloneDxImport} reads it back whole.
 */
public final class CycloneDxExport {

  /** The JSON Schema id of CycloneDX 1.6. */
  public static final String SCHEMA = "http://cyclonedx.org/schema/bom-1.6.schema.json";

  /** The property naming a container component's role: {@code training} or {@code serving}. */
  public static final String IMAGE_ROLE = Ids.NS + "image.role";

  /** What a dataset's {@code sensitiveData} says when it contains personal data. */
  public static final String PERSONAL_DATA = "personal data";

  /** The prefix of approval annotations' {@code bom-ref}s. */
  public static final String APPROVAL_PREFIX = "approval:";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int MAX_VERSION = 1024;

  private CycloneDxExport() {}

  /**
   * @param m the manifest
   * @return the BOM
   */
  public static ExportResult export(ModelManifest m) {
    ManifestCodec codec = ManifestCodec.defaults();
    Residual r = new Residual(codec.toTree(m));
    r.cover("apiVersion");
    r.cover("kind");
    String modelRef = Ids.modelRef(m);

    ObjectNode bom = F.objectNode();
    bom.put("$schema", SCHEMA);
    bom.put("bomFormat", "CycloneDX");
    bom.put("specVersion", "1.6");
    bom.put("serialNumber", Ids.serialNumber(codec.digest(m)));
    bom.put("version", 1);
    ObjectNode metadata = bom.putObject("metadata");
    metadata.put("timestamp", m.lifecycle().createdAt().toString());
    r.cover("lifecycle.createdAt");
    ObjectNode tool = metadata.putObject("tools").putArray("components").addObject();
    tool.put("type", "library");
    tool.put("group", "dev.modelgov");
    tool.put("name", "governance-core");

    ObjectNode model = metadata.putObject("component");
    model.put("type", "machine-learning-model");
    model.put("bom-ref", modelRef);
    model.putObject("supplier").put("name", m.supplier());
    r.cover("supplier");
    // The owner's contact stays a modelgov: property: CycloneDX's contact e-mail has the idn-email format, which
    // some validators check against the list of top-level domains (rejecting, for one, *.example).
    model.putObject("manufacturer").put("name", m.owner().team());
    r.cover("owner.team");
    model.put("group", m.id().namespace());
    model.put("name", m.id().name());
    r.cover("id");
    model.put("version", m.version());
    r.cover("version");
    model.put("description", m.description());
    r.cover("description");
    if (!m.artifacts().isEmpty()) {
      hashes(model, m.artifacts().get(0).digest());
    }
    model.putArray("licenses").addObject().put("expression", m.license());
    r.cover("license");

    ArrayNode refs = model.putArray("externalReferences");
    boolean artifactUris = m.artifacts().stream().allMatch(a -> isIriReference(a.uri()));
    for (int i = 0; artifactUris && i < m.artifacts().size(); i++) {
      Artifact a = m.artifacts().get(i);
      ObjectNode ref = refs.addObject();
      ref.put("url", a.uri());
      ref.put("type", "distribution");
      hashes(ref, a.digest());
      r.cover("artifacts[" + i + "].uri");
      r.cover("artifacts[" + i + "].digest");
    }
    if (isIriReference(m.build().source().repo())) {
      ObjectNode vcs = refs.addObject();
      vcs.put("url", m.build().source().repo());
      vcs.put("type", "vcs");
      r.cover("build.source.repo");
    }
    if (refs.isEmpty()) {
      model.remove("externalReferences");
    }

    ObjectNode pedigree = model.putObject("pedigree");
    if (!m.baseModels().isEmpty()) {
      ArrayNode ancestors = pedigree.putArray("ancestors");
      for (int i = 0; i < m.baseModels().size(); i++) {
        BaseModel b = m.baseModels().get(i);
        ObjectNode anc = ancestors.addObject();
        anc.put("type", "machine-learning-model");
        anc.put("name", b.ref());
        r.cover("baseModels[" + i + "].ref");
      }
    }
    pedigree.putArray("commits").addObject().put("uid", m.build().source().commit());
    r.cover("build.source.commit");

    model.set("modelCard", modelCard(m, r));

    r.cover("tags");
    List<Residual.Leaf> left = leftoversAfterComponents(m, r);
    if (!left.isEmpty()) {
      ArrayNode properties = model.putArray("properties");
      for (Residual.Leaf leaf : left) {
        properties.addObject().put("name", Ids.NS + leaf.path()).put("value", Json.encode(leaf.value()));
        r.cover(leaf.path());
      }
    }
    strings(model, "tags", m.tags());

    ArrayNode components = bom.putArray("components");
    for (Dataset d : m.datasets()) {
      components.add(dataset(m, d));
    }
    components.add(image(m, m.build().trainingImage(), "training"));
    m.servingImage().ifPresent(img -> components.add(image(m, img, "serving")));

    bom.putArray("formulation").add(formula(m, modelRef));

    if (!m.lifecycle().approvals().isEmpty()) {
      ArrayNode annotations = bom.putArray("annotations");
      List<Approval> approvals = m.lifecycle().approvals();
      for (int i = 0; i < approvals.size(); i++) {
        annotations.add(approval(m, approvals.get(i), i, modelRef));
      }
    }
    return new ExportResult(ExportFormat.CYCLONEDX, Json.pretty(bom), r.lostFields("no CycloneDX field"));
  }

  /**
   * Covers everything the components, formulation and annotations below will write, then returns what is left for
   * the model's properties. Done before writing them so that the properties can be placed in schema order.
   */
  private static List<Residual.Leaf> leftoversAfterComponents(ModelManifest m, Residual r) {
    for (int i = 0; i < m.datasets().size(); i++) {
      String p = "datasets[" + i + "]";
      Dataset d = m.datasets().get(i);
      for (String f : List.of("name", "digest", "containsPersonalData", "classification", "license")) {
        r.cover(p + "." + f);
      }
      if (d.version().length() <= MAX_VERSION) {
        r.cover(p + ".version");
      }
      if (d.uri().filter(CycloneDxExport::isIriReference).isPresent()) {
        r.cover(p + ".uri");
      }
    }
    r.cover("build.trainingImage");
    r.cover("servingImage");
    r.cover("build.trainingRun.id");
    r.cover("build.trainingRun.startedAt");
    r.cover("build.trainingRun.endedAt");
    for (int i = 0; i < m.lifecycle().approvals().size(); i++) {
      r.cover("lifecycle.approvals[" + i + "].approver");
      r.cover("lifecycle.approvals[" + i + "].at");
    }
    return r.leftovers();
  }

  private static ObjectNode modelCard(ModelManifest m, Residual r) {
    ObjectNode card = F.objectNode();
    card.put("bom-ref", "model-card:" + m.coordinates());
    ObjectNode params = card.putObject("modelParameters");
    params.put("task", m.task());
    r.cover("task");
    ArrayNode datasets = params.putArray("datasets");
    for (Dataset d : m.datasets()) {
      datasets.addObject().put("ref", Ids.datasetRef(m, d.name()));
    }
    IntendedUse use = m.intendedUse();
    io(params, "inputs", use.inputs(), "intendedUse.inputs", r);
    io(params, "outputs", use.outputs(), "intendedUse.outputs", r);

    Evaluation ev = m.evaluation();
    ArrayNode metrics = card.putObject("quantitativeAnalysis").putArray("performanceMetrics");
    for (int i = 0; i < ev.metrics().size(); i++) {
      Metric metric = ev.metrics().get(i);
      String p = "evaluation.metrics[" + i + "]";
      ObjectNode pm = metrics.addObject();
      pm.put("type", metric.name().name());
      r.cover(p + ".name");
      pm.put("value", Json.plain(metric.value()));
      r.cover(p + ".value");
      if (!metric.slice().isEmpty()) {
        String text = Slices.format(metric.slice());
        pm.put("slice", text);
        if (Slices.parse(text).equals(Optional.of(metric.slice()))) {
          r.cover(p + ".slice");
        }
      }
      metric
          .ci()
          .ifPresent(
              ci -> {
                ObjectNode c = pm.putObject("confidenceInterval");
                c.put("lowerBound", Json.plain(ci.low()));
                c.put("upperBound", Json.plain(ci.high()));
                r.cover(p + ".ci");
              });
    }

    ObjectNode cons = card.putObject("considerations");
    strings(cons, "users", use.users());
    r.cover("intendedUse.users");
    cons.putArray("useCases").add(use.purpose());
    r.cover("intendedUse.purpose");
    strings(cons, "technicalLimitations", ev.limitations());
    r.cover("evaluation.limitations");
    strings(cons, "performanceTradeoffs", ev.tradeoffs());
    r.cover("evaluation.tradeoffs");
    List<RiskItem> risks = m.risk().risks();
    if (!risks.isEmpty()) {
      ArrayNode ethical = cons.putArray("ethicalConsiderations");
      for (int i = 0; i < risks.size(); i++) {
        ObjectNode e = ethical.addObject();
        e.put("name", risks.get(i).name());
        risks.get(i).mitigation().ifPresent(v -> e.put("mitigationStrategy", v));
        r.cover("risk.risks[" + i + "].name");
        r.cover("risk.risks[" + i + "].mitigation");
      }
    }
    if (!ev.fairnessAssessments().isEmpty()) {
      ArrayNode fairness = cons.putArray("fairnessAssessments");
      for (FairnessAssessment f : ev.fairnessAssessments()) {
        ObjectNode fn = fairness.addObject();
        fn.put("groupAtRisk", f.groupAtRisk());
        f.benefits().ifPresent(v -> fn.put("benefits", v));
        f.harms().ifPresent(v -> fn.put("harms", v));
        f.mitigation().ifPresent(v -> fn.put("mitigationStrategy", v));
      }
      r.cover("evaluation.fairnessAssessments");
    }
    return card;
  }

  private static void io(ObjectNode params, String name, List<IoField> fields, String path, Residual r) {
    if (fields.isEmpty()) {
      return;
    }
    ArrayNode a = params.putArray(name);
    for (int i = 0; i < fields.size(); i++) {
      a.addObject().put("format", fields.get(i).type());
      r.cover(path + "[" + i + "].type");
    }
  }

  private static ObjectNode dataset(ModelManifest m, Dataset d) {
    ObjectNode c = F.objectNode();
    c.put("type", "data");
    c.put("bom-ref", Ids.datasetRef(m, d.name()));
    c.put("name", d.name());
    if (d.version().length() <= MAX_VERSION) {
      c.put("version", d.version());
    }
    hashes(c, d.digest());
    d.license().ifPresent(l -> c.putArray("licenses").addObject().put("expression", l));
    ObjectNode data = c.putArray("data").addObject();
    data.put("type", "dataset");
    data.put("name", d.name());
    d.uri().filter(CycloneDxExport::isIriReference).ifPresent(u -> data.putObject("contents").put("url", u));
    d.classification().ifPresent(v -> data.put("classification", v));
    if (d.containsPersonalData()) {
      data.putArray("sensitiveData").add(PERSONAL_DATA);
    }
    return c;
  }

  private static ObjectNode image(ModelManifest m, ImageRef image, String role) {
    ObjectNode c = F.objectNode();
    c.put("type", "container");
    c.put("bom-ref", Ids.imageRef(m, role));
    c.put("name", image.repository());
    c.put("version", image.digest().toString());
    hashes(c, image.digest());
    String repo = image.repository();
    String last = repo.substring(repo.lastIndexOf('/') + 1);
    c.put("purl", "pkg:oci/" + last + "@sha256%3A" + image.digest().hex() + "?repository_url=" + repo);
    c.putArray("properties").addObject().put("name", IMAGE_ROLE).put("value", role);
    return c;
  }

  private static ObjectNode formula(ModelManifest m, String modelRef) {
    ObjectNode formula = F.objectNode();
    formula.put("bom-ref", "formula:" + m.coordinates());
    ObjectNode wf = formula.putArray("workflows").addObject();
    TrainingRun run = m.build().trainingRun();
    wf.put("bom-ref", "training-run:" + m.coordinates());
    wf.put("uid", run.id());
    wf.put("name", "training run");
    wf.putArray("taskTypes").add("build");
    ArrayNode inputs = wf.putArray("inputs");
    for (Dataset d : m.datasets()) {
      if (d.role() != DatasetRole.TEST && d.role() != DatasetRole.REFERENCE) {
        inputs.addObject().putObject("resource").put("ref", Ids.datasetRef(m, d.name()));
      }
    }
    inputs.addObject().putObject("resource").put("ref", Ids.imageRef(m, "training"));
    ObjectNode out = wf.putArray("outputs").addObject();
    out.put("type", "artifact");
    out.putObject("resource").put("ref", modelRef);
    run.startedAt().ifPresent(t -> wf.put("timeStart", t.toString()));
    run.endedAt().ifPresent(t -> wf.put("timeEnd", t.toString()));
    return formula;
  }

  private static ObjectNode approval(ModelManifest m, Approval a, int index, String modelRef) {
    ObjectNode n = F.objectNode();
    n.put("bom-ref", APPROVAL_PREFIX + m.coordinates() + "#" + (index + 1));
    n.putArray("subjects").add(modelRef);
    n.putObject("annotator").putObject("individual").put("name", a.approver());
    n.put("timestamp", a.at().toString());
    n.put("text", a.decision() + " for " + a.scope() + " by role " + a.role());
    return n;
  }

  /**
   * Whether a text is an IRI reference (RFC 3987) that JSON Schema's {@code iri-reference} format accepts: no spaces,
   * controls or characters such as {@code <} and {@code "}, and every {@code %} starts an escape.
   *
   * @param s the text
   * @return whether it can be written where CycloneDX wants a URL
   */
  public static boolean isIriReference(String s) {
    int hash = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c == 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
        return false;
      }
      if (c == '#' && ++hash > 1) {
        return false;
      }
      if (c == '%'
          && (i + 2 >= s.length()
              || Character.digit(s.charAt(i + 1), 16) < 0
              || Character.digit(s.charAt(i + 2), 16) < 0)) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static void hashes(ObjectNode parent, Digest digest) {
    ObjectNode h = parent.putArray("hashes").addObject();
    h.put("alg", "SHA-256");
    h.put("content", digest.hex());
  }

  private static void strings(ObjectNode parent, String name, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = parent.putArray(name);
      values.forEach(a::add);
    }
  }

  /** The text form of a metric slice: {@code key=value} pairs joined by {@code ", "}. */
  public static final class Slices {

    private Slices() {}

    /**
     * @param slice the slice
     * @return its text
     */
    public static String format(Map<String, String> slice) {
      StringBuilder sb = new StringBuilder();
      slice.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
      return sb.toString();
    }

    /**
     * @param text a slice text
     * @return the slice, or empty if the text is not a list of distinct {@code key=value} pairs
     */
    public static Optional<Map<String, String>> parse(String text) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String part : text.split(", ", -1)) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          return Optional.empty();
        }
        if (out.put(part.substring(0, eq), part.substring(eq + 1)) != null) {
          return Optional.empty();
        }
      }
      return Optional.of(out);
    }
  }
}
