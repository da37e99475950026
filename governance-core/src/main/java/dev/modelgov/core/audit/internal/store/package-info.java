/**
 * The durable audit log's storage: segment catalogue, hash tiles, the group-commit writer, checkpoints and crash
 * recovery. For internal use only; may change without notice.
 */
package dev.modelgov.core.audit.internal.store;
