package dev.modelgov.testkit;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.api.audit.PolicyDecisionEvent;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.testkit.doubles.InMemoryAuditLog;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** AuditLogAssert over the in-memory double; {@link DurableAuditLogAssertTest} covers the durable log. */
class AuditLogAssertTest {

  static final ModelRef MODEL = ManifestCodec.defaults().ref(Examples.creditScoring());

  /** Appends three predictions about three applicants and one policy decision. */
  static void record(AuditLog log) {
    for (int i = 0; i < 3; i++) {
      log.append(PredictionEvent.builder().model(MODEL).requestId("req-" + i).output(i == 1 ? "decline" : "approve")
          .subject("applicant-" + (40 + i)).personalData("name", "Applicant " + i).build());
    }
    log.append(PolicyDecisionEvent.builder().policy("modelgov-builtin@1.0.0").model(MODEL).allowed(true)
        .enforcementPoint("runtime").build());
  }

  @Test
  void a_log_with_events_passes_the_content_and_integrity_assertions() {
    // GIVEN an in-memory log with four events
    InMemoryAuditLog log = InMemoryAuditLog.create();
    record(log);
    // THEN its events are found, it has four records, it verifies with its key and it has no gaps
    assertThat(log)
        .containsEventOfType("prediction")
        .containsEventsOfType("prediction", 3)
        .containsEventsOfType("policy.decision", 1)
        .containsEventsOfType("deployment", 0)
        .hasSize(4)
        .verifiesWith(log.verifier())
        .verifiesWith(log.verifier().verificationKey(), InMemoryAuditLog.DEFAULT_ORIGIN)
        .hasNoGaps();
  }

