package dev.modelgov.core.manifest.export.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ManifestProblem;
import dev.modelgov.api.manifest.MetricName;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.export.LostField;
import dev.modelgov.core.manifest.internal.ManifestTreeReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a CycloneDX 1.6 ML-BOM tree onto a manifest wire tree and a {@link ModelManifest.Builder}, listing every BOM
 * field it could not map. The reverse of {@link CycloneDxExport}. For internal use only; may change without notice.
 */
public final class CycloneDxReader {

  /**
   * What was read.
   *
   * @param manifestTree the manifest wire tree built from the BOM
   * @param builder the builder the tree was read into, not validated
   * @param unmapped the BOM fields not mapped, or not mapped exactly
   */
  public record Output(ObjectNode manifestTree, ModelManifest.Builder builder, List<LostField> unmapped) {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int MAX_INDEX = 4096;
  private static final String NO_FIELD = "no ModelGov manifest field";

  private final JsonNode bom;
  private final Set<String> used = new HashSet<>();
  private final List<LostField> notes = new ArrayList<>();
  private final ObjectNode tree = F.objectNode();
  private final List<Prop> props = new ArrayList<>();
  private final Map<String, Integer> refIndex = new HashMap<>();
  private final Set<String> trainingInputs = new HashSet<>();
  private final Set<Integer> slicesFromProps = new HashSet<>();
  private String modelRef;

  /** A {@code modelgov:} property: where it is in the BOM, the manifest path it names (as steps), and its value. */
  private record Prop(String bomPath, List<Object> steps, String value) {}

  private CycloneDxReader(JsonNode bom) {
    this.bom = bom;
  }

  /**
   * @param bom the parsed BOM
   * @return the manifest tree, builder and unmapped fields
   * @throws ManifestFormatException if the tree is not a CycloneDX BOM with a machine-learning model
   */
  public static Output read(JsonNode bom) throws ManifestFormatException {
    return new CycloneDxReader(bom).run();
  }

  private Output run() throws ManifestFormatException {
    if (!bom.isObject()) {
      throw problem("", "a CycloneDX BOM must be a JSON object");
    }
    if (!"CycloneDX".equals(bom.path("bomFormat").textValue())) {
      throw problem("bomFormat", "must be CycloneDX");
    }
    String model = findModel();
    if (model == null) {
      throw problem("components", "no component of type machine-learning-model");
    }
    for (String f : List.of("$schema", "bomFormat", "serialNumber", "version", "dependencies")) {
      use(f);
    }
    String spec = text(bom, "", "specVersion");
    if (spec != null && !spec.equals("1.6") && !spec.equals("1.7")) {
      note("specVersion", "read as CycloneDX 1.6");
    }
    tree.put("apiVersion", ModelManifest.API_VERSION);
    tree.put("kind", ModelManifest.KIND);

    JsonNode components = bom.get("components");
    if (components != null && components.isArray()) {
      for (int i = 0; i < components.size(); i++) {
        String ref = components.get(i).path("bom-ref").textValue();
        if (ref != null) {
          refIndex.putIfAbsent(ref, i);
        }
      }
    }
    JsonNode metadata = bom.get("metadata");
    if (metadata != null && metadata.isObject()) {
      String ts = text(metadata, "metadata", "timestamp");
      if (ts != null) {
        obj(tree, "lifecycle").put("createdAt", ts);
      }
      use("metadata.tools");
    }
    JsonNode modelNode = node(model);
    modelRef = modelNode.path("bom-ref").textValue();
    collectProps(modelNode, model);
    collectProps(modelNode.path("modelCard"), model + ".modelCard");
    readFormulation();
    readModel(modelNode, model);
    readComponents(model);
    readAnnotations();
    overlayProps();

    ManifestTreeReader.Result result = ManifestTreeReader.read(tree);
    List<LostField> unmapped = new ArrayList<>(notes);
    Map<String, Integer> order = new HashMap<>();
    index(bom, "", order);
    collect(bom, "", unmapped);
    unmapped.sort(Comparator.comparingInt((LostField f) -> order.getOrDefault(f.path(), Integer.MAX_VALUE)));
    for (ManifestProblem p : result.problems()) {
      if (!p.message().startsWith("missing")) {
        unmapped.add(new LostField(p.path(), "the value mapped to this manifest field is invalid: " + p.message()));
      }
    }
    return new Output(tree, result.builder(), unmapped);
  }

