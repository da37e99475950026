/**
 * Implementation of the model metrics: window counters, statistics helpers, config and baseline codecs. For internal
 * use only; may change without notice.
 */
package dev.modelgov.core.metrics.internal;
