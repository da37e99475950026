package dev.modelgov.api.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubernetes admission request a policy is evaluated against at {@link EnforcementPoint#ADMISSION}: the object
 * being admitted, the old object (on UPDATE and DELETE), the request's attributes and the namespace. CEL rules see
 * them as {@code object}, {@code oldObject}, {@code request} and {@code namespaceObject}, the names Kubernetes
 * ValidatingAdmissionPolicy uses, so a rule written over them means the same in-process and when exported. Values are
 * JSON-like: maps, lists, strings, numbers, booleans.
 *
 * <pre>{@code
 * EvaluationContext.builder().point(EnforcementPoint.ADMISSION)
 *     .admission(AdmissionInput.of(deploymentAsMap, Map.of("operation", "CREATE", "namespace", "ml")))
 *     .build();
 * }</pre>
 *
 * @param object the object being admitted (empty on DELETE)
 * @param oldObject the existing object, on UPDATE and DELETE
 * @param request the request's attributes: {@code operation}, {@code namespace}, {@code name}, {@code userInfo}, ...
 * @param namespaceObject the namespace the object is in, when known
 */
public record AdmissionInput(
    Map<String, Object> object,
    Optional<Map<String, Object>> oldObject,
    Map<String, Object> request,
    Optional<Map<String, Object>> namespaceObject) {

  /** Copies the top-level maps; {@code null} becomes empty. */
  public AdmissionInput {
    object = copy(object);
    oldObject = oldObject == null ? Optional.empty() : oldObject.map(AdmissionInput::copy);
    request = copy(request);
    namespaceObject = namespaceObject == null ? Optional.empty() : namespaceObject.map(AdmissionInput::copy);
  }

  /**
   * An admission of a new object.
   *
   * @param object the object
   * @param request the request's attributes
   * @return the input
   */
  public static AdmissionInput of(Map<String, Object> object, Map<String, Object> request) {
    return new AdmissionInput(object, Optional.empty(), request, Optional.empty());
  }

  private static Map<String, Object> copy(Map<String, Object> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(m)));
  }

  @Override
  public String toString() {
    return "AdmissionInput[request=" + request.get("operation") + " " + request.get("namespace") + "/"
        + request.get("name") + "]";
  }
}
