package dev.modelgov.core.audit;

import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.provenance.SigningKey;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link DurableAuditLogCrashTest} kills: opens a log in SYNC mode and appends from several threads until
 * it is killed, writing one line {@code <index> <leaf hash hex>} to stdout, flushed, after each acknowledged append.
 *
 * <p>Arguments: log directory, file with the 32-byte Ed25519 seed, threads, segment bytes, checkpoint records,
 * checkpoint milliseconds, a tag for the events, a scratch directory to warm up in (deleted after). It opens the log
 * only once a byte arrives on stdin.
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    byte[] seed = Files.readAllBytes(Path.of(args[1]));
    int threads = Integer.parseInt(args[2]);
    long segmentBytes = Long.parseLong(args[3]);
    long checkpointRecords = Long.parseLong(args[4]);
    long checkpointMillis = Long.parseLong(args[5]);
    String tag = args[6];
    Path scratch = Path.of(args[7]);
    NoteSigner signer = NoteSigner.ed25519(AuditLogFixtures.ORIGIN, SigningKey.fromEd25519Seed(seed));
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 256);
    // Warm up (class loading, Ed25519 tables) on a scratch log while the parent checks the previous round, then
    // wait for its go-ahead: the log directory is the parent's until then.
    try (DurableAuditLog warm = DurableAuditLog.builder(scratch).origin(AuditLogFixtures.ORIGIN).signer(signer)
        .segmentMaxBytes(segmentBytes).open()) {
      warm.append(CustomEvent.builder("test.warmup").attribute("n", 0).build());
      warm.checkpointNow();
    }
    deleteTree(scratch);
    if (System.in.read() < 0) {
      return;
    }
    DurableAuditLog log = DurableAuditLog.builder(dir).origin(AuditLogFixtures.ORIGIN).signer(signer)
        .durability(Durability.SYNC).segmentMaxBytes(segmentBytes)
        .checkpointEvery(checkpointRecords, Duration.ofMillis(checkpointMillis)).open();
    if (log.isReadOnly()) {
      System.err.println("opened read-only: " + log.recovery());
      System.exit(2);
    }
    for (int t = 0; t < threads; t++) {
      String writer = tag + "-" + t;
      Thread th = new Thread(() -> {
        for (long i = 0; ; i++) {
          AuditReceipt r = log.append(CustomEvent.builder("test.crash").attribute("writer", writer)
              .attribute("n", i).attribute("pad", "p".repeat((int) (i * 131 % 400))).build());
          byte[] line = (r.index() + " " + r.leafHash().hex() + "\n").getBytes(StandardCharsets.US_ASCII);
          synchronized (out) {
            try {
              out.write(line);
              out.flush();
            } catch (java.io.IOException e) {
              System.exit(3);
            }
          }
        }
      }, "appender-" + t);
      th.start();
    }
    // The appenders run until the parent kills this process.
    Thread.currentThread().join();
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
