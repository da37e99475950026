package dev.modelgov.k8s.posture.internal;

import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;

/**
 * One group of identical pods a workload creates: its pod spec, the labels and annotations its pods carry, and where
 * each is in the object. A Deployment has one; an InferenceService one per component (predictor, transformer,
 * explainer). For internal use only; may change without notice.
 *
 * @param component the KServe component, or {@code ""} for other workloads
 * @param spec the pod spec
 * @param specPath the pod spec's pointer, for example {@code /spec/template/spec}
 * @param labels the pods' labels
 * @param labelsPath the pointer of the labels, for example {@code /spec/template/metadata/labels}
 * @param annotations the pods' annotations
 * @param annotationsPath the pointer of the annotations
 * @param longRunning whether the pods serve (probes apply) rather than run to completion
 * @param scalable whether a HorizontalPodAutoscaler can target the workload
 * @param disruptionBudgeted whether a PodDisruptionBudget is expected for the pods
 * @param containers the containers, in the order written
 */
public record PodTarget(
    String component,
    PodSpec spec,
    String specPath,
    Map<String, String> labels,
    String labelsPath,
    Map<String, String> annotations,
    String annotationsPath,
    boolean longRunning,
    boolean scalable,
    boolean disruptionBudgeted,
    List<ContainerView> containers) {}
