package dev.modelgov.k8s.posture.internal;

import dev.modelgov.k8s.posture.PostureCheck;
import java.util.Set;

/**
 * The checks a scanner runs, as a flag per check for the hot path. For internal use only; may change without notice.
 */
public final class EnabledChecks {

  private final boolean[] enabled = new boolean[PostureCheck.values().length];

  /**
   * @param checks the checks to run
   */
  public EnabledChecks(Set<PostureCheck> checks) {
    for (PostureCheck check : checks) {
      enabled[check.ordinal()] = true;
    }
  }

  /**
   * @param check a check
   * @return whether it runs
   */
  public boolean has(PostureCheck check) {
    return enabled[check.ordinal()];
  }
}
