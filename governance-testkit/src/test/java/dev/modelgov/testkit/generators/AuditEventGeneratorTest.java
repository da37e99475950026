package dev.modelgov.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.modelgov.api.audit.ApprovalEvent;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.DeploymentEvent;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.api.audit.KeyRotationEvent;
import dev.modelgov.api.audit.PolicyDecisionEvent;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.AuditVerification;
import dev.modelgov.core.audit.AuditVerifier;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.provenance.SigningKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties of {@link AuditEventGenerator}: its events are accepted by a durable log that then verifies. */
class AuditEventGeneratorTest {

  private static final String ORIGIN = "testkit.example/generated";
  private static final NoteSigner SIGNER = NoteSigner.ed25519(ORIGIN, SigningKey.generate(SignatureAlgorithm.ED25519));
  private static final AuditVerifier VERIFIER = AuditVerifier.builder().trust(SIGNER.verifier()).build();

  @TempDir Path tmp;
  private int logs;

  @Test
  void generated_events_appended_to_a_durable_log_all_verify() {
    qt().withExamples(25).forAll(longs().all(), integers().between(1, 120)).checkAssert((seed, count) -> {
      // GIVEN generated events and a durable log with privacy keys
      List<AuditEvent> events = AuditEventGenerator.defaults().events(seed, count);
      Path dir = tmp.resolve("log" + (++logs));
      List<AuditReceipt> receipts = new ArrayList<>();
      try {
        try (DurableAuditLog log = DurableAuditLog.builder(dir).origin(ORIGIN).signer(SIGNER)
            .privacy(AuditPrivacy.ephemeral()).durability(Durability.ASYNC).open()) {
          // WHEN every event is appended
          for (AuditEvent e : events) {
            receipts.add(log.append(e));
          }
          log.flush();
          // THEN each is recorded with its type and timestamp
          for (int i = 0; i < events.size(); i++) {
            AuditEntry entry = log.entry(receipts.get(i).index()).orElseThrow();
            assertThat(entry.type()).isEqualTo(events.get(i).type());
            assertThat(entry.timestamp()).isEqualTo(events.get(i).timestamp());
            assertThat(entry.subjectPseudonym().isPresent()).isEqualTo(events.get(i).subject().isPresent());
          }
        }
        // AND the closed log verifies, covering every event
        AuditVerification v = VERIFIER.verify(dir);
        assertThat(v.closedCleanly()).isTrue();
        long last = receipts.get(receipts.size() - 1).index();
        assertThat(v.treeSize()).isGreaterThan(last);
      } catch (IOException | AuditTamperException e) {
        throw new AssertionError("seed " + seed + ", count " + count + ": " + e.getMessage(), e);
      }
    });
  }

  @Test
  void timestamps_strictly_increase_from_the_start() {
    qt().withExamples(50).forAll(longs().all(), integers().between(1, 300)).checkAssert((seed, count) -> {
      // GIVEN a generator with a start and a maximum gap
      Instant start = Instant.parse("2030-01-01T00:00:00Z");
      AuditEventGenerator gen = AuditEventGenerator.builder().start(start).maxGap(Duration.ofSeconds(2)).build();

      // WHEN it generates
      List<AuditEvent> events = gen.events(seed, count);

      // THEN there are that many, each 1 ms to 2 s after the one before, the first after the start
      assertThat(events).hasSize(count);
      Instant previous = start;
      for (AuditEvent e : events) {
        assertThat(e.timestamp()).isAfter(previous).isBeforeOrEqualTo(previous.plusSeconds(2));
        previous = e.timestamp();
      }
    });
  }

  @Test
  void the_mix_is_realistic_and_deterministic() {
    // GIVEN a long stream
    List<AuditEvent> events = AuditEventGenerator.defaults().events(99L, 2000);

    // WHEN its kinds are counted
    Set<Class<?>> kinds = new HashSet<>();
    long predictions = 0;
    long withPersonalData = 0;
    for (AuditEvent e : events) {
      kinds.add(e.getClass());
      predictions += e instanceof PredictionEvent ? 1 : 0;
      withPersonalData += e.personalData().isEmpty() ? 0 : 1;
    }

    // THEN every kind appears, predictions dominate, personal data is common, and the seed fixes the stream
    assertThat(kinds).containsExactlyInAnyOrder(PredictionEvent.class, PolicyDecisionEvent.class,
        DeploymentEvent.class, ApprovalEvent.class, KeyRotationEvent.class, CustomEvent.class);
    assertThat(predictions).isBetween(1000L, 1400L);
    assertThat(withPersonalData).isGreaterThan(500L);
    List<AuditEvent> again = AuditEventGenerator.defaults().events(99L, 2000);
    for (int i = 0; i < events.size(); i++) {
      assertThat(again.get(i).type()).isEqualTo(events.get(i).type());
      assertThat(again.get(i).timestamp()).isEqualTo(events.get(i).timestamp());
      assertThat(again.get(i).attributes()).isEqualTo(events.get(i).attributes());
      assertThat(again.get(i).personalData()).isEqualTo(events.get(i).personalData());
    }
  }

  @Test
  void without_personal_data_no_event_has_a_subject() {
    // GIVEN a generator without personal data
    AuditEventGenerator gen = AuditEventGenerator.builder().personalData(false).build();

    // WHEN it generates
    List<AuditEvent> events = gen.events(7L, 500);

    // THEN no event names a subject or carries personal fields
    assertThat(events).allSatisfy(e -> {
      assertThat(e.subject()).isEmpty();
      assertThat(e.personalData()).isEmpty();
    });
  }

  @Test
  void bad_counts_and_options_are_named() {
    // GIVEN out-of-range arguments
    // WHEN they are used
    // THEN the error names them
    assertThatThrownBy(() -> AuditEventGenerator.defaults().events(1L, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("count must be in 0..");
    assertThatThrownBy(() -> AuditEventGenerator.builder().maxGap(Duration.ZERO).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("maxGap");
    assertThatThrownBy(() -> AuditEventGenerator.builder().models(0).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("models must be in 1..100, got 0");
    assertThatThrownBy(() -> AuditEventGenerator.builder().start(null).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("start");
  }
}
