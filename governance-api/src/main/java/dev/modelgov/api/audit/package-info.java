/**
 * The audit API: typed events appended to a tamper-evident log, and the receipt that proves each was recorded.
 *
 * <p>Serving apps call {@link dev.modelgov.api.audit.AuditLog#append(AuditEvent)} for every prediction, deployment,
 * policy decision and approval. The durable, verifiable implementation lives in {@code dev.modelgov.core.audit}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * AuditReceipt receipt = auditLog.append(PredictionEvent.builder()
 *     .model(modelRef)
 *     .requestId("req-7f3a")
 *     .inputDigest(Digest.sha256(requestBytes))
 *     .output("approve")
 *     .latency(Duration.ofMillis(12))
 *     .build());
 * }</pre>
 */
package dev.modelgov.api.audit;
