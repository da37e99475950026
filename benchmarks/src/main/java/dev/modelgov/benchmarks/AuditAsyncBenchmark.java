package dev.modelgov.benchmarks;

import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Asynchronous audit appends against Log4j2's all-async logger writing the same events as JSON to a file, measured in
 * the same run. Both count <em>events written</em>, not calls: one operation is a batch of {@value #EVENTS} events
 * from {@code producers} threads (2 by default), timed until the last event of the batch has left the queue and is in
 * the file, so events still queued never count and a dropped event would fail the run.
 *
 * <ul>
 *   <li>{@link #auditAsync}: {@code DurableAuditLog} with {@code Durability.ASYNC}: {@code append(event)} encodes the
 *       canonical JSON and its leaf hash on the calling thread and queues the record (blocking when the queue of 65,536
 *       is full); the writer thread frames, writes, hashes the tree, fsyncs every 10 ms and signs a checkpoint every
 *       10,000 records or 1 s. The batch ends when {@code flush()} returns, i.e. when its events are durable. The
 *       tear-down verifies the log offline and fails unless it holds exactly the events appended.
 *   <li>{@link #baselineLog4jAsync}: {@link AuditLog4jBaseline}: async loggers, Disruptor 3.4.4, blocking queue-full
 *       policy, {@code RandomAccessFile} appender with {@code JsonTemplateLayout}, {@code immediateFlush=false}. The
 *       batch ends when the ring buffer is empty (the background thread flushes the file at the end of each batch it
 *       takes). The tear-down shuts Log4j down and fails unless the file has exactly one line per call.
 * </ul>
 *
 * <p>The score is the time per event ({@link Mode#SingleShotTime} with {@link OperationsPerInvocation}); events/s =
 * 10^9 / score. Target: the audit log at least 1.0x Log4j's events/s (about 0.5M events/s per writer thread on the
 * project's 2-vCPU VM). Run with {@code scripts/bench.sh AuditAsync}; see {@code benchmarks/README.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(AuditAsyncBenchmark.EVENTS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class AuditAsyncBenchmark {

  /** The events per operation (one batch), spread evenly over the producers. */
  static final int EVENTS = 500_000;

  /** The events, and the producer threads. */
  @State(Scope.Benchmark)
  public static class Producers {
    /** The number of producer threads. */
    @Param({"2"})
    public int producers;

    AuditBenchEvents pool;
    AuditProducers threads;
    long batches;
    long calls;

    /** Builds the events and starts the threads. */
    @Setup(Level.Trial)
    public void setUp() {
      if (EVENTS % producers != 0) {
        throw new IllegalArgumentException(EVENTS + " events do not split evenly over " + producers + " producers");
      }
      pool = AuditBenchEvents.create();
      threads = new AuditProducers(producers);
    }

    /**
     * Stops the threads.
     *
     * @throws InterruptedException if interrupted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      threads.close();
    }

    /**
     * Runs one batch: every producer calls {@code sink} for its share of the events.
     *
     * @param sink what to call per event
     * @throws Exception if a call fails
     */
    void batch(EventSink sink) throws Exception {
      int share = EVENTS / producers;
      long base = batches++ * EVENTS;
      calls += threads.run(p -> {
        long start = base + (long) p * share;
        for (long i = start; i < start + share; i++) {
          sink.accept(i);
        }
        return share;
      });
    }
  }

  /** Takes one event, by index into the pool. */
  @FunctionalInterface
  interface EventSink {
    /**
     * Records event {@code i}.
     *
     * @param i the index into the pool
     * @throws Exception if recording fails
     */
    void accept(long i) throws Exception;
  }

  /** The audit log under test, ASYNC, on a fresh directory. */
  @State(Scope.Benchmark)
  public static class AsyncLog {
    /** Events appended at setup to check that the log records the same bytes as the baseline. */
    static final int CHECKED = 16;

    Path dir;
    NoteSigner signer;
    DurableAuditLog log;

    /**
     * Opens the log and checks that it records the canonical JSON that Log4j writes.
     *
     * @param producers the events
     * @throws IOException if the log cannot be opened
     */
    @Setup(Level.Trial)
    public void setUp(Producers producers) throws IOException {
      dir = AuditBenchFiles.tempDir("modelgov-audit-async-");
      signer = AuditBenchLogs.signer();
      log = AuditBenchLogs.open(dir.resolve("log"), Durability.ASYNC, signer);
      try {
        AuditBenchLogs.requireSameBytes(log, producers.pool, CHECKED);
        log.flush();
      } catch (RuntimeException e) {
        log.close();
        AuditBenchFiles.deleteTree(dir); // no tear-down after a failed setup
        throw e;
      }
    }

    /**
     * Closes the log, verifies it offline, checks that it holds every event appended and deletes it.
     *
     * @param producers the calls made
     * @throws IOException if the log cannot be read
     * @throws AuditTamperException if it does not verify
     */
    @TearDown(Level.Trial)
    public void tearDown(Producers producers) throws IOException, AuditTamperException {
      try {
        log.close();
        AuditBenchLogs.verifyCount(dir.resolve("log"), signer, CHECKED + producers.calls, "audit log ASYNC");
      } finally {
        AuditBenchFiles.deleteTree(dir);
      }
    }
  }

  /** The Log4j baseline, on a fresh file. */
  @State(Scope.Benchmark)
  public static class Log4j {
    /** {@code object} (ObjectMessage, formatted on the background thread) or {@code map} (MapMessage). */
    @Param({"object"})
    public String message;

    Path dir;
    AuditLog4jBaseline log4j;

    /**
     * Starts Log4j.
     *
     * @throws IOException if the directory cannot be created
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = AuditBenchFiles.tempDir("modelgov-audit-log4j-");
      try {
        log4j = AuditLog4jBaseline.start(dir.resolve("audit.jsonl"), message);
      } catch (RuntimeException e) {
        AuditBenchFiles.deleteTree(dir); // no tear-down after a failed setup
        throw e;
      }
    }

    /**
     * Shuts Log4j down, checks that every call was written and deletes the file.
     *
     * @param producers the calls made
     * @throws IOException if the file cannot be read
     */
    @TearDown(Level.Trial)
    public void tearDown(Producers producers) throws IOException {
      try {
        log4j.stop(producers.calls, producers.pool);
      } finally {
        AuditBenchFiles.deleteTree(dir);
      }
    }
  }

  /**
   * The audit log: a batch of ASYNC appends, then {@code flush()}, which returns once every event of the batch is
   * written <em>and fsynced</em> (more than Log4j promises: Log4j never fsyncs).
   *
   * @param producers the producer threads and events
   * @param log the log
   * @throws Exception if a producer fails
   */
  @Benchmark
  public void auditAsync(Producers producers, AsyncLog log) throws Exception {
    producers.batch(i -> log.log.append(producers.pool.event(i)));
    log.log.flush();
  }

  /**
   * Baseline: a batch through Log4j2 async loggers, until the events are in the file.
   *
   * @param producers the producer threads and events
   * @param log4j the Log4j baseline
   * @throws Exception if a producer fails
   */
  @Benchmark
  public void baselineLog4jAsync(Producers producers, Log4j log4j) throws Exception {
    producers.batch(i -> log4j.log4j.log(producers.pool.map(i)));
    log4j.log4j.awaitWritten();
  }
}
