package dev.modelgov.benchmarks;

import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.AuditVerification;
import dev.modelgov.core.audit.AuditVerifier;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Offline verification of a closed audit log of {@value #LEAVES} events against raw SHA-256 of the same bytes,
 * measured in the same run.
 *
 * <ul>
 *   <li>{@link #auditVerify}: {@code AuditVerifier.verify(dir)} with the log's Ed25519 key trusted, over a log built
 *       at setup (ASYNC appends of {@value #LEAVES} events of about 256 bytes, then {@code close()}; about 100 signed
 *       checkpoints). It reads every segment (from the page cache), checks each record's framing, CRC32C and index,
 *       recomputes each leaf hash against the persisted tiles and the Merkle root of every in-log checkpoint, and
 *       verifies every checkpoint signature. The log also holds its checkpoint records (about 0.01% more records); they
 *       are verified but not counted.
 *   <li>{@link #baselineSha256Leaves}: SHA-256 of the same {@value #LEAVES} payloads (the canonical JSON the log
 *       records, checked against the receipts' leaf hashes at setup), in memory, with one reused {@code
 *       MessageDigest}, and nothing else.
 * </ul>
 *
 * <p>The score is the time per leaf ({@link Mode#SingleShotTime} with {@link OperationsPerInvocation}); leaves/s =
 * 10^9 / score. Target: at least 1,000,000 leaves/s. Run with {@code scripts/bench.sh AuditVerify}; see {@code
 * benchmarks/README.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(AuditVerifyBenchmark.LEAVES)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class AuditVerifyBenchmark {

  /** The events in the log, and the leaves per operation. */
  static final int LEAVES = 1_000_000;

  /** The events. */
  @State(Scope.Benchmark)
  public static class Events {
    AuditBenchEvents pool;

    /** Builds the pool. */
    @Setup(Level.Trial)
    public void setUp() {
      pool = AuditBenchEvents.create();
    }
  }

  /** A closed, signed log of {@value #LEAVES} events. */
  @State(Scope.Benchmark)
  public static class ClosedLog {
    Path base;
    Path dir;
    AuditVerifier verifier;

    /**
     * Writes the log, closes it and verifies it once.
     *
     * @param events the events
     * @throws IOException if the log cannot be written
     * @throws AuditTamperException if it does not verify
     */
    @Setup(Level.Trial)
    public void setUp(Events events) throws IOException, AuditTamperException {
      base = AuditBenchFiles.tempDir("modelgov-audit-verify-");
      dir = base.resolve("log");
      NoteSigner signer = AuditBenchLogs.signer();
      try {
        try (DurableAuditLog log = AuditBenchLogs.open(dir, Durability.ASYNC, signer)) {
          AuditBenchLogs.requireSameBytes(log, events.pool, 16);
          for (int i = 16; i < LEAVES; i++) {
            log.append(events.pool.event(i));
          }
        }
        verifier = AuditVerifier.builder().trust(signer.verifier()).build();
        AuditBenchLogs.verifyCount(dir, signer, LEAVES, "audit verify");
      } catch (IOException | AuditTamperException | RuntimeException e) {
        AuditBenchFiles.deleteTree(base); // no tear-down after a failed setup
        throw e;
      }
    }

    /** Deletes the log. */
    @TearDown(Level.Trial)
    public void tearDown() {
      AuditBenchFiles.deleteTree(base);
    }
  }

  /**
   * The audit log's offline verifier over the whole log.
   *
   * @param log the closed log
   * @return the verification
   * @throws IOException if the log cannot be read
   * @throws AuditTamperException if it does not verify
   */
  @Benchmark
  public AuditVerification auditVerify(ClosedLog log) throws IOException, AuditTamperException {
    return log.verifier.verify(log.dir);
  }

  /**
   * The baseline: SHA-256 of each of the same payloads.
   *
   * @param events the events
   * @return a byte of every hash, folded, so that no hash is dead code
   */
  @Benchmark
  public int baselineSha256Leaves(Events events) {
    MessageDigest md = sha256();
    int fold = 0;
    for (int i = 0; i < LEAVES; i++) {
      fold += md.digest(events.pool.canonical(i))[0];
    }
    return fold;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
