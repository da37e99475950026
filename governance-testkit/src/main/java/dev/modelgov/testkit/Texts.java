package dev.modelgov.testkit;

import dev.modelgov.api.manifest.ManifestProblem;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Shared formatting of failure messages. For internal use only; may change without notice. */
final class Texts {

  private Texts() {}

  /**
   * @param problems manifest problems
   * @return {@code "2 problems:\n  a: missing\n  b: missing"}
   */
  static String problems(List<ManifestProblem> problems) {
    return problems.size() + (problems.size() == 1 ? " problem:" : " problems:") + problems.stream()
        .map(p -> "\n  " + p).collect(Collectors.joining());
  }

  /**
   * @param id a meter id
   * @return {@code name{k=v,k2=v2}}, tags sorted by key
   */
  static String meter(Meter.Id id) {
    return id.getName() + tags(id.getTags());
  }

  /**
   * @param tags tags
   * @return {@code {k=v,k2=v2}}, or {@code ""} when there are none
   */
  static String tags(List<Tag> tags) {
    if (tags.isEmpty()) {
      return "";
    }
    Map<String, String> sorted = new TreeMap<>();
    tags.forEach(t -> sorted.put(t.getKey(), t.getValue()));
    return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  /**
   * @param counts counts by name
   * @return {@code [a x2, b x1]}
   */
  static String counts(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
