package dev.modelgov.core.metrics;

/**
 * The statistic and p-value of a hypothesis test.
 *
 * <pre>{@code
 * TestResult chi2 = DriftStatistics.chiSquare(referenceCounts, currentCounts);
 * boolean drift = chi2.pValue() < 0.05;
 * }</pre>
 *
 * @param statistic the test statistic
 * @param pValue the p-value, in [0, 1]
 */
public record TestResult(double statistic, double pValue) {}
