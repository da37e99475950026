package dev.modelgov.testkit.generators;

import static dev.modelgov.api.manifest.LifecycleStage.DEVELOPMENT;
import static dev.modelgov.api.manifest.LifecycleStage.PRODUCTION;
import static dev.modelgov.api.manifest.LifecycleStage.STAGING;

import dev.modelgov.api.ImageRef;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.core.manifest.ManifestCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Generates realistic, random {@link ModelManifest}s for property-based tests: a seed in, a manifest out, the same
 * manifest for the same seed and options on every run and platform.
 *
 * <p>{@link #valid(long)} returns a manifest that the built-in deploy policy ({@code BuiltinPolicy.deployGate()})
 * allows at the {@code promotion} point under {@link #promotionContext(ModelManifest)}: verified provenance that signed
 * exactly this manifest, the previous stage one step back, and the serving image as the deployed image. Manifests vary
 * in domain (credit, fraud, hiring, clinical, support, forecasting), risk class, stage, datasets, personal data,
 * metrics, approvals and free text. {@link #withDefect(Defect, long)} returns such a manifest with exactly one
 * governance {@link Defect}, so the policy fails exactly that defect's rule.
 *
 * <p>Framework-neutral: no test framework is needed; {@code GovernanceGen} adapts it to QuickTheories.
 *
 * <pre>{@code
 * ManifestGenerator gen = ManifestGenerator.builder().riskClasses(RiskClass.HIGH).stages(LifecycleStage.PRODUCTION).build();
 * ModelManifest ok = gen.valid(7L);
 * ModelManifest bad = gen.withDefect(Defect.HIGH_RISK_WITHOUT_APPROVAL, 7L);
 * Decision d = engine.evaluate(BuiltinPolicy.deployGate(), bad, ManifestGenerator.promotionContext(bad));
 * }</pre>
 */
public final class ManifestGenerator {

  /** The key id {@link #promotionContext(ModelManifest)} reports as having verified the provenance. */
  public static final String PROVENANCE_KEY_ID = "release";

  private static final Set<LifecycleStage> VALID_STAGES = EnumSet.of(DEVELOPMENT, STAGING, PRODUCTION);
  private static final Set<RiskClass> VALID_RISK_CLASSES = EnumSet.of(RiskClass.MINIMAL, RiskClass.LIMITED, RiskClass.HIGH);
  private static final long DEFECT_SALT = 0x9E3779B97F4A7C15L;
  private static final ManifestGenerator DEFAULTS = builder().build();

  private final Set<RiskClass> riskClasses;
  private final Set<LifecycleStage> stages;
  private final boolean personalData;

  private ManifestGenerator(Builder b) {
    this.riskClasses = Collections.unmodifiableSet(EnumSet.copyOf(b.riskClasses));
    this.stages = Collections.unmodifiableSet(EnumSet.copyOf(b.stages));
    this.personalData = b.personalData;
  }

  /**
   * A generator over every deployable risk class (MINIMAL, LIMITED, HIGH) and stage (DEVELOPMENT, STAGING,
   * PRODUCTION), with personal data in some manifests.
   *
   * @return the shared default generator
   */
  public static ManifestGenerator defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the {@link #defaults()}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The risk classes valid manifests are drawn from.
   *
   * @return the classes, in declaration order
   */
  public Set<RiskClass> riskClasses() {
    return riskClasses;
  }

  /**
   * The lifecycle stages valid manifests are drawn from.
   *
   * @return the stages, in declaration order
   */
  public Set<LifecycleStage> stages() {
    return stages;
  }

  /**
   * Whether valid manifests may declare and process personal data (with a lawful basis and a DPIA).
   *
   * @return {@code true} by default
   */
  public boolean personalData() {
    return personalData;
  }

  /**
   * A random valid manifest that the built-in deploy policy allows under {@link #promotionContext(ModelManifest)}.
   *
   * @param seed any long; equal seeds give equal manifests
   * @return the manifest
   */
  public ModelManifest valid(long seed) {
    return generate(seed, riskClasses, stages);
  }

  /**
   * Whether this generator's risk classes and stages include one the defect's rule applies to.
   *
   * @param defect the defect, must not be {@code null}
   * @return whether {@link #withDefect(Defect, long)} accepts it
   */
  public boolean supports(Defect defect) {
    Objects.requireNonNull(defect, "defect must not be null");
    return !intersect(riskClasses, defect.riskClasses()).isEmpty() && !intersect(stages, defect.stages()).isEmpty();
  }

  /**
   * The defects this generator can put into its manifests.
   *
   * @return the supported defects, in declaration order; every defect for {@link #defaults()}
   */
  public List<Defect> supportedDefects() {
    List<Defect> out = new ArrayList<>();
    for (Defect d : Defect.values()) {
      if (supports(d)) {
        out.add(d);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The valid manifest {@link #withDefect(Defect, long)} starts from for the same arguments: drawn like {@link
   * #valid(long)}, with risk class and stage narrowed to those the defect's rule applies to.
   *
   * @param defect the defect, must not be {@code null}
   * @param seed any long
   * @return a manifest the built-in deploy policy allows under {@link #promotionContext(ModelManifest)}
   * @throws IllegalArgumentException if this generator's options exclude every risk class or stage the defect needs
   */
  public ModelManifest validFor(Defect defect, long seed) {
    requireSupported(defect);
    return generate(seed, intersect(riskClasses, defect.riskClasses()), intersect(stages, defect.stages()));
  }

  /**
   * A random manifest with exactly one governance defect: {@link #validFor(Defect, long)} with the defect put in. The
   * built-in deploy policy, under {@link #promotionContext(ModelManifest) the promotion context of the returned
   * manifest}, fails {@link Defect#ruleId()} and no other rule.
   *
   * @param defect the defect, must not be {@code null}
   * @param seed any long; equal seeds give equal manifests
   * @return the manifest, structurally valid
   * @throws IllegalArgumentException if this generator's options exclude every risk class or stage the defect needs
   */
  public ModelManifest withDefect(Defect defect, long seed) {
    ModelManifest valid = validFor(defect, seed);
    return Defects.apply(defect, valid, new Draws(seed ^ DEFECT_SALT));
  }

  /**
   * The evaluation context under which the built-in deploy policy allows a {@link #valid(long) valid} manifest at
   * {@link EnforcementPoint#PROMOTION}: provenance verified by key {@value #PROVENANCE_KEY_ID} naming this manifest's
   * digest, the previous stage one step back (DEVELOPMENT for a DEVELOPMENT model), the serving image (if any) as
   * the only deployed image, the environment named after the stage and {@code now} one day after creation.
   *
   * @param manifest the manifest, must not be {@code null}
   * @return the context
   */
  public static EvaluationContext promotionContext(ModelManifest manifest) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    LifecycleStage stage = manifest.lifecycle().stage();
    LifecycleStage previous =
        switch (stage) {
          case DEVELOPMENT -> DEVELOPMENT;
          case STAGING -> DEVELOPMENT;
          case PRODUCTION -> STAGING;
          case ARCHIVED, RETIRED -> PRODUCTION;
        };
    String environment =
        switch (stage) {
          case PRODUCTION -> "prod";
          case STAGING -> "staging";
          default -> "dev";
        };
    return EvaluationContext.builder()
        .point(EnforcementPoint.PROMOTION)
        .environment(environment)
        .now(manifest.lifecycle().createdAt().plus(Duration.ofDays(1)))
        .previousStage(previous)
        .provenance(ProvenanceFacts.verified(ManifestCodec.defaults().digest(manifest), PROVENANCE_KEY_ID))
        .deployedImages(manifest.servingImage().map(ImageRef::toString).stream().toList())
        .build();
  }

  @Override
  public String toString() {
    return "ManifestGenerator[riskClasses=" + riskClasses + ", stages=" + stages + ", personalData=" + personalData
        + "]";
  }

  private void requireSupported(Defect defect) {
    if (!supports(defect)) {
      throw new IllegalArgumentException("defect " + defect + " needs a risk class in " + defect.riskClasses()
          + " and a stage in " + defect.stages() + ", but this generator has riskClasses " + riskClasses
          + " and stages " + stages);
    }
  }

  private ModelManifest generate(long seed, Set<RiskClass> risks, Set<LifecycleStage> allowedStages) {
    Draws d = new Draws(seed);
    RiskClass risk = d.pick(List.copyOf(risks));
    LifecycleStage stage = d.pick(List.copyOf(allowedStages));
    return new ManifestDraft(d, risk, stage, personalData).manifest();
  }

  private static <E extends Enum<E>> Set<E> intersect(Set<E> a, Set<E> b) {
    if (a.isEmpty()) {
      return a;
    }
    EnumSet<E> out = EnumSet.copyOf(a);
    out.retainAll(b);
    return out;
  }

  /** Builds a {@link ManifestGenerator}; every option has a default. */
  public static final class Builder {
    private Set<RiskClass> riskClasses = EnumSet.copyOf(VALID_RISK_CLASSES);
    private Set<LifecycleStage> stages = EnumSet.copyOf(VALID_STAGES);
    private boolean personalData = true;

    private Builder() {}

    /**
     * Restricts the risk classes of valid manifests.
     *
     * @param values one or more of MINIMAL, LIMITED and HIGH (PROHIBITED is never deployable: use {@link
     *     Defect#PROHIBITED_RISK})
     * @return this builder
     */
    public Builder riskClasses(RiskClass... values) {
      Objects.requireNonNull(values, "riskClasses must not be null");
      this.riskClasses = values.length == 0 ? Set.of() : EnumSet.copyOf(List.of(values));
      return this;
    }

    /**
     * Restricts the lifecycle stages of valid manifests.
     *
     * @param values one or more of DEVELOPMENT, STAGING and PRODUCTION (ARCHIVED and RETIRED models are not
     *     promoted)
     * @return this builder
     */
    public Builder stages(LifecycleStage... values) {
      Objects.requireNonNull(values, "stages must not be null");
      this.stages = values.length == 0 ? Set.of() : EnumSet.copyOf(List.of(values));
      return this;
    }

    /**
     * Whether valid manifests may process personal data; {@link Defect#PERSONAL_DATA_WITHOUT_LAWFUL_BASIS} adds
     * personal data either way.
     *
     * @param allowed {@code true} by default
     * @return this builder
     */
    public Builder personalData(boolean allowed) {
      this.personalData = allowed;
      return this;
    }

    /**
     * Builds the generator.
     *
     * @return the generator
     * @throws IllegalStateException naming {@code riskClasses} or {@code stages} when empty or holding a value no
     *     deployable manifest has
     */
    public ManifestGenerator build() {
      if (riskClasses.isEmpty()) {
        throw new IllegalStateException("riskClasses: at least one of " + VALID_RISK_CLASSES + " is required");
      }
      if (!VALID_RISK_CLASSES.containsAll(riskClasses)) {
        throw new IllegalStateException("riskClasses: PROHIBITED is never deployable; use Defect.PROHIBITED_RISK");
      }
      if (stages.isEmpty()) {
        throw new IllegalStateException("stages: at least one of " + VALID_STAGES + " is required");
      }
      if (!VALID_STAGES.containsAll(stages)) {
        Set<LifecycleStage> bad = EnumSet.copyOf(stages);
        bad.removeAll(VALID_STAGES);
        throw new IllegalStateException("stages: " + bad + " models are not promoted; use one of " + VALID_STAGES);
      }
      return new ManifestGenerator(this);
    }
  }
}
