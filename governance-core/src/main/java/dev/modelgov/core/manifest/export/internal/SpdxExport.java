package dev.modelgov.core.manifest.export.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.Autonomy;
import dev.modelgov.api.manifest.BaseModel;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.IntendedUse;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.manifest.Threshold;
import dev.modelgov.api.manifest.TrainingRun;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.export.ExportFormat;
import dev.modelgov.core.manifest.export.ExportResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a manifest as an SPDX 3.0.1 JSON-LD document with the AI, Dataset and Build profiles. For internal use only;
 * may change without notice.
 *
 * <p>Every {@code spdxId} is {@code https://modelgov.dev/spdx/<namespace>/<name>/<version>/} followed by a fixed local
 * part ({@code model}, {@code dataset/<name>}, {@code build}, ...), so the same manifest version always gives the same
 * ids, and the graph is written in a fixed order. Required profile properties the manifest has no value for are
 * filled as documented: a dataset's {@code builtTime} and {@code releaseTime} are the manifest's {@code createdAt}, its
 * {@code originatedBy} the owning team, its {@code datasetType} {@code noAssertion}, and a missing download location
 * is the SPDX {@code NoAssertionElement} IRI.
 */
public final class SpdxExport {

  /** The JSON-LD context of SPDX 3.0.1. */
  public static final String CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";

  /** The IRI written where SPDX requires a location the manifest does not state. */
  public static final String NO_ASSERTION = "https://spdx.org/rdf/3.0.1/terms/Core/NoAssertionElement";

  /** The build type of the training run's {@code build_Build}. */
  public static final String BUILD_TYPE = "https://modelgov.dev/spdx/build-type/model-training/v1";

  private static final String CI = "_:creationinfo";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SpdxExport() {}

  /**
   * @param m the manifest
   * @return the document
   */
  public static ExportResult export(ModelManifest m) {
    ManifestCodec codec = ManifestCodec.defaults();
    Residual r = new Residual(codec.toTree(m));
    r.cover("apiVersion");
    r.cover("kind");
    String base = Ids.spdxBase(m);
    String modelId = base + "model";
    String ownerId = base + "agent/owner";
    String supplierId = base + "agent/supplier";
    String toolId = base + "tool/modelgov";

    ObjectNode doc = F.objectNode();
    doc.put("@context", CONTEXT);
    ArrayNode graph = doc.putArray("@graph");
    List<ObjectNode> relationships = new ArrayList<>();

    ObjectNode ci = graph.addObject();
    ci.put("type", "CreationInfo");
    ci.put("@id", CI);
    ci.put("specVersion", "3.0.1");
    ci.putArray("createdBy").add(ownerId);
    ci.putArray("createdUsing").add(toolId);
    ci.put("created", m.lifecycle().createdAt().toString());
    r.cover("lifecycle.createdAt");

    ObjectNode tool = element(graph, "Tool", toolId);
    tool.put("name", "ModelGov governance-core");
    ObjectNode owner = element(graph, "Organization", ownerId);
    owner.put("name", m.owner().team());
    r.cover("owner.team");
    m.owner()
        .contact()
        .ifPresent(
            c -> {
              ObjectNode ext = owner.putArray("externalIdentifier").addObject();
              ext.put("type", "ExternalIdentifier");
              ext.put("externalIdentifierType", Ids.isEmail(c) ? "email" : "other");
              ext.put("identifier", c);
              r.cover("owner.contact");
            });
    ObjectNode supplier = element(graph, "Organization", supplierId);
    supplier.put("name", m.supplier());
    r.cover("supplier");

    ObjectNode document = element(graph, "SpdxDocument", base + "document");
    document.put("name", "ModelGov manifest " + m.coordinates());
    document.put("comment", "Exported from ModelGov manifest " + m.coordinates() + ", digest " + codec.digest(m));
    ArrayNode profiles = document.putArray("profileConformance");
    for (String p : List.of("core", "software", "ai", "dataset", "build")) {
      profiles.add(p);
    }
    document.putArray("rootElement").add(base + "bom");
    ObjectNode sbom = element(graph, "software_Sbom", base + "bom");
    sbom.putArray("rootElement").add(modelId);
    sbom.putArray("software_sbomType").add("build");

    graph.add(model(m, modelId, ownerId, supplierId, r));

    String modelLicense = base + "license/model";
    relationships.add(relationship(base + "relationship/model-declared-license", "hasDeclaredLicense", modelId, List.of(modelLicense)));
    r.cover("license");

    m.framework()
        .ifPresent(
            f -> {
              ObjectNode fw = element(graph, "software_Package", base + "framework");
              fw.put("name", f.name());
              f.version().ifPresent(v -> fw.put("software_packageVersion", v));
              fw.put("software_primaryPurpose", "framework");
              relationships.add(relationship(base + "relationship/model-depends-on-framework", "dependsOn", modelId, List.of(base + "framework")));
              r.cover("framework");
            });
    for (int i = 0; i < m.baseModels().size(); i++) {
      BaseModel b = m.baseModels().get(i);
      String id = base + "base-model/" + (i + 1);
      ObjectNode pkg = element(graph, "software_Package", id);
      pkg.put("name", b.ref());
      pkg.put("software_primaryPurpose", "model");
      ObjectNode rel = relationship(base + "relationship/base-model-" + (i + 1), "ancestorOf", id, List.of(modelId));
      b.relation().ifPresent(rel2 -> rel.put("comment", "base model relation: " + rel2.wireName()));
      relationships.add(rel);
      r.cover("baseModels[" + i + "]");
    }

    Map<String, String> datasetIds = new LinkedHashMap<>();
    List<ObjectNode> licenses = new ArrayList<>();
    licenses.add(license(modelLicense, m.license()));
    for (int i = 0; i < m.datasets().size(); i++) {
      Dataset d = m.datasets().get(i);
      String p = "datasets[" + i + "]";
      String id = base + "dataset/" + Ids.segment(d.name());
      datasetIds.put(d.name(), id);
      ObjectNode ds = element(graph, "dataset_DatasetPackage", id);
      ds.put("name", d.name());
      ds.putArray("originatedBy").add(ownerId);
      ds.put("builtTime", m.lifecycle().createdAt().toString());
      ds.put("releaseTime", m.lifecycle().createdAt().toString());
      hash(ds.putArray("verifiedUsing"), d.digest());
      ds.put("software_downloadLocation", d.uri().orElse(NO_ASSERTION));
      ds.put("software_packageVersion", d.version());
      ds.put("software_primaryPurpose", "data");
      ds.putArray("dataset_datasetType").add("noAssertion");
      ds.put("dataset_hasSensitivePersonalInformation", d.containsPersonalData() ? "yes" : "no");
      for (String f : List.of("name", "version", "digest", "uri", "containsPersonalData", "role")) {
        r.cover(p + "." + f);
      }
      d.classification()
          .ifPresent(
              c ->
                  r.lose(
                      p + ".classification",
                      "SPDX dataset_confidentialityLevel takes only red, amber, green or clear"));
      if (d.license().isPresent()) {
        String licenseId = base + "license/dataset/" + Ids.segment(d.name());
        licenses.add(license(licenseId, d.license().get()));
        relationships.add(
            relationship(
                base + "relationship/dataset/" + Ids.segment(d.name()) + "/declared-license",
                "hasDeclaredLicense",
                id,
                List.of(licenseId)));
        r.cover(p + ".license");
      }
    }
    for (DatasetRole role : DatasetRole.values()) {
      List<String> to =
          m.datasets().stream().filter(d -> d.role() == role).map(d -> datasetIds.get(d.name())).collect(Collectors.toList());
      if (to.isEmpty()) {
        continue;
      }
      ObjectNode rel =
          relationship(
              base + "relationship/datasets-" + role.name().toLowerCase(Locale.ROOT), relationType(role), modelId, to);
      rel.put("comment", "dataset role " + role.name());
      relationships.add(rel);
    }

    BuildProvenance build = m.build();
    String trainingImageId = base + "image/training";
    graph.add(image(trainingImageId, build.trainingImage()));
    r.cover("build.trainingImage");
    m.servingImage()
        .ifPresent(
            img -> {
              String id = base + "image/serving";
              graph.add(image(id, img));
              ObjectNode rel = relationship(base + "relationship/serving-image", "other", modelId, List.of(id));
              rel.put("comment", "the model is served from this container image");
              relationships.add(rel);
              r.cover("servingImage");
            });
    String buildId = base + "build";
    graph.add(build(buildId, build, r));
    List<String> inputs = new ArrayList<>();
    m.datasets().stream().filter(d -> isTrainingInput(d.role())).forEach(d -> inputs.add(datasetIds.get(d.name())));
    inputs.add(trainingImageId);
    relationships.add(relationship(base + "relationship/build-inputs", "hasInput", buildId, inputs));
    relationships.add(relationship(base + "relationship/build-output", "hasOutput", buildId, List.of(modelId)));

    licenses.forEach(graph::add);
    approvals(graph, m, base, modelId, r);
    relationships.forEach(graph::add);

    return new ExportResult(ExportFormat.SPDX, Json.pretty(doc), r.lostFields("SPDX 3.0.1 has no property for it"));
  }

  private static ObjectNode model(ModelManifest m, String modelId, String ownerId, String supplierId, Residual r) {
    ObjectNode a = F.objectNode();
    a.put("type", "ai_AIPackage");
    a.put("spdxId", modelId);
    a.put("creationInfo", CI);
    a.put("name", m.id().toString());
    r.cover("id");
    a.put("description", m.description());
    r.cover("description");
    a.putArray("originatedBy").add(ownerId);
    a.put("suppliedBy", supplierId);
    a.put("releaseTime", m.lifecycle().createdAt().toString());
    m.build().trainingRun().endedAt().ifPresent(t -> a.put("builtTime", t.toString()));
    if (!m.artifacts().isEmpty()) {
      hash(a.putArray("verifiedUsing"), m.artifacts().get(0).digest());
    }
    ArrayNode refs = F.arrayNode();
    m.lifecycle()
        .monitoringPlan()
        .ifPresent(
            plan -> {
              externalRef(refs, "documentation", plan, "post-market monitoring plan");
              r.cover("lifecycle.monitoringPlan");
            });
    m.risk()
        .personalData()
        .flatMap(pd -> pd.dpiaRef())
        .ifPresent(
            dpia -> {
              externalRef(refs, "privacyAssessment", dpia, "data protection impact assessment");
              r.cover("risk.personalData.dpiaRef");
            });
    if (!refs.isEmpty()) {
      a.set("externalRef", refs);
    }
    a.put("software_downloadLocation", m.artifacts().isEmpty() ? NO_ASSERTION : m.artifacts().get(0).uri());
    r.cover("artifacts[0].uri");
    r.cover("artifacts[0].digest");
    for (int i = 1; i < m.artifacts().size(); i++) {
      r.lose("artifacts[" + i + "]", "an SPDX package has one download location; only the first artifact is written");
    }
    a.put("software_packageVersion", m.version());
    r.cover("version");
    a.put("software_primaryPurpose", "model");

    IntendedUse use = m.intendedUse();
    use.autonomy()
        .ifPresent(
            au -> {
              a.put("ai_autonomyType", au == Autonomy.HUMAN_IN_THE_LOOP ? "no" : "yes");
              if (au == Autonomy.HUMAN_ON_THE_LOOP) {
                r.lose("intendedUse.autonomy", "SPDX ai_autonomyType is yes or no; human-on-the-loop is written as yes");
              } else {
                r.cover("intendedUse.autonomy");
              }
            });
    strings(a, "ai_domain", use.domains());
    r.cover("intendedUse.domains");
    Map<String, Object> hyper = m.build().hyperparameters();
    if (!hyper.isEmpty()) {
      ArrayNode hp = a.putArray("ai_hyperparameter");
      hyper.forEach((k, v) -> entry(hp, k, v instanceof BigDecimal d ? Json.plain(d) : String.valueOf(v)));
      r.cover("build.hyperparameters");
    }
    StringBuilder app = new StringBuilder(use.purpose());
    r.cover("intendedUse.purpose");
    if (!use.users().isEmpty()) {
      app.append("\nIntended users: ").append(String.join("; ", use.users()));
      r.cover("intendedUse.users");
    }
    use.humanOversight()
        .ifPresent(
            h -> {
              app.append("\nHuman oversight: ").append(h);
              r.cover("intendedUse.humanOversight");
            });
    a.put("ai_informationAboutApplication", app.toString());
    TrainingRun run = m.build().trainingRun();
    a.put(
        "ai_informationAboutTraining",
        "Trained in " + run.system() + " run " + run.id() + " from " + m.build().source().repo() + " at commit "
            + m.build().source().commit() + ", in image " + m.build().trainingImage() + ".");
    List<String> limits = new ArrayList<>(m.evaluation().limitations());
    r.cover("evaluation.limitations");
    if (!use.outOfScopeUses().isEmpty()) {
      limits.add("Out of scope: " + String.join("; ", use.outOfScopeUses()));
      r.cover("intendedUse.outOfScopeUses");
    }
    if (!limits.isEmpty()) {
      a.put("ai_limitation", String.join("\n", limits));
    }
    List<Metric> metrics = m.evaluation().metrics();
    ArrayNode metric = a.putArray("ai_metric");
    ArrayNode thresholds = F.arrayNode();
    for (int i = 0; i < metrics.size(); i++) {
      Metric mt = metrics.get(i);
      String key = metricKey(mt);
      entry(metric, key, Json.plain(mt.value()));
      String p = "evaluation.metrics[" + i + "]";
      r.cover(p + ".name");
      r.cover(p + ".value");
      r.cover(p + ".slice");
      mt.threshold()
          .ifPresent(
              t -> {
                entry(thresholds, key, thresholdText(t));
                r.cover(p + ".threshold");
              });
    }
    if (!thresholds.isEmpty()) {
      a.set("ai_metricDecisionThreshold", thresholds);
    }
    m.evaluation()
        .explainability()
        .ifPresent(
            x -> {
              a.putArray("ai_modelExplainability").add(x);
              r.cover("evaluation.explainability");
            });
    a.put("ai_safetyRiskAssessment", safetyRisk(m.risk().riskClass()));
    r.cover("risk.class");
    List<String> compliance = new ArrayList<>(m.risk().standards());
    compliance.addAll(m.risk().regulatoryContext());
    strings(a, "ai_standardCompliance", compliance);
    r.cover("risk.standards");
    r.cover("risk.regulatoryContext");
    a.putArray("ai_typeOfModel").add(m.task());
    r.cover("task");
    m.risk()
        .personalData()
        .ifPresent(
            pd -> {
              a.put("ai_useSensitivePersonalInformation", pd.contains() ? "yes" : "no");
              r.cover("risk.personalData.contains");
            });
    return a;
  }

  /**
   * The SPDX {@code safetyRiskAssessment} of a risk class: PROHIBITED is serious, HIGH high, LIMITED medium,
   * MINIMAL low.
   *
   * @param c the class
   * @return the SPDX value
   */
  public static String safetyRisk(RiskClass c) {
    return switch (c) {
      case PROHIBITED -> "serious";
      case HIGH -> "high";
      case LIMITED -> "medium";
      case MINIMAL -> "low";
    };
  }

  /**
   * The key of a metric in {@code ai_metric} and {@code ai_metricDecisionThreshold}: its name, and its slice in
   * brackets, such as {@code demographic_parity_ratio[attribute=sex]}.
   *
   * @param m the metric
   * @return the key
   */
  public static String metricKey(Metric m) {
    return m.slice().isEmpty() ? m.name().name() : m.name().name() + "[" + CycloneDxExport.Slices.format(m.slice()) + "]";
  }

  private static String thresholdText(Threshold t) {
    List<String> parts = new ArrayList<>();
    t.min().ifPresent(v -> parts.add(">= " + Json.plain(v)));
    t.max().ifPresent(v -> parts.add("<= " + Json.plain(v)));
    return String.join(", ", parts);
  }

  private static boolean isTrainingInput(DatasetRole role) {
    return role != DatasetRole.TEST && role != DatasetRole.REFERENCE;
  }

  private static String relationType(DatasetRole role) {
    return switch (role) {
      case TRAIN, FINETUNE, CALIBRATION -> "trainedOn";
      case VALIDATION, TEST -> "testedOn";
      case REFERENCE -> "other";
    };
  }

  private static ObjectNode image(String id, ImageRef image) {
    ObjectNode pkg = F.objectNode();
    pkg.put("type", "software_Package");
    pkg.put("spdxId", id);
    pkg.put("creationInfo", CI);
    pkg.put("name", image.repository());
    hash(pkg.putArray("verifiedUsing"), image.digest());
    pkg.put("software_packageVersion", image.digest().toString());
    String repo = image.repository();
    String last = repo.substring(repo.lastIndexOf('/') + 1);
    pkg.put("software_packageUrl", "pkg:oci/" + last + "@sha256%3A" + image.digest().hex() + "?repository_url=" + repo);
    pkg.put("software_primaryPurpose", "container");
    return pkg;
  }

  private static ObjectNode build(String id, BuildProvenance b, Residual r) {
    ObjectNode n = F.objectNode();
    n.put("type", "build_Build");
    n.put("spdxId", id);
    n.put("creationInfo", CI);
    TrainingRun run = b.trainingRun();
    run.url()
        .ifPresent(
            u -> {
              externalRef(n.putArray("externalRef"), "buildMeta", u, "training run");
              r.cover("build.trainingRun.url");
            });
    n.put("build_buildType", BUILD_TYPE);
    n.put("build_buildId", run.id());
    r.cover("build.trainingRun.id");
    n.putArray("build_configSourceUri").add(b.source().repo());
    r.cover("build.source.repo");
    ObjectNode h = n.putArray("build_configSourceDigest").addObject();
    h.put("type", "Hash");
    h.put("algorithm", b.source().commit().length() == 40 ? "sha1" : "sha256");
    h.put("hashValue", b.source().commit());
    r.cover("build.source.commit");
    run.startedAt()
        .ifPresent(
            t -> {
              n.put("build_buildStartTime", t.toString());
              r.cover("build.trainingRun.startedAt");
            });
    run.endedAt()
        .ifPresent(
            t -> {
              n.put("build_buildEndTime", t.toString());
              r.cover("build.trainingRun.endedAt");
            });
    entry(n.putArray("build_environment"), "trackingSystem", run.system());
    r.cover("build.trainingRun.system");
    return n;
  }

  private static void approvals(ArrayNode graph, ModelManifest m, String base, String modelId, Residual r) {
    List<Approval> approvals = m.lifecycle().approvals();
    Map<String, String> persons = new LinkedHashMap<>();
    for (Approval a : approvals) {
      persons.computeIfAbsent(a.approver(), k -> base + "agent/approver-" + (persons.size() + 1));
    }
    persons.forEach(
        (name, id) -> {
          ObjectNode p = element(graph, "Person", id);
          p.put("name", name);
        });
    for (int i = 0; i < approvals.size(); i++) {
      Approval a = approvals.get(i);
      String ci = "_:creationinfo-approval-" + (i + 1);
      ObjectNode info = graph.addObject();
      info.put("type", "CreationInfo");
      info.put("@id", ci);
      info.put("specVersion", "3.0.1");
      info.putArray("createdBy").add(persons.get(a.approver()));
      info.put("created", a.at().toString());
      ObjectNode an = graph.addObject();
      an.put("type", "Annotation");
      an.put("spdxId", base + "approval/" + (i + 1));
      an.put("creationInfo", ci);
      an.put("annotationType", "review");
      an.put("subject", modelId);
      StringBuilder statement =
          new StringBuilder().append(a.decision()).append(" for ").append(a.scope()).append(" by role ").append(a.role());
      a.comment().ifPresent(c -> statement.append(". Comment: ").append(c));
      an.put("statement", statement.toString());
      r.cover("lifecycle.approvals[" + i + "]");
    }
  }

  private static ObjectNode element(ArrayNode graph, String type, String id) {
    ObjectNode n = graph.addObject();
    n.put("type", type);
    n.put("spdxId", id);
    n.put("creationInfo", CI);
    return n;
  }

  private static ObjectNode license(String id, String expression) {
    ObjectNode n = F.objectNode();
    n.put("type", "simplelicensing_LicenseExpression");
    n.put("spdxId", id);
    n.put("creationInfo", CI);
    n.put("simplelicensing_licenseExpression", expression);
    return n;
  }

  private static ObjectNode relationship(String id, String type, String from, List<String> to) {
    ObjectNode n = F.objectNode();
    n.put("type", "Relationship");
    n.put("spdxId", id);
    n.put("creationInfo", CI);
    n.put("relationshipType", type);
    n.put("from", from);
    ArrayNode t = n.putArray("to");
    to.forEach(t::add);
    return n;
  }

  private static void hash(ArrayNode verifiedUsing, Digest digest) {
    ObjectNode h = verifiedUsing.addObject();
    h.put("type", "Hash");
    h.put("algorithm", "sha256");
    h.put("hashValue", digest.hex());
  }

  private static void entry(ArrayNode a, String key, String value) {
    ObjectNode e = a.addObject();
    e.put("type", "DictionaryEntry");
    e.put("key", key);
    e.put("value", value);
  }

  private static void externalRef(ArrayNode a, String type, String locator, String comment) {
    ObjectNode e = a.addObject();
    e.put("type", "ExternalRef");
    e.put("externalRefType", type);
    e.putArray("locator").add(locator);
    e.put("comment", comment);
  }

  private static void strings(ObjectNode parent, String name, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = parent.putArray(name);
      values.forEach(a::add);
    }
  }
}
