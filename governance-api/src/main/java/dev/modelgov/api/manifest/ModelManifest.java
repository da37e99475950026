package dev.modelgov.api.manifest;

import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a model version is, who owns it, its risk class, the data and code it came from, how it was evaluated and
 * where it is in its lifecycle. Immutable; build one with {@link #builder()}, derive a new version with
 * {@link #toBuilder()}.
 *
 * <p>{@link Builder#build()} checks every field and reports <em>every</em> problem at once in an
 * {@link InvalidManifestException}, each with its JSON path ({@code datasets[1].digest: missing}). Equality is by
 * value. {@link #toString()} prints only the coordinates, risk class and stage, never personal data.
 *
 * <p>The JSON and YAML form (schema {@code modelgov.dev/v1}, kind {@code ModelManifest}), the canonical form
 * (RFC 8785) and the manifest digest are in {@code dev.modelgov.core.manifest.ManifestCodec}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ModelManifest manifest = ModelManifest.builder()
 *     .id("risk/credit-scoring")
 *     .version("2.4.0")
 *     .description("Logistic-regression score for consumer credit applications.")
 *     .owner(Owner.of("credit-risk-ml"))
 *     .supplier("Example Bank plc")
 *     .license("LicenseRef-Proprietary")
 *     .task("binary-classification")
 *     .intendedUse(IntendedUse.of("Pre-screen consumer credit applications; a credit officer decides."))
 *     .risk(RiskAssessment.of(RiskClass.HIGH, RiskScheme.EU_AI_ACT))
 *     .addDataset(Dataset.of("applications", "2025q4-v7", DatasetRole.TRAIN, trainDigest))
 *     .build(new BuildProvenance(new SourceRef(repo, commit), trainingImage, TrainingRun.of("mlflow", "8c1f"), Map.of()))
 *     .addArtifact(Artifact.of("s3://ml-models/credit-scoring/2.4.0/", rootDigest))
 *     .evaluation(Evaluation.of(List.of(Metric.of(MetricName.AUC, new BigDecimal("0.912"), MetricCategory.PERFORMANCE))))
 *     .lifecycle(Lifecycle.of(LifecycleStage.STAGING, Instant.parse("2026-11-19T08:12:00Z")))
 *     .build();
 * }</pre>
 */
public final class ModelManifest {

  /** The schema version written as {@code apiVersion}. */
  public static final String API_VERSION = "modelgov.dev/v1";

  /** The document kind written as {@code kind}. */
  public static final String KIND = "ModelManifest";

  /** The longest string any field may hold, in chars. */
  public static final int MAX_STRING_LENGTH = 16_384;

  /** The most significant digits a decimal may have: more would not survive the canonical form's IEEE doubles. */
  public static final int MAX_DECIMAL_DIGITS = 15;

  private final ModelId id;
  private final String version;
  private final String description;
  private final Owner owner;
  private final String supplier;
  private final String license;
  private final String task;
  private final Optional<Framework> framework;
  private final List<BaseModel> baseModels;
  private final List<String> tags;
  private final List<String> languages;
  private final IntendedUse intendedUse;
  private final RiskAssessment risk;
  private final List<Dataset> datasets;
  private final BuildProvenance build;
  private final List<Artifact> artifacts;
  private final Optional<ImageRef> servingImage;
  private final Evaluation evaluation;
  private final Lifecycle lifecycle;

  private ModelManifest(Builder b) {
    this.id = b.id;
    this.version = b.version;
    this.description = b.description;
    this.owner = b.owner;
    this.supplier = b.supplier;
    this.license = b.license;
    this.task = b.task;
    this.framework = Optional.ofNullable(b.framework);
    this.baseModels = List.copyOf(b.baseModels);
    this.tags = List.copyOf(b.tags);
    this.languages = List.copyOf(b.languages);
    this.intendedUse = b.intendedUse;
    this.risk = b.risk;
    this.datasets = List.copyOf(b.datasets);
    this.build = b.build;
    this.artifacts = List.copyOf(b.artifacts);
    this.servingImage = Optional.ofNullable(b.servingImage);
    this.evaluation = b.evaluation;
    this.lifecycle = b.lifecycle;
  }

  /**
   * A new, empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this manifest's values, to derive a new version.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.version = version;
    b.description = description;
    b.owner = owner;
    b.supplier = supplier;
    b.license = license;
    b.task = task;
    b.framework = framework.orElse(null);
    b.baseModels.addAll(baseModels);
    b.tags.addAll(tags);
    b.languages.addAll(languages);
    b.intendedUse = intendedUse;
    b.risk = risk;
    b.datasets.addAll(datasets);
    b.build = build;
    b.artifacts.addAll(artifacts);
    b.servingImage = servingImage.orElse(null);
    b.evaluation = evaluation;
    b.lifecycle = lifecycle;
    return b;
  }

  /** @return the model identity, {@code namespace/name} */
  public ModelId id() {
    return id;
  }

  /** @return the model version */
  public String version() {
    return version;
  }

  /** @return {@code namespace/name@version} */
  public String coordinates() {
    return id + "@" + version;
  }

  /** @return the description */
  public String description() {
    return description;
  }

  /** @return the owning team */
  public Owner owner() {
    return owner;
  }

  /** @return the supplier (the organisation placing the model on the market) */
  public String supplier() {
    return supplier;
  }

  /** @return the license, an SPDX expression */
  public String license() {
    return license;
  }

  /** @return the task, such as {@code binary-classification} */
  public String task() {
    return task;
  }

  /** @return the framework, if stated */
  public Optional<Framework> framework() {
    return framework;
  }

  /** @return the base models this one derives from */
  public List<BaseModel> baseModels() {
    return baseModels;
  }

  /** @return free-form tags */
  public List<String> tags() {
    return tags;
  }

  /** @return the natural languages the model handles, as BCP 47 tags */
  public List<String> languages() {
    return languages;
  }

  /** @return the intended use */
  public IntendedUse intendedUse() {
    return intendedUse;
  }

  /** @return the risk assessment */
  public RiskAssessment risk() {
    return risk;
  }

  /** @return the datasets, in declaration order */
  public List<Dataset> datasets() {
    return datasets;
  }

  /**
   * The dataset of that name.
   *
   * @param name the dataset name
   * @return the dataset, or empty if the manifest has none of that name
   */
  public Optional<Dataset> dataset(String name) {
    return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** @return the build provenance */
  public BuildProvenance build() {
    return build;
  }

  /** @return the released artifacts */
  public List<Artifact> artifacts() {
    return artifacts;
  }

  /** @return the serving container image, if pinned */
  public Optional<ImageRef> servingImage() {
    return servingImage;
  }

  /** @return the evaluation */
  public Evaluation evaluation() {
    return evaluation;
  }

  /** @return the lifecycle */
  public Lifecycle lifecycle() {
    return lifecycle;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ModelManifest)) {
      return false;
    }
    ModelManifest m = (ModelManifest) o;
    return id.equals(m.id)
        && version.equals(m.version)
        && description.equals(m.description)
        && owner.equals(m.owner)
        && supplier.equals(m.supplier)
        && license.equals(m.license)
        && task.equals(m.task)
        && framework.equals(m.framework)
        && baseModels.equals(m.baseModels)
        && tags.equals(m.tags)
        && languages.equals(m.languages)
        && intendedUse.equals(m.intendedUse)
        && risk.equals(m.risk)
        && datasets.equals(m.datasets)
        && build.equals(m.build)
        && artifacts.equals(m.artifacts)
        && servingImage.equals(m.servingImage)
        && evaluation.equals(m.evaluation)
        && lifecycle.equals(m.lifecycle);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id, version, description, owner, supplier, license, task, framework, baseModels, tags, languages,
        intendedUse, risk, datasets, build, artifacts, servingImage, evaluation, lifecycle);
  }

  /** Returns the coordinates, risk class and stage only; never personal data. */
  @Override
  public String toString() {
    return "ModelManifest[" + coordinates() + ", risk=" + risk.riskClass() + ", stage=" + lifecycle.stage() + "]";
  }

  /**
   * Collects the values of a {@link ModelManifest} and checks them all in {@link #build()}. Setters only store;
   * typed setters taking text ({@link #id(String)}) parse at once and throw {@link IllegalArgumentException}.
   */
  public static final class Builder {

    private ModelId id;
    private String version;
    private String description;
    private Owner owner;
    private String supplier;
    private String license;
    private String task;
    private Framework framework;
    private final List<BaseModel> baseModels = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<String> languages = new ArrayList<>();
    private IntendedUse intendedUse;
    private RiskAssessment risk;
    private final List<Dataset> datasets = new ArrayList<>();
    private BuildProvenance build;
    private final List<Artifact> artifacts = new ArrayList<>();
    private ImageRef servingImage;
    private Evaluation evaluation;
    private Lifecycle lifecycle;

    private Builder() {}

    /**
     * @param value the model identity
     * @return this builder
     */
    public Builder id(ModelId value) {
      this.id = value;
      return this;
    }

    /**
     * @param value the model identity as {@code namespace/name}
     * @return this builder
     * @throws IllegalArgumentException if the text is not a valid id
     */
    public Builder id(String value) {
      this.id = ModelId.parse(value);
      return this;
    }

    /**
     * @param value the version
     * @return this builder
     */
    public Builder version(String value) {
      this.version = value;
      return this;
    }

    /**
     * @param value the description
     * @return this builder
     */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /**
     * @param value the owner
     * @return this builder
     */
    public Builder owner(Owner value) {
      this.owner = value;
      return this;
    }

    /**
     * @param value the supplier
     * @return this builder
     */
    public Builder supplier(String value) {
      this.supplier = value;
      return this;
    }

    /**
     * @param value the license, an SPDX expression such as {@code Apache-2.0}
     * @return this builder
     */
    public Builder license(String value) {
      this.license = value;
      return this;
    }

    /**
     * @param value the task
     * @return this builder
     */
    public Builder task(String value) {
      this.task = value;
      return this;
    }

    /**
     * @param value the framework, or {@code null} to clear it
     * @return this builder
     */
    public Builder framework(Framework value) {
      this.framework = value;
      return this;
    }

    /**
     * @param values the base models, replacing any set before
     * @return this builder
     */
    public Builder baseModels(List<BaseModel> values) {
      this.baseModels.clear();
      this.baseModels.addAll(values);
      return this;
    }

    /**
     * @param value a base model to add
     * @return this builder
     */
    public Builder addBaseModel(BaseModel value) {
      this.baseModels.add(value);
      return this;
    }

    /**
     * @param values the tags, replacing any set before
     * @return this builder
     */
    public Builder tags(List<String> values) {
      this.tags.clear();
      this.tags.addAll(values);
      return this;
    }

    /**
     * @param values the languages, replacing any set before
     * @return this builder
     */
    public Builder languages(List<String> values) {
      this.languages.clear();
      this.languages.addAll(values);
      return this;
    }

    /**
     * @param value the intended use
     * @return this builder
     */
    public Builder intendedUse(IntendedUse value) {
      this.intendedUse = value;
      return this;
    }

    /**
     * @param value the risk assessment
     * @return this builder
     */
    public Builder risk(RiskAssessment value) {
      this.risk = value;
      return this;
    }

    /**
     * @param values the datasets, replacing any set before
     * @return this builder
     */
    public Builder datasets(List<Dataset> values) {
      this.datasets.clear();
      this.datasets.addAll(values);
      return this;
    }

    /**
     * @param value a dataset to add
     * @return this builder
     */
    public Builder addDataset(Dataset value) {
      this.datasets.add(value);
      return this;
    }

    /**
     * @param value the build provenance
     * @return this builder
     */
    public Builder build(BuildProvenance value) {
      this.build = value;
      return this;
    }

    /**
     * @param values the artifacts, replacing any set before
     * @return this builder
     */
    public Builder artifacts(List<Artifact> values) {
      this.artifacts.clear();
      this.artifacts.addAll(values);
      return this;
    }

    /**
     * @param value an artifact to add
     * @return this builder
     */
    public Builder addArtifact(Artifact value) {
      this.artifacts.add(value);
      return this;
    }

    /**
     * @param value the serving image, or {@code null} to clear it
     * @return this builder
     */
    public Builder servingImage(ImageRef value) {
      this.servingImage = value;
      return this;
    }

    /**
     * @param value the evaluation
     * @return this builder
     */
    public Builder evaluation(Evaluation value) {
      this.evaluation = value;
      return this;
    }

    /**
     * @param value the lifecycle
     * @return this builder
     */
    public Builder lifecycle(Lifecycle value) {
      this.lifecycle = value;
      return this;
    }

    /**
     * Checks every value and builds the manifest.
     *
     * @return the manifest
     * @throws InvalidManifestException listing every problem found, each with its JSON path
     */
    public ModelManifest build() {
      List<ManifestProblem> problems = validate();
      if (!problems.isEmpty()) {
        throw new InvalidManifestException(problems);
      }
      return new ModelManifest(this);
    }

    /**
     * Every problem {@link #build()} would report, without throwing.
     *
     * @return the problems in document order; empty when the manifest is valid
     */
    public List<ManifestProblem> validate() {
      Checker c = new Checker();
      c.required("id", id);
      c.text("version", version, VERSION, "must be 1-128 letters, digits, '.', '_', '+' or '-'");
      c.text("description", description);
      if (c.required("owner", owner)) {
        c.text("owner.team", owner.team());
        c.optionalText("owner.contact", owner.contact());
      }
      c.text("supplier", supplier);
      c.text("license", license);
      c.text("task", task);
      if (framework != null) {
        c.text("framework.name", framework.name());
        c.optionalText("framework.version", framework.version());
      }
      for (int i = 0; i < baseModels.size(); i++) {
        if (c.required("baseModels[" + i + "]", baseModels.get(i))) {
          c.text("baseModels[" + i + "].ref", baseModels.get(i).ref());
        }
      }
      c.texts("tags", tags);
      c.texts("languages", languages);
      checkIntendedUse(c);
      checkRisk(c);
      checkDatasets(c);
      checkBuild(c);
      checkArtifacts(c);
      checkEvaluation(c);
      checkLifecycle(c);
      return c.problems;
    }

    private void checkIntendedUse(Checker c) {
      if (!c.required("intendedUse", intendedUse)) {
        return;
      }
      c.text("intendedUse.purpose", intendedUse.purpose());
      c.texts("intendedUse.users", intendedUse.users());
      c.texts("intendedUse.outOfScopeUses", intendedUse.outOfScopeUses());
      c.texts("intendedUse.domains", intendedUse.domains());
      c.optionalText("intendedUse.humanOversight", intendedUse.humanOversight());
      checkIo(c, "intendedUse.inputs", intendedUse.inputs());
      checkIo(c, "intendedUse.outputs", intendedUse.outputs());
    }

    private static void checkIo(Checker c, String path, List<IoField> fields) {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < fields.size(); i++) {
        String p = path + "[" + i + "]";
        IoField f = fields.get(i);
        if (!c.required(p, f)) {
          continue;
        }
        if (c.text(p + ".name", f.name()) && !names.add(f.name())) {
          c.problem(p + ".name", "duplicate field name");
        }
        c.text(p + ".type", f.type());
        c.optionalText(p + ".unit", f.unit());
        c.optionalText(p + ".description", f.description());
        if (!f.range().isEmpty()) {
          if (f.range().size() != 2) {
            c.problem(p + ".range", "must be [min, max]");
          } else {
            c.decimal(p + ".range[0]", f.range().get(0));
            c.decimal(p + ".range[1]", f.range().get(1));
            if (f.range().get(0).compareTo(f.range().get(1)) > 0) {
              c.problem(p + ".range", "min is greater than max");
            }
          }
        }
        c.texts(p + ".values", f.values());
      }
    }

    private void checkRisk(Checker c) {
      if (!c.required("risk", risk)) {
        return;
      }
      c.required("risk.class", risk.riskClass());
      c.required("risk.scheme", risk.scheme());
      c.texts("risk.regulatoryContext", risk.regulatoryContext());
      c.texts("risk.standards", risk.standards());
      risk.personalData()
          .ifPresent(
              pd -> {
                c.texts("risk.personalData.categories", pd.categories());
                c.optionalText("risk.personalData.lawfulBasis", pd.lawfulBasis());
                c.optionalText("risk.personalData.dpiaRef", pd.dpiaRef());
              });
      for (int i = 0; i < risk.risks().size(); i++) {
        String p = "risk.risks[" + i + "]";
        RiskItem r = risk.risks().get(i);
        if (c.required(p, r)) {
          c.text(p + ".name", r.name());
          c.optionalText(p + ".mitigation", r.mitigation());
          c.optionalText(p + ".residual", r.residual());
        }
      }
    }

    private void checkDatasets(Checker c) {
      if (datasets.isEmpty()) {
        c.problem("datasets", "at least one dataset is required");
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < datasets.size(); i++) {
        String p = "datasets[" + i + "]";
        Dataset d = datasets.get(i);
        if (!c.required(p, d)) {
          continue;
        }
        if (c.text(p + ".name", d.name()) && !names.add(d.name())) {
          c.problem(p + ".name", "duplicate dataset name; metrics refer to datasets by name");
        }
        c.text(p + ".version", d.version());
        c.required(p + ".role", d.role());
        c.optionalText(p + ".uri", d.uri());
        c.required(p + ".digest", d.digest());
        c.optionalText(p + ".classification", d.classification());
        c.optionalText(p + ".license", d.license());
      }
    }

    private void checkBuild(Checker c) {
      if (!c.required("build", build)) {
        return;
      }
      if (c.required("build.source", build.source())) {
        c.text("build.source.repo", build.source().repo());
        c.text("build.source.commit", build.source().commit(), COMMIT, "must be a full commit id: 40 or 64 lowercase hex digits");
      }
      c.required("build.trainingImage", build.trainingImage());
      TrainingRun run = build.trainingRun();
      if (c.required("build.trainingRun", run)) {
        c.text("build.trainingRun.system", run.system());
        c.text("build.trainingRun.id", run.id());
        c.optionalText("build.trainingRun.url", run.url());
        if (run.startedAt().isPresent() && run.endedAt().isPresent() && run.endedAt().get().isBefore(run.startedAt().get())) {
          c.problem("build.trainingRun.endedAt", "is before startedAt");
        }
      }
      for (Map.Entry<String, Object> e : build.hyperparameters().entrySet()) {
        String p = "build.hyperparameters." + e.getKey();
        if (e.getKey().isBlank()) {
          c.problem("build.hyperparameters", "a name is blank");
        }
        Object v = e.getValue();
        if (v instanceof BigDecimal) {
          c.decimal(p, (BigDecimal) v);
        } else if (v instanceof String) {
          c.text(p, (String) v);
        } else if (!(v instanceof Boolean)) {
          c.problem(p, "must be a string, a number or a boolean");
        }
      }
    }

    private void checkArtifacts(Checker c) {
      if (artifacts.isEmpty()) {
        c.problem("artifacts", "at least one artifact is required");
      }
      for (int i = 0; i < artifacts.size(); i++) {
        String p = "artifacts[" + i + "]";
        Artifact a = artifacts.get(i);
        if (!c.required(p, a)) {
          continue;
        }
        c.text(p + ".uri", a.uri());
        c.optionalText(p + ".format", a.format());
        a.size()
            .ifPresent(
                s -> {
                  if (s < 0 || s > MAX_EXACT_INTEGER) {
                    c.problem(p + ".size", "must be between 0 and 2^53");
                  }
                });
        c.required(p + ".digest", a.digest());
      }
    }

    private void checkEvaluation(Checker c) {
      if (!c.required("evaluation", evaluation)) {
        return;
      }
      if (evaluation.metrics().isEmpty()) {
        c.problem("evaluation.metrics", "at least one metric is required");
      }
      Set<String> datasetNames = new HashSet<>();
      datasets.stream().filter(Objects::nonNull).forEach(d -> datasetNames.add(d.name()));
      for (int i = 0; i < evaluation.metrics().size(); i++) {
        String p = "evaluation.metrics[" + i + "]";
        Metric m = evaluation.metrics().get(i);
        if (!c.required(p, m)) {
          continue;
        }
        c.required(p + ".name", m.name());
        if (c.required(p + ".value", m.value())) {
          c.decimal(p + ".value", m.value());
        }
        c.required(p + ".category", m.category());
        if (c.optionalText(p + ".dataset", m.dataset()) && !datasetNames.contains(m.dataset().get())) {
          c.problem(p + ".dataset", "names no dataset of this manifest");
        }
        m.slice().forEach((k, v) -> c.text(p + ".slice." + k, v));
        m.threshold()
            .ifPresent(
                t -> {
                  if (t.min().isEmpty() && t.max().isEmpty()) {
                    c.problem(p + ".threshold", "needs min, max or both");
                  }
                  t.min().ifPresent(v -> c.decimal(p + ".threshold.min", v));
                  t.max().ifPresent(v -> c.decimal(p + ".threshold.max", v));
                  if (t.min().isPresent() && t.max().isPresent() && t.min().get().compareTo(t.max().get()) > 0) {
                    c.problem(p + ".threshold", "min is greater than max");
                  }
                });
        m.ci()
            .ifPresent(
                ci -> {
                  boolean low = c.required(p + ".ci.low", ci.low()) && c.decimal(p + ".ci.low", ci.low());
                  boolean high = c.required(p + ".ci.high", ci.high()) && c.decimal(p + ".ci.high", ci.high());
                  if (low && high && ci.low().compareTo(ci.high()) > 0) {
                    c.problem(p + ".ci", "low is greater than high");
                  }
                });
      }
      for (int i = 0; i < evaluation.fairnessAssessments().size(); i++) {
        String p = "evaluation.fairnessAssessments[" + i + "]";
        FairnessAssessment f = evaluation.fairnessAssessments().get(i);
        if (c.required(p, f)) {
          c.text(p + ".groupAtRisk", f.groupAtRisk());
          c.optionalText(p + ".benefits", f.benefits());
          c.optionalText(p + ".harms", f.harms());
          c.optionalText(p + ".mitigation", f.mitigation());
        }
      }
      c.texts("evaluation.limitations", evaluation.limitations());
      c.texts("evaluation.tradeoffs", evaluation.tradeoffs());
      c.optionalText("evaluation.explainability", evaluation.explainability());
    }

    private void checkLifecycle(Checker c) {
      if (!c.required("lifecycle", lifecycle)) {
        return;
      }
      c.required("lifecycle.stage", lifecycle.stage());
      c.texts("lifecycle.aliases", lifecycle.aliases());
      for (int i = 0; i < lifecycle.approvals().size(); i++) {
        String p = "lifecycle.approvals[" + i + "]";
        Approval a = lifecycle.approvals().get(i);
        if (!c.required(p, a)) {
          continue;
        }
        c.text(p + ".approver", a.approver());
        c.text(p + ".role", a.role());
        c.required(p + ".decision", a.decision());
        c.required(p + ".scope", a.scope());
        c.required(p + ".at", a.at());
        c.optionalText(p + ".comment", a.comment());
      }
      c.optionalText("lifecycle.monitoringPlan", lifecycle.monitoringPlan());
      c.optionalText("lifecycle.supersedes", lifecycle.supersedes());
      c.required("lifecycle.createdAt", lifecycle.createdAt());
    }
  }

  private static final long MAX_EXACT_INTEGER = 1L << 53;
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  /** Collects problems with their paths. */
  private static final class Checker {
    final List<ManifestProblem> problems = new ArrayList<>();

    void problem(String path, String message) {
      problems.add(new ManifestProblem(path, message));
    }

    boolean required(String path, Object value) {
      if (value == null) {
        problem(path, "missing");
        return false;
      }
      return true;
    }

    boolean text(String path, String value) {
      if (!required(path, value)) {
        return false;
      }
      if (value.isBlank()) {
        problem(path, "must not be blank");
        return false;
      }
      if (value.length() > MAX_STRING_LENGTH) {
        problem(path, "longer than " + MAX_STRING_LENGTH + " characters");
        return false;
      }
      return true;
    }

    boolean text(String path, String value, Pattern pattern, String rule) {
      if (!text(path, value)) {
        return false;
      }
      if (!pattern.matcher(value).matches()) {
        problem(path, rule);
        return false;
      }
      return true;
    }

    boolean optionalText(String path, Optional<String> value) {
      return value.isPresent() && text(path, value.get());
    }

    void texts(String path, List<String> values) {
      for (int i = 0; i < values.size(); i++) {
        text(path + "[" + i + "]", values.get(i));
      }
    }

    boolean decimal(String path, BigDecimal value) {
      if (value.signum() == 0) {
        return true;
      }
      BigDecimal stripped = value.stripTrailingZeros();
      if (stripped.precision() > MAX_DECIMAL_DIGITS) {
        problem(path, "has more than " + MAX_DECIMAL_DIGITS + " significant digits; the canonical form (RFC 8785)"
            + " holds numbers as IEEE doubles");
        return false;
      }
      long exponent = (long) stripped.precision() - stripped.scale() - 1;
      if (exponent > 300 || exponent < -300) {
        problem(path, "is outside the range 1e-300 to 1e300");
        return false;
      }
      return true;
    }
  }
}
