package dev.modelgov.k8s.posture.internal;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Label selectors (metav1.LabelSelector) compiled once and matched against pod labels: {@code matchLabels} plus
 * {@code matchExpressions} with {@code In}, {@code NotIn}, {@code Exists} and {@code DoesNotExist}, all ANDed. An empty
 * selector matches every pod; a missing one matches none. For internal use only; may change without notice.
 */
public final class LabelSelectors {

  private LabelSelectors() {}

  /** A compiled selector. */
  public interface Matcher {

    /**
     * @param labels the pod's labels, never {@code null}
     * @return whether the selector selects a pod with those labels
     */
    boolean matches(Map<String, String> labels);
  }

  private static final Matcher NOTHING = labels -> false;
  private static final Matcher EVERYTHING = labels -> true;

  /**
   * Compiles a selector.
   *
   * @param selector the selector; {@code null} selects nothing
   * @param where names the selector in an error, for example {@code NetworkPolicy ml/deny-all spec.podSelector}
   * @return the matcher
   * @throws IllegalArgumentException for an unknown operator, values given to Exists/DoesNotExist or missing from
   *     In/NotIn, or a requirement without a key
   */
  public static Matcher compile(LabelSelector selector, String where) {
    if (selector == null) {
      return NOTHING;
    }
    Map<String, String> matchLabels = new HashMap<>();
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          throw new IllegalArgumentException(where + ".matchLabels: label '" + e.getKey() + "' has no value");
        }
        matchLabels.put(e.getKey(), e.getValue());
      }
    }
    List<Requirement> requirements = new ArrayList<>();
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions != null) {
      for (int i = 0; i < expressions.size(); i++) {
        requirements.add(requirement(expressions.get(i), where + ".matchExpressions[" + i + "]"));
      }
    }
    if (matchLabels.isEmpty() && requirements.isEmpty()) {
      return EVERYTHING;
    }
    return labels -> {
      for (Map.Entry<String, String> e : matchLabels.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
      for (Requirement r : requirements) {
        if (!r.matches(labels)) {
          return false;
        }
      }
      return true;
    };
  }

  private record Requirement(String key, String operator, Set<String> values) {

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> labels.containsKey(key);
        case "DoesNotExist" -> !labels.containsKey(key);
        default -> throw new IllegalStateException("operator checked when compiled: " + operator);
      };
    }
  }

  private static Requirement requirement(LabelSelectorRequirement r, String where) {
    if (r == null || r.getKey() == null || r.getKey().isEmpty()) {
      throw new IllegalArgumentException(where + ": key is missing");
    }
    String operator = r.getOperator() == null ? "" : r.getOperator();
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    if (values.contains(null)) {
      throw new IllegalArgumentException(where + ": a value is missing");
    }
    switch (operator) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          throw new IllegalArgumentException(where + ": operator " + operator + " needs at least one value");
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          throw new IllegalArgumentException(where + ": operator " + operator + " takes no values");
        }
      }
      default -> throw new IllegalArgumentException(
          where + ": unknown operator '" + operator + "'; expected In, NotIn, Exists or DoesNotExist");
    }
    return new Requirement(r.getKey(), operator, Set.copyOf(values));
  }
}
