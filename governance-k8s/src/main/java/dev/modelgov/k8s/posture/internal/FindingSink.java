package dev.modelgov.k8s.posture.internal;

import dev.modelgov.k8s.posture.PostureCheck;

/** Receives the findings of the checks, for one workload. For internal use only; may change without notice. */
@FunctionalInterface
public interface FindingSink {

  /**
   * Records a finding.
   *
   * @param check the check that failed
   * @param container the container it is about, or {@code null} for the pod or the workload
   * @param path the JSON Pointer of the offending field, or of where the missing field belongs
   * @param message what is wrong, naming the container and the value (never a secret value)
   * @param fix exactly what to set
   */
  void add(PostureCheck check, String container, String path, String message, String fix);
}
