package dev.modelgov.api.policy;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a rule applies: a selector over the model's lifecycle stage and risk class, and the evaluation's environment
 * and enforcement point. An empty set means "any". A rule that does not apply gets {@link Outcome#NOT_APPLICABLE}.
 *
 * <pre>{@code
 * Applicability.always()
 *     .stages(LifecycleStage.STAGING, LifecycleStage.PRODUCTION)
 *     .riskClasses(RiskClass.HIGH);
 * }</pre>
 *
 * @param stages lifecycle stages the rule applies to; empty = every stage
 * @param riskClasses risk classes the rule applies to; empty = every class
 * @param environments environment names (as in {@link EvaluationContext#environment()}); empty = every environment
 * @param points enforcement points; empty = every point
 */
public record Applicability(
    Set<LifecycleStage> stages, Set<RiskClass> riskClasses, Set<String> environments, Set<EnforcementPoint> points) {

  private static final Applicability ALWAYS = new Applicability(Set.of(), Set.of(), Set.of(), Set.of());

  /** Copies the sets; {@code null} becomes empty. */
  public Applicability {
    stages = stages == null || stages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(stages));
    riskClasses = riskClasses == null || riskClasses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(riskClasses));
    environments = environments == null ? Set.of() : Set.copyOf(new TreeSet<>(environments));
    points = points == null || points.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(points));
  }

  /**
   * Applies everywhere.
   *
   * @return the selector with every set empty
   */
  public static Applicability always() {
    return ALWAYS;
  }

  /**
   * A copy restricted to these stages.
   *
   * @param values the stages
   * @return the narrowed selector
   */
  public Applicability stages(LifecycleStage... values) {
    return new Applicability(Set.of(values), riskClasses, environments, points);
  }

  /**
   * A copy restricted to these risk classes.
   *
   * @param values the classes
   * @return the narrowed selector
   */
  public Applicability riskClasses(RiskClass... values) {
    return new Applicability(stages, Set.of(values), environments, points);
  }

  /**
   * A copy restricted to these environments.
   *
   * @param values environment names, for example {@code prod}
   * @return the narrowed selector
   */
  public Applicability environments(String... values) {
    return new Applicability(stages, riskClasses, Set.of(values), points);
  }

  /**
   * A copy restricted to these enforcement points.
   *
   * @param values the points
   * @return the narrowed selector
   */
  public Applicability points(EnforcementPoint... values) {
    return new Applicability(stages, riskClasses, environments, Set.of(values));
  }

  /**
   * Whether a rule with this selector applies to the model in this context. An environment selector never matches a
   * context without an environment.
   *
   * @param manifest the model
   * @param context the evaluation context
   * @return {@code true} when every non-empty set contains the model's or context's value
   */
  public boolean appliesTo(ModelManifest manifest, EvaluationContext context) {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(context, "context");
    return (stages.isEmpty() || stages.contains(manifest.lifecycle().stage()))
        && (riskClasses.isEmpty() || riskClasses.contains(manifest.risk().riskClass()))
        && (points.isEmpty() || points.contains(context.point()))
        && (environments.isEmpty() || context.environment().map(environments::contains).orElse(false));
  }
}
