package dev.modelgov.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.audit.ErasureEvent;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.provenance.VerificationKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.assertj.core.api.AbstractAssert;

/**
 * The assertions shared by {@link AuditLogAssert} (an {@code AuditLog} object) and {@link AuditLogDirectoryAssert}
 * (an audit log directory). Events are read back from the log; failures list the event types found, with counts.
 * Verification recomputes the Merkle tree and checks every signed checkpoint with the trusted keys only.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * assertThat(auditLog)
 *     .containsEventsOfType("prediction", 3)
 *     .containsEventOfType("policy.decision")
 *     .verifiesWith(auditKey.verificationKey(), "bank.example/prod/audit")
 *     .hasNoGaps();
 * }</pre>
 *
 * @param <SELF> the concrete assertion type
 * @param <ACTUAL> what is asserted on: a log or a directory
 */
public abstract class AbstractAuditLogAssert<SELF extends AbstractAuditLogAssert<SELF, ACTUAL>, ACTUAL>
    extends AbstractAssert<SELF, ACTUAL> {

  /** The keys given to the latest {@code verifiesWith}, used by {@link #hasNoGaps()}. */
  private List<NoteVerifier> trusted = List.of();

  AbstractAuditLogAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** One record of the log as the assertions see it. */
  record Entry(long index, String type, Optional<String> subject) {

    /** The type shown for checkpoint records, which are records of the log but not events. */
    static final String CHECKPOINT = "audit.checkpoint";

    boolean isCheckpoint() {
      return CHECKPOINT.equals(type);
    }
  }

  /**
   * The data subject an event is about: the erased subject of an erasure event, else the event's own subject.
   *
   * @param type the event type
   * @param body the recorded event
   * @return the subject's pseudonym, if any
   */
  static Optional<String> subject(String type, JsonNode body) {
    JsonNode n = body.path(ErasureEvent.TYPE.equals(type) ? "subjectPseudonym" : "subject");
    return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
  }

  /** @return every record that can be read back, checkpoint records included, in index order */
  abstract List<Entry> records();

  /** @return the size the log reports: the next record's index */
  abstract long logSize();

  /**
   * Verifies the log with these keys, after making every record durable and covered by a checkpoint where the log can.
   *
   * @param keys the trusted checkpoint keys, not empty
   * @return the verified tree size, for messages
   * @throws AuditTamperException if the log does not verify
   */
  abstract Coverage verify(List<NoteVerifier> keys) throws AuditTamperException;

  /** @return the keys {@link #hasNoGaps()} uses when {@code verifiesWith} was not called; empty if none are known */
  List<NoteVerifier> defaultKeys() {
    return List.of();
  }

  /**
   * What a verification established.
   *
   * @param origin the log's origin
   * @param treeSize the verified tree size
   * @param firstIndex the first record present (above 0 when retention pruned older ones)
   * @param uncovered records not covered by a signed checkpoint
   * @param tornBytes bytes of an incomplete tail after the latest checkpoint
   */
  record Coverage(String origin, long treeSize, long firstIndex, long uncovered, long tornBytes) {}

  /**
   * Checks that the log holds at least one event of this type.
   *
   * <pre>{@code
   * assertThat(auditLog).containsEventOfType("prediction");   // passes
   * assertThat(auditLog).containsEventOfType("deployment");
   * // fails: "Expected the audit log to contain an event of type <deployment> but found none.
   * //   Found: [policy.decision x1, prediction x3] and 1 checkpoint record"
   * }</pre>
   *
   * @param type the event type, such as {@code prediction} or {@code policy.decision}; must not be {@code null}
   * @return this assertion
   */
  public SELF containsEventOfType(String type) {
    Objects.requireNonNull(type, "type must not be null");
    isNotNull();
    List<Entry> records = records();
    if (records.stream().noneMatch(e -> e.type().equals(type))) {
      failWithMessage(
          "Expected the audit log to contain an event of type <%s> but found none.\nFound: %s", type, found(records));
    }
    return myself;
  }

  /**
   * Checks that the log holds exactly this many events of this type.
   *
   * <pre>{@code
   * assertThat(auditLog).containsEventsOfType("prediction", 3);   // passes
   * assertThat(auditLog).containsEventsOfType("prediction", 5);
   * // fails: "Expected the audit log to contain 5 events of type <prediction> but found 3.
   * //   Found: [policy.decision x1, prediction x3] and 1 checkpoint record"
   * }</pre>
   *
   * @param type the event type, must not be {@code null}
   * @param count the exact number expected, not negative
   * @return this assertion
   */
  public SELF containsEventsOfType(String type, long count) {
    Objects.requireNonNull(type, "type must not be null");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    isNotNull();
    List<Entry> records = records();
    long n = records.stream().filter(e -> e.type().equals(type)).count();
    if (n != count) {
      failWithMessage(
          "Expected the audit log to contain %d events of type <%s> but found %d.\nFound: %s", count, type, n,
          found(records));
    }
    return myself;
  }

  /**
   * Checks the log's size: the index the next record would get. A durable log counts its checkpoint records too
   * (and {@link #verifiesWith} and {@link #hasNoGaps()} may add one to a writable durable log, to cover every record).
   *
   * <pre>{@code
   * assertThat(inMemoryLog).hasSize(4);   // passes after four appends
   * assertThat(inMemoryLog).hasSize(5);
   * // fails: "Expected the audit log to hold 5 records but it holds 4.
   * //   Found: [policy.decision x1, prediction x3]"
   * }</pre>
   *
   * @param expected the expected size
   * @return this assertion
   */
  public SELF hasSize(long expected) {
    isNotNull();
    long size = logSize();
    if (size != expected) {
      failWithMessage(
          "Expected the audit log to hold %d records but it holds %d.\nFound: %s", expected, size, foundOrUnknown());
    }
    return myself;
  }

  /**
   * Checks that the log verifies with these trusted checkpoint keys: every record's leaf hash is recomputed from the
   * stored bytes and every signed checkpoint's signature, root and consistency is checked. A writable durable log is
   * first checkpointed ({@code checkpointNow()}) so that every record is covered. The keys are remembered for {@link
   * #hasNoGaps()}.
   *
   * <pre>{@code
   * assertThat(auditLog).verifiesWith(NoteVerifier.ed25519(origin, auditKey.verificationKey()));   // passes
   * assertThat(auditLog).verifiesWith(NoteVerifier.ed25519(origin, otherKey.verificationKey()));
   * // fails: "Expected the audit log to verify with [modelgov.test/audit+1a2b3c4d] but it did not:
   * //   CHECKPOINT_SIGNATURE: ..."
   * }</pre>
   *
   * @param keys the trusted keys, at least one, none {@code null}
   * @return this assertion
   */
  public SELF verifiesWith(NoteVerifier... keys) {
    Objects.requireNonNull(keys, "keys must not be null");
    if (keys.length == 0) {
      throw new IllegalArgumentException("keys must not be empty: verification needs a trusted checkpoint key");
    }
    List<NoteVerifier> list = List.of(keys);
    isNotNull();
    verified(list);
    trusted = list;
    return myself;
  }

  /**
   * Checks that the log verifies with this Ed25519 public key, trusted under the log's origin as key name (the
   * convention of {@code NoteSigner.ed25519(origin, key)}), and that the log's origin is that origin.
   *
   * <pre>{@code
   * assertThat(auditLog).verifiesWith(auditKey.verificationKey(), "bank.example/prod/audit");   // passes
   * assertThat(auditLog).verifiesWith(auditKey.verificationKey(), "bank.example/test/audit");
   * // fails: "Expected the audit log to verify with [bank.example/test/audit+5e6f7a8b] but it did not: ..."
   * }</pre>
   *
   * @param publicKey the checkpoint key, Ed25519; must not be {@code null}
   * @param origin the log's origin, also the key name; must not be {@code null}
   * @return this assertion
   * @throws IllegalArgumentException if the key is not Ed25519 or the origin is not a valid key name
   */
  public SELF verifiesWith(VerificationKey publicKey, String origin) {
    Objects.requireNonNull(publicKey, "publicKey must not be null");
    Objects.requireNonNull(origin, "origin must not be null");
    NoteVerifier key = NoteVerifier.ed25519(origin, publicKey);
    isNotNull();
    Coverage c = verified(List.of(key));
    if (!c.origin().equals(origin)) {
      failWithMessage("Expected the audit log's origin to be <%s> but it is <%s>", origin, c.origin());
    }
    trusted = List.of(key);
    return myself;
  }

  /**
   * Checks that verification fails for this reason, as a tamper-detection test expects.
   *
   * <pre>{@code
   * log.tamperWithRecord(1, "{\"type\":\"prediction\"}".getBytes(UTF_8));
   * assertThat(log).failsVerificationWith(AuditTamperException.Reason.ROOT_MISMATCH, log.verifier());   // passes
   * assertThat(untouchedLog).failsVerificationWith(AuditTamperException.Reason.ROOT_MISMATCH, log.verifier());
   * // fails: "Expected verification to fail with ROOT_MISMATCH but it passed (tree size 4)"
   * }</pre>
   *
   * @param reason the expected reason, must not be {@code null}
   * @param keys the trusted keys, at least one, none {@code null}
   * @return this assertion
   */
  public SELF failsVerificationWith(AuditTamperException.Reason reason, NoteVerifier... keys) {
    Objects.requireNonNull(reason, "reason must not be null");
    Objects.requireNonNull(keys, "keys must not be null");
    if (keys.length == 0) {
      throw new IllegalArgumentException("keys must not be empty: verification needs a trusted checkpoint key");
    }
    isNotNull();
    try {
      Coverage c = verify(List.of(keys));
      failWithMessage("Expected verification to fail with %s but it passed (tree size %d)", reason, c.treeSize());
    } catch (AuditTamperException e) {
      if (e.reason() != reason) {
        failWithMessage("Expected verification to fail with %s but it failed with %s", reason, e.getMessage());
      }
    }
    return myself;
  }

  /**
   * Checks that no record is missing: indices are dense from 0 (nothing dropped or pruned), every record can be read,
   * and every record is covered by a checkpoint that verifies. The keys come from an earlier {@code verifiesWith} in
   * the chain, or, for an in-memory log, from the log itself.
   *
   * <pre>{@code
   * assertThat(inMemoryLog).hasNoGaps();   // passes
   * inMemoryLog.dropRecord(2);
   * assertThat(inMemoryLog).hasNoGaps();
   * // fails: "Expected the audit log to have no gaps but indices [2] are missing (size 4).
   * //   Found: [prediction x3]"
   * }</pre>
   *
   * @return this assertion
   * @throws IllegalStateException if no trusted key is known (call {@code verifiesWith} first)
   */
  public SELF hasNoGaps() {
    isNotNull();
    List<NoteVerifier> keys = trusted.isEmpty() ? defaultKeys() : trusted;
    if (keys.isEmpty()) {
      throw new IllegalStateException(
          "hasNoGaps() checks that a verified checkpoint covers every record, so it needs the trusted checkpoint "
              + "key: call verifiesWith(...) first");
    }
    List<Entry> records = records();
    long size = logSize();
    List<Long> missing = new ArrayList<>();
    int at = 0;
    for (long i = 0; i < size && missing.size() <= 20; i++) {
      while (at < records.size() && records.get(at).index() < i) {
        at++;
      }
      if (at >= records.size() || records.get(at).index() != i) {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      failWithMessage(
          "Expected the audit log to have no gaps but indices %s%s are missing (size %d).\nFound: %s",
          missing.subList(0, Math.min(20, missing.size())), missing.size() > 20 ? " and more" : "", size,
          found(records));
    }
    Coverage c = verified(keys);
    if (c.firstIndex() > 0) {
      failWithMessage(
          "Expected the audit log to have no gaps but records [0, %d) were pruned by retention", c.firstIndex());
    }
    if (c.uncovered() > 0) {
      failWithMessage(
          "Expected every record to be covered by a verified checkpoint but %d records after the latest checkpoint "
              + "are not (tree size %d)",
          c.uncovered(), c.treeSize());
    }
    if (c.tornBytes() > 0) {
      failWithMessage(
          "Expected the audit log to have no gaps but it ends in %d bytes of an incomplete record (a crash before "
              + "recovery)",
          c.tornBytes());
    }
    return myself;
  }

  /**
   * Checks that a data subject was erased: the subject's key is destroyed in these privacy keys, and the log holds the
   * erasure event recorded under the subject's pseudonym. Messages show the pseudonym only, never the subject id.
   *
   * <pre>{@code
   * auditLog.eraseSubject("applicant-42", "GDPR Art. 17 request 2026-118");
   * assertThat(auditLog).hasErased("applicant-42", privacy);   // passes
   * assertThat(auditLog).hasErased("applicant-43", privacy);
   * // fails: "Expected subject <hmac-sha256:9c1f0a2b...> to be erased but its key still exists and the log holds no
   * //   subject.erased event for it. Found: [prediction x3, subject.erased x1]"
   * }</pre>
   *
   * @param subjectId the subject's identifier as given to the events, must not be {@code null}
   * @param privacy the log's privacy keys, must not be {@code null}
   * @return this assertion
   */
  public SELF hasErased(String subjectId, AuditPrivacy privacy) {
    Objects.requireNonNull(subjectId, "subjectId must not be null");
    Objects.requireNonNull(privacy, "privacy must not be null");
    isNotNull();
    String pseudonym = privacy.pseudonym(subjectId);
    boolean keyGone = privacy.isErased(pseudonym);
    List<Entry> records = records();
    boolean recorded = records.stream()
        .anyMatch(e -> e.type().equals(ErasureEvent.TYPE) && e.subject().filter(pseudonym::equals).isPresent());
    if (!keyGone || !recorded) {
      failWithMessage(
          "Expected subject <%s> to be erased but %s.\nFound: %s", shortPseudonym(pseudonym),
          !keyGone && !recorded ? "its key still exists and the log holds no " + ErasureEvent.TYPE + " event for it"
              : !keyGone ? "its key still exists"
              : "the log holds no " + ErasureEvent.TYPE + " event for it",
          found(records));
    }
    return myself;
  }

  private Coverage verified(List<NoteVerifier> keys) {
    try {
      return verify(keys);
    } catch (AuditTamperException e) {
      failWithMessage(
          "Expected the audit log to verify with %s but it did not: %s", keys.stream().map(k -> k.keyName() + "+"
              + k.keyId()).toList(), e.getMessage());
      throw new AssertionError(e);
    }
  }

  private String foundOrUnknown() {
    try {
      return found(records());
    } catch (IllegalArgumentException e) {
      return "(the events of this log cannot be read back)";
    }
  }

  static String found(List<Entry> records) {
    Map<String, Long> counts = new TreeMap<>();
    long checkpoints = 0;
    for (Entry e : records) {
      if (e.isCheckpoint()) {
        checkpoints++;
      } else {
        counts.merge(e.type(), 1L, Long::sum);
      }
    }
    return Texts.counts(counts)
        + (checkpoints == 0 ? "" : " and " + checkpoints + " checkpoint record" + (checkpoints == 1 ? "" : "s"));
  }

  private static String shortPseudonym(String pseudonym) {
    return pseudonym.length() > 28 ? pseudonym.substring(0, 28) + "..." : pseudonym;
  }
}
