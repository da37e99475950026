package dev.modelgov.core.manifest.coverage;

import static dev.modelgov.core.manifest.coverage.RegulatoryFramework.EU_AI_ACT_ANNEX_IV;
import static dev.modelgov.core.manifest.coverage.RegulatoryFramework.NIST_AI_RMF;

import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.api.manifest.MetricCategory;
import dev.modelgov.api.manifest.ModelManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Assesses which items of the EU AI Act Annex IV technical documentation and of the NIST AI RMF a manifest evidences.
 *
 * <p>Each item is evidenced by manifest fields (the mapping of {@code docs/manifest-schema.md}). An item is
 * {@link CoverageStatus#EVIDENCED} when all its fields are present, {@link CoverageStatus#PARTIAL} when some are, and
 * {@link CoverageStatus#MISSING} when none is, or when the manifest has no field for it (the EU declaration of
 * conformity, cybersecurity measures): those need documents of their own, and the report says so rather than claim
 * coverage it cannot see. The report checks presence, not adequacy: a human still judges the content.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * CoverageReport report = ComplianceCoverage.assess(manifest);
 * System.out.println(report.evidenced() + " evidenced, " + report.missing() + " missing");
 * }</pre>
 */
public final class ComplianceCoverage {

  private ComplianceCoverage() {}

