package dev.modelgov.api.audit;

/**
 * A tamper-evident, append-only record of what a model system did: as easy to call as a logger, and thread-safe.
 *
 * <p>{@link #append(AuditEvent)} returns a receipt once the event is as durable as the log's {@link Durability}
 * promises. Implementations never drop an event silently: a full queue blocks, and a storage error makes the log fail
 * closed, so every later call throws {@link AuditLogException}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try (AuditLog auditLog = DurableAuditLog.builder(Path.of("/var/lib/app/audit")).signer(signer).open()) {
 *   AuditReceipt receipt = auditLog.append(DeploymentEvent.builder()
 *       .model(modelRef)
 *       .action(DeploymentEvent.Action.DEPLOYED)
 *       .environment("prod")
 *       .build());
 * }
 * }</pre>
 */
public interface AuditLog extends AutoCloseable {

  /**
   * Records an event.
   *
   * @param event the event, must not be {@code null}
   * @return where the event is in the log and the hash it is recorded under
   * @throws AuditLogException if the log is closed, failed or read-only, or the event is rejected
   */
  AuditReceipt append(AuditEvent event);

  /**
   * Erases a data subject: destroys the key that encrypts the subject's personal fields and records an erasure
   * event under the subject's pseudonym. Earlier events stay in the log and still verify, but their personal fields
   * can no longer be read.
   *
   * @param subjectId the data subject's identifier, as given to {@link AuditEvent.Builder#subject(String)}
   * @param reason why (for example {@code "GDPR Art. 17 request 2026-118"}); no personal data
   * @return the receipt of the erasure event
   * @throws AuditLogException if the log cannot record the erasure
   */
  AuditReceipt eraseSubject(String subjectId, String reason);

  /**
   * Waits until every event appended before this call is on stable storage, whatever the durability mode.
   *
   * @throws AuditLogException if the log failed before the events became durable
   */
  void flush();

  /**
   * @return the number of events the log holds or has accepted (the next event's index)
   */
  long size();

  /**
   * @return what {@link #append(AuditEvent)} promises on return
   */
  Durability durability();

  /** Makes queued events durable, records a final checkpoint and releases the files. Idempotent. */
  @Override
  void close();
}
