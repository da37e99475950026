package dev.modelgov.core.audit;

import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.ErasureEvent;
import dev.modelgov.core.audit.internal.event.EventCodec;
import dev.modelgov.core.audit.internal.merkle.Sha256;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * The record format of the audit log, for other {@link dev.modelgov.api.audit.AuditLog} implementations (an
 * in-memory test double, a sink to another store) that want records and hashes identical to {@link DurableAuditLog}'s:
 * the same event gives the same bytes, the same RFC 6962 leaf hash and so the same tree.
 *
 * <p>A record is the RFC 8785 canonical JSON of the event, limited to {@value #MAX_RECORD_BYTES} bytes (the default
 * event limit of {@link DurableAuditLog}). The data subject is written only as its pseudonym and personal fields only
 * encrypted, with the log's {@link AuditPrivacy}; two encodings of an event with personal data differ (each
 * encryption draws a fresh nonce), while events without personal data encode to the same bytes every time.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * byte[] record = AuditRecords.encode(event, privacy);       // what DurableAuditLog stores and hashes
 * Digest leaf = AuditRecords.leafHash(record);               // equals the receipt's leafHash
 * AuditEntry entry = AuditRecords.decode(0, record, privacy); // read it back, personal fields decrypted
 * }</pre>
 *
 * <p>All methods are thread-safe.
 *
 * @since 0.1
 */
public final class AuditRecords {

  /** The largest record {@link #encode} writes: 1 MiB, the default event limit of {@link DurableAuditLog}. */
  public static final int MAX_RECORD_BYTES = EventCodec.DEFAULT_MAX_BYTES;

  private AuditRecords() {}

  /**
   * Encodes an event as the canonical record bytes {@link DurableAuditLog} stores and hashes.
   *
   * @param event the event, must not be {@code null}
   * @param privacyOrNull the log's privacy keys; may be {@code null} for events without a data subject
   * @return a new array holding the record
   * @throws dev.modelgov.api.audit.AuditLogException (REJECTED) if the record would be larger than {@value
   *     #MAX_RECORD_BYTES} bytes, holds a value canonical JSON cannot represent exactly, or has a data subject but no
   *     privacy keys were given; the message names the field, never its value
   * @throws java.io.UncheckedIOException if a subject's key cannot be read or created in the key store
   * @throws IllegalStateException if a stored subject key cannot be unwrapped with the privacy keys
   */
  public static byte[] encode(AuditEvent event, AuditPrivacy privacyOrNull) {
    Objects.requireNonNull(event, "event must not be null");
    return EventCodec.encode(event, privacyOrNull);
  }

  /**
   * The RFC 6962 leaf hash of a record, as in {@link dev.modelgov.api.audit.AuditReceipt#leafHash()}.
   *
   * @param record the record bytes, must not be {@code null}
   * @return {@code SHA-256(0x00 || record)}
   */
  public static Digest leafHash(byte[] record) {
    Objects.requireNonNull(record, "record must not be null");
    return Digest.sha256(Sha256.forThread().leaf(record));
  }

  /**
   * Reads a record back, as {@link AuditEntry#parse(long, byte[], AuditPrivacy)} does.
   *
   * @param index the record's index in the log, not negative
   * @param record the record bytes, must not be {@code null}; copied
   * @param privacyOrNull the log's privacy keys to decrypt personal fields with; may be {@code null}
   * @return the entry
   * @throws IllegalArgumentException if the index is negative or the bytes are not a record; the message names the
   *     index, the field or the byte offset, never personal data
   */
  public static AuditEntry decode(long index, byte[] record, AuditPrivacy privacyOrNull) {
    return AuditEntry.parse(index, record, privacyOrNull);
  }

  /**
   * Erases a data subject the way every ModelGov log does: destroys the subject's data key in {@code privacy} (so
   * every personal field encrypted for it becomes unreadable) and returns the {@code subject.erased} event that the
   * log must then append, naming the subject only by its pseudonym.
   *
   * @param privacy the log's privacy keys, must not be {@code null}
   * @param subjectId the subject, must not be {@code null}
   * @param reason why, must not be {@code null}; no personal data
   * @param at the event's timestamp, must not be {@code null}
   * @return the erasure event to append
   * @throws AuditLogException {@code FAILED} if the key cannot be destroyed (the erasure should be retried)
   */
  public static ErasureEvent eraseSubject(AuditPrivacy privacy, String subjectId, String reason, Instant at) {
    Objects.requireNonNull(privacy, "privacy must not be null");
    Objects.requireNonNull(subjectId, "subjectId must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
    Objects.requireNonNull(at, "at must not be null");
    String pseudonym = privacy.pseudonym(subjectId);
    try {
      privacy.erase(pseudonym);
    } catch (IOException e) {
      throw new AuditLogException(AuditLogException.Reason.FAILED,
          "could not destroy the subject's key: " + e.getMessage(), e);
    }
    return ErasureEvent.builder().timestamp(at).subjectPseudonym(pseudonym).reason(reason).build();
  }
}
