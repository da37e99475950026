package dev.modelgov.testkit.generators;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One manifest being drawn: the theme, risk class and stage are fixed first, then every field is drawn so that the
 * built-in deploy policy allows the result at promotion.
 */
final class ManifestDraft {

  static final String RISK_OFFICER_ROLE = "risk-officer";

  private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
  private static final long TWO_YEARS_SECONDS = 2 * 365 * 24 * 3600L;
  private static final List<String> LICENSES =
      List.of("Apache-2.0", "MIT", "LicenseRef-Proprietary", "BSD-3-Clause", "CC-BY-4.0");
  private static final List<String> SUPPLIERS =
      List.of("in-house", "Example Bank plc", "Acme Analytics GmbH", "Northwind Health", "Contoso Retail");
  private static final List<String> REGISTRIES =
      List.of("registry.example", "ghcr.io/acme", "registry.internal.example:5000", "quay.io/mlops");
  private static final List<String[]> FRAMEWORKS =
      List.of(new String[] {"scikit-learn", "1.5.2"}, new String[] {"xgboost", "2.1.1"},
          new String[] {"pytorch", "2.4.0"}, new String[] {"lightgbm", "4.5.0"},
          new String[] {"transformers", "4.44.2"});
  private static final List<String> LAWFUL_BASES =
      List.of("GDPR Art. 6(1)(b)", "GDPR Art. 6(1)(c)", "GDPR Art. 6(1)(f)", "GDPR Art. 9(2)(h)", "HIPAA 164.506");
  private static final List<String> PEOPLE =
      List.of("a.martin", "r.okafor", "j.doe", "m.rossi", "s.nakamura", "l.nguyen", "k.schmidt", "p.silva",
          "e.kowalski", "t.haddad");
  private static final List<DatasetRole> OTHER_ROLES =
      List.of(DatasetRole.VALIDATION, DatasetRole.TEST, DatasetRole.CALIBRATION, DatasetRole.REFERENCE);

  /** Performance metrics: name, whether higher is better. */
  private static final List<Object[]> PERFORMANCE =
      List.of(new Object[] {"auc", true}, new Object[] {"accuracy", true}, new Object[] {"f1", true},
          new Object[] {"precision", true}, new Object[] {"recall", true}, new Object[] {"mae", false},
          new Object[] {"false_positive_rate", false});

  /** Fairness metrics: name, whether the threshold is a minimum, the threshold. */
  private static final List<Object[]> FAIRNESS =
      List.of(new Object[] {"demographic_parity_ratio", true, "0.80"},
          new Object[] {"equal_opportunity_difference", false, "0.050"},
          new Object[] {"equalized_odds_difference", false, "0.100"},
          new Object[] {"demographic_parity_difference", false, "0.100"});

  private final Draws d;
  private final RiskClass risk;
  private final LifecycleStage stage;
  private final boolean personalDataAllowed;
  private final Theme theme;

  ManifestDraft(Draws d, RiskClass risk, LifecycleStage stage, boolean personalDataAllowed) {
    this.d = d;
    this.risk = risk;
    this.stage = stage;
    this.personalDataAllowed = personalDataAllowed;
    this.theme = d.pick(Theme.ALL);
  }

  ModelManifest manifest() {
    String name = d.pick(theme.names()) + (d.chance(30) ? "-" + d.pick("eu", "us", "v2", "lite", "core") : "");
    String version = d.between(0, 5) + "." + d.between(0, 20) + "." + d.between(0, 9)
        + (d.chance(15) ? "-rc." + d.between(1, 4) : "");
    Instant created = d.instant(EPOCH, TWO_YEARS_SECONDS);
    String team = theme.namespace() + "-" + d.pick("ml", "ds", "analytics", "models");
    boolean personal = personalDataAllowed && !theme.personalCategories().isEmpty() && d.chance(60);
    List<Dataset> datasets = datasets(personal);
    ImageRef serving = ImageRef.parse(d.pick(REGISTRIES) + "/" + theme.namespace() + "/" + name + "-serve@"
        + d.digest());
    boolean withServing = stage != LifecycleStage.DEVELOPMENT || d.chance(70);
    String[] framework = d.pick(FRAMEWORKS);
    return ModelManifest.builder()
        .id(new ModelId(theme.namespace(), name))
        .version(version)
        .description(d.pick("Gradient-boosted", "Logistic-regression", "Transformer", "Random-forest", "Neural")
            + " model for " + theme.domains().get(0) + ": " + theme.purpose())
        .owner(new Owner(team, Optional.of(team + "@" + theme.org())))
        .supplier(d.pick(SUPPLIERS))
        .license(d.pick(LICENSES))
        .task(theme.task())
        .framework(d.chance(80) ? Framework.of(framework[0], framework[1]) : null)
        .baseModels(d.chance(20)
            ? List.of(new BaseModel("hf://acme/" + theme.namespace() + "-base", Optional.of(
                d.pick(BaseModelRelation.values()))))
            : List.of())
        .tags(d.distinct(0, 3, List.of(theme.namespace(), theme.task(), "tabular", "batch", "online", "champion")))
        .languages(d.distinct(0, 2, List.of("en", "de", "fr", "es", "pl")))
        .intendedUse(intendedUse())
        .risk(riskAssessment(personal))
        .datasets(datasets)
        .build(buildProvenance(name, created))
        .artifacts(artifacts(name, version))
        .servingImage(withServing ? serving : null)
        .evaluation(evaluation(datasets))
        .lifecycle(lifecycle(created, team))
        .build();
  }

