package dev.modelgov.testkit.generators;

import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.Evaluation;
import dev.modelgov.api.manifest.IntendedUse;
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
import dev.modelgov.api.manifest.Threshold;
import dev.modelgov.api.manifest.TrainingRun;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Puts one {@link Defect} into a valid manifest, changing nothing another built-in rule reads. */
final class Defects {

  private static final BigDecimal SMALLEST_MISS = new BigDecimal("0.001");
  private static final BigDecimal LARGEST_MISS = new BigDecimal("0.150");

  private Defects() {}

  static ModelManifest apply(Defect defect, ModelManifest m, Draws d) {
    ModelManifest.Builder b = m.toBuilder();
    switch (defect) {
      case UNPINNED_IMAGE -> b.servingImage(null);
      case FLOATING_DATASET_VERSION -> {
        List<Dataset> datasets = new ArrayList<>(m.datasets());
        int i = d.between(0, datasets.size() - 1);
        Dataset x = datasets.get(i);
        datasets.set(i, new Dataset(x.name(), d.pick("latest", "current", "main", "master", "head", "Latest", "MAIN"),
            x.role(), x.uri(), x.digest(), x.containsPersonalData(), x.classification(), x.license()));
        b.datasets(datasets);
      }
      case MISSING_TRAINING_SET -> {
        List<Dataset> datasets = new ArrayList<>();
        List<DatasetRole> unused = new ArrayList<>(List.of(DatasetRole.VALIDATION, DatasetRole.TEST,
            DatasetRole.FINETUNE, DatasetRole.CALIBRATION, DatasetRole.REFERENCE));
        m.datasets().forEach(x -> unused.remove(x.role()));
        for (Dataset x : m.datasets()) {
          DatasetRole role = x.role() != DatasetRole.TRAIN ? x.role() : unused.isEmpty()
              ? DatasetRole.FINETUNE : unused.remove(d.between(0, unused.size() - 1));
          datasets.add(new Dataset(x.name(), x.version(), role, x.uri(), x.digest(), x.containsPersonalData(),
              x.classification(), x.license()));
        }
        b.datasets(datasets);
      }
      case NO_TRAINING_RUN -> {
        TrainingRun r = m.build().trainingRun();
        b.build(new dev.modelgov.api.manifest.BuildProvenance(m.build().source(), m.build().trainingImage(),
            new TrainingRun(r.system(), r.id(), Optional.empty(), r.startedAt(), r.endedAt()),
            m.build().hyperparameters()));
      }
      case NO_OWNER_CONTACT -> b.owner(new Owner(m.owner().team(), Optional.empty()));
      case NO_REGULATORY_CONTEXT -> b.risk(withRisk(m.risk(), m.risk().riskClass(), List.of(),
          m.risk().personalData()));
      case PROHIBITED_RISK -> b.risk(withRisk(m.risk(), RiskClass.PROHIBITED,
          m.risk().regulatoryContext().isEmpty() ? List.of("EU-AI-Act Art. 5") : m.risk().regulatoryContext(),
          m.risk().personalData()));
      case HIGH_RISK_WITHOUT_APPROVAL -> b.lifecycle(withoutApproval(m.lifecycle(), d));
      case PERSONAL_DATA_WITHOUT_LAWFUL_BASIS -> withoutLawfulBasis(m, b, d);
      case MISSING_FAIRNESS_ASSESSMENT -> {
        Evaluation e = m.evaluation();
        b.evaluation(new Evaluation(e.metrics().stream().filter(x -> x.category() != MetricCategory.FAIRNESS).toList(),
            List.of(), e.limitations(), e.tradeoffs(), e.explainability()));
      }
      case FAIRNESS_BELOW_THRESHOLD -> b.evaluation(withMissedThreshold(m, MetricCategory.FAIRNESS, d));
      case METRIC_BELOW_THRESHOLD -> b.evaluation(withMissedThreshold(m, MetricCategory.PERFORMANCE, d));
      case MISSING_PERFORMANCE_METRIC -> {
        Evaluation e = m.evaluation();
        List<Metric> rest = new ArrayList<>(
            e.metrics().stream().filter(x -> x.category() != MetricCategory.PERFORMANCE).toList());
        if (rest.isEmpty()) {
          rest.add(Metric.of(MetricName.of("calibration_error"), d.decimal(SMALLEST_MISS, LARGEST_MISS, 3),
              MetricCategory.ROBUSTNESS));
        }
        b.evaluation(new Evaluation(rest, e.fairnessAssessments(), e.limitations(), e.tradeoffs(),
            e.explainability()));
      }
      case NO_DOCUMENTATION -> {
        int which = d.between(0, 2);
        if (which != 1) {
          IntendedUse u = m.intendedUse();
          b.intendedUse(new IntendedUse(u.purpose(), u.users(), List.of(), u.domains(), u.humanOversight(),
              u.autonomy(), u.inputs(), u.outputs()));
        }
        if (which != 0) {
          Evaluation e = m.evaluation();
          b.evaluation(new Evaluation(e.metrics(), e.fairnessAssessments(), List.of(), e.tradeoffs(),
              e.explainability()));
        }
      }
      case NO_LICENSE -> b.license(d.pick("NOASSERTION", "NONE", "UNKNOWN"));
      case NO_MONITORING_PLAN -> {
        Lifecycle l = m.lifecycle();
        b.lifecycle(new Lifecycle(l.stage(), l.aliases(), l.approvals(), Optional.empty(), l.supersedes(),
            l.createdAt()));
      }
    }
    return b.build();
  }

