/**
 * The offline audit log verifier behind {@link dev.modelgov.core.audit.AuditVerifier}: a single sequential pass over
 * the segments and tiles with a compact Merkle range. For internal use only; may change without notice. Not exported
 * from the module.
 */
package dev.modelgov.core.audit.internal.verify;
