/**
 * A tamper-evident audit log's building blocks.
 *
 * <ul>
 *   <li>RFC 6962 / RFC 9162 Merkle trees over SHA-256: {@link dev.modelgov.core.audit.MerkleHashes}, {@link
 *       dev.modelgov.core.audit.MerkleTree}.
 *   <li>Proofs: {@link dev.modelgov.core.audit.InclusionProof}, {@link dev.modelgov.core.audit.ConsistencyProof};
 *       failures throw {@link dev.modelgov.core.audit.ProofVerificationException}.
 *   <li>C2SP tlog checkpoints and signed notes: {@link dev.modelgov.core.audit.Checkpoint}, {@link
 *       dev.modelgov.core.audit.NoteSigner}, {@link dev.modelgov.core.audit.NoteVerifier}, {@link
 *       dev.modelgov.core.audit.SignedNote}; failures throw {@link dev.modelgov.core.audit.NoteVerificationException}.
 * </ul>
 *
 * <p>The audit log itself (storage, durability modes, recovery, erasure, shipping, the {@code AuditLog} API) is not
 * built yet.
 *
 * <p>The implementation is in {@code ...audit.internal}, which {@code module-info} does not export.
 */
package dev.modelgov.core.audit;