  private String findModel() {
    JsonNode meta = bom.path("metadata").path("component");
    if ("machine-learning-model".equals(meta.path("type").textValue())) {
      return "metadata.component";
    }
    JsonNode components = bom.path("components");
    for (int i = 0; i < components.size(); i++) {
      if ("machine-learning-model".equals(components.get(i).path("type").textValue())) {
        return "components[" + i + "]";
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------------- the model

  private void readModel(JsonNode c, String path) {
    use(path + ".type");
    use(path + ".bom-ref");
    String group = text(c, path, "group");
    String name = text(c, path, "name");
    if (name != null) {
      String n = idPart(name, path + ".name");
      String g = group == null ? null : idPart(group, path + ".group");
      if (g == null && group == null) {
        note(path + ".name", "no group to form the ModelGov id namespace/name; id left unset");
      } else if (n != null && g != null) {
        tree.put("id", g + "/" + n);
      }
    }
    putText(tree, "version", text(c, path, "version"));
    putText(tree, "description", text(c, path, "description"));
    JsonNode supplier = c.get("supplier");
    String supplierName = supplier == null ? null : text(supplier, path + ".supplier", "name");
    if (supplierName == null) {
      supplierName = text(c, path, "publisher");
    }
    putText(tree, "supplier", supplierName);
    JsonNode manufacturer = c.get("manufacturer");
    if (manufacturer != null) {
      String team = text(manufacturer, path + ".manufacturer", "name");
      if (team != null) {
        obj(tree, "owner").put("team", team);
      }
      JsonNode contacts = manufacturer.path("contact");
      if (contacts.size() > 0) {
        String cp = path + ".manufacturer.contact[0]";
        String email = text(contacts.get(0), cp, "email");
        if (email != null) {
          obj(tree, "owner").put("contact", email);
        }
        if (team != null && team.equals(contacts.get(0).path("name").textValue())) {
          use(cp + ".name");
        }
      }
    }
    putText(tree, "license", license(c, path));
    Digest modelHash = hashes(c, path);
    readExternalReferences(c, path, modelHash);
    readPedigree(c, path);
    JsonNode card = c.get("modelCard");
    if (card != null && card.isObject()) {
      readModelCard(card, path + ".modelCard");
    }
    JsonNode tags = c.get("tags");
    if (tags != null && tags.isArray()) {
      ArrayNode out = tree.putArray("tags");
      strings(tags, path + ".tags", out);
    }
  }

  private void readExternalReferences(JsonNode c, String path, Digest modelHash) {
    JsonNode refs = c.path("externalReferences");
    ArrayNode artifacts = null;
    boolean vcsSeen = false;
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      String rp = path + ".externalReferences[" + i + "]";
      String type = ref.path("type").textValue();
      if ("distribution".equals(type)) {
        use(rp + ".type");
        if (artifacts == null) {
          artifacts = tree.putArray("artifacts");
        }
        ObjectNode a = artifacts.addObject();
        putText(a, "uri", text(ref, rp, "url"));
        Digest d = hashes(ref, rp);
        if (d == null && artifacts.size() == 1) {
          d = modelHash;
        }
        if (d != null) {
          a.put("digest", d.toString());
        }
      } else if ("vcs".equals(type) && !vcsSeen) {
        vcsSeen = true;
        use(rp + ".type");
        putText(obj(obj(tree, "build"), "source"), "repo", text(ref, rp, "url"));
      }
    }
    if (artifacts == null && modelHash != null) {
      tree.putArray("artifacts").addObject().put("digest", modelHash.toString());
    }
  }

  private void readPedigree(JsonNode c, String path) {
    JsonNode pedigree = c.path("pedigree");
    String pp = path + ".pedigree";
    JsonNode ancestors = pedigree.path("ancestors");
    if (ancestors.size() > 0) {
      ArrayNode bases = tree.putArray("baseModels");
      for (int i = 0; i < ancestors.size(); i++) {
        JsonNode a = ancestors.get(i);
        String ap = pp + ".ancestors[" + i + "]";
        use(ap + ".type");
        use(ap + ".bom-ref");
        String group = text(a, ap, "group");
        String name = text(a, ap, "name");
        String version = text(a, ap, "version");
        ObjectNode b = bases.addObject();
        if (name != null) {
          b.put("ref", (group == null ? "" : group + "/") + name + (version == null ? "" : "@" + version));
        }
      }
    }
    JsonNode commits = pedigree.path("commits");
    if (commits.size() > 0) {
      putText(obj(obj(tree, "build"), "source"), "commit", text(commits.get(0), pp + ".commits[0]", "uid"));
    }
  }

  private void readModelCard(JsonNode card, String path) {
    use(path + ".bom-ref");
    JsonNode params = card.path("modelParameters");
    String pp = path + ".modelParameters";
    putText(tree, "task", text(params, pp, "task"));
    io(params, pp, "inputs");
    io(params, pp, "outputs");
    JsonNode datasets = params.path("datasets");
    for (int i = 0; i < datasets.size(); i++) {
      JsonNode d = datasets.get(i);
      String dp = pp + ".datasets[" + i + "]";
      if (d.has("ref")) {
        String ref = text(d, dp, "ref");
        Integer idx = ref == null ? null : refIndex.get(ref);
        if (idx == null) {
          note(dp, "refers to no component of this BOM");
        } else if ("data".equals(bom.get("components").get(idx).path("type").textValue())) {
          dataset(bom.get("components").get(idx), "components[" + idx + "]", true);
        } else {
          note(dp, "refers to a component that is not of type data");
        }
      } else {
        dataset(d, dp, false);
      }
    }

    JsonNode metrics = card.path("quantitativeAnalysis").path("performanceMetrics");
    String mp = path + ".quantitativeAnalysis.performanceMetrics";
    for (int i = 0; i < metrics.size(); i++) {
      metric(metrics.get(i), mp + "[" + i + "]");
    }

    JsonNode cons = card.path("considerations");
    String cp = path + ".considerations";
    JsonNode users = cons.get("users");
    if (users != null && users.isArray()) {
      strings(users, cp + ".users", obj(tree, "intendedUse").putArray("users"));
    }
    JsonNode useCases = cons.path("useCases");
    if (useCases.size() > 0) {
      putText(obj(tree, "intendedUse"), "purpose", text(useCases, cp + ".useCases", 0));
      for (int i = 1; i < useCases.size(); i++) {
        note(cp + ".useCases[" + i + "]", "a manifest holds one intended purpose; only the first use case is read");
      }
    }
    JsonNode limits = cons.get("technicalLimitations");
    if (limits != null && limits.isArray()) {
      strings(limits, cp + ".technicalLimitations", obj(tree, "evaluation").putArray("limitations"));
    }
    JsonNode tradeoffs = cons.get("performanceTradeoffs");
    if (tradeoffs != null && tradeoffs.isArray()) {
      strings(tradeoffs, cp + ".performanceTradeoffs", obj(tree, "evaluation").putArray("tradeoffs"));
    }
    JsonNode ethical = cons.path("ethicalConsiderations");
    if (ethical.size() > 0) {
      ArrayNode risks = obj(tree, "risk").putArray("risks");
      for (int i = 0; i < ethical.size(); i++) {
        String ep = cp + ".ethicalConsiderations[" + i + "]";
        ObjectNode risk = risks.addObject();
        putText(risk, "name", text(ethical.get(i), ep, "name"));
        putText(risk, "mitigation", text(ethical.get(i), ep, "mitigationStrategy"));
      }
    }
    if (cons.has("environmentalConsiderations")) {
      note(cp + ".environmentalConsiderations", "the manifest has no energy or emissions fields");
    }
    JsonNode fairness = cons.path("fairnessAssessments");
    if (fairness.size() > 0) {
      ArrayNode out = obj(tree, "evaluation").putArray("fairnessAssessments");
      for (int i = 0; i < fairness.size(); i++) {
        String fp = cp + ".fairnessAssessments[" + i + "]";
        JsonNode f = fairness.get(i);
        ObjectNode fa = out.addObject();
        putText(fa, "groupAtRisk", text(f, fp, "groupAtRisk"));
        putText(fa, "benefits", text(f, fp, "benefits"));
        putText(fa, "harms", text(f, fp, "harms"));
        putText(fa, "mitigation", text(f, fp, "mitigationStrategy"));
      }
    }
  }

  private void io(JsonNode params, String path, String name) {
    JsonNode fields = params.path(name);
    if (fields.size() == 0) {
      return;
    }
    ArrayNode out = obj(tree, "intendedUse").putArray(name);
    for (int i = 0; i < fields.size(); i++) {
      ObjectNode f = out.addObject();
      putText(f, "type", text(fields.get(i), path + "." + name + "[" + i + "]", "format"));
    }
  }

  private void metric(JsonNode pm, String path) {
    String type = pm.path("type").textValue();
    String valueText = pm.path("value").textValue();
    BigDecimal value = decimal(valueText);
    if (type == null || value == null) {
      note(path, type == null ? "has no type; the metric is not read" : "value is not a decimal number; the metric is not read");
      return;
    }
    ArrayNode metrics = obj(tree, "evaluation").withArrayProperty("metrics");
    int index = metrics.size();
    ObjectNode m = metrics.addObject();
    use(path + ".type");
    String name = metricName(type);
    if (!name.equals(type)) {
      note(path + ".type", "not a ModelGov metric name; read as " + name);
    }
    m.put("name", name);
    use(path + ".value");
    m.put("value", value);
    String slice = text(pm, path, "slice");
    if (slice != null && !slicesFromProps.contains(index)) {
      Optional<Map<String, String>> parsed = CycloneDxExport.Slices.parse(slice);
      ObjectNode s = m.putObject("slice");
      if (parsed.isPresent()) {
        parsed.get().forEach(s::put);
      } else {
        s.put("attribute", slice);
        note(path + ".slice", "not key=value pairs; read as the value of key attribute");
      }
    }
    JsonNode ci = pm.get("confidenceInterval");
    if (ci != null) {
      String cp = path + ".confidenceInterval";
      BigDecimal low = decimal(ci.path("lowerBound").textValue());
      BigDecimal high = decimal(ci.path("upperBound").textValue());
      if (low != null && high != null) {
        use(cp);
        ObjectNode c = m.putObject("ci");
        c.put("low", low);
        c.put("high", high);
      } else {
        note(cp, "bounds are not decimal numbers");
      }
    }
  }

  // ----------------------------------------------------------------------------------------- components and rest

  private void dataset(JsonNode c, String path, boolean component) {
    ArrayNode datasets = tree.withArrayProperty("datasets");
    ObjectNode d = datasets.addObject();
    use(path + ".type");
    use(path + ".bom-ref");
    String name = text(c, path, "name");
    putText(d, "name", name);
    JsonNode data = c;
    String dataPath = path;
    if (component) {
      putText(d, "version", text(c, path, "version"));
      Digest digest = hashes(c, path);
      if (digest != null) {
        d.put("digest", digest.toString());
      }
      putText(d, "license", license(c, path));
      data = c.path("data").path(0);
      dataPath = path + ".data[0]";
      if (data.isObject()) {
        if ("dataset".equals(data.path("type").textValue())) {
          use(dataPath + ".type");
        }
        if (name != null && name.equals(data.path("name").textValue())) {
          use(dataPath + ".name");
        }
      }
    }
    JsonNode contents = data.path("contents");
    if (contents.isObject()) {
      putText(d, "uri", text(contents, dataPath + ".contents", "url"));
    }
    putText(d, "classification", text(data, dataPath, "classification"));
    JsonNode sensitive = data.path("sensitiveData");
    boolean personal = sensitive.isArray() && sensitive.size() > 0;
    if (personal) {
      use(dataPath + ".sensitiveData");
    }
    d.put("containsPersonalData", personal);
  }

  private void readComponents(String modelPath) {
    JsonNode components = bom.path("components");
    for (int i = 0; i < components.size(); i++) {
      String path = "components[" + i + "]";
      if (path.equals(modelPath)) {
        continue;
      }
      JsonNode c = components.get(i);
      if (!"container".equals(c.path("type").textValue())) {
        continue;
      }
      String role = null;
      JsonNode properties = c.path("properties");
      for (int j = 0; j < properties.size(); j++) {
        if (CycloneDxExport.IMAGE_ROLE.equals(properties.get(j).path("name").textValue())) {
          role = properties.get(j).path("value").textValue();
          use(path + ".properties[" + j + "]");
        }
      }
      String ref = c.path("bom-ref").textValue();
      if (role == null && ref != null && trainingInputs.contains(ref)) {
        role = "training";
      }
      boolean training = "training".equals(role) && !obj(tree, "build").has("trainingImage");
      boolean serving = "serving".equals(role) && !tree.has("servingImage");
      if (!training && !serving) {
        continue;
      }
      ImageRef image = image(c, path);
      if (image == null) {
        continue;
      }
      if (training) {
        obj(tree, "build").put("trainingImage", image.toString());
      } else {
        tree.put("servingImage", image.toString());
      }
    }
  }

  private ImageRef image(JsonNode c, String path) {
    String repository = c.path("name").textValue();
    String purl = c.path("purl").textValue();
    if (purl != null) {
      int q = purl.indexOf("repository_url=");
      if (q >= 0) {
        int end = purl.indexOf('&', q);
        repository = purl.substring(q + "repository_url=".length(), end < 0 ? purl.length() : end);
      }
    }
    Digest digest = hashes(c, path);
    String version = c.path("version").textValue();
    if (digest == null && version != null) {
      try {
        digest = Digest.parse(version);
      } catch (IllegalArgumentException e) {
        digest = null;
      }
    }
    if (repository == null || digest == null) {
      note(path, "not a container image pinned by a sha256 digest");
      return null;
    }
    try {
      ImageRef image = new ImageRef(repository, digest);
      for (String f : List.of("type", "bom-ref", "name", "version", "purl")) {
        use(path + "." + f);
      }
      return image;
    } catch (IllegalArgumentException e) {
      note(path, "not a valid OCI image reference");
      return null;
    }
  }

  private void readFormulation() {
    JsonNode formulation = bom.path("formulation");
    String chosen = null;
    JsonNode workflow = null;
    for (int i = 0; i < formulation.size() && chosen == null; i++) {
      JsonNode wfs = formulation.get(i).path("workflows");
      for (int j = 0; j < wfs.size(); j++) {
        for (JsonNode out : wfs.get(j).path("outputs")) {
          if (modelRef != null && modelRef.equals(out.path("resource").path("ref").textValue())) {
            chosen = "formulation[" + i + "].workflows[" + j + "]";
            workflow = wfs.get(j);
            use("formulation[" + i + "].bom-ref");
            break;
          }
        }
        if (chosen != null) {
          break;
        }
      }
    }
    if (chosen == null) {
      return;
    }
    for (String f : List.of("bom-ref", "name", "taskTypes", "inputs", "outputs")) {
      use(chosen + "." + f);
    }
    for (JsonNode in : workflow.path("inputs")) {
      String ref = in.path("resource").path("ref").textValue();
      if (ref != null) {
        trainingInputs.add(ref);
      }
    }
    ObjectNode run = obj(obj(tree, "build"), "trainingRun");
    putText(run, "id", text(workflow, chosen, "uid"));
    putText(run, "startedAt", text(workflow, chosen, "timeStart"));
    putText(run, "endedAt", text(workflow, chosen, "timeEnd"));
  }

  private void readAnnotations() {
    JsonNode annotations = bom.path("annotations");
    ArrayNode approvals = null;
    for (int i = 0; i < annotations.size(); i++) {
      JsonNode a = annotations.get(i);
      String path = "annotations[" + i + "]";
      String ref = a.path("bom-ref").textValue();
      boolean aboutModel = false;
      for (JsonNode s : a.path("subjects")) {
        aboutModel |= modelRef != null && modelRef.equals(s.textValue());
      }
      if (ref == null || !ref.startsWith(CycloneDxExport.APPROVAL_PREFIX) || !aboutModel) {
        continue;
      }
      JsonNode individual = a.path("annotator").path("individual");
      String approver = individual.path("email").textValue();
      String approverPath = path + ".annotator.individual.email";
      if (approver == null) {
        approver = individual.path("name").textValue();
        approverPath = path + ".annotator.individual.name";
      }
      if (approvals == null) {
        approvals = obj(tree, "lifecycle").putArray("approvals");
      }
      ObjectNode ap = approvals.addObject();
      if (approver != null) {
        ap.put("approver", approver);
        use(approverPath);
      }
      putText(ap, "at", text(a, path, "timestamp"));
      for (String f : List.of("bom-ref", "subjects", "text")) {
        use(path + "." + f);
      }
    }
  }

  // -------------------------------------------------------------------------------------------------- properties

  private void collectProps(JsonNode parent, String path) {
    JsonNode properties = parent.path("properties");
    for (int i = 0; i < properties.size(); i++) {
      JsonNode p = properties.get(i);
      String name = p.path("name").textValue();
      String pp = path + ".properties[" + i + "]";
      if (name == null || !name.startsWith(Ids.NS)) {
        continue;
      }
      String value = p.path("value").textValue();
      String manifestPath = name.substring(Ids.NS.length());
      try {
        List<Object> steps = WirePath.parse(manifestPath);
        if (value == null) {
          note(pp, "has no value");
        } else {
          props.add(new Prop(pp, steps, value));
          use(pp);
          if (steps.size() > 3 && "evaluation".equals(steps.get(0)) && "metrics".equals(steps.get(1))
              && steps.get(2) instanceof Integer metric && "slice".equals(steps.get(3))) {
            slicesFromProps.add(metric);
          }
        }
      } catch (IllegalArgumentException e) {
        note(pp, "not a ModelGov manifest path");
      }
    }
  }

  private void overlayProps() {
    for (Prop p : props) {
      if (!set(p.steps(), Json.decode(p.value()))) {
        note(p.bomPath(), "conflicts with another field of the BOM; not read");
      }
    }
  }

  private boolean set(List<Object> steps, JsonNode value) {
    JsonNode cur = tree;
    for (int i = 0; i < steps.size(); i++) {
      Object step = steps.get(i);
      boolean last = i == steps.size() - 1;
      JsonNode child;
      if (step instanceof String key) {
        if (!(cur instanceof ObjectNode o)) {
          return false;
        }
        child = o.get(key);
        if (last) {
          if (child != null && !child.isNull()) {
            return child.equals(value);
          }
          o.set(key, value);
          return true;
        }
        if (child == null || child.isNull()) {
          child = steps.get(i + 1) instanceof Integer ? F.arrayNode() : F.objectNode();
          o.set(key, child);
        }
      } else {
        int index = (Integer) step;
        if (!(cur instanceof ArrayNode a) || index > MAX_INDEX) {
          return false;
        }
        while (a.size() <= index) {
          a.addNull();
        }
        child = a.get(index);
        if (last) {
          if (!child.isNull()) {
            return child.equals(value);
          }
          a.set(index, value);
          return true;
        }
        if (child.isNull()) {
          child = steps.get(i + 1) instanceof Integer ? F.arrayNode() : F.objectNode();
          a.set(index, child);
        }
      }
      cur = child;
    }
    return false;
  }

  // ------------------------------------------------------------------------------------------------------ helpers

  private Digest hashes(JsonNode c, String path) {
    JsonNode hashes = c.path("hashes");
    Digest found = null;
    for (int i = 0; i < hashes.size(); i++) {
      JsonNode h = hashes.get(i);
      String hp = path + ".hashes[" + i + "]";
      if (!"SHA-256".equals(h.path("alg").textValue()) || found != null) {
        continue;
      }
      String content = h.path("content").textValue();
      try {
        found = Digest.parse("sha256:" + (content == null ? "" : content.toLowerCase(Locale.ROOT)));
        use(hp);
      } catch (IllegalArgumentException e) {
        note(hp, "not a SHA-256 digest of 64 hex digits");
      }
    }
    return found;
  }

  private String license(JsonNode c, String path) {
    JsonNode licenses = c.path("licenses");
    for (int i = 0; i < licenses.size(); i++) {
      JsonNode l = licenses.get(i);
      String lp = path + ".licenses[" + i + "]";
      String expression = text(l, lp, "expression");
      if (expression != null) {
        return expression;
      }
      String id = l.path("license").path("id").textValue();
      if (id != null) {
        use(lp + ".license.id");
        return id;
      }
    }
    return null;
  }

  private String idPart(String text, String path) {
    String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
    if (s.length() > 63) {
      s = s.substring(0, 63).replaceAll("[^a-z0-9]+$", "");
    }
    if (s.isEmpty()) {
      note(path, "cannot form a ModelGov id part; id left unset");
      return null;
    }
    if (!s.equals(text)) {
      note(path, "not a valid ModelGov id part; read as " + s);
    }
    return s;
  }

  private static String metricName(String type) {
    try {
      return MetricName.of(type).name();
    } catch (IllegalArgumentException e) {
      String s = type.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "_").replaceAll("^[^a-z]+|_+$", "");
      if (s.isEmpty()) {
        s = "metric";
      }
      return s.length() > 64 ? s.substring(0, 64) : s;
    }
  }

  private static BigDecimal decimal(String text) {
    if (text == null || !text.trim().matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]{1,4})?")) {
      return null;
    }
    return new BigDecimal(text.trim());
  }

