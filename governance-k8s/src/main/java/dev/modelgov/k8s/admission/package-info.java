/**
 * The Kubernetes admission handler, transport-free: {@link dev.modelgov.k8s.admission.AdmissionHandler} turns an
 * {@code admission.k8s.io/v1} AdmissionReview into its response (posture checks, the model's manifest and provenance
 * from the workload's annotations, the deploy policy, warnings, audit annotations and a label patch). A web server
 * (the examples module) serves it over HTTPS; docs/kubernetes.md {@code ## Admission} documents the conventions.
 */
package dev.modelgov.k8s.admission;
