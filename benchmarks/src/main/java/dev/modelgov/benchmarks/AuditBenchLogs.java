package dev.modelgov.benchmarks;

import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.AuditVerification;
import dev.modelgov.core.audit.AuditVerifier;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.provenance.SigningKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The audit log as the benchmarks open it: {@link DurableAuditLog} with a fresh Ed25519 checkpoint key and every other
 * setting at its default (64 MiB preallocated segments, a signed checkpoint every 10,000 records or 1 s, queue of
 * 65,536, fsync every 10 ms in ASYNC mode), and the checks the benchmarks run on it.
 */
final class AuditBenchLogs {

  /** The origin of the benchmark logs. */
  static final String ORIGIN = "bench.example/audit";

  private AuditBenchLogs() {}

  /**
   * A fresh Ed25519 checkpoint signer named after the origin.
   *
   * @return the signer
   */
  static NoteSigner signer() {
    return NoteSigner.ed25519(ORIGIN, SigningKey.generate(SignatureAlgorithm.ED25519));
  }

  /**
   * Opens a new log.
   *
   * @param dir the log directory (created)
   * @param durability the mode
   * @param signer the checkpoint signer
   * @return the open log
   * @throws IOException if it cannot be opened
   */
  static DurableAuditLog open(Path dir, Durability durability, NoteSigner signer) throws IOException {
    return DurableAuditLog.builder(dir).origin(ORIGIN).durability(durability).signer(signer).open();
  }

  /**
   * Checks that the log records exactly the baselines' bytes: for the first {@code n} events of the pool, the receipt's
   * leaf hash must be SHA-256(0x00 || the canonical JSON the baselines write).
   *
   * @param log the log
   * @param pool the events
   * @param n how many events to append and check
   * @throws IllegalStateException if a leaf hash differs
   */
  static void requireSameBytes(DurableAuditLog log, AuditBenchEvents pool, int n) {
    for (int i = 0; i < n; i++) {
      AuditReceipt r = log.append(pool.event(i));
      if (!r.leafHash().equals(pool.leafHash(i))) {
        throw new IllegalStateException(
            "the audit log records other bytes than the baselines write for event " + i + ": leaf " + r.leafHash()
                + ", expected " + pool.leafHash(i) + " for " + pool.json(i));
      }
    }
  }

  /**
   * Verifies a closed log offline and checks that it holds exactly {@code events} events (its records less its
   * checkpoint records).
   *
   * @param dir the log directory
   * @param signer the checkpoint signer
   * @param events the events appended
   * @param label names the benchmark in the printed line
   * @return the verification
   * @throws IOException if the log cannot be read
   * @throws AuditTamperException if it does not verify
   * @throws IllegalStateException if it holds another number of events
   */
  static AuditVerification verifyCount(Path dir, NoteSigner signer, long events, String label)
      throws IOException, AuditTamperException {
    AuditVerification v = AuditVerifier.builder().trust(signer.verifier()).build().verify(dir);
    long recorded = v.treeSize() - v.firstIndex() - v.checkpointsVerified();
    System.out.printf(
        Locale.ROOT, "%n[%s] %d events appended; %s; %.1f MiB on disk%n", label, events, v.summary(),
        AuditBenchFiles.size(dir) / 1048576.0);
    if (recorded != events || !v.closedCleanly()) {
      throw new IllegalStateException(
          label + ": the log holds " + recorded + " events (" + v.summary() + ") for " + events + " appended");
    }
    return v;
  }
}
