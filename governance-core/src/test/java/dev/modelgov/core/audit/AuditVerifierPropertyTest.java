package dev.modelgov.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.modelgov.core.audit.LogFixture.Diff;
import dev.modelgov.core.audit.LogFixture.Log;
import dev.modelgov.core.audit.LogFixture.Rec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * On generated closed logs (random sizes, payload sizes, segment roll sizes and checkpoint cadences), every kind of
 * damage is detected and located: the reported segment is the first one damaged, and the reported offset and index
 * are at or before the first damaged byte and the record that held it.
 */
class AuditVerifierPropertyTest {

  private static final int EXAMPLES = 80;
  private static final AuditVerifier VERIFIER = LogFixture.verifier();

  @TempDir Path tmp;
  private int logs;

  private final Gen<Integer> events = integers().between(1, 32);
  private final Gen<Integer> cadence = integers().between(0, 8);
  private final Gen<Integer> rollBytes = integers().between(120, 1500);
  private final Gen<Long> seeds = longs().all();

  private Log generate(int n, int every, int roll, long seed) {
    return LogFixture.builder().events(n).checkpointEvery(every).rollBytes(roll).randomPayloads(seed)
        .write(tmp.resolve("p" + (++logs)));
  }

  /** Generates a log, damages it with {@code damage(log, random)}, and checks the damage is found and located. */
  private void checkDetected(BiConsumer<Log, Random> damage) {
    qt().withExamples(EXAMPLES).forAll(events, cadence, rollBytes, seeds).checkAssert((n, every, roll, seed) -> {
      // GIVEN a generated closed log, damaged
      Log log = generate(n, every, roll, seed);
      Map<String, byte[]> before = log.snapshot();
      damage.accept(log, new Random(seed));
      Diff diff = log.firstDifference(before);

      // WHEN it is verified
      AuditTamperException e = catchThrowableOfType(AuditTamperException.class, () -> VERIFIER.verify(log.dir));

      // THEN it is rejected, located in the first damaged segment at or before the damage
      assertThat(e).as("damage at %s must be detected", diff).isNotNull();
      assertThat(e.segment()).as(e.getMessage()).isEqualTo(diff.segment());
      assertThat(e.offset()).as(e.getMessage()).isBetween(0L, diff.offset());
      assertThat(e.index()).as(e.getMessage()).isBetween(0L, diff.index());
    });
  }

  @Test
  void generated_closed_logs_verify() {
    qt().withExamples(EXAMPLES).forAll(events, cadence, rollBytes, seeds).checkAssert((n, every, roll, seed) -> {
      // GIVEN a generated closed log
      Log log = generate(n, every, roll, seed);

      // WHEN it is verified
      AuditVerification v;
      try {
        v = VERIFIER.verify(log.dir);
      } catch (AuditTamperException | IOException e) {
        throw new AssertionError(e.getMessage(), e);
      }

      // THEN every record is covered by the checkpoint
      assertThat(v.treeSize()).isEqualTo(log.size());
      assertThat(v.checkpoint().treeSize()).isEqualTo(log.size() - 1);
      assertThat(v.checkpointsVerified()).isEqualTo(log.checkpointRecords());
      assertThat(v.closedCleanly()).isTrue();
    });
  }

  @Test
  void any_single_byte_change_in_any_segment_is_detected_and_located() {
    checkDetected((log, random) -> {
      // a byte anywhere in any segment file, XORed with a non-zero mask
      Map<String, byte[]> files = log.snapshot();
      long total = files.values().stream().mapToLong(b -> b.length).sum();
      long at = Math.floorMod(random.nextLong(), total);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        if (at < f.getValue().length) {
          log.flip(f.getKey(), at, 1 + random.nextInt(255));
          return;
        }
        at -= f.getValue().length;
      }
    });
  }

  @Test
  void deleting_any_record_is_detected_and_located() {
    checkDetected((log, random) -> log.deleteRecord(random.nextInt((int) log.size())));
  }

  @Test
  void inserting_a_copy_of_any_record_anywhere_is_detected_and_located() {
    checkDetected((log, random) -> {
      long copy = random.nextInt((int) log.size());
      int where = random.nextInt((int) log.size() + log.segments.size());
      if (where < log.size()) {
        log.insertCopy(copy, where);
      } else {
        log.insertCopyAtEnd(copy, log.segments.get(where - (int) log.size()));
      }
    });
  }

  @Test
  void duplicating_any_record_is_detected_and_located() {
    checkDetected((log, random) -> {
      Rec r = log.rec(random.nextInt((int) log.size()));
      log.insert(r.segment(), r.end(), r.encoded());
    });
  }

  @Test
  void swapping_any_two_records_is_detected_and_located() {
    checkDetected((log, random) -> {
      int size = (int) log.size();
      int i = random.nextInt(size - 1);
      int j = i + 1 + random.nextInt(size - 1 - i);
      log.swap(i, j);
    });
  }

  @Test
  void the_fixture_damages_what_it_says() {
    // GIVEN a small log WHEN a record is deleted THEN the first difference is inside that record
    Log log = generate(6, 2, 10_000, 1);
    Map<String, byte[]> before = log.snapshot();
    log.deleteRecord(3);
    Diff d = log.firstDifference(before);
    assertThat(d.index()).isEqualTo(3);
    assertThat(d.offset()).isBetween(log.rec(3).offset(), log.rec(3).end() - 1);
    assertThat(d.segment()).isEqualTo(log.rec(3).segment());
    assertThat(log.bytes(d.segment())).hasSize((int) (before.get(d.segment()).length - log.rec(3).size()));
  }
}
