package dev.modelgov.api.manifest;

import java.util.List;
import java.util.Optional;

/**
 * How a model was evaluated: its metrics, fairness assessments, known limitations and trade-offs.
 *
 * @param metrics evaluation results (at least one)
 * @param fairnessAssessments groups at risk and how they are protected
 * @param limitations known limitations
 * @param tradeoffs performance trade-offs
 * @param explainability how the model's outputs can be explained, if stated
 */
public record Evaluation(
    List<Metric> metrics,
    List<FairnessAssessment> fairnessAssessments,
    List<String> limitations,
    List<String> tradeoffs,
    Optional<String> explainability) {

  /** Normalises {@code null} optionals and lists to empty and copies the lists. */
  public Evaluation {
    metrics = Values.list(metrics);
    fairnessAssessments = Values.list(fairnessAssessments);
    limitations = Values.list(limitations);
    tradeoffs = Values.list(tradeoffs);
    explainability = Values.opt(explainability);
  }

  /**
   * An evaluation with metrics only.
   *
   * @param metrics the metrics
   * @return the evaluation
   */
  public static Evaluation of(List<Metric> metrics) {
    return new Evaluation(metrics, List.of(), List.of(), List.of(), Optional.empty());
  }
}
