package dev.modelgov.api.policy;

import dev.modelgov.api.manifest.ModelManifest;

/**
 * A rule check written in Java. It returns whether the check holds; a thrown exception makes the rule's outcome
 * {@link Outcome#ERROR}, and its {@link FailurePolicy} decides what that counts as.
 *
 * <pre>{@code
 * JavaCheck signed = (manifest, context) -> context.provenance().verified();
 * }</pre>
 */
@FunctionalInterface
public interface JavaCheck {

  /**
   * Evaluates the check.
   *
   * @param manifest the model
   * @param context the evaluation context
   * @return {@code true} when the check holds
   * @throws Exception when the check cannot be evaluated
   */
  boolean test(ModelManifest manifest, EvaluationContext context) throws Exception;
}
