package dev.modelgov.core.policy.suite;

import dev.modelgov.api.policy.Decision;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one suite case against one policy: passed, or the list of mismatches in plain words, such as {@code
 * model.owner: expected FAIL, got PASS}.
 *
 * <pre>{@code
 * for (CaseResult r : result.failures()) {
 *   System.out.println("FAIL " + r.policy() + " " + r.caseName() + ": " + String.join("; ", r.mismatches()));
 * }
 * }</pre>
 *
 * @param policy the policy reference as written in the suite ({@code builtin}, {@code builtin-cel} or a path)
 * @param caseName the case name
 * @param caseIndex the case's 0-based position in the suite
 * @param mismatches what differed from the expectation; empty when the case passed
 * @param decision the decision, absent when the case's manifest was invalid or the evaluation could not run
 */
public record CaseResult(
    String policy, String caseName, int caseIndex, List<String> mismatches, Optional<Decision> decision) {

  /** Checks the names are present and copies the list. */
  public CaseResult {
    Objects.requireNonNull(policy, "policy must not be null");
    Objects.requireNonNull(caseName, "caseName must not be null");
    mismatches = mismatches == null ? List.of() : List.copyOf(mismatches);
    decision = decision == null ? Optional.empty() : decision;
  }

  /** @return whether the decision showed everything the case expected */
  public boolean passed() {
    return mismatches.isEmpty();
  }
}
