package dev.modelgov.core.metrics;

/**
 * The logarithm base of the Jensen–Shannon distance. Base 2 bounds it to [0, 1]; the natural log is Evidently's (and
 * scipy's default).
 *
 * <pre>{@code
 * double js = DriftStatistics.jensenShannon(p, q, LogBase.BASE_2);
 * }</pre>
 */
public enum LogBase {
  /** log₂: the distance lies in [0, 1]. */
  BASE_2,
  /** ln: the distance lies in [0, √ln 2]. */
  NATURAL
}
