package dev.modelgov.benchmarks;

import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.AuditVerifier;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteSigner;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An interleaved A/B check of the audit-log comparisons, for a shared, noisy machine: JMH runs each benchmark in its
 * own fork, minutes apart, so a change in background load lands on one side of a pair only. This program runs both
 * sides of each pair in <em>one</em> JVM and alternates them in short rounds, so background load hits both alike, and
 * prints the median of the per-round ratios. It checks nothing that JMH does not; it is a cross-check, not a
 * replacement.
 *
 * <ul>
 *   <li>SYNC: {@code rounds} x (1 s of 16 threads appending to the SYNC audit log, then 1 s of the same threads on
 *       {@link AuditGroupCommitWriter}); events/s per round, and p99 of each side's ack latencies over all rounds.
 *   <li>ASYNC: {@code rounds} x (a batch of 200,000 events from 2 producers into the ASYNC audit log until {@code
 *       flush()}, then the same batch through {@link AuditLog4jBaseline} until its ring buffer is empty).
 *   <li>Verify: {@code rounds} x ({@code AuditVerifier.verify} of a closed log of 1,000,000 events, then SHA-256 of
 *       the same payloads).
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.modelgov.benchmarks.AuditInterleavedCheck [rounds]}
 * (default 8; about 1.5 minutes). Temporary files go under {@code java.io.tmpdir} and are deleted.
 */
public final class AuditInterleavedCheck {

  private static final int SYNC_THREADS = 16;
  private static final long SYNC_SLICE_NANOS = 1_000_000_000L;
  private static final int ASYNC_PRODUCERS = 2;
  private static final int ASYNC_BATCH = 200_000;
  private static final int VERIFY_LEAVES = 1_000_000;

  private AuditInterleavedCheck() {}

  /**
   * Runs the three checks.
   *
   * @param args optional: the number of rounds
   * @throws Exception if a side fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    AuditBenchEvents pool = AuditBenchEvents.create();
    System.out.println("audit events: " + pool.describe() + "; " + rounds + " rounds per pair");
    syncCheck(pool, rounds);
    asyncCheck(pool, rounds);
    verifyCheck(pool, rounds);
  }

  /** One side of the SYNC pair: a durable append. */
  @FunctionalInterface
  private interface DurableAppend {
    void append(long i) throws Exception;
  }

