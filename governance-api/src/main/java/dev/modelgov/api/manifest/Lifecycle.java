package dev.modelgov.api.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a model version is in its lifecycle, who approved it, and what it supersedes.
 *
 * @param stage the current stage (required)
 * @param aliases aliases such as {@code champion}
 * @param approvals recorded approvals
 * @param monitoringPlan a link to the post-market monitoring plan (Art. 72), if any
 * @param supersedes the version this one replaces, if any
 * @param createdAt when this manifest version was created (required)
 */
public record Lifecycle(
    LifecycleStage stage,
    List<String> aliases,
    List<Approval> approvals,
    Optional<String> monitoringPlan,
    Optional<String> supersedes,
    Instant createdAt) {

  /** Normalises {@code null} optionals and lists to empty and copies the lists. */
  public Lifecycle {
    aliases = Values.list(aliases);
    approvals = Values.list(approvals);
    monitoringPlan = Values.opt(monitoringPlan);
    supersedes = Values.opt(supersedes);
  }

  /**
   * A lifecycle with stage and creation time only.
   *
   * @param stage the stage
   * @param createdAt the creation time
   * @return the lifecycle
   */
  public static Lifecycle of(LifecycleStage stage, Instant createdAt) {
    return new Lifecycle(stage, List.of(), List.of(), Optional.empty(), Optional.empty(), createdAt);
  }
}
