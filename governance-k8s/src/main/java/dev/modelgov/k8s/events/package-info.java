/**
 * Kubernetes-side publishing: best-effort {@code events.k8s.io/v1} Events for governance events, the audit log's
 * latest signed checkpoint in a ConfigMap for auditors, and PrometheusRule objects from the metrics configuration.
 * Events are supplemental; the append-only audit log stays the system of record.
 */
package dev.modelgov.k8s.events;