  private IntendedUse intendedUse() {
    List<IoField> inputs = new ArrayList<>();
    for (String spec : d.distinct(1, theme.inputs().size(), theme.inputs())) {
      String[] p = spec.split(":");
      inputs.add(new IoField(p[0], p[1], p.length > 2 ? Optional.of(p[2]) : Optional.empty(), List.of(), List.of(),
          Optional.empty()));
    }
    List<IoField> outputs = new ArrayList<>();
    for (String spec : theme.outputs()) {
      String[] p = spec.split(":");
      boolean number = p[1].equals("number");
      outputs.add(new IoField(p[0], p[1], Optional.empty(),
          number && d.coin() ? List.of(BigDecimal.ZERO, BigDecimal.ONE) : List.of(),
          number ? List.of() : d.distinct(0, 3, List.of("approve", "review", "decline", "escalate")),
          Optional.empty()));
    }
    return new IntendedUse(
        theme.purpose(),
        theme.users(),
        d.distinct(1, theme.outOfScopeUses().size(), theme.outOfScopeUses()),
        theme.domains(),
        risk == RiskClass.HIGH || d.coin()
            ? Optional.of("A " + theme.users().get(0) + " reviews " + d.pick("every", "each adverse", "a 5% sample of")
                + " output before it takes effect.")
            : Optional.empty(),
        d.chance(70) ? Optional.of(d.pick(Autonomy.values())) : Optional.empty(),
        inputs,
        outputs);
  }

  private RiskAssessment riskAssessment(boolean personal) {
    RiskScheme scheme = d.pick(RiskScheme.EU_AI_ACT, RiskScheme.NIST_AI_RMF, RiskScheme.ISO_42001, RiskScheme.INTERNAL);
    List<String> regulations = risk == RiskClass.HIGH
        ? d.distinct(1, theme.regulations().size(), theme.regulations())
        : d.distinct(0, 2, theme.regulations());
    Optional<PersonalData> personalData;
    if (personal) {
      personalData = Optional.of(new PersonalData(true, d.distinct(1, 2, theme.personalCategories()),
          Optional.of(d.pick(LAWFUL_BASES)), Optional.of("DPIA-" + d.between(2024, 2026) + "-" + d.between(100, 999))));
    } else {
      personalData = d.coin() ? Optional.of(new PersonalData(false, List.of(), Optional.empty(), Optional.empty()))
          : Optional.empty();
    }
    List<RiskItem> risks = d.list(0, 2, () -> new RiskItem(
        d.pick("proxy discrimination", "data drift", "automation bias", "label leakage", "adversarial inputs"),
        Optional.of(d.pick("quarterly review", "feature removed", "human review of declines", "drift alerts")),
        Optional.of(d.pick("LOW", "MEDIUM"))));
    return new RiskAssessment(risk, scheme, regulations, d.distinct(0, 2, List.of("ISO/IEC 42001", "ISO/IEC 23894",
        "NIST AI RMF 1.0")), personalData, risks);
  }

  private List<Dataset> datasets(boolean personal) {
    List<Dataset> out = new ArrayList<>();
    out.add(dataset(theme.dataset(), DatasetRole.TRAIN, personal));
    for (DatasetRole role : d.distinct(0, 3, OTHER_ROLES)) {
      out.add(dataset(theme.dataset() + "-" + role.name().toLowerCase(java.util.Locale.ROOT), role,
          personal && d.coin()));
    }
    return out;
  }