  private static void syncCheck(AuditBenchEvents pool, int rounds) throws Exception {
    Path dir = AuditBenchFiles.tempDir("modelgov-audit-ab-sync-");
    try {
      NoteSigner signer = AuditBenchLogs.signer();
      try (DurableAuditLog log = AuditBenchLogs.open(dir.resolve("log"), Durability.SYNC, signer);
          AuditGroupCommitWriter gc = AuditGroupCommitWriter.create(dir.resolve("baseline.dat"),
              AuditSyncBenchmark.FILE_BYTES)) {
        AuditBenchLogs.requireSameBytes(log, pool, 16);
        DurableAppend ours = i -> log.append(pool.event(i));
        DurableAppend baseline = i -> gc.append(pool.canonical(i));
        slice(ours, SYNC_SLICE_NANOS / 2, null); // warm-up
        slice(baseline, SYNC_SLICE_NANOS / 2, null);
        double[] ratios = new double[rounds];
        double[] oursRates = new double[rounds];
        double[] baseRates = new double[rounds];
        List<long[]> oursLat = new ArrayList<>();
        List<long[]> baseLat = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          // Alternate which side goes first, so a trend in the load does not favour one.
          if (r % 2 == 0) {
            oursRates[r] = slice(ours, SYNC_SLICE_NANOS, oursLat);
            baseRates[r] = slice(baseline, SYNC_SLICE_NANOS, baseLat);
          } else {
            baseRates[r] = slice(baseline, SYNC_SLICE_NANOS, baseLat);
            oursRates[r] = slice(ours, SYNC_SLICE_NANOS, oursLat);
          }
          ratios[r] = oursRates[r] / baseRates[r];
        }
        double p99Ours = percentile(oursLat, 0.99);
        double p99Base = percentile(baseLat, 0.99);
        System.out.printf(
            Locale.ROOT,
            "SYNC, 16 threads: audit log %,.0f events/s, group commit %,.0f events/s (medians); events/s ratio"
                + " median %.2fx (rounds %s; target >= 0.8x)%n"
                + "  p99 ack: audit log %.2f ms, group commit %.2f ms: %.2fx (target <= 2x); p50 %.2f / %.2f ms%n",
            median(oursRates), median(baseRates), median(ratios), format(ratios), p99Ours / 1e6, p99Base / 1e6,
            p99Ours / p99Base, percentile(oursLat, 0.5) / 1e6, percentile(baseLat, 0.5) / 1e6);
      }
    } finally {
      AuditBenchFiles.deleteTree(dir);
    }
  }

  /**
   * Runs {@value #SYNC_THREADS} threads on one side for a time slice.
   *
   * @return events/s
   */
  private static double slice(DurableAppend side, long nanos, List<long[]> latencies) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    long[] counts = new long[SYNC_THREADS];
    long[][] lat = new long[SYNC_THREADS][];
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread[] threads = new Thread[SYNC_THREADS];
    long[] window = new long[2];
    for (int t = 0; t < SYNC_THREADS; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        long[] mine = new long[1024];
        int n = 0;
        long i = id * 256L;
        try {
          start.await();
          long end = window[0] + nanos;
          for (long now = System.nanoTime(); now < end; ) {
            side.append(i++);
            long done = System.nanoTime();
            if (n == mine.length) {
              mine = Arrays.copyOf(mine, n * 2);
            }
            mine[n++] = done - now;
            now = done;
          }
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        }
        counts[id] = n;
        lat[id] = Arrays.copyOf(mine, n);
      });
      threads[t].start();
    }
    window[0] = System.nanoTime();
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    window[1] = System.nanoTime();
    if (failure.get() != null) {
      throw failure.get();
    }
    long total = Arrays.stream(counts).sum();
    if (latencies != null) {
      latencies.addAll(Arrays.asList(lat));
    }
    return total / ((window[1] - window[0]) / 1e9);
  }

  private static void asyncCheck(AuditBenchEvents pool, int rounds) throws Exception {
    Path dir = AuditBenchFiles.tempDir("modelgov-audit-ab-async-");
    AuditProducers producers = new AuditProducers(ASYNC_PRODUCERS);
    try {
      NoteSigner signer = AuditBenchLogs.signer();
      AuditLog4jBaseline log4j = AuditLog4jBaseline.start(dir.resolve("log4j.jsonl"), "object");
      long log4jCalls = 0;
      try (DurableAuditLog log = AuditBenchLogs.open(dir.resolve("log"), Durability.ASYNC, signer)) {
        AuditBenchLogs.requireSameBytes(log, pool, 16);
        double[] ours = new double[rounds + 1];
        double[] base = new double[rounds + 1];
        double[] ratios = new double[rounds];
        for (int r = 0; r <= rounds; r++) { // round 0 is the warm-up
          long from = (long) r * ASYNC_BATCH;
          if (r % 2 == 0) {
            ours[r] = asyncBatch(producers, from, i -> log.append(pool.event(i)), log::flush);
            base[r] = asyncBatch(producers, from, i -> log4j.log(pool.map(i)), log4j::awaitWritten);
          } else {
            base[r] = asyncBatch(producers, from, i -> log4j.log(pool.map(i)), log4j::awaitWritten);
            ours[r] = asyncBatch(producers, from, i -> log.append(pool.event(i)), log::flush);
          }
          log4jCalls += ASYNC_BATCH;
          if (r > 0) {
            ratios[r - 1] = ours[r] / base[r];
          }
        }
        double[] oursM = Arrays.copyOfRange(ours, 1, rounds + 1);
        double[] baseM = Arrays.copyOfRange(base, 1, rounds + 1);
        System.out.printf(
            Locale.ROOT,
            "ASYNC, 2 producers, batches of %,d until written: audit log %,.0f events/s, Log4j2 %,.0f events/s"
                + " (medians); ratio median %.2fx (rounds %s; target >= 1.0x)%n",
            ASYNC_BATCH, median(oursM), median(baseM), median(ratios), format(ratios));
      } finally {
        log4j.stop(log4jCalls, pool);
      }
    } finally {
      producers.close();
      AuditBenchFiles.deleteTree(dir);
    }
  }

  /** Waits until a batch is written. */
  @FunctionalInterface
  private interface Drain {
    void await();
  }

  private static double asyncBatch(AuditProducers producers, long from, AuditAsyncBenchmark.EventSink sink,
      Drain drain) throws Exception {
    int share = ASYNC_BATCH / ASYNC_PRODUCERS;
    long t0 = System.nanoTime();
    producers.run(p -> {
      long start = from + (long) p * share;
      for (long i = start; i < start + share; i++) {
        sink.accept(i);
      }
      return share;
    });
    drain.await();
    return ASYNC_BATCH / ((System.nanoTime() - t0) / 1e9);
  }

  private static void verifyCheck(AuditBenchEvents pool, int rounds) throws Exception {
    Path dir = AuditBenchFiles.tempDir("modelgov-audit-ab-verify-");
    try {
      NoteSigner signer = AuditBenchLogs.signer();
      Path logDir = dir.resolve("log");
      try (DurableAuditLog log = AuditBenchLogs.open(logDir, Durability.ASYNC, signer)) {
        AuditBenchLogs.requireSameBytes(log, pool, 16);
        for (int i = 16; i < VERIFY_LEAVES; i++) {
          log.append(pool.event(i));
        }
      }
      AuditVerifier verifier = AuditVerifier.builder().trust(signer.verifier()).build();
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      double[] ours = new double[rounds + 1];
      double[] base = new double[rounds + 1];
      double[] ratios = new double[rounds];
      int fold = 0;
      for (int r = 0; r <= rounds; r++) { // round 0 is the warm-up
        long t0 = System.nanoTime();
        verifier.verify(logDir);
        long t1 = System.nanoTime();
        for (int i = 0; i < VERIFY_LEAVES; i++) {
          fold += md.digest(pool.canonical(i))[0];
        }
        long t2 = System.nanoTime();
        ours[r] = VERIFY_LEAVES / ((t1 - t0) / 1e9);
        base[r] = VERIFY_LEAVES / ((t2 - t1) / 1e9);
        if (r > 0) {
          ratios[r - 1] = ours[r] / base[r];
        }
      }
      System.out.printf(
          Locale.ROOT,
          "verify, %,d leaves: AuditVerifier %,.0f leaves/s (target >= 1,000,000), raw SHA-256 %,.0f leaves/s"
              + " (medians); ratio median %.2fx (rounds %s) [fold %d]%n",
          VERIFY_LEAVES, median(Arrays.copyOfRange(ours, 1, rounds + 1)),
          median(Arrays.copyOfRange(base, 1, rounds + 1)), median(ratios), format(ratios), fold & 1);
    } finally {
      AuditBenchFiles.deleteTree(dir);
    }
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double percentile(List<long[]> samples, double q) {
    int n = samples.stream().mapToInt(a -> a.length).sum();
    long[] all = new long[n];
    int at = 0;
    for (long[] a : samples) {
      System.arraycopy(a, 0, all, at, a.length);
      at += a.length;
    }
    Arrays.sort(all);
    return n == 0 ? Double.NaN : all[Math.min(n - 1, (int) Math.ceil(q * n) - 1)];
  }

  private static String format(double[] ratios) {
    StringBuilder b = new StringBuilder();
    for (double r : ratios) {
      b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", r));
    }
    return b.toString();
  }
}
