package dev.modelgov.examples.server;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link LoadGenerator} run sent and got back.
 *
 * <pre>{@code
 * LoadReport r = LoadGenerator.builder().target(server.uri()).requests(600).driftFrom(300).build().run();
 * double ratio = r.approvalRate("f") / r.approvalRate("m");   // the demographic parity ratio seen by the client
 * }</pre>
 *
 * @param sent the requests sent
 * @param succeeded the requests answered 200 with a decision
 * @param failed the requests that failed (another status, an unreadable answer or an I/O error)
 * @param requestsByGroup requests sent per sex group ({@code f}, {@code m})
 * @param approvalsByGroup approvals received per sex group
 * @param auditIndexes the audit-log index of each successful prediction, in request order
 * @param applicantIds the applicant id of every request sent, in request order
 */
public record LoadReport(int sent, int succeeded, int failed, Map<String, Integer> requestsByGroup,
    Map<String, Integer> approvalsByGroup, List<Long> auditIndexes, List<String> applicantIds) {

  /**
   * Copies the collections (maps sorted by group) and checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative or {@code succeeded + failed != sent}
   */
  public LoadReport {
    Objects.requireNonNull(requestsByGroup, "requestsByGroup must not be null");
    Objects.requireNonNull(approvalsByGroup, "approvalsByGroup must not be null");
    if (sent < 0 || succeeded < 0 || failed < 0 || succeeded + failed != sent) {
      throw new IllegalArgumentException("counts must be non-negative with succeeded + failed = sent, got sent="
          + sent + ", succeeded=" + succeeded + ", failed=" + failed);
    }
    requestsByGroup = Collections.unmodifiableMap(new TreeMap<>(requestsByGroup));
    approvalsByGroup = Collections.unmodifiableMap(new TreeMap<>(approvalsByGroup));
    auditIndexes = List.copyOf(auditIndexes);
    applicantIds = List.copyOf(applicantIds);
  }

  /**
   * The counts and rates, without the applicant ids.
   *
   * @return a one-line summary
   */
  @Override
  public String toString() {
    return "LoadReport[sent=" + sent + ", succeeded=" + succeeded + ", failed=" + failed + ", requestsByGroup="
        + requestsByGroup + ", approvalsByGroup=" + approvalsByGroup + "]";
  }

  /**
   * The share of a group's requests that were approved.
   *
   * @param group {@code f} or {@code m}
   * @return approvals over requests, NaN when the group sent none
   */
  public double approvalRate(String group) {
    int requests = requestsByGroup.getOrDefault(group, 0);
    return requests == 0 ? Double.NaN : (double) approvalsByGroup.getOrDefault(group, 0) / requests;
  }
}
