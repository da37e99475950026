package dev.modelgov.api.policy;

import dev.modelgov.api.manifest.ModelManifest;

/**
 * Builds a failed Java rule's message from the same inputs the check saw, so the explanation names the values that
 * decided ("HIGH risk model needs 2 approvals, has 1").
 *
 * <pre>{@code
 * MessageFunction m = (manifest, context) -> "has " + manifest.lifecycle().approvals().size() + " approvals";
 * }</pre>
 */
@FunctionalInterface
public interface MessageFunction {

  /**
   * Builds the message.
   *
   * @param manifest the model
   * @param context the evaluation context
   * @return the message
   */
  String apply(ModelManifest manifest, EvaluationContext context);
}