  private Dataset dataset(String name, DatasetRole role, boolean personal) {
    String version = switch (d.between(0, 3)) {
      case 0 -> d.between(2024, 2026) + "q" + d.between(1, 4) + "-v" + d.between(1, 12);
      case 1 -> "v" + d.between(1, 40);
      case 2 -> "r" + d.between(100, 9999);
      default -> "snapshot-" + d.between(2024, 2026) + "0" + d.between(1, 9) + d.between(10, 28);
    };
    return new Dataset(name, version, role,
        Optional.of("s3://ml-data/" + theme.namespace() + "/" + name + "/" + version + "/"), d.digest(), personal,
        d.chance(60) ? Optional.of(d.pick("internal", "confidential", "restricted")) : Optional.empty(),
        Optional.empty());
  }

  private BuildProvenance buildProvenance(String name, Instant created) {
    Instant started = created.minus(Duration.ofMinutes(d.between(60, 60 * 24 * 14)));
    Instant ended = started.plus(Duration.ofMinutes(d.between(1, 600)));
    String system = d.pick("mlflow", "kubeflow", "sagemaker", "vertex-ai");
    String runId = d.hex(16);
    TrainingRun run = new TrainingRun(system, runId,
        Optional.of("https://" + system + "." + theme.org() + "/runs/" + runId),
        d.chance(80) ? Optional.of(started) : Optional.empty(),
        d.chance(80) ? Optional.of(ended) : Optional.empty());
    Map<String, Object> hyper = new LinkedHashMap<>();
    if (d.coin()) {
      hyper.put("learning_rate", d.decimal(new BigDecimal("0.001"), new BigDecimal("0.300"), 3));
    }
    if (d.coin()) {
      hyper.put("max_depth", BigDecimal.valueOf(d.between(2, 12)));
    }
    if (d.coin()) {
      hyper.put("n_estimators", BigDecimal.valueOf(d.between(50, 2000)));
    }
    if (d.coin()) {
      hyper.put("penalty", d.pick("l1", "l2", "elasticnet"));
    }
    if (d.coin()) {
      hyper.put("early_stopping", d.coin());
    }
    return new BuildProvenance(
        new SourceRef("https://git." + theme.org() + "/ml/" + name, d.hex(d.chance(90) ? 40 : 64)),
        ImageRef.parse(d.pick(REGISTRIES) + "/" + theme.namespace() + "/" + name + "-train@" + d.digest()),
        run,
        hyper);
  }

  private List<Artifact> artifacts(String name, String version) {
    List<Artifact> out = new ArrayList<>();
    out.add(new Artifact("s3://ml-models/" + theme.namespace() + "/" + name + "/" + version + "/",
        Optional.of("model_signing-directory"), Optional.of((long) d.between(1024, 1 << 30)), d.digest()));
    if (d.chance(30)) {
      out.add(new Artifact("s3://ml-models/" + theme.namespace() + "/" + name + "/" + version + "/model.onnx",
          Optional.of("onnx"), Optional.empty(), d.digest()));
    }
    return out;
  }

  private Evaluation evaluation(List<Dataset> datasets) {
    String evalSet = datasets.get(datasets.size() - 1).name();
    List<Metric> metrics = new ArrayList<>();
    for (Object[] p : d.distinct(1, 3, PERFORMANCE)) {
      boolean first = metrics.isEmpty();
      metrics.add(performance((String) p[0], (Boolean) p[1], first || d.coin(), evalSet));
    }
    int fairness = risk == RiskClass.HIGH ? d.between(1, 3) : d.between(0, 2);
    for (Object[] p : d.distinct(fairness, fairness, FAIRNESS)) {
      metrics.add(fairness((String) p[0], (Boolean) p[1], new BigDecimal((String) p[2]), d.coin(), evalSet));
    }
    if (d.chance(25)) {
      metrics.add(new Metric(MetricName.of("adversarial_accuracy"),
          d.decimal(new BigDecimal("0.500"), new BigDecimal("0.900"), 3), MetricCategory.ROBUSTNESS,
          Optional.of(evalSet), Map.of(), Optional.empty(), Optional.empty()));
    }
    List<FairnessAssessment> assessments = d.list(0, 2, () -> new FairnessAssessment(
        d.pick("applicants over 60", "women", "people with disabilities", "non-native speakers", "rural customers"),
        Optional.empty(),
        Optional.of(d.pick("higher decline rate", "lower recall", "more manual reviews")),
        Optional.of(d.pick("monitored monthly", "feature removed", "threshold per group reviewed"))));
    return new Evaluation(
        metrics,
        assessments,
        d.distinct(1, theme.limitations().size(), theme.limitations()),
        d.distinct(0, 1, List.of("Recall traded for fewer false alarms", "Latency traded for accuracy")),
        d.chance(50) ? Optional.of(d.pick("SHAP values per decision", "Reason codes from the top 4 features"))
            : Optional.empty());
  }