  /**
   * Checks a manifest against every item.
   *
   * @param manifest the manifest, must not be {@code null}
   * @return the report
   */
  public static CoverageReport assess(ModelManifest manifest) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    List<CoverageItem> items = new ArrayList<>(Catalogue.ITEMS.size());
    for (Item item : Catalogue.ITEMS) {
      List<String> present = new ArrayList<>();
      List<String> absent = new ArrayList<>();
      for (Evidence e : item.evidence) {
        (e.test.test(manifest) ? present : absent).add(e.path);
      }
      if (item.evidence.isEmpty()) {
        absent.add("(no manifest field: " + item.outsideManifest + ")");
      }
      CoverageStatus status =
          present.isEmpty()
              ? CoverageStatus.MISSING
              : absent.isEmpty() ? CoverageStatus.EVIDENCED : CoverageStatus.PARTIAL;
      items.add(new CoverageItem(item.framework, item.id, item.title, status, present, absent));
    }
    return new CoverageReport(manifest.coordinates(), items);
  }

  private record Evidence(String path, Predicate<ModelManifest> test) {}

  private record Item(
      RegulatoryFramework framework, String id, String title, List<Evidence> evidence, String outsideManifest) {}

  private static Evidence always(String path) {
    // Required by the manifest schema, so present in every valid manifest.
    return new Evidence(path, m -> true);
  }

  private static Evidence when(String path, Predicate<ModelManifest> test) {
    return new Evidence(path, test);
  }

  private static final Evidence OVERSIGHT =
      when("intendedUse.humanOversight", m -> m.intendedUse().humanOversight().isPresent());
  private static final Evidence LIMITATIONS =
      when("evaluation.limitations", m -> !m.evaluation().limitations().isEmpty());
  private static final Evidence FAIRNESS_METRICS =
      when(
          "evaluation.metrics[category=FAIRNESS]",
          m -> m.evaluation().metrics().stream().anyMatch(x -> x.category() == MetricCategory.FAIRNESS));
  private static final Evidence FAIRNESS_ASSESSMENTS =
      when("evaluation.fairnessAssessments", m -> !m.evaluation().fairnessAssessments().isEmpty());
  private static final Evidence THRESHOLDS =
      when("evaluation.metrics[].threshold", m -> m.evaluation().metrics().stream().anyMatch(x -> x.threshold().isPresent()));
  private static final Evidence RISKS = when("risk.risks", m -> !m.risk().risks().isEmpty());
  private static final Evidence RESIDUAL =
      when("risk.risks[].residual", m -> m.risk().risks().stream().anyMatch(r -> r.residual().isPresent()));
  private static final Evidence BASE_MODELS = when("baseModels", m -> !m.baseModels().isEmpty());
  private static final Evidence PERSONAL_DATA = when("risk.personalData", m -> m.risk().personalData().isPresent());
  private static final Evidence DPIA =
      when("risk.personalData.dpiaRef", m -> m.risk().personalData().flatMap(p -> p.dpiaRef()).isPresent());
  private static final Evidence MONITORING =
      when("lifecycle.monitoringPlan", m -> m.lifecycle().monitoringPlan().isPresent());
  private static final Evidence APPROVED =
      when(
          "lifecycle.approvals[decision=APPROVED]",
          m -> m.lifecycle().approvals().stream().anyMatch(a -> a.decision() == ApprovalDecision.APPROVED));
  private static final Evidence SUPERSEDES = when("lifecycle.supersedes", m -> m.lifecycle().supersedes().isPresent());
  private static final Evidence EXPLAINABILITY =
      when("evaluation.explainability", m -> m.evaluation().explainability().isPresent());
  private static final Evidence OUT_OF_SCOPE =
      when("intendedUse.outOfScopeUses", m -> !m.intendedUse().outOfScopeUses().isEmpty());
  private static final Evidence USERS = when("intendedUse.users", m -> !m.intendedUse().users().isEmpty());
  private static final Evidence INPUTS = when("intendedUse.inputs", m -> !m.intendedUse().inputs().isEmpty());
  private static final Evidence STANDARDS = when("risk.standards", m -> !m.risk().standards().isEmpty());
  private static final Evidence DATASET_LICENSES =
      when("datasets[].license", m -> m.datasets().stream().allMatch(d -> d.license().isPresent()));
  private static final Evidence DATASET_URIS =
      when("datasets[].uri", m -> m.datasets().stream().allMatch(d -> d.uri().isPresent()));
  private static final Evidence TEST_DATA =
      when(
          "datasets[role=TEST|VALIDATION]",
          m -> m.datasets().stream().anyMatch(d -> d.role().name().equals("TEST") || d.role().name().equals("VALIDATION")));
  private static final Evidence METRIC_DATASETS =
      when("evaluation.metrics[].dataset", m -> m.evaluation().metrics().stream().allMatch(x -> x.dataset().isPresent()));
  private static final Evidence CI =
      when("evaluation.metrics[].ci", m -> m.evaluation().metrics().stream().anyMatch(x -> x.ci().isPresent()));
  private static final Evidence FRAMEWORK = when("framework", m -> m.framework().isPresent());
  private static final Evidence SERVING_IMAGE = when("servingImage", m -> m.servingImage().isPresent());
  private static final Evidence REGULATORY = when("risk.regulatoryContext", m -> !m.risk().regulatoryContext().isEmpty());
  private static final Evidence HYPERPARAMETERS =
      when("build.hyperparameters", m -> !m.build().hyperparameters().isEmpty());
  private static final Evidence TRADEOFFS = when("evaluation.tradeoffs", m -> !m.evaluation().tradeoffs().isEmpty());
  private static final Evidence DOMAINS = when("intendedUse.domains", m -> !m.intendedUse().domains().isEmpty());

  /** Built on first use, after every evidence constant above is initialised. */
  private static final class Catalogue {
    static final List<Item> ITEMS = catalogue();
  }

  private static List<Item> catalogue() {
    List<Item> l = new ArrayList<>();
    // EU AI Act, Annex IV (technical documentation referred to in Article 11(1)).
    l.add(annex("1", "General description: intended purpose, provider, version, relation to previous versions, software versions, instructions for use",
        always("intendedUse.purpose"), always("supplier"), always("version"), SUPERSEDES, FRAMEWORK, SERVING_IMAGE));
    l.add(annex("2(a)", "Development methods, including pre-trained systems or tools provided by third parties",
        always("task"), always("build.trainingRun"), BASE_MODELS));
    l.add(annex("2(b)", "Design specifications, key design choices, assumptions about persons or groups, what the system optimises",
        always("task"), HYPERPARAMETERS, USERS, TRADEOFFS));
    l.add(annex("2(c)", "System architecture and computational resources used to develop, train, test and validate",
        always("build.trainingImage"), FRAMEWORK));
    l.add(annex("2(d)", "Data requirements: datasheets with provenance, scope, characteristics, how data was obtained and selected",
        always("datasets[].digest"), always("datasets[].version"), DATASET_URIS, DATASET_LICENSES, PERSONAL_DATA));
    l.add(annex("2(e)", "Assessment of the human oversight measures needed (Article 14)", OVERSIGHT,
        when("intendedUse.autonomy", m -> m.intendedUse().autonomy().isPresent())));
    l.add(annex("2(f)", "Pre-determined changes to the system and its performance", List.of(),
        "pre-determined changes are not part of the manifest; document them and reference the document"));
    l.add(annex("2(g)", "Validation and testing procedures, data and metrics, including potentially discriminatory impacts; signed, dated test reports",
        TEST_DATA, always("evaluation.metrics"), METRIC_DATASETS, FAIRNESS_METRICS, APPROVED));
    l.add(annex("2(h)", "Cybersecurity measures", List.of(),
        "security testing is evidenced by signed provenance and scan reports, not by the manifest"));
    l.add(annex("3", "Capabilities and limitations, accuracy for specific persons or groups, foreseeable unintended outcomes, oversight, input data specifications",
        LIMITATIONS, FAIRNESS_METRICS, OUT_OF_SCOPE, OVERSIGHT, INPUTS));
    l.add(annex("4", "Appropriateness of the performance metrics", THRESHOLDS, CI));
    l.add(annex("5", "The risk management system (Article 9)", always("risk.class"), RISKS, RESIDUAL));
    l.add(annex("6", "Relevant changes made through the lifecycle", always("lifecycle.createdAt"), SUPERSEDES));
    l.add(annex("7", "Harmonised standards or other specifications applied", STANDARDS));
    l.add(annex("8", "A copy of the EU declaration of conformity (Article 47)", List.of(),
        "the declaration of conformity is a signed document of its own"));
    l.add(annex("9", "The post-market monitoring plan (Article 72)", MONITORING));
    // NIST AI RMF 1.0 subcategories a manifest can evidence.
    l.add(nist("GOVERN 1.6", "AI systems are inventoried", always("id"), always("version"), always("owner.team")));
    l.add(nist("GOVERN 1.7", "Decommissioning processes are in place", always("lifecycle.stage"), SUPERSEDES));
    l.add(nist("GOVERN 2.1", "Roles and responsibilities are documented", always("owner.team"),
        when("lifecycle.approvals[].role", m -> !m.lifecycle().approvals().isEmpty())));
    l.add(nist("GOVERN 6.1", "Third-party IP and other risks are addressed", always("license"), DATASET_LICENSES, BASE_MODELS));
    l.add(nist("MAP 1.1", "Intended purposes, users, context and impacts are documented", always("intendedUse.purpose"), USERS, DOMAINS));
    l.add(nist("MAP 1.5", "Risk tolerances are determined", THRESHOLDS));
    l.add(nist("MAP 2.1", "The tasks and methods are defined", always("task")));
    l.add(nist("MAP 2.2", "Knowledge limits and human oversight of outputs are documented", LIMITATIONS, OVERSIGHT));
    l.add(nist("MAP 3.3", "The targeted application scope is specified", OUT_OF_SCOPE, DOMAINS));
    l.add(nist("MAP 4.1", "Legal risks of third-party data and software are mapped", always("datasets"), DATASET_LICENSES, BASE_MODELS));
    l.add(nist("MEASURE 2.1", "Test sets, metrics and tools are documented", TEST_DATA, METRIC_DATASETS));
    l.add(nist("MEASURE 2.5", "Validity, reliability and generalisation limits are documented", CI, LIMITATIONS));
    l.add(nist("MEASURE 2.7", "Security and resilience are evaluated", List.of(),
        "security evaluation is evidenced by provenance and scan reports, not by the manifest"));
    l.add(nist("MEASURE 2.9", "The model is explained and its output interpreted", EXPLAINABILITY));
    l.add(nist("MEASURE 2.10", "Privacy risk is examined", PERSONAL_DATA, DPIA, REGULATORY));
    l.add(nist("MEASURE 2.11", "Fairness and bias are evaluated", FAIRNESS_METRICS, FAIRNESS_ASSESSMENTS));
    l.add(nist("MEASURE 2.12", "Environmental impact is assessed", List.of(),
        "energy and CO2 figures are not yet fields of the manifest"));
    l.add(nist("MANAGE 1.1", "A go/no-go decision is made", APPROVED));
    l.add(nist("MANAGE 1.4", "Residual risks are documented", RESIDUAL));
    l.add(nist("MANAGE 2.4", "Mechanisms to supersede or deactivate are in place", always("lifecycle.stage"), SUPERSEDES));
    l.add(nist("MANAGE 3.2", "Pre-trained models are monitored", BASE_MODELS, MONITORING));
    l.add(nist("MANAGE 4.1", "Post-deployment monitoring is planned", MONITORING));
    return List.copyOf(l);
  }

  private static Item annex(String id, String title, Evidence... evidence) {
    return new Item(EU_AI_ACT_ANNEX_IV, id, title, List.of(evidence), "");
  }

  private static Item annex(String id, String title, List<Evidence> none, String why) {
    return new Item(EU_AI_ACT_ANNEX_IV, id, title, none, why);
  }

  private static Item nist(String id, String title, Evidence... evidence) {
    return new Item(NIST_AI_RMF, id, title, List.of(evidence), "");
  }

  private static Item nist(String id, String title, List<Evidence> none, String why) {
    return new Item(NIST_AI_RMF, id, title, none, why);
  }
}
