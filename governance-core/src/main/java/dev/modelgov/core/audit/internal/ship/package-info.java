/**
 * The audit log's shipping tailer: OpenTelemetry-shaped JSON lines and the persisted cursor. For internal use only;
 * may change without notice.
 */
package dev.modelgov.core.audit.internal.ship;