  private void strings(JsonNode array, String path, ArrayNode out) {
    for (int i = 0; i < array.size(); i++) {
      String s = text(array, path, i);
      if (s != null) {
        out.add(s);
      }
    }
  }

  private String text(JsonNode parent, String path, String field) {
    JsonNode v = parent.get(field);
    String p = path.isEmpty() ? field : path + "." + field;
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      note(p, "must be a string");
      return null;
    }
    use(p);
    return v.textValue();
  }

  private String text(JsonNode array, String path, int index) {
    JsonNode v = array.get(index);
    String p = path + "[" + index + "]";
    if (v == null || !v.isTextual()) {
      note(p, "must be a string");
      return null;
    }
    use(p);
    return v.textValue();
  }

  private static void putText(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  private static ObjectNode obj(ObjectNode parent, String name) {
    JsonNode c = parent.get(name);
    if (c instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(name);
  }

  private JsonNode node(String path) {
    JsonNode cur = bom;
    for (String part : path.split("\\.")) {
      int b = part.indexOf('[');
      if (b < 0) {
        cur = cur.path(part);
      } else {
        cur = cur.path(part.substring(0, b)).path(Integer.parseInt(part.substring(b + 1, part.length() - 1)));
      }
    }
    return cur;
  }

  private void use(String path) {
    used.add(path);
  }

  private void note(String path, String reason) {
    used.add(path);
    notes.add(new LostField(path, reason));
  }

  private static ManifestFormatException problem(String path, String message) {
    return new ManifestFormatException(List.of(new ManifestProblem(path, message)));
  }

  // --------------------------------------------------------------------------------------------- unmapped fields

  private static void index(JsonNode node, String path, Map<String, Integer> order) {
    order.put(path, order.size());
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        index(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), order);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        index(node.get(i), path + "[" + i + "]", order);
      }
    }
  }

  /** Reports each subtree no mapping used, at its highest path. */
  private void collect(JsonNode node, String path, List<LostField> out) {
    Set<String> touched = new HashSet<>();
    for (String u : used) {
      for (int i = 1; i < u.length(); i++) {
        char c = u.charAt(i);
        if (c == '.' || c == '[') {
          touched.add(u.substring(0, i));
        }
      }
      touched.add(u);
    }
    collect(node, path, out, touched);
  }

  private void collect(JsonNode node, String path, List<LostField> out, Set<String> touched) {
    if (used.contains(path)) {
      return;
    }
    if (!path.isEmpty() && !touched.contains(path)) {
      out.add(new LostField(path, NO_FIELD));
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out, touched);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "[" + i + "]", out, touched);
      }
    }
  }
}
