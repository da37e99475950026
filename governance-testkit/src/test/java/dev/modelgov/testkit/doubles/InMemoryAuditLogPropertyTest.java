package dev.modelgov.testkit.doubles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Properties of {@link InMemoryAuditLog} over random log sizes, checkpoint positions and damaged indices. */
class InMemoryAuditLogPropertyTest {

  private static final Instant TS = Instant.parse("2026-03-01T12:00:00Z");

  private static AuditEvent event(long n) {
    return CustomEvent.builder("prop.event").timestamp(TS).attribute("n", n).build();
  }

  @Test
  void any_altered_record_is_reported_at_its_index() {
    // victim and checkpoint are drawn as any int and folded into the log's range: no assumption to reject examples
    qt().withExamples(60).forAll(integers().between(1, 40), integers().between(0, 999), integers().between(0, 999))
        .checkAssert((size, victimSeed, checkpointSeed) -> {
          Integer victim = victimSeed % size;
          int checkpointAt = 1 + checkpointSeed % size;
          // GIVEN a log with a checkpoint somewhere and a final one
          InMemoryAuditLog log = InMemoryAuditLog.create();
          for (int i = 0; i < size; i++) {
            log.append(event(i));
            if (i + 1 == checkpointAt) {
              log.checkpointNow();
            }
          }
          log.checkpointNow();
          // WHEN one record is altered
          log.tamperWithRecord(victim, ("{\"n\":" + victim + "}").getBytes(StandardCharsets.UTF_8));
          AuditTamperException e = catchThrowableOfType(AuditTamperException.class,
              () -> log.verify(log.verifier()));
          // THEN
          assertThat(e).isNotNull();
          assertThat(e.index()).isEqualTo(victim.longValue());
        });
  }

  @Test
  void every_checkpoint_root_is_the_root_of_an_independent_tree() {
    qt().withExamples(40).forAll(integers().between(0, 50), integers().between(1, 7))
        .checkAssert((size, every) -> {
          // GIVEN a log checkpointed every few records and a reference tree over the same leaves
          InMemoryAuditLog log = InMemoryAuditLog.create();
          MerkleTree reference = new MerkleTree();
          for (int i = 0; i < size; i++) {
            reference.append(log.append(event(i)).leafHash());
            if ((i + 1) % every == 0) {
              Checkpoint cp = log.checkpointNow();
              // THEN
              assertThat(cp.rootHash()).isEqualTo(reference.root(cp.treeSize()));
            }
          }
          // AND the log verifies once a checkpoint covers records; without one it fails closed
          if (size == 0 || size >= every) {
            assertThat(verified(log)).isEqualTo((long) size);
          } else {
            AuditTamperException e = catchThrowableOfType(AuditTamperException.class,
                () -> log.verify(log.verifier()));
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(AuditTamperException.Reason.CHECKPOINT_MISSING);
          }
        });
  }

  private static long verified(InMemoryAuditLog log) {
    try {
      return log.verify(log.verifier()).treeSize();
    } catch (AuditTamperException e) {
      throw new AssertionError("an intact log did not verify: " + e.getMessage(), e);
    }
  }
}
