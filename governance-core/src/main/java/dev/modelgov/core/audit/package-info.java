/**
 * The durable, tamper-evident audit log and everything needed to check it offline.
 *
 * <ul>
 *   <li>The log: {@link dev.modelgov.core.audit.DurableAuditLog} implements {@link dev.modelgov.api.audit.AuditLog}
 *       (segments, hash tiles, group commit, signed checkpoints, crash recovery reported as a {@link
 *       dev.modelgov.core.audit.RecoveryReport}, retention).
 *   <li>GDPR: {@link dev.modelgov.core.audit.AuditPrivacy} (HMAC pseudonyms, per-subject AES-256-GCM keys, erasure);
 *       {@link dev.modelgov.core.audit.AuditEntry} reads a recorded event back.
 *   <li>Offline verification: {@link dev.modelgov.core.audit.AuditVerifier}; tampering throws {@link
 *       dev.modelgov.core.audit.AuditTamperException} with the first bad index, segment and byte offset.
 *   <li>Shipping: {@link dev.modelgov.core.audit.AuditTailer} writes OpenTelemetry-named JSON lines for Fluent Bit,
 *       Fluentd or Loki from a persisted cursor.
 *   <li>RFC 6962 / RFC 9162 Merkle trees over SHA-256: {@link dev.modelgov.core.audit.MerkleHashes}, {@link
 *       dev.modelgov.core.audit.MerkleTree}; proofs {@link dev.modelgov.core.audit.InclusionProof} and {@link
 *       dev.modelgov.core.audit.ConsistencyProof}, whose failures throw {@link
 *       dev.modelgov.core.audit.ProofVerificationException}.
 *   <li>C2SP tlog checkpoints and signed notes: {@link dev.modelgov.core.audit.Checkpoint}, {@link
 *       dev.modelgov.core.audit.NoteSigner}, {@link dev.modelgov.core.audit.NoteVerifier}, {@link
 *       dev.modelgov.core.audit.SignedNote}; failures throw {@link dev.modelgov.core.audit.NoteVerificationException}.
 * </ul>
 *
 * <p>The on-disk format is described in {@code docs/audit-log.md}. The implementation is in {@code ...audit.internal},
 * which {@code module-info} does not export.
 */
package dev.modelgov.core.audit;
