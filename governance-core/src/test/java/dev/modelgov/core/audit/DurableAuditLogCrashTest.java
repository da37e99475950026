package dev.modelgov.core.audit;

import static dev.modelgov.core.audit.AuditLogFixtures.ORIGIN;
import static dev.modelgov.core.audit.AuditLogFixtures.leafDigest;
import static dev.modelgov.core.audit.AuditLogFixtures.records;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.store.Layout;
import dev.modelgov.core.provenance.SigningKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random moments: a child JVM ({@link CrashChild}) appends in SYNC mode from several threads and prints each
 * receipt once {@code append} returned; the parent kills it (SIGKILL) 20-300 ms after its first receipt, reopens the
 * log (recovery), and checks that every printed receipt is in the log with its leaf hash, that the tree equals a
 * recomputation, and that the closed log verifies offline. One log directory grows over all rounds, with 4 KiB
 * segments and a checkpoint every 50 records or 20 ms, so kills land in appends, rolls and checkpoint writes.
 *
 * <p>Rounds: {@value #DEFAULT_ROUNDS} by default; set the system property {@code modelgov.crash.rounds} for a longer
 * run, e.g. {@code mvn -pl governance-core test -Dtest=DurableAuditLogCrashTest -Dmodelgov.crash.rounds=1000}. The
 * random seed is printed, and {@code modelgov.crash.seed} replays a run's kill delays.
 */
class DurableAuditLogCrashTest {

  static final int DEFAULT_ROUNDS = 50;
  static final int THREADS = 4;
  static final long SEGMENT_BYTES = 4096;
  static final long CHECKPOINT_RECORDS = 50;
  static final long CHECKPOINT_MILLIS = 20;
  static final Pattern RECEIPT = Pattern.compile("(\\d+) ([0-9a-f]{64})");

  @TempDir Path tmp;

  @Test
  void every_receipt_printed_before_a_kill_minus_nine_survives_recovery() throws Exception {
    // GIVEN one log directory, a checkpoint key, and a reproducible source of kill delays
    int rounds = Integer.getInteger("modelgov.crash.rounds", DEFAULT_ROUNDS);
    long seed = Long.getLong("modelgov.crash.seed", new SecureRandom().nextLong());
    Random random = new Random(seed);
    System.out.println("DurableAuditLogCrashTest: " + rounds + " rounds, -Dmodelgov.crash.seed=" + seed);
    Path dir = tmp.resolve("log");
    byte[] keySeed = new byte[32];
    random.nextBytes(keySeed);
    Path seedFile = tmp.resolve("key.seed");
    Files.write(seedFile, keySeed);
    NoteSigner signer = NoteSigner.ed25519(ORIGIN, SigningKey.fromEd25519Seed(keySeed));
    AuditVerifier verifier = AuditVerifier.builder().trust(signer.verifier()).build();
    Map<Long, String> everAcknowledged = new HashMap<>();
    int tailCuts = 0;

    Child next = Child.start(dir, seedFile, tmp, 1);
    try {
      for (int round = 1; round <= rounds; round++) {
        // WHEN a child appending in SYNC mode is killed at a random moment after its first receipt
        int delayMs = 20 + random.nextInt(281);
        String context = "round " + round + " (seed " + seed + ", kill after " + delayMs + " ms)";
        Child child = next;
        child.go();
        child.awaitFirstReceipt();
        // (the next child warms up meanwhile; it touches the log only once told to go)
        next = round < rounds ? Child.start(dir, seedFile, tmp, round + 1) : null;
        Thread.sleep(delayMs);
        Map<Long, String> printed = child.kill();
        assertThat(printed).as(context).isNotEmpty();
        for (Map.Entry<Long, String> e : printed.entrySet()) {
          assertThat(everAcknowledged.put(e.getKey(), e.getValue()))
              .as("%s: index %d acknowledged twice", context, e.getKey()).isNull();
        }

        // AND the log is reopened
        try (DurableAuditLog log = DurableAuditLog.builder(dir).origin(ORIGIN).signer(signer)
            .durability(Durability.SYNC).segmentMaxBytes(SEGMENT_BYTES)
            .checkpointEvery(CHECKPOINT_RECORDS, Duration.ofMillis(CHECKPOINT_MILLIS)).open()) {
          // THEN recovery never finds tampering, only (at most) a torn tail it cut
          RecoveryReport report = log.recovery();
          assertThat(report.status()).as("%s: %s", context, report).isNotEqualTo(RecoveryReport.Status.TAMPERED);
          if (report.status() == RecoveryReport.Status.TAIL_CUT) {
            tailCuts++;
          }
          Checkpoint cp = log.checkpointNow();
          // AND every receipt ever printed, in this round and all before, is in the log with its leaf hash
          List<SegmentRecord> recs = records(dir);
          for (int i = 0; i < recs.size(); i++) {
            assertThat(recs.get(i).index()).as(context).isEqualTo(i);
          }
          for (Map.Entry<Long, String> e : everAcknowledged.entrySet()) {
            assertThat(e.getKey()).as("%s: acknowledged index %d is missing", context, e.getKey())
                .isLessThan(recs.size());
            assertThat(leafDigest(recs.get(e.getKey().intValue()).payload()).hex())
                .as("%s: leaf hash of acknowledged index %d", context, e.getKey()).isEqualTo(e.getValue());
          }
          // AND the tree equals a recomputation over the records read back
          MerkleTree ref = new MerkleTree();
          recs.forEach(r -> ref.appendEntry(r.payload()));
          assertThat(cp.rootHash()).as(context).isEqualTo(ref.root(cp.treeSize()));
          assertThat(log.rootHash(cp.treeSize())).as(context).isEqualTo(cp.rootHash());
        }
        // AND the closed log verifies offline
        AuditVerification v = verifier.verify(dir);
        assertThat(v.closedCleanly()).as(context).isTrue();
      }
    } finally {
      if (next != null) {
        next.process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
      }
    }
    System.out.println("DurableAuditLogCrashTest: " + everAcknowledged.size() + " receipts over " + rounds
        + " kills, " + tailCuts + " torn tails cut, " + Layout.segments(dir).size() + " segments");
    assertThat(everAcknowledged).hasSizeGreaterThanOrEqualTo(rounds);
  }

  /** A child JVM running {@link CrashChild}, and the lines it printed. */
  private static final class Child {
    final Process process;
    final Path stderr;
    final List<String> lines = new ArrayList<>();
    final CountDownLatch firstReceipt = new CountDownLatch(1);
    final Thread reader;

    private Child(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      this.reader = new Thread(this::readLines, "crash-child-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path dir, Path seedFile, Path tmp, int round) throws IOException {
      Path stderr = tmp.resolve("child-" + round + "-stderr.txt");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          CrashChild.class.getName(), dir.toString(), seedFile.toString(), Integer.toString(THREADS),
          Long.toString(SEGMENT_BYTES), Long.toString(CHECKPOINT_RECORDS), Long.toString(CHECKPOINT_MILLIS),
          "r" + round, tmp.resolve("warmup-" + round).toString()).redirectError(stderr.toFile());
      return new Child(pb.start(), stderr);
    }

    /** Lets the warmed-up child open the log. */
    void go() throws IOException {
      process.getOutputStream().write('\n');
      process.getOutputStream().flush();
    }

    void awaitFirstReceipt() throws InterruptedException {
      boolean started = firstReceipt.await(2, TimeUnit.MINUTES);
      assertThat(started).as("the child printed a receipt; its stderr: %s", readQuietly(stderr)).isTrue();
    }

    /** Kills the child with SIGKILL and returns every complete receipt line it printed. */
    Map<Long, String> kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
      reader.join(TimeUnit.MINUTES.toMillis(1));
      Map<Long, String> receipts = new HashMap<>();
      synchronized (lines) {
        for (String line : lines) {
          Matcher m = RECEIPT.matcher(line);
          assertThat(m.matches()).as("a complete line is a receipt: '%s'", line).isTrue();
          receipts.put(Long.parseLong(m.group(1)), m.group(2));
        }
      }
      return receipts;
    }

    /** Collects newline-terminated lines; a last line cut off by the kill (no newline) is ignored. */
    private void readLines() {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
        StringBuilder current = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
          if (c == '\n') {
            synchronized (lines) {
              lines.add(current.toString());
            }
            current.setLength(0);
            firstReceipt.countDown();
          } else {
            current.append((char) c);
          }
        }
      } catch (IOException e) {
        // The pipe closes when the child dies.
      }
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