  @Test
  void content_assertions_fail_listing_the_event_types_with_counts() {
    InMemoryAuditLog log = InMemoryAuditLog.create();
    record(log);
    assertThatThrownBy(() -> assertThat(log).containsEventOfType("deployment"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected the audit log to contain an event of type <deployment> but found none.\n"
            + "Found: [policy.decision x1, prediction x3]");
    assertThatThrownBy(() -> assertThat(log).containsEventsOfType("prediction", 5))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected the audit log to contain 5 events of type <prediction> but found 3.\n"
            + "Found: [policy.decision x1, prediction x3]");
    assertThatThrownBy(() -> assertThat(log).hasSize(5))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected the audit log to hold 5 records but it holds 4.\n"
            + "Found: [policy.decision x1, prediction x3]");
  }

  @Test
  void has_no_gaps_fails_naming_the_dropped_index() {
    // GIVEN a log whose third record was dropped
    InMemoryAuditLog log = InMemoryAuditLog.create();
    record(log);
    log.dropRecord(2);
    // THEN hasNoGaps names the missing index
    assertThatThrownBy(() -> assertThat(log).hasNoGaps())
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected the audit log to have no gaps but indices [2] are missing (size 4).\n"
            + "Found: [policy.decision x1, prediction x2]");
    // AND verification reports the missing record
    assertThat(log).failsVerificationWith(AuditTamperException.Reason.RECORD_MISSING, log.verifier());
  }

  @Test
  void a_tampered_record_fails_verification_with_the_reason_and_the_index() {
    // GIVEN a log whose second record was rewritten after it was appended
    InMemoryAuditLog log = InMemoryAuditLog.create();
    record(log);
    byte[] forged = "{\"ts\":\"2026-12-01T12:00:00Z\",\"type\":\"prediction\"}".getBytes(StandardCharsets.UTF_8);
    log.tamperWithRecord(1, forged);
    // THEN the tamper-detection assertion passes, and verifiesWith fails with the verifier's reason
    assertThat(log).failsVerificationWith(AuditTamperException.Reason.RECORD_CORRUPT, log.verifier());
    assertThatThrownBy(() -> assertThat(log).verifiesWith(log.verifier()))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the audit log to verify with [" + log.verifier().keyName() + "+"
            + log.verifier().keyId() + "] but it did not: RECORD_CORRUPT")
        .hasMessageContaining("record 1 ");
    // AND expecting another reason fails, naming the one found
    assertThatThrownBy(() -> assertThat(log).failsVerificationWith(AuditTamperException.Reason.ROOT_MISMATCH,
            log.verifier()))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected verification to fail with ROOT_MISMATCH but it failed with RECORD_CORRUPT");
  }

  @Test
  void fails_verification_with_says_when_the_log_verified() {
    InMemoryAuditLog log = InMemoryAuditLog.create();
    record(log);
    assertThatThrownBy(() -> assertThat(log).failsVerificationWith(AuditTamperException.Reason.RECORD_CORRUPT,
            log.verifier()))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected verification to fail with RECORD_CORRUPT but it passed (tree size 4)");
  }

  @Test
  void verifies_with_fails_for_a_key_that_did_not_sign_and_for_another_origin() {
    InMemoryAuditLog log = InMemoryAuditLog.create();
    record(log);
    SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519);
    assertThatThrownBy(() -> assertThat(log).verifiesWith(other.verificationKey(), InMemoryAuditLog.DEFAULT_ORIGIN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it did not: CHECKPOINT_SIGNATURE");
    // A key trusted under another name is another note key, so the checkpoint does not verify either.
    assertThatThrownBy(() -> assertThat(log).verifiesWith(log.verifier().verificationKey(), "bank.example/audit"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected the audit log to verify with [bank.example/audit+");
  }

  @Test
  void has_erased_checks_the_key_and_the_erasure_event_without_showing_the_subject() {
    // GIVEN a log whose privacy keys the test holds, and one applicant erased
    AuditPrivacy privacy = AuditPrivacy.ephemeral();
    InMemoryAuditLog log = InMemoryAuditLog.builder().privacy(privacy).build();
    record(log);
    log.eraseSubject("applicant-41", "GDPR Art. 17 request 2026-118");
    // THEN the erased applicant passes and the log still verifies
    assertThat(log).hasErased("applicant-41", privacy).containsEventsOfType("subject.erased", 1).hasNoGaps();
    // AND another applicant fails, showing only the pseudonym
    String pseudonym = privacy.pseudonym("applicant-42");
    assertThatThrownBy(() -> assertThat(log).hasErased("applicant-42", privacy))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected subject <" + pseudonym.substring(0, 28) + "...> to be erased but its key still exists "
            + "and the log holds no subject.erased event for it.\nFound: [policy.decision x1, prediction x3, "
            + "subject.erased x1]")
        .message().doesNotContain("applicant-42");
  }

  @Test
  void has_size_works_for_any_log_and_reading_events_needs_a_known_log() {
    // GIVEN a user's own AuditLog that cannot read events back
    AuditLog sink = new CountingSink();
    sink.append(PolicyDecisionEvent.builder().policy("p@1").allowed(false).reason("denied").build());
    // THEN its size can be asserted, and the failure says its events cannot be listed
    assertThat(sink).hasSize(1);
    assertThatThrownBy(() -> assertThat(sink).hasSize(2))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected the audit log to hold 2 records but it holds 1.\n"
            + "Found: (the events of this log cannot be read back)");
    assertThatThrownBy(() -> assertThat(sink).containsEventOfType("policy.decision"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(CountingSink.class.getName());
    assertThatThrownBy(() -> assertThat((AuditLog) null).hasSize(0)).isInstanceOf(AssertionError.class);
  }

  /** An AuditLog the assertions know nothing about. */
  private static final class CountingSink implements AuditLog {
    private final AtomicLong size = new AtomicLong();

    @Override
    public AuditReceipt append(AuditEvent event) {
      return new AuditReceipt(size.getAndIncrement(), dev.modelgov.api.Digest.parse("sha256:" + "0".repeat(64)));
    }

    @Override
    public AuditReceipt eraseSubject(String subjectId, String reason) {
      throw new UnsupportedOperationException("no subjects");
    }

    @Override
    public void flush() {}

    @Override
    public long size() {
      return size.get();
    }

    @Override
    public Durability durability() {
      return Durability.ASYNC;
    }

    @Override
    public void close() {}
  }
}
