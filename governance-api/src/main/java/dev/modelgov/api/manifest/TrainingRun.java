package dev.modelgov.api.manifest;

import java.time.Instant;
import java.util.Optional;

/**
 * The training run that produced a model, as recorded by an experiment tracker such as MLflow or Kubeflow.
 *
 * @param system the tracking system, such as {@code mlflow} (required)
 * @param id the run id in that system (required)
 * @param url a link to the run, if any
 * @param startedAt when the run started, if known
 * @param endedAt when the run ended, if known
 */
public record TrainingRun(
    String system, String id, Optional<String> url, Optional<Instant> startedAt, Optional<Instant> endedAt) {

  /** Normalises {@code null} optionals to empty. */
  public TrainingRun {
    url = Values.opt(url);
    startedAt = Values.opt(startedAt);
    endedAt = Values.opt(endedAt);
  }

  /**
   * A run with only system and id.
   *
   * @param system the tracking system
   * @param id the run id
   * @return the run
   */
  public static TrainingRun of(String system, String id) {
    return new TrainingRun(system, id, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
