package dev.modelgov.k8s.gitops;

import java.util.Objects;
import java.util.Optional;

/**
 * One difference between the desired state of an object and the live one.
 *
 * <pre>{@code
 * // CHANGED Deployment ml/risk-credit-scoring /spec/template/spec/containers/0/image: "...@sha256:55.." -> "...:latest"
 * System.out.println(item);
 * }</pre>
 *
 * @param kind the object's kind
 * @param namespace its namespace, empty for cluster-scoped objects
 * @param name its name
 * @param path the JSON Pointer (RFC 6901) of the field in the desired object (in the live one for {@link
 *     DriftType#EXTRA} list elements); empty for a whole object
 * @param desired the desired value as compact JSON, empty when absent (Secret data is shown as {@code "<redacted>"})
 * @param live the live value as compact JSON, empty when absent (Secret data is shown as {@code "<redacted>"})
 * @param type what kind of difference
 */
public record DriftItem(
    String kind, String namespace, String name, String path, Optional<String> desired, Optional<String> live,
    DriftType type) {

  /** Checks the parts; {@code null} namespaces and values become empty. */
  public DriftItem {
    Objects.requireNonNull(kind, "kind must not be null");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(path, "path must not be null");
    desired = desired == null ? Optional.empty() : desired;
    live = live == null ? Optional.empty() : live;
    Objects.requireNonNull(type, "type must not be null");
  }

  @Override
  public String toString() {
    String object = kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    return type + " " + object + (path.isEmpty() ? "" : " " + path)
        + (desired.isPresent() || live.isPresent()
            ? ": " + desired.orElse("(absent)") + " -> " + live.orElse("(absent)") : "");
  }
}
