package dev.modelgov.testkit.generators;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.policy.EnforcementPoint;
import java.util.EnumSet;
import java.util.Set;

/**
 * One governance defect a structurally valid manifest can carry, and the built-in rule that catches it. {@link
 * ManifestGenerator#withDefect(Defect, long)} puts exactly one defect into a manifest the built-in deploy policy
 * ({@code BuiltinPolicy.deployGate()}) otherwise allows, so that the policy fails exactly {@link #ruleId()}.
 *
 * <p>Only defects of the manifest itself are listed. Rules that read the evaluation context rather than the manifest
 * ({@code model.provenance.signed}, {@code model.manifest.digest-match}, {@code model.stage.order}, {@code
 * model.retired} and the {@code runtime.*} rules) are broken by changing the context, not the manifest.
 *
 * <pre>{@code
 * ModelManifest m = ManifestGenerator.defaults().withDefect(Defect.NO_MONITORING_PLAN, 42L);
 * Decision d = engine.evaluate(BuiltinPolicy.deployGate(), m, ManifestGenerator.promotionContext(m));
 * d.result(Defect.NO_MONITORING_PLAN.ruleId()).orElseThrow().outcome();   // FAIL
 * }</pre>
 */
public enum Defect {

  /**
   * The manifest names no serving image (an {@code ImageRef} is pinned by construction, so the only unpinned image a
   * valid manifest can carry is a missing one); needs a STAGING or PRODUCTION model.
   */
  UNPINNED_IMAGE("model.image.digest", deployed(), anyRisk()),

  /** One dataset has a floating version such as {@code latest} or {@code main}. */
  FLOATING_DATASET_VERSION("model.datasets.versioned", anyStage(), anyRisk()),

  /** No dataset has the role {@code TRAIN}. */
  MISSING_TRAINING_SET("model.datasets.versioned", anyStage(), anyRisk()),

  /** The training run has no URL, so the run that produced the model cannot be traced. */
  NO_TRAINING_RUN("model.lineage.recorded", anyStage(), anyRisk()),

  /** The owner has no contact. */
  NO_OWNER_CONTACT("model.owner", anyStage(), anyRisk()),

  /** A HIGH risk model names no regulatory context. */
  NO_REGULATORY_CONTEXT("model.risk.classified", anyStage(), EnumSet.of(RiskClass.HIGH)),

  /** The risk class is {@code PROHIBITED}: a prohibited practice is never deployable. */
  PROHIBITED_RISK("model.risk.prohibited", anyStage(), anyRisk()),

  /**
   * A HIGH risk PRODUCTION model lacks one of its two PRODUCTION approvals, its risk officer's approval, or approvals
   * from two different people.
   */
  HIGH_RISK_WITHOUT_APPROVAL(
      "model.approval.high-risk", EnumSet.of(LifecycleStage.PRODUCTION), EnumSet.of(RiskClass.HIGH)),

  /** Personal data is processed without a declared lawful basis or DPIA reference, or is not declared at all. */
  PERSONAL_DATA_WITHOUT_LAWFUL_BASIS("model.personal-data.lawful-basis", anyStage(), anyRisk()),

  /** A HIGH risk model reports no metric of category {@code FAIRNESS}. */
  MISSING_FAIRNESS_ASSESSMENT("model.fairness.required", anyStage(), EnumSet.of(RiskClass.HIGH)),

  /** One fairness metric lies outside its threshold. */
  FAIRNESS_BELOW_THRESHOLD("model.fairness.thresholds", anyStage(), anyRisk()),

  /** One performance metric lies outside its threshold. */
  METRIC_BELOW_THRESHOLD("model.performance.thresholds", anyStage(), anyRisk()),

  /** The manifest reports no metric of category {@code PERFORMANCE}. */
  MISSING_PERFORMANCE_METRIC("model.performance.thresholds", anyStage(), anyRisk()),

  /** Out-of-scope uses, limitations or both are undocumented. */
  NO_DOCUMENTATION("model.documentation", anyStage(), anyRisk()),

  /** The license is {@code NOASSERTION}, {@code NONE} or {@code UNKNOWN}. */
  NO_LICENSE("model.license", anyStage(), anyRisk()),

  /** A PRODUCTION model references no monitoring plan. */
  NO_MONITORING_PLAN("model.monitoring.plan", EnumSet.of(LifecycleStage.PRODUCTION), anyRisk());

  private final String ruleId;
  private final Set<LifecycleStage> stages;
  private final Set<RiskClass> riskClasses;

  Defect(String ruleId, Set<LifecycleStage> stages, Set<RiskClass> riskClasses) {
    this.ruleId = ruleId;
    this.stages = Set.copyOf(stages);
    this.riskClasses = Set.copyOf(riskClasses);
  }

  /**
   * The id of the built-in rule this defect violates, one of {@code BuiltinPolicy.RULE_IDS}.
   *
   * @return the rule id, such as {@code model.monitoring.plan}
   */
  public String ruleId() {
    return ruleId;
  }

  /**
   * The enforcement point at which the rule fails; {@link ManifestGenerator#promotionContext} builds a context for it.
   *
   * @return {@link EnforcementPoint#PROMOTION} for every defect of this version
   */
  public EnforcementPoint point() {
    return EnforcementPoint.PROMOTION;
  }

  /**
   * The lifecycle stages at which the violated rule applies; a manifest with this defect has one of them.
   *
   * @return the stages, a subset of DEVELOPMENT, STAGING and PRODUCTION
   */
  public Set<LifecycleStage> stages() {
    return stages;
  }

  /**
   * The risk classes of the valid manifest the defect is put into (the rule applies only to them).
   *
   * @return the risk classes, a subset of MINIMAL, LIMITED and HIGH
   */
  public Set<RiskClass> riskClasses() {
    return riskClasses;
  }

  private static Set<LifecycleStage> anyStage() {
    return EnumSet.of(LifecycleStage.DEVELOPMENT, LifecycleStage.STAGING, LifecycleStage.PRODUCTION);
  }

  private static Set<LifecycleStage> deployed() {
    return EnumSet.of(LifecycleStage.STAGING, LifecycleStage.PRODUCTION);
  }

  private static Set<RiskClass> anyRisk() {
    return EnumSet.of(RiskClass.MINIMAL, RiskClass.LIMITED, RiskClass.HIGH);
  }
}
