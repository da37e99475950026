package dev.modelgov.core.policy.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The results of running a {@link PolicySuite}: one {@link CaseResult} per policy and case (policies in suite order,
 * then cases in suite order), and the policies that could not run here.
 *
 * <pre>{@code
 * SuiteResult result = PolicySuiteRunner.builder().build().run(suite);
 * if (!result.passed()) {
 *   result.failures().forEach(r -> System.err.println(r.policy() + " " + r.caseName() + ": " + r.mismatches()));
 * }
 * }</pre>
 */
public final class SuiteResult {

  private final String suiteName;
  private final Path file;
  private final List<CaseResult> results;
  private final List<SkippedPolicy> skipped;

  SuiteResult(String suiteName, Path file, List<CaseResult> results, List<SkippedPolicy> skipped) {
    this.suiteName = Objects.requireNonNull(suiteName, "suiteName");
    this.file = Objects.requireNonNull(file, "file");
    this.results = List.copyOf(results);
    this.skipped = List.copyOf(skipped);
  }

  /** @return the suite's {@code metadata.name} */
  public String suiteName() {
    return suiteName;
  }

  /** @return the suite file */
  public Path file() {
    return file;
  }

  /** @return every case result, by policy then case */
  public List<CaseResult> results() {
    return results;
  }

  /** @return the results that did not pass */
  public List<CaseResult> failures() {
    return results.stream().filter(r -> !r.passed()).toList();
  }

  /** @return the policies that could not run here */
  public List<SkippedPolicy> skipped() {
    return skipped;
  }

  /** @return how many case results passed */
  public int passedCount() {
    return (int) results.stream().filter(CaseResult::passed).count();
  }

  /** @return whether every case passed against every policy, and no policy was skipped */
  public boolean passed() {
    return skipped.isEmpty() && results.stream().allMatch(CaseResult::passed);
  }

  @Override
  public String toString() {
    return "SuiteResult[" + suiteName + ": " + passedCount() + " of " + results.size() + " passed, "
        + skipped.size() + " policies skipped]";
  }
}
