package dev.modelgov.k8s.rbac;

import dev.modelgov.k8s.Finding;
import java.util.Objects;

/**
 * A finding a subject can exercise, and through which binding: the role's (or binding's) finding, the binding, and
 * where the permission applies (a namespace, or everywhere for a ClusterRoleBinding).
 *
 * <pre>{@code
 * for (SubjectFinding f : subjectReport.findings()) {
 *   System.out.println(f.finding().id() + " via " + f.bindingKind() + " " + f.bindingName() + " in " + f.scopeText());
 * }
 * }</pre>
 *
 * @param finding the finding on the role or on the binding
 * @param bindingKind {@code RoleBinding} or {@code ClusterRoleBinding}
 * @param bindingNamespace the RoleBinding's namespace; empty for a ClusterRoleBinding
 * @param bindingName the binding's name
 * @param scope the namespace the permission applies in; empty when it applies cluster-wide
 */
public record SubjectFinding(
    Finding finding, String bindingKind, String bindingNamespace, String bindingName, String scope) {

  /** Checks the parts; {@code null} namespaces become empty. */
  public SubjectFinding {
    Objects.requireNonNull(finding, "finding must not be null");
    Objects.requireNonNull(bindingKind, "bindingKind must not be null");
    bindingNamespace = bindingNamespace == null ? "" : bindingNamespace;
    Objects.requireNonNull(bindingName, "bindingName must not be null");
    scope = scope == null ? "" : scope;
  }

  /** @return whether the permission applies in every namespace */
  public boolean clusterWide() {
    return scope.isEmpty();
  }

  /** @return {@code namespace <ns>} or {@code all namespaces} */
  public String scopeText() {
    return clusterWide() ? "all namespaces" : "namespace " + scope;
  }
}
