package dev.modelgov.core.policy.suite;

import java.util.Objects;

/**
 * A policy of a suite that could not run here, and why: {@code builtin-cel} when {@code governance-cel} is not on the
 * class path. A skipped policy makes {@link SuiteResult#passed()} false; it is never a silent pass.
 *
 * <pre>{@code
 * result.skipped().forEach(s -> System.out.println("skip " + s.policy() + ": " + s.reason()));
 * }</pre>
 *
 * @param policy the policy reference
 * @param reason why it could not run
 */
public record SkippedPolicy(String policy, String reason) {

  /** Checks both parts are present. */
  public SkippedPolicy {
    Objects.requireNonNull(policy, "policy must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
  }
}
