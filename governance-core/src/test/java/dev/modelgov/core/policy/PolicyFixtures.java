package dev.modelgov.core.policy;

import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskAssessment;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.manifest.RiskScheme;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.api.policy.WaiverMatch;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.manifest.ManifestCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Manifests, instants and waivers shared by the policy tests. */
final class PolicyFixtures {

  /** The instant every test evaluates at unless it says otherwise. */
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  /** A clock stopped at {@link #NOW}. */
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final ModelManifest CREDIT = read("credit-scoring.yaml");
  private static final ModelManifest MINIMAL = read("minimal.yaml");

  private PolicyFixtures() {}

  private static ModelManifest read(String name) {
    try {
      return ManifestCodec.defaults().read(TestFiles.manifest(name));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read example manifest " + name, e);
    }
  }

  /** @return risk/credit-scoring 2.4.0: HIGH risk, PRODUCTION, two approvals, a serving image */
  static ModelManifest creditScoring() {
    return CREDIT;
  }

  /** @return demo/iris-classifier 1.0.0: MINIMAL risk, DEVELOPMENT, no owner contact, no serving image */
  static ModelManifest minimal() {
    return MINIMAL;
  }

  /**
   * @param m a manifest
   * @param stage the stage
   * @return a copy at that stage
   */
  static ModelManifest atStage(ModelManifest m, LifecycleStage stage) {
    Lifecycle l = m.lifecycle();
    return m.toBuilder()
        .lifecycle(new Lifecycle(stage, l.aliases(), l.approvals(), l.monitoringPlan(), l.supersedes(), l.createdAt()))
        .build();
  }

  /**
   * @param m a manifest
   * @param riskClass the class
   * @return a copy with that risk class
   */
  static ModelManifest withRisk(ModelManifest m, RiskClass riskClass) {
    return m.toBuilder().risk(RiskAssessment.of(riskClass, RiskScheme.EU_AI_ACT)).build();
  }

  /**
   * A waiver created 10 days before {@link #NOW}.
   *
   * @param id the id
   * @param expiresAt its expiry
   * @param match its match
   * @param rules the rules it covers
   * @return the waiver
   */
  static Waiver waiver(String id, Instant expiresAt, WaiverMatch match, String... rules) {
    return Waiver.builder(id)
        .rules(rules)
        .match(match)
        .reason("re-evaluation in progress")
        .ticket("GOV-" + id.hashCode() % 1000)
        .approver("r.okafor@bank.example")
        .createdAt(NOW.minus(Duration.ofDays(10)))
        .expiresAt(expiresAt)
        .build();
  }
}
