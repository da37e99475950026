package dev.modelgov.k8s;

import dev.modelgov.api.policy.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a Kubernetes object: a stable id (for example {@code image-digest} or {@code
 * rbac-secrets-read}), how serious it is, which object and container, the JSON path of the offending field, what is
 * wrong and how to fix it. Findings come from the posture checks and the RBAC analysis, and the admission handler
 * turns them into denials and warnings.
 *
 * <pre>{@code
 * Finding f = new Finding("run-as-non-root", Severity.HIGH, "Deployment", "ml", "tf-serving",
 *     Optional.of("serving"), "/spec/template/spec/containers/0/securityContext/runAsNonRoot",
 *     "container serving may run as root", "set securityContext.runAsNonRoot: true");
 * f.atLeast(Severity.MEDIUM); // true
 * }</pre>
 *
 * @param id the stable finding id (documented in docs/kubernetes.md)
 * @param severity how serious it is
 * @param kind the object's kind, for example {@code Deployment}
 * @param namespace the object's namespace, empty for cluster-scoped objects or when unknown
 * @param name the object's name
 * @param container the container the finding is about, if any
 * @param path the JSON Pointer (RFC 6901) of the offending field in the object as written, for example {@code
 *     /spec/template/spec/containers/0/image}
 * @param message what is wrong, naming the values found
 * @param fix how to fix it
 */
public record Finding(
    String id,
    Severity severity,
    String kind,
    String namespace,
    String name,
    Optional<String> container,
    String path,
    String message,
    String fix) {

  /** Checks every part is present. */
  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
    container = container == null ? Optional.empty() : container;
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /**
   * Whether this finding is at least as serious as a threshold.
   *
   * @param threshold the threshold
   * @return {@code true} when {@code severity >= threshold}
   */
  public boolean atLeast(Severity threshold) {
    return severity.compareTo(threshold) >= 0;
  }
}
