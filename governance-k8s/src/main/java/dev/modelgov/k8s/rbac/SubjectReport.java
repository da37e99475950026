package dev.modelgov.k8s.rbac;

import dev.modelgov.api.policy.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What one subject can do that the {@link RbacAnalyzer} flags, through all its bindings, worst first.
 *
 * <pre>{@code
 * for (SubjectReport s : report.subjects()) {
 *   System.out.println(s.subject() + ": " + s.worstSeverity() + ", " + s.findings().size() + " findings");
 * }
 * }</pre>
 *
 * @param subject the subject
 * @param findings its findings, worst severity first (then by id, role and path)
 */
public record SubjectReport(RbacSubject subject, List<SubjectFinding> findings) {

  /** Copies the list; a subject report has at least one finding. */
  public SubjectReport {
    Objects.requireNonNull(subject, "subject must not be null");
    findings = List.copyOf(findings);
    if (findings.isEmpty()) {
      throw new IllegalArgumentException("a subject report needs at least one finding");
    }
  }

  /** @return the severity of the worst finding */
  public Severity worstSeverity() {
    return findings.get(0).finding().severity();
  }
}
