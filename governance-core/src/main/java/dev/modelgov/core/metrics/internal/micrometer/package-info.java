/**
 * The Micrometer side of the model metrics: meter registration, the cached handles the hot path records into, and
 * removal. The only package besides {@code ModelMetrics} that touches Micrometer. For internal use only; may change
 * without notice.
 */
package dev.modelgov.core.metrics.internal.micrometer;
