package dev.modelgov.benchmarks;

import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Durable (SYNC) audit appends from 16 threads against two baselines in the same run: the plainest durable group
 * commit ({@link AuditGroupCommitWriter}: {@code FileChannel.write} + {@code force(false)} of the raw bytes, no
 * hashing or framing, on a preallocated file) and what teams use today, a PostgreSQL audit table (one JSON insert per
 * transaction, {@code synchronous_commit=on}, 16 connections).
 *
 * <ul>
 *   <li>{@link #auditSync} / {@link #auditSyncLatency}: {@code DurableAuditLog} with {@code Durability.SYNC}, {@code
 *       append(event)}; it returns after the group-commit {@code fsync} that covers the event.
 *   <li>{@link #baselineGroupCommit} / {@link #baselineGroupCommitLatency}: the same events' canonical JSON bytes
 *       through {@link AuditGroupCommitWriter}.
 *   <li>{@link #baselinePostgres}: {@code INSERT INTO audit(event) VALUES (?::jsonb)} of the same JSON, autocommit,
 *       each thread on its own connection. Needs the JDBC URL in system property {@code modelgov.bench.pg.url} or
 *       environment variable {@code MODELGOV_BENCH_PG_URL} ({@code benchmarks/postgres.sh start} prints it; {@code
 *       scripts/bench.sh} does this itself); without it the benchmark is skipped.
 * </ul>
 *
 * <p>The {@code *Latency} twins run the same operation in {@link Mode#SampleTime} for the ack-latency percentiles
 * (p99 is what the targets use). Every operation is acknowledged only once durable, so the throughput counts events
 * written, and each tear-down checks the count written against the calls. Targets: events/s at least 0.8x the
 * group-commit baseline's, p99 ack at most 2x its p99, and at least 2x PostgreSQL's durable inserts/s. Run with
 * {@code scripts/bench.sh AuditSync}; see {@code benchmarks/README.md}.
 */
@State(Scope.Benchmark)
@Threads(16)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class AuditSyncBenchmark {

  /** The size of the baseline's preallocated file, as a segment's. */
  static final long FILE_BYTES = 64L << 20;

  /** The system property with the PostgreSQL JDBC URL. */
  static final String PG_URL_PROPERTY = "modelgov.bench.pg.url";

  /** The environment variable with the PostgreSQL JDBC URL, read when the property is unset. */
  static final String PG_URL_ENV = "MODELGOV_BENCH_PG_URL";

  /** Each thread's position in the event pool; threads start 256 events apart. */
  @State(Scope.Thread)
  public static class Cursor {
    long next;

    /**
     * Spreads the threads over the pool.
     *
     * @param thread JMH's thread parameters
     */
    @Setup(Level.Trial)
    public void setUp(ThreadParams thread) {
      next = thread.getThreadIndex() * 256L;
    }
  }

  /** The events, built once per fork. */
  @State(Scope.Benchmark)
  public static class Events {
    AuditBenchEvents pool;

    /** Builds the pool. */
    @Setup(Level.Trial)
    public void setUp() {
      pool = AuditBenchEvents.create();
    }
  }

  /** The audit log under test, SYNC, on a fresh directory. */
  @State(Scope.Benchmark)
  public static class SyncLog {
    /** Events appended at setup to check that the log records the baselines' bytes. */
    static final int CHECKED = 16;

    Path dir;
    NoteSigner signer;
    DurableAuditLog log;
    final LongAdder calls = new LongAdder();

    /**
     * Opens the log and checks that it records the same bytes as the baselines.
     *
     * @param events the events
     * @throws IOException if the log cannot be opened
     */
    @Setup(Level.Trial)
    public void setUp(Events events) throws IOException {
      dir = AuditBenchFiles.tempDir("modelgov-audit-sync-");
      signer = AuditBenchLogs.signer();
      log = AuditBenchLogs.open(dir.resolve("log"), Durability.SYNC, signer);
      try {
        AuditBenchLogs.requireSameBytes(log, events.pool, CHECKED);
      } catch (RuntimeException e) {
        log.close();
        AuditBenchFiles.deleteTree(dir); // no tear-down after a failed setup
        throw e;
      }
    }

    /**
     * Closes the log, verifies it offline, checks that it holds every acknowledged event and deletes it.
     *
     * @throws IOException if the log cannot be read
     * @throws AuditTamperException if it does not verify
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, AuditTamperException {
      try {
        log.close();
        AuditBenchLogs.verifyCount(dir.resolve("log"), signer, CHECKED + calls.sum(), "audit log SYNC");
      } finally {
        AuditBenchFiles.deleteTree(dir);
      }
    }
  }

  /** The group-commit baseline writer on a fresh preallocated file. */
  @State(Scope.Benchmark)
  public static class GroupCommit {
    Path dir;
    AuditGroupCommitWriter writer;
    final LongAdder calls = new LongAdder();

    /**
     * Creates and preallocates the file.
     *
     * @throws IOException if it cannot
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = AuditBenchFiles.tempDir("modelgov-audit-gc-");
      try {
        writer = AuditGroupCommitWriter.create(dir.resolve("baseline.dat"), FILE_BYTES);
      } catch (IOException | RuntimeException e) {
        AuditBenchFiles.deleteTree(dir); // no tear-down after a failed setup
        throw e;
      }
    }

    /**
     * Stops the writer, checks that every call was written and deletes the file.
     *
     * @throws IOException if the writer cannot be closed
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      try {
        writer.close();
        long written = writer.durableCount();
        long n = calls.sum();
        System.out.printf(
            Locale.ROOT, "%n[group-commit baseline] %d records durable in %d fsyncs (%.1f per fsync), %d calls%n",
            written, writer.batches(), written / (double) Math.max(1, writer.batches()), n);
        if (written != n) {
          throw new IllegalStateException("group-commit baseline wrote " + written + " records for " + n + " calls");
        }
      } finally {
        AuditBenchFiles.deleteTree(dir);
      }
    }
  }

  /** The PostgreSQL table, emptied at the start; skips the benchmark when no URL is given. */
  @State(Scope.Benchmark)
  public static class Postgres {
    String url;
    final LongAdder calls = new LongAdder();

    /**
     * Checks the URL and empties the table.
     *
     * @throws SQLException if the database cannot be reached
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
      url = postgresUrl();
      if (url == null) {
        throw new IllegalStateException(
            "SKIPPED baselinePostgres: no PostgreSQL. Run `benchmarks/postgres.sh start` and pass its JDBC URL in "
                + PG_URL_ENV + " (or -D" + PG_URL_PROPERTY + "), or run scripts/bench.sh, which does both.");
      }
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        try (ResultSet r = s.executeQuery("SHOW synchronous_commit")) {
          r.next();
          requireSetting("synchronous_commit", r.getString(1), "on");
        }
        try (ResultSet r = s.executeQuery("SHOW fsync")) {
          r.next();
          requireSetting("fsync", r.getString(1), "on");
        }
        s.execute("TRUNCATE audit RESTART IDENTITY");
        try {
          s.execute("CHECKPOINT"); // start without dirty buffers from an earlier run
        } catch (SQLException e) {
          System.out.println("[postgres baseline] no CHECKPOINT before the run: " + e.getMessage());
        }
      }
    }

    /**
     * Checks that every call inserted one row, then empties the table.
     *
     * @throws SQLException if the database cannot be reached
     */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM audit")) {
        r.next();
        long rows = r.getLong(1);
        long n = calls.sum();
        System.out.printf(Locale.ROOT, "%n[postgres baseline] %d rows committed, %d calls%n", rows, n);
        s.execute("TRUNCATE audit RESTART IDENTITY");
        if (rows != n) {
          throw new IllegalStateException("PostgreSQL holds " + rows + " rows for " + n + " calls");
        }
      }
    }

    private static void requireSetting(String name, String value, String expected) {
      if (!expected.equals(value)) {
        throw new IllegalStateException("PostgreSQL " + name + " is " + value + ", the baseline needs " + expected);
      }
    }
  }

  /** One connection per thread, autocommit, one prepared insert. */
  @State(Scope.Thread)
  public static class PgConnection {
    Connection connection;
    PreparedStatement insert;

    /**
     * Connects.
     *
     * @param pg the database (checked first)
     * @throws SQLException if the connection fails
     */
    @Setup(Level.Trial)
    public void setUp(Postgres pg) throws SQLException {
      connection = DriverManager.getConnection(pg.url);
      connection.setAutoCommit(true);
      insert = connection.prepareStatement("INSERT INTO audit(event) VALUES (?::jsonb)");
    }

    /**
     * Disconnects.
     *
     * @throws SQLException if closing fails
     */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
      insert.close();
      connection.close();
    }
  }

  /**
   * The JDBC URL of the PostgreSQL baseline.
   *
   * @return the URL, or {@code null} if neither the property nor the environment variable is set
   */
  static String postgresUrl() {
    String url = System.getProperty(PG_URL_PROPERTY);
    if (url == null || url.isBlank()) {
      url = System.getenv(PG_URL_ENV);
    }
    return url == null || url.isBlank() ? null : url;
  }

  /**
   * The audit log: a durable SYNC append.
   *
   * @param log the log
   * @param events the events
   * @param cursor this thread's position
   * @return the receipt
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public AuditReceipt auditSync(SyncLog log, Events events, Cursor cursor) {
    AuditReceipt r = log.log.append(events.pool.event(cursor.next++));
    log.calls.increment();
    return r;
  }

  /**
   * {@link #auditSync} sampled for ack-latency percentiles.
   *
   * @param log the log
   * @param events the events
   * @param cursor this thread's position
   * @return the receipt
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public AuditReceipt auditSyncLatency(SyncLog log, Events events, Cursor cursor) {
    AuditReceipt r = log.log.append(events.pool.event(cursor.next++));
    log.calls.increment();
    return r;
  }

  /**
   * Baseline: group commit of the raw bytes.
   *
   * @param gc the writer
   * @param events the events
   * @param cursor this thread's position
   * @return the record's sequence number
   * @throws IOException if the writer failed
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long baselineGroupCommit(GroupCommit gc, Events events, Cursor cursor) throws IOException {
    long seq = gc.writer.append(events.pool.canonical(cursor.next++));
    gc.calls.increment();
    return seq;
  }

  /**
   * {@link #baselineGroupCommit} sampled for ack-latency percentiles.
   *
   * @param gc the writer
   * @param events the events
   * @param cursor this thread's position
   * @return the record's sequence number
   * @throws IOException if the writer failed
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long baselineGroupCommitLatency(GroupCommit gc, Events events, Cursor cursor) throws IOException {
    long seq = gc.writer.append(events.pool.canonical(cursor.next++));
    gc.calls.increment();
    return seq;
  }

  /**
   * Baseline: one durable PostgreSQL insert of the event's JSON per transaction.
   *
   * @param pg the database
   * @param conn this thread's connection
   * @param events the events
   * @param cursor this thread's position
   * @return the update count
   * @throws SQLException if the insert fails
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int baselinePostgres(Postgres pg, PgConnection conn, Events events, Cursor cursor) throws SQLException {
    conn.insert.setString(1, events.pool.json(cursor.next++));
    int n = conn.insert.executeUpdate();
    pg.calls.increment();
    return n;
  }
}
