package dev.modelgov.k8s.posture;

import dev.modelgov.k8s.Finding;
import java.util.List;

/** Compact forms of findings for assertions: {@code id container path}, container {@code -} when none. */
final class Findings {

  private Findings() {}

  /**
   * @param findings findings
   * @return each as {@code id container path}
   */
  static List<String> keys(List<Finding> findings) {
    return findings.stream().map(Findings::key).toList();
  }

  /**
   * @param f a finding
   * @return {@code id container path}
   */
  static String key(Finding f) {
    return f.id() + " " + f.container().orElse("-") + " " + f.path();
  }

  /**
   * @param findings findings
   * @return their ids
   */
  static List<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::id).toList();
  }
}
