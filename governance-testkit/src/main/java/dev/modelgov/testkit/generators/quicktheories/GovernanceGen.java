package dev.modelgov.testkit.generators.quicktheories;

import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.testkit.generators.AuditEventGenerator;
import dev.modelgov.testkit.generators.Defect;
import dev.modelgov.testkit.generators.ManifestGenerator;
import java.util.List;
import java.util.Objects;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators built on the seed-based generators of {@code dev.modelgov.testkit.generators}: each draws a
 * seed and maps it to a value, so a failing example is reported with its value and can be reproduced from the seed.
 * Shrinking shrinks the seed, not the value's structure.
 *
 * <pre>{@code
 * qt().forAll(GovernanceGen.defects(), GovernanceGen.seeds()).checkAssert((defect, seed) -> {
 *   ModelManifest m = ManifestGenerator.defaults().withDefect(defect, seed);
 *   Decision d = engine.evaluate(BuiltinPolicy.deployGate(), m, ManifestGenerator.promotionContext(m));
 *   assertThat(d.result(defect.ruleId()).orElseThrow().outcome()).isEqualTo(Outcome.FAIL);
 * });
 * }</pre>
 */
@SuppressWarnings("exports") // QuickTheories is optional (requires static): only callers of this class need it.
public final class GovernanceGen {

  private GovernanceGen() {}

  /**
   * Every long, as seeds for the seed-based generators.
   *
   * @return the generator
   */
  public static Gen<Long> seeds() {
    return Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE, 0L);
  }

  /**
   * Valid manifests from {@link ManifestGenerator#defaults()}: the built-in deploy policy allows each under {@link
   * ManifestGenerator#promotionContext(ModelManifest)}.
   *
   * @return the generator
   */
  public static Gen<ModelManifest> validManifests() {
    return validManifests(ManifestGenerator.defaults());
  }

  /**
   * Valid manifests from a configured generator.
   *
   * @param generator the generator, must not be {@code null}
   * @return the generator
   */
  public static Gen<ModelManifest> validManifests(ManifestGenerator generator) {
    Objects.requireNonNull(generator, "generator must not be null");
    return seeds().map(generator::valid).describedAs(GovernanceGen::describe);
  }

  /**
   * Manifests from {@link ManifestGenerator#defaults()} with exactly one defect.
   *
   * @param defect the defect, must not be {@code null}
   * @return the generator
   */
  public static Gen<ModelManifest> manifestsWith(Defect defect) {
    return manifestsWith(ManifestGenerator.defaults(), defect);
  }

  /**
   * Manifests from a configured generator with exactly one defect.
   *
   * @param generator the generator, must not be {@code null}
   * @param defect the defect, must not be {@code null}
   * @return the generator
   * @throws IllegalArgumentException if the generator's options exclude every risk class or stage the defect needs
   */
  public static Gen<ModelManifest> manifestsWith(ManifestGenerator generator, Defect defect) {
    Objects.requireNonNull(generator, "generator must not be null");
    Objects.requireNonNull(defect, "defect must not be null");
    if (!generator.supports(defect)) {
      throw new IllegalArgumentException("defect " + defect + " is not supported by " + generator);
    }
    return seeds().map(seed -> generator.withDefect(defect, seed)).describedAs(GovernanceGen::describe);
  }

  /**
   * Every {@link Defect}.
   *
   * @return the generator
   */
  public static Gen<Defect> defects() {
    return Generate.enumValues(Defect.class);
  }

  /**
   * Lists of 0 to {@code max} audit events from {@link AuditEventGenerator#defaults()}.
   *
   * @param max the longest list, in 0..{@value AuditEventGenerator#MAX_COUNT}
   * @return the generator
   * @throws IllegalArgumentException if {@code max} is out of range
   */
  public static Gen<List<AuditEvent>> auditEvents(int max) {
    return auditEvents(AuditEventGenerator.defaults(), max);
  }

  /**
   * Lists of 0 to {@code max} audit events from a configured generator.
   *
   * @param generator the generator, must not be {@code null}
   * @param max the longest list, in 0..{@value AuditEventGenerator#MAX_COUNT}
   * @return the generator
   * @throws IllegalArgumentException if {@code max} is out of range
   */
  public static Gen<List<AuditEvent>> auditEvents(AuditEventGenerator generator, int max) {
    Objects.requireNonNull(generator, "generator must not be null");
    if (max < 0 || max > AuditEventGenerator.MAX_COUNT) {
      throw new IllegalArgumentException("max must be in 0.." + AuditEventGenerator.MAX_COUNT + ", got " + max);
    }
    return seeds().zip(Generate.range(0, max, 0), generator::events);
  }

  private static String describe(ModelManifest m) {
    return m.coordinates() + " (" + m.risk().riskClass() + ", " + m.lifecycle().stage() + ")";
  }
}
