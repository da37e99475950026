package dev.modelgov.k8s.rbac;

import java.util.Comparator;
import java.util.Objects;

/**
 * Who a binding grants to: a {@code User}, a {@code Group} or a {@code ServiceAccount} (with its namespace).
 *
 * <pre>{@code
 * RbacSubject sa = new RbacSubject("ServiceAccount", "modelgov-system", "modelgov-controller");
 * sa.toString(); // "ServiceAccount modelgov-system/modelgov-controller"
 * }</pre>
 *
 * @param kind {@code User}, {@code Group} or {@code ServiceAccount}
 * @param namespace the service account's namespace; empty for users and groups
 * @param name the name
 */
public record RbacSubject(String kind, String namespace, String name) implements Comparable<RbacSubject> {

  private static final Comparator<RbacSubject> ORDER = Comparator.comparing(RbacSubject::kind)
      .thenComparing(RbacSubject::namespace).thenComparing(RbacSubject::name);

  /** Checks the parts; a {@code null} namespace becomes empty. */
  public RbacSubject {
    Objects.requireNonNull(kind, "kind must not be null");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name must not be null");
  }

  @Override
  public int compareTo(RbacSubject other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
