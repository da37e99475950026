/**
 * The audit event codec: typed {@link dev.modelgov.api.audit.AuditEvent}s to the RFC 8785 canonical JSON bytes the
 * log records and hashes ({@link dev.modelgov.core.audit.internal.event.EventCodec}), with subjects pseudonymised and
 * personal fields encrypted by {@link dev.modelgov.core.audit.AuditPrivacy}. For internal use only; may change without
 * notice. Not exported from the module.
 */
package dev.modelgov.core.audit.internal.event;