  private static RiskAssessment withRisk(RiskAssessment r, RiskClass riskClass, List<String> regulations,
      Optional<PersonalData> personalData) {
    return new RiskAssessment(riskClass, r.scheme(), regulations, r.standards(), personalData, r.risks());
  }

  /** Breaks the PRODUCTION approvals of a HIGH risk model in one of five ways. */
  private static Lifecycle withoutApproval(Lifecycle l, Draws d) {
    List<Approval> approvals = new ArrayList<>(l.approvals());
    int officer = -1;
    String owner = null;
    for (int i = 0; i < approvals.size(); i++) {
      Approval a = approvals.get(i);
      if (a.decision() == ApprovalDecision.APPROVED && a.scope() == LifecycleStage.PRODUCTION) {
        if (a.role().equals(ManifestDraft.RISK_OFFICER_ROLE)) {
          officer = i;
        } else {
          owner = a.approver();
        }
      }
    }
    if (officer < 0 || owner == null) {
      throw new IllegalStateException("a valid HIGH risk PRODUCTION manifest has an owner's and an officer's approval");
    }
    Approval a = approvals.get(officer);
    switch (d.between(0, 4)) {
      case 0 -> approvals.remove(officer);
      case 1 -> approvals.set(officer, new Approval(a.approver(), a.role(), a.decision(), LifecycleStage.STAGING,
          a.at(), a.comment()));
      case 2 -> approvals.set(officer, new Approval(a.approver(), a.role(),
          d.pick(ApprovalDecision.REJECTED, ApprovalDecision.CONDITIONAL), a.scope(), a.at(), a.comment()));
      case 3 -> approvals.set(officer, new Approval(owner, a.role(), a.decision(), a.scope(), a.at(), a.comment()));
      default -> approvals.set(officer, new Approval(a.approver(), "model-validator", a.decision(), a.scope(), a.at(),
          a.comment()));
    }
    return new Lifecycle(l.stage(), l.aliases(), approvals, l.monitoringPlan(), l.supersedes(), l.createdAt());
  }

  /** Personal data in the training set, declared without a lawful basis (and maybe a DPIA), or not declared. */
  private static void withoutLawfulBasis(ModelManifest m, ModelManifest.Builder b, Draws d) {
    List<Dataset> datasets = new ArrayList<>();
    for (Dataset x : m.datasets()) {
      datasets.add(x.role() == DatasetRole.TRAIN ? x.withPersonalData(true) : x);
    }
    b.datasets(datasets);
    List<String> categories = m.risk().personalData().map(PersonalData::categories).filter(c -> !c.isEmpty())
        .orElse(List.of("contact"));
    Optional<PersonalData> declared = switch (d.between(0, 2)) {
      case 0 -> Optional.of(new PersonalData(true, categories, Optional.empty(),
          m.risk().personalData().flatMap(PersonalData::dpiaRef).or(() -> Optional.of("DPIA-2026-001"))));
      case 1 -> Optional.of(new PersonalData(true, categories, Optional.empty(), Optional.empty()));
      default -> Optional.empty();
    };
    b.risk(withRisk(m.risk(), m.risk().riskClass(), m.risk().regulatoryContext(), declared));
  }

  /** Moves one thresholded metric of the category outside its threshold, adding one if there is none. */
  private static Evaluation withMissedThreshold(ModelManifest m, MetricCategory category, Draws d) {
    Evaluation e = m.evaluation();
    List<Metric> metrics = new ArrayList<>(e.metrics());
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      if (metrics.get(i).category() == category && metrics.get(i).threshold().isPresent()) {
        candidates.add(i);
      }
    }
    BigDecimal miss = d.decimal(SMALLEST_MISS, LARGEST_MISS, 3);
    if (candidates.isEmpty()) {
      String dataset = m.datasets().get(m.datasets().size() - 1).name();
      Map<String, String> slice = category == MetricCategory.FAIRNESS ? Map.of("attribute", "sex") : Map.of();
      String name = category == MetricCategory.FAIRNESS ? "demographic_parity_ratio" : "balanced_accuracy";
      BigDecimal min = new BigDecimal("0.80");
      metrics.add(new Metric(MetricName.of(name), min.subtract(miss), category, Optional.of(dataset), slice,
          Optional.of(Threshold.atLeast(min)), Optional.empty()));
    } else {
      int i = d.pick(candidates);
      Metric x = metrics.get(i);
      Threshold t = x.threshold().orElseThrow();
      BigDecimal value = t.min().isPresent() ? t.min().get().subtract(miss) : t.max().orElseThrow().add(miss);
      metrics.set(i, new Metric(x.name(), value, x.category(), x.dataset(), x.slice(), x.threshold(), Optional.empty()));
    }
    return new Evaluation(metrics, e.fairnessAssessments(), e.limitations(), e.tradeoffs(), e.explainability());
  }
}
