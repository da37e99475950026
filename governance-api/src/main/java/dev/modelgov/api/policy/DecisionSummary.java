package dev.modelgov.api.policy;

import java.util.List;

/**
 * Counts of a decision's results, by outcome and by what the failures did.
 *
 * <pre>{@code
 * decision.summary().fail(); // 2
 * }</pre>
 *
 * @param pass rules that passed
 * @param fail rules that failed
 * @param error rules whose evaluation failed
 * @param notApplicable rules that did not apply
 * @param exempted failures covered by a waiver
 * @param denied failing rules in {@link EnforcementMode#ENFORCE}
 * @param warned failing rules in {@link EnforcementMode#WARN}
 * @param audited failing rules in {@link EnforcementMode#AUDIT} (recorded only)
 */
public record DecisionSummary(
    int pass, int fail, int error, int notApplicable, int exempted, int denied, int warned, int audited) {

  /**
   * Counts a list of results.
   *
   * @param results the results
   * @return the summary
   */
  public static DecisionSummary of(List<RuleResult> results) {
    int[] c = new int[8];
    for (RuleResult r : results) {
      switch (r.outcome()) {
        case PASS -> c[0]++;
        case FAIL -> c[1]++;
        case ERROR -> c[2]++;
        case NOT_APPLICABLE -> c[3]++;
        case EXEMPTED -> c[4]++;
      }
      if (r.denies()) {
        c[5]++;
      } else if (r.warns()) {
        c[6]++;
      } else if (r.failing()) {
        c[7]++;
      }
    }
    return new DecisionSummary(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
  }
}
