package dev.modelgov.core.policy.builtin;

import static dev.modelgov.api.manifest.LifecycleStage.ARCHIVED;
import static dev.modelgov.api.manifest.LifecycleStage.PRODUCTION;
import static dev.modelgov.api.manifest.LifecycleStage.RETIRED;
import static dev.modelgov.api.manifest.LifecycleStage.STAGING;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.MetricCategory;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.PersonalData;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.policy.Applicability;
import dev.modelgov.api.policy.DriftSignal;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.FairnessSignal;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.policy.Severity;
import dev.modelgov.core.policy.internal.PolicyInputs;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The built-in governance rule pack, written in Java: 21 rules over the five pillars (reproducibility, security,
 * monitoring and auditing, lineage and provenance, and the legal obligations of high-risk models). The same rules
 * ship in CEL as {@code governance-cel}'s {@code builtin/deploy-gate.yaml}; a property test proves both give equal
 * decisions on generated manifests. Rule ids are stable and documented in {@code docs/policy.md}.
 *
 * <pre>{@code
 * Decision d = PolicyEngine.builder().build()
 *     .evaluate(BuiltinPolicy.deployGate(), manifest, EvaluationContext.at(EnforcementPoint.PROMOTION));
 * }</pre>
 *
 * <p>Parameters (override them in {@link EvaluationContext#params()}): {@code minApprovals} (2), {@code
 * riskOfficerRole} ({@code risk-officer}), {@code maxErrorRate} (0.05).
 */
public final class BuiltinPolicy {

  /** The policy id of the built-in pack. */
  public static final String ID = "modelgov-builtin";

  /** The pack's version; it changes whenever a rule's meaning changes. */
  public static final String VERSION = "1.0.0";

  /**
   * An image reference pinned by digest with no tag: {@code [registry[:port]/]path@sha256:<64 lower-case hex>}. The
   * same RE2-compatible pattern is used by the CEL form of {@code model.image.digest}.
   */
  public static final String PINNED_IMAGE_PATTERN = "^([^@/\\s]+/)*[^@/:\\s]+@sha256:[0-9a-f]{64}$";

  /** The default {@code minApprovals} parameter. */
  public static final long DEFAULT_MIN_APPROVALS = 2;

  /** The default {@code riskOfficerRole} parameter. */
  public static final String DEFAULT_RISK_OFFICER_ROLE = "risk-officer";

  /** The default {@code maxErrorRate} parameter. */
  public static final double DEFAULT_MAX_ERROR_RATE = 0.05;

  /** The stable ids of the pack's rules, in evaluation order. */
  public static final List<String> RULE_IDS =
      List.of(
          "model.image.digest",
          "model.provenance.signed",
          "model.manifest.digest-match",
          "model.datasets.versioned",
          "model.lineage.recorded",
          "model.owner",
          "model.risk.classified",
          "model.risk.prohibited",
          "model.approval.high-risk",
          "model.personal-data.lawful-basis",
          "model.fairness.required",
          "model.fairness.thresholds",
          "model.performance.thresholds",
          "model.documentation",
          "model.license",
          "model.monitoring.plan",
          "model.stage.order",
          "model.retired",
          "runtime.drift",
          "runtime.error-rate",
          "runtime.fairness");

  private static final Pattern PINNED = Pattern.compile(PINNED_IMAGE_PATTERN);
  private static final Set<String> NO_LICENSE = Set.of("NOASSERTION", "NONE", "UNKNOWN");
  private static final Set<String> FLOATING = Set.of("latest", "current", "main", "master", "head");
  private static final Applicability DEPLOYED = Applicability.always().stages(STAGING, PRODUCTION);
  private static final Applicability AT_RUNTIME = Applicability.always().points(EnforcementPoint.RUNTIME);

  private static final Policy DEPLOY_GATE = build();

  private BuiltinPolicy() {}

  /**
   * The pack as one policy, id {@value #ID}.
   *
   * @return the policy (a shared immutable instance)
   */
  public static Policy deployGate() {
    return DEPLOY_GATE;
  }

  private static Policy build() {
    return Policy.named(ID)
        .version(VERSION)
        .description("ModelGov built-in governance rules: reproducibility, security, lineage, accountability, "
            + "privacy, fairness, documentation, lifecycle and runtime signals")
        .param("minApprovals", DEFAULT_MIN_APPROVALS)
        .param("riskOfficerRole", DEFAULT_RISK_OFFICER_ROLE)
        .param("maxErrorRate", DEFAULT_MAX_ERROR_RATE)
        // Reproducibility and security
        .rule("model.image.digest")
        .title("The serving image is pinned by digest")
        .severity(Severity.HIGH)
        .category("reproducibility")
        .when(DEPLOYED)
        .check((m, c) -> m.servingImage().isPresent() && unpinned(m, c).isEmpty())
        .message((m, c) -> m.servingImage().isEmpty()
            ? "the manifest names no servingImage"
            : "deployed images not pinned by digest: " + String.join(", ", unpinned(m, c)))
        .remediation("set servingImage to registry/name@sha256:<64 hex> and deploy exactly that reference")
        .references("SLSA v1.0 Build L2", "Kubernetes pillar: containers pinned by digest")
        .rule("model.provenance.signed")
        .title("Signed provenance is present and verified")
        .severity(Severity.CRITICAL)
        .category("security")
        .when(DEPLOYED)
        .check((m, c) -> c.provenance().verified())
        .message((m, c) -> provenanceProblem(c.provenance()))
        .remediation("sign the model with `governance sign` and pass the envelope and the trusted public key")
        .references("in-toto attestation framework", "SLSA provenance v1", "OpenSSF model_signing")
        .rule("model.manifest.digest-match")
        .title("The manifest is the one the provenance signed")
        .severity(Severity.CRITICAL)
        .category("security")
        .when(DEPLOYED)
        .check((m, c) -> c.provenance().verified()
            && c.provenance().signedManifestDigest().map(d -> d.equals(digest(m))).orElse(false))
        .message((m, c) -> !c.provenance().verified()
            ? "no verified provenance names a manifest digest"
            : c.provenance().signedManifestDigest().isEmpty()
                ? "the signed statement names no manifest digest"
                : "signed manifest digest " + c.provenance().signedManifestDigest().get()
                    + " differs from this manifest's " + digest(m))
        .remediation("re-sign the model with this exact manifest, or deploy the manifest that was signed")
        // Lineage and provenance
        .rule("model.datasets.versioned")
        .title("Datasets are pinned to fixed versions by digest, with a training set")
        .severity(Severity.HIGH)
        .category("lineage")
        .check(m -> m.datasets().stream().anyMatch(d -> d.role() == DatasetRole.TRAIN)
            && floating(m).isEmpty())
        .messageFn(m -> m.datasets().stream().noneMatch(d -> d.role() == DatasetRole.TRAIN)
            ? "no dataset has role TRAIN"
            : "datasets with a floating version: " + String.join(", ", floating(m)))
        .remediation("pin every dataset to an immutable version (not latest/current/main) and its sha256 digest; "
            + "include the TRAIN set")
        .references("EU AI Act Art. 10 (data governance)", "EU AI Act Art. 12 (record-keeping)")
        .rule("model.lineage.recorded")
        .title("The training run that produced the model can be traced")
        .severity(Severity.HIGH)
        .category("lineage")
        .check(m -> m.build().trainingRun().url().isPresent())
        .messageFn(m -> "build.trainingRun has no url: the " + m.build().trainingRun().system()
            + " run cannot be traced")
        .remediation("record build.trainingRun.url, the MLflow run or Kubeflow model version that produced the model")
        .references("EU AI Act Art. 11 and Annex IV (technical documentation)")
        .rule("model.owner")
        .title("The model has an accountable owner with a contact")
        .severity(Severity.HIGH)
        .category("accountability")
        .check(m -> m.owner().contact().isPresent())
        .message("the owner has no contact")
        .remediation("set owner.contact to a monitored team address")
        .references("ISO/IEC 42001 A.3.2 (roles and responsibilities)")
        .rule("model.risk.classified")
        .title("The risk class is set, and high-risk classes name their regulatory context")
        .severity(Severity.HIGH)
        .category("risk")
        .check(m -> m.risk().riskClass() != null
            && m.risk().scheme() != null
            && (m.risk().riskClass().compareTo(RiskClass.HIGH) < 0 || !m.risk().regulatoryContext().isEmpty()))
        .messageFn(m -> m.risk().riskClass() + " risk model names no regulatory context")
        .remediation("set risk.regulatoryContext, e.g. [EU-AI-Act Annex III 5(b), GDPR]")
        .references("EU AI Act Art. 6 and Annex III (classification of high-risk systems)")
        .rule("model.risk.prohibited")
        .title("A prohibited practice is never deployable")
        .severity(Severity.CRITICAL)
        .category("risk")
        .check(m -> m.risk().riskClass() != RiskClass.PROHIBITED)
        .message("the model's risk class is PROHIBITED: it must not be placed on the market or served")
        .remediation("withdraw the model; a prohibited practice cannot be waived into production")
        .references("EU AI Act Art. 5 (prohibited AI practices)")
        .rule("model.approval.high-risk")
        .title("High-risk models have two approvals, one from a risk officer, before production")
        .severity(Severity.CRITICAL)
        .category("accountability")
        .when(Applicability.always().stages(PRODUCTION).riskClasses(RiskClass.HIGH))
        .check((m, c) -> approvalProblem(m, c).isEmpty())
        .message((m, c) -> approvalProblem(m, c).orElse("approvals are complete"))
        .remediation("record PRODUCTION-scoped APPROVED approvals from two people, one with the risk officer role")
        .references("EU AI Act Art. 14 (human oversight)", "EU AI Act Art. 17 (quality management)")
        // Privacy
        .rule("model.personal-data.lawful-basis")
        .title("Personal data has a lawful basis and a DPIA")
        .severity(Severity.CRITICAL)
        .category("privacy")
        .check(m -> !usesPersonalData(m)
            || m.risk().personalData().map(p -> p.lawfulBasis().isPresent() && p.dpiaRef().isPresent()).orElse(false))
        .messageFn(m -> m.risk().personalData().isEmpty()
            ? "datasets contain personal data but risk.personalData is not declared"
            : missingPrivacy(m.risk().personalData().get()))
        .remediation("declare risk.personalData.lawfulBasis (GDPR Art. 6) and risk.personalData.dpiaRef (Art. 35)")
        .references("GDPR Art. 6 (lawfulness)", "GDPR Art. 35 (DPIA)")
        // Fairness and performance
        .rule("model.fairness.required")
        .title("High-risk models report at least one fairness metric")
        .severity(Severity.HIGH)
        .category("fairness")
        .when(Applicability.always().riskClasses(RiskClass.HIGH))
        .check(m -> m.evaluation().metrics().stream().anyMatch(x -> x.category() == MetricCategory.FAIRNESS))
        .message("a HIGH risk model reports no FAIRNESS metric")
        .remediation("evaluate a fairness metric (e.g. demographic_parity_ratio) per protected attribute")
        .references("EU AI Act Art. 10(2)(f) (examination for possible biases)")
        .rule("model.fairness.thresholds")
        .title("Every fairness metric is within its threshold")
        .severity(Severity.HIGH)
        .category("fairness")
        .check(m -> outOfThreshold(m, MetricCategory.FAIRNESS).isEmpty())
        .messageFn(m -> "fairness metrics outside their thresholds: " + outOfThreshold(m, MetricCategory.FAIRNESS))
        .remediation("mitigate the disparity and re-evaluate, or grant a time-limited waiver with a ticket")
        .references("Fairlearn: common fairness metrics")
        .rule("model.performance.thresholds")
        .title("The model reports performance and every performance metric is within its threshold")
        .severity(Severity.HIGH)
        .category("performance")
        .check(m -> m.evaluation().metrics().stream().anyMatch(x -> x.category() == MetricCategory.PERFORMANCE)
            && outOfThreshold(m, MetricCategory.PERFORMANCE).isEmpty())
        .messageFn(m -> m.evaluation().metrics().stream().noneMatch(x -> x.category() == MetricCategory.PERFORMANCE)
            ? "the manifest reports no PERFORMANCE metric"
            : "performance metrics outside their thresholds: " + outOfThreshold(m, MetricCategory.PERFORMANCE))
        .remediation("improve the model or revisit the threshold with the model owner")
        .references("EU AI Act Art. 15 (accuracy, robustness)")
        // Transparency and legal
        .rule("model.documentation")
        .title("Out-of-scope uses and limitations are documented")
        .severity(Severity.MEDIUM)
        .category("transparency")
        .check(m -> !m.intendedUse().outOfScopeUses().isEmpty()
            && !m.evaluation().limitations().isEmpty())
        .messageFn(m -> "missing documentation: " + String.join(", ", missingDocs(m)))
        .remediation("fill intendedUse.outOfScopeUses and evaluation.limitations")
        .references("EU AI Act Art. 13 (transparency)", "Model Cards (Mitchell et al. 2019)")
        .rule("model.license")
        .title("The license is set")
        .severity(Severity.MEDIUM)
        .category("legal")
        .check(m -> !NO_LICENSE.contains(m.license()))
        .messageFn(m -> "the license is " + m.license())
        .remediation("set license to an SPDX expression or LicenseRef-..., not NOASSERTION, NONE or UNKNOWN")
        .references("SPDX License List")
        // Monitoring and lifecycle
        .rule("model.monitoring.plan")
        .title("Production models reference a monitoring plan")
        .severity(Severity.HIGH)
        .category("monitoring")
        .when(Applicability.always().stages(PRODUCTION))
        .check(m -> m.lifecycle().monitoringPlan().isPresent())
        .message("a PRODUCTION model references no monitoring plan")
        .remediation("set lifecycle.monitoringPlan to the plan's URL (metrics, alerts, review cadence)")
        .references("EU AI Act Art. 72 (post-market monitoring)")
        .rule("model.stage.order")
        .title("Promotion does not skip a stage (DEVELOPMENT -> STAGING -> PRODUCTION)")
        .severity(Severity.HIGH)
        .category("lifecycle")
        .when(Applicability.always().points(EnforcementPoint.PROMOTION))
        .check((m, c) -> stageProblem(m, c).isEmpty())
        .message((m, c) -> stageProblem(m, c).orElse("stage order is respected"))
        .remediation("promote one stage at a time; pass the stage the model comes from")
        .rule("model.retired")
        .title("Archived and retired models are never served")
        .severity(Severity.CRITICAL)
        .category("lifecycle")
        .when(Applicability.always().points(EnforcementPoint.ADMISSION, EnforcementPoint.RUNTIME))
        .check(m -> m.lifecycle().stage() != RETIRED && m.lifecycle().stage() != ARCHIVED)
        .messageFn(m -> "the model is " + m.lifecycle().stage() + " and must not be served")
        .remediation("serve a current version; scale the workload down")
        // Runtime signals
        .rule("runtime.drift")
        .title("No input or output drift is detected")
        .severity(Severity.HIGH)
        .category("runtime")
        .when(AT_RUNTIME)
        .check((m, c) -> c.signals().drift().stream().noneMatch(DriftSignal::detected))
        .message((m, c) -> "drift detected on: " + c.signals().drift().stream().filter(DriftSignal::detected)
            .map(d -> d.feature() + " (" + d.method() + "=" + d.value() + " vs " + d.threshold() + ")")
            .collect(Collectors.joining(", ")))
        .remediation("investigate the drifted features; retrain or roll back if performance degraded")
        .references("EU AI Act Art. 72 (post-market monitoring)")
        .rule("runtime.error-rate")
        .title("The error rate is within maxErrorRate")
        .severity(Severity.HIGH)
        .category("runtime")
        .when(AT_RUNTIME)
        .check((m, c) -> c.signals().errorRate().isEmpty()
            || c.signals().errorRate().getAsDouble() <= number(c, "maxErrorRate", DEFAULT_MAX_ERROR_RATE))
        .message((m, c) -> "error rate " + c.signals().errorRate().orElse(0) + " exceeds maxErrorRate "
            + number(c, "maxErrorRate", DEFAULT_MAX_ERROR_RATE))
        .remediation("inspect model.inference errors by error.type; roll back if the rate does not recover")
        .rule("runtime.fairness")
        .title("No fairness measure is breached while serving")
        .severity(Severity.HIGH)
        .category("runtime")
        .when(AT_RUNTIME)
        .check((m, c) -> c.signals().fairness().stream().noneMatch(FairnessSignal::breached))
        .message((m, c) -> "fairness breached: " + c.signals().fairness().stream().filter(FairnessSignal::breached)
            .map(f -> f.attribute() + " " + f.metric() + "=" + f.value() + " vs " + f.threshold())
            .collect(Collectors.joining(", ")))
        .remediation("review decisions for the affected groups; a human must confirm before the model keeps serving")
        .references("EU AI Act Art. 9 (risk management)", "Fairlearn: four-fifths rule caveats")
        .build();
  }

  /**
   * Deployed images not pinned by digest. The manifest's own serving image is pinned by construction ({@code
   * ImageRef}), so an image equal to it skips the pattern (the CEL form does the same, saving a regex compile).
   */
  private static List<String> unpinned(ModelManifest m, EvaluationContext c) {
    String own = m.servingImage().map(Object::toString).orElse(null);
    return c.deployedImages().stream().filter(i -> !i.equals(own) && !PINNED.matcher(i).matches()).toList();
  }

  private static String provenanceProblem(ProvenanceFacts p) {
    if (!p.present()) {
      return "no signed provenance was supplied";
    }
    return "provenance did not verify: " + p.failure().orElse("unknown reason");
  }

  private static Optional<String> approvalProblem(ModelManifest m, EvaluationContext c) {
    long min = (long) number(c, "minApprovals", DEFAULT_MIN_APPROVALS);
    String officer = string(c, "riskOfficerRole", DEFAULT_RISK_OFFICER_ROLE);
    List<Approval> valid =
        m.lifecycle().approvals().stream()
            .filter(a -> a.decision() == ApprovalDecision.APPROVED && a.scope() == PRODUCTION)
            .toList();
    long people = valid.stream().map(Approval::approver).distinct().count();
    boolean hasOfficer = valid.stream().anyMatch(a -> a.role().equals(officer));
    if (valid.size() >= min && people >= 2 && hasOfficer) {
      return Optional.empty();
    }
    return Optional.of("HIGH risk model needs " + min + " PRODUCTION approvals from 2 people including a " + officer
        + "; has " + valid.size() + " from " + people + (hasOfficer ? "" : ", none from a " + officer));
  }

  private static boolean usesPersonalData(ModelManifest m) {
    return m.datasets().stream().anyMatch(Dataset::containsPersonalData)
        || m.risk().personalData().map(PersonalData::contains).orElse(false);
  }

  private static String missingPrivacy(PersonalData p) {
    return "personal data lacks " + (p.lawfulBasis().isEmpty() ? "a lawful basis" : "")
        + (p.lawfulBasis().isEmpty() && p.dpiaRef().isEmpty() ? " and " : "")
        + (p.dpiaRef().isEmpty() ? "a DPIA reference" : "");
  }

  private static List<String> outOfThreshold(ModelManifest m, MetricCategory category) {
    return m.evaluation().metrics().stream()
        .filter(x -> x.category() == category && !x.meetsThreshold())
        .map(BuiltinPolicy::describe)
        .toList();
  }

  private static String describe(Metric x) {
    return x.name() + "=" + x.value().toPlainString()
        + x.threshold().map(t -> t.min().map(v -> " (min " + v.toPlainString() + ")").orElse("")
            + t.max().map(v -> " (max " + v.toPlainString() + ")").orElse("")).orElse("");
  }

  private static List<String> missingDocs(ModelManifest m) {
    List<String> missing = new java.util.ArrayList<>();
    if (m.intendedUse().outOfScopeUses().isEmpty()) {
      missing.add("intendedUse.outOfScopeUses");
    }
    if (m.evaluation().limitations().isEmpty()) {
      missing.add("evaluation.limitations");
    }
    return missing;
  }

  private static Optional<String> stageProblem(ModelManifest m, EvaluationContext c) {
    LifecycleStage target = m.lifecycle().stage();
    if (c.previousStage().isEmpty()) {
      return Optional.of("the promotion names no previous stage, so stage order cannot be checked");
    }
    LifecycleStage from = c.previousStage().get();
    if (from == RETIRED && target != RETIRED) {
      return Optional.of("a RETIRED model cannot return to " + target);
    }
    if (target == ARCHIVED || target == RETIRED) {
      return Optional.empty();
    }
    if (from == ARCHIVED) {
      return Optional.of("an ARCHIVED model cannot return to " + target + "; register a new version");
    }
    if (target.ordinal() > from.ordinal() + 1) {
      return Optional.of("promotion from " + from + " to " + target + " skips "
          + LifecycleStage.values()[from.ordinal() + 1]);
    }
    return Optional.empty();
  }

  /** The manifest's canonical digest, from the cache the engine shares, so it is computed once per instance. */
  private static Digest digest(ModelManifest m) {
    return PolicyInputs.shared().facts(m).ref().manifestDigest();
  }

  private static List<String> floating(ModelManifest m) {
    return m.datasets().stream()
        .filter(d -> FLOATING.contains(d.version().toLowerCase(Locale.ROOT)))
        .map(d -> d.name() + "@" + d.version())
        .toList();
  }

  static double number(EvaluationContext c, String name, double fallback) {
    Object v = c.params().get(name);
    return v instanceof Number n ? n.doubleValue() : fallback;
  }

  static String string(EvaluationContext c, String name, String fallback) {
    Object v = c.params().get(name);
    return v instanceof String s ? s : fallback;
  }
}
