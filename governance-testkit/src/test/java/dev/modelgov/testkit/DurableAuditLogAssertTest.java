package dev.modelgov.testkit;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static dev.modelgov.testkit.GovernanceAssertions.assertThatAuditLog;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.provenance.SigningKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AuditLogAssert over a real DurableAuditLog, and AuditLogDirectoryAssert over its directory. */
class DurableAuditLogAssertTest {

  private static final String ORIGIN = "bank.example/test/scoring/audit";
  private static final SigningKey AUDIT_KEY = SigningKey.generate(SignatureAlgorithm.ED25519);

  @TempDir Path temp;

  private Path dir;
  private AuditPrivacy privacy;

  @BeforeEach
  void setUp() throws IOException {
    dir = temp.resolve("audit");
    privacy = AuditPrivacy.openOrCreate(temp.resolve("audit-keys"));
  }

  private DurableAuditLog open() throws IOException {
    // Checkpoints only when asked, so that the record count does not depend on timing.
    return DurableAuditLog.builder(dir).origin(ORIGIN).signer(NoteSigner.ed25519(ORIGIN, AUDIT_KEY)).privacy(privacy)
        .checkpointEvery(1_000_000, Duration.ofHours(1)).open();
  }

  @Test
  void an_open_durable_log_passes_after_a_checkpoint_covers_its_records() throws IOException {
    // GIVEN a writable durable log with four events
    try (DurableAuditLog log = open()) {
      AuditLogAssertTest.record(log);
      // THEN its events are read back, it verifies with the audit key under its origin, and it has no gaps
      assertThat(log)
          .containsEventsOfType("prediction", 3)
          .containsEventOfType("policy.decision")
          .verifiesWith(AUDIT_KEY.verificationKey(), ORIGIN)
          .hasNoGaps()
          .hasSize(log.size());
    }
  }

  @Test
  void checkpoint_records_are_counted_in_the_size_but_not_as_events() throws IOException {
    try (DurableAuditLog log = open()) {
      AuditLogAssertTest.record(log);
      log.checkpointNow();
      // GIVEN four events and the checkpoint record after them
      // THEN the size counts five records and the failure lists the checkpoint record apart
      assertThat(log).hasSize(5);
      assertThatThrownBy(() -> assertThat(log).containsEventOfType("deployment"))
          .isInstanceOf(AssertionError.class)
          .hasMessage("Expected the audit log to contain an event of type <deployment> but found none.\n"
              + "Found: [policy.decision x1, prediction x3] and 1 checkpoint record");
    }
  }

  @Test
  void has_no_gaps_on_a_durable_log_needs_the_checkpoint_key() throws IOException {
    try (DurableAuditLog log = open()) {
      AuditLogAssertTest.record(log);
      assertThatThrownBy(() -> assertThat(log).hasNoGaps())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("call verifiesWith(...) first");
    }
  }

  @Test
  void verifies_with_fails_for_another_key_and_another_origin() throws IOException {
    try (DurableAuditLog log = open()) {
      AuditLogAssertTest.record(log);
      SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519);
      assertThatThrownBy(() -> assertThat(log).verifiesWith(NoteVerifier.ed25519(ORIGIN, other.verificationKey())))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("Expected the audit log to verify with [" + ORIGIN + "+")
          .hasMessageContaining("but it did not: CHECKPOINT_SIGNATURE");
    }
  }

  @Test
  void an_erased_subject_is_reported_through_the_durable_log() throws IOException {
    try (DurableAuditLog log = open()) {
      AuditLogAssertTest.record(log);
      log.eraseSubject("applicant-40", "GDPR Art. 17 request 2026-118");
      assertThat(log).hasErased("applicant-40", privacy).verifiesWith(AUDIT_KEY.verificationKey(), ORIGIN);
      assertThatThrownBy(() -> assertThat(log).hasErased("applicant-41", privacy))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("to be erased but its key still exists and the log holds no subject.erased event");
    }
  }

  @Test
  void a_closed_log_directory_passes_the_same_assertions_read_only() throws IOException {
    // GIVEN a durable log written and closed (the close signs a final checkpoint)
    try (DurableAuditLog log = open()) {
      AuditLogAssertTest.record(log);
      log.eraseSubject("applicant-42", "GDPR Art. 17 request 2026-119");
    }
    // THEN the directory shows the events, verifies under the origin and has no gaps
    assertThatAuditLog(dir)
        .containsEventsOfType("prediction", 3)
        .containsEventOfType("subject.erased")
        .hasErased("applicant-42", privacy)
        .verifiesWith(AUDIT_KEY.verificationKey(), ORIGIN)
        .hasNoGaps()
        .hasSize(6);
    // AND the content assertions fail listing what the directory holds
    assertThatThrownBy(() -> assertThatAuditLog(dir).containsEventsOfType("prediction", 4))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected the audit log to contain 4 events of type <prediction> but found 3.\n"
            + "Found: [policy.decision x1, prediction x3, subject.erased x1] and 1 checkpoint record");
    assertThatThrownBy(() -> assertThatAuditLog(dir).hasNoGaps())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_corrupted_segment_fails_verification_of_the_directory() throws IOException {
    // GIVEN a closed log, and one byte of its first event's payload flipped on disk
    try (DurableAuditLog log = open()) {
      AuditLogAssertTest.record(log);
    }
    Path segment;
    try (Stream<Path> s = Files.list(dir.resolve("segments"))) {
      segment = s.filter(p -> p.getFileName().toString().endsWith(".seg")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(segment);
    int at = indexOf(bytes, "req-0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {'X'}), at);
    }
    // THEN the tamper is detected with its reason, and verifiesWith fails naming it
    assertThatAuditLog(dir).failsVerificationWith(AuditTamperException.Reason.RECORD_CORRUPT,
        NoteVerifier.ed25519(ORIGIN, AUDIT_KEY.verificationKey()));
    assertThatThrownBy(() -> assertThatAuditLog(dir).verifiesWith(AUDIT_KEY.verificationKey(), ORIGIN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it did not: RECORD_CORRUPT");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("marker not found in the segment");
  }
}
