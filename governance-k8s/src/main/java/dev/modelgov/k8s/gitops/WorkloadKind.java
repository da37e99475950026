package dev.modelgov.k8s.gitops;

/**
 * What serves the model in the rendered objects.
 *
 * <pre>{@code
 * GitOpsRenderer.builder().namespace("ml-serving").workloadKind(WorkloadKind.INFERENCE_SERVICE).build();
 * }</pre>
 */
public enum WorkloadKind {
  /**
   * An {@code apps/v1} Deployment with a Service and a HorizontalPodAutoscaler of its own.
   */
  DEPLOYMENT,
  /**
   * A KServe {@code serving.kserve.io/v1beta1} InferenceService in RawDeployment mode with a custom predictor
   * container; KServe creates the Deployment, Service and autoscaler, so those are not rendered.
   */
  INFERENCE_SERVICE
}