  /** A performance metric within its threshold (when it has one). */
  Metric performance(String name, boolean higherIsBetter, boolean withThreshold, String dataset) {
    BigDecimal value;
    Optional<Threshold> threshold = Optional.empty();
    if (higherIsBetter) {
      BigDecimal min = d.decimal(new BigDecimal("0.60"), new BigDecimal("0.90"), 2);
      value = d.decimal(min.setScale(3), new BigDecimal("0.990"), 3);
      if (withThreshold) {
        threshold = Optional.of(Threshold.atLeast(min));
      }
    } else {
      BigDecimal max = d.decimal(new BigDecimal("0.05"), new BigDecimal("0.30"), 2);
      value = d.decimal(new BigDecimal("0.001"), max.setScale(3), 3);
      if (withThreshold) {
        threshold = Optional.of(Threshold.atMost(max));
      }
    }
    Optional<ConfidenceInterval> ci = d.chance(40)
        ? Optional.of(new ConfidenceInterval(value.subtract(new BigDecimal("0.010")), value.add(new BigDecimal("0.010"))))
        : Optional.empty();
    return new Metric(MetricName.of(name), value, MetricCategory.PERFORMANCE, Optional.of(dataset), Map.of(),
        threshold, ci);
  }

  /** A fairness metric within its threshold (when it has one). */
  Metric fairness(String name, boolean minimum, BigDecimal bound, boolean withThreshold, String dataset) {
    BigDecimal value = minimum
        ? d.decimal(bound.setScale(3), new BigDecimal("1.000"), 3)
        : d.decimal(BigDecimal.ZERO.setScale(3), bound.setScale(3), 3);
    Optional<Threshold> threshold = withThreshold
        ? Optional.of(minimum ? Threshold.atLeast(bound) : Threshold.atMost(bound))
        : Optional.empty();
    return new Metric(MetricName.of(name), value, MetricCategory.FAIRNESS, Optional.of(dataset),
        Map.of("attribute", d.pick(theme.fairnessAttributes())), threshold, Optional.empty());
  }

  private Lifecycle lifecycle(Instant created, String team) {
    List<Approval> approvals = new ArrayList<>();
    List<String> people = d.distinct(4, 4, PEOPLE);
    String domain = "@" + theme.org();
    if (stage != LifecycleStage.DEVELOPMENT && d.coin()) {
      approvals.add(new Approval(people.get(2) + domain, "model-owner", ApprovalDecision.APPROVED,
          LifecycleStage.STAGING, created.minus(Duration.ofDays(d.between(1, 30))), Optional.empty()));
    }
    if (stage == LifecycleStage.PRODUCTION && (risk == RiskClass.HIGH || d.coin())) {
      approvals.add(new Approval(people.get(0) + domain, "model-owner", ApprovalDecision.APPROVED,
          LifecycleStage.PRODUCTION, created.plus(Duration.ofHours(d.between(1, 48))), Optional.empty()));
      approvals.add(new Approval(people.get(1) + domain, RISK_OFFICER_ROLE, ApprovalDecision.APPROVED,
          LifecycleStage.PRODUCTION, created.plus(Duration.ofHours(d.between(1, 48))),
          d.coin() ? Optional.of("reviewed validation report") : Optional.empty()));
    }
    if (d.chance(20)) {
      approvals.add(new Approval(people.get(3) + domain, "model-validator", ApprovalDecision.CONDITIONAL,
          LifecycleStage.PRODUCTION, created.plus(Duration.ofHours(d.between(1, 48))),
          Optional.of("re-run fairness tests after the next data refresh")));
    }
    boolean plan = stage == LifecycleStage.PRODUCTION || d.coin();
    return new Lifecycle(
        stage,
        stage == LifecycleStage.PRODUCTION && d.coin() ? List.of("champion") : List.of(),
        approvals,
        plan ? Optional.of("https://wiki." + theme.org() + "/ml/" + team + "/monitoring") : Optional.empty(),
        d.chance(30) ? Optional.of(d.between(0, 3) + "." + d.between(0, 9) + ".0") : Optional.empty(),
        created);
  }
}
