package dev.modelgov.k8s.rbac;

import dev.modelgov.api.policy.Severity;
import dev.modelgov.k8s.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link RbacAnalyzer} found: the findings on roles and bindings, the same findings per subject through its
 * bindings, and the role references the input did not resolve (bindings to roles that were not in it, whose
 * permissions could not be checked).
 *
 * <pre>{@code
 * RbacReport report = RbacAnalyzer.analyze(objects);
 * if (!report.atLeast(Severity.HIGH).isEmpty()) { ... }
 * report.subjects().forEach(s -> System.out.println(s.subject() + " " + s.worstSeverity()));
 * }</pre>
 *
 * @param findings every finding, worst severity first, then by object and path
 * @param subjects every subject with at least one finding, worst first, then by kind, namespace and name
 * @param unresolvedRoleRefs one line per binding whose role was not in the input, for example {@code RoleBinding
 *     ml/deployers -> ClusterRole edit}
 */
public record RbacReport(List<Finding> findings, List<SubjectReport> subjects, List<String> unresolvedRoleRefs) {

  /** Copies the lists. */
  public RbacReport {
    findings = List.copyOf(findings);
    subjects = List.copyOf(subjects);
    unresolvedRoleRefs = List.copyOf(unresolvedRoleRefs);
  }

  /**
   * The findings at or above a severity.
   *
   * @param threshold the lowest severity to keep, must not be {@code null}
   * @return those findings, in report order
   */
  public List<Finding> atLeast(Severity threshold) {
    Objects.requireNonNull(threshold, "threshold must not be null");
    return findings.stream().filter(f -> f.atLeast(threshold)).toList();
  }

  /** @return the severity of the worst finding, or empty when there is none */
  public Optional<Severity> worstSeverity() {
    return findings.isEmpty() ? Optional.empty() : Optional.of(findings.get(0).severity());
  }
}
