package dev.modelgov.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.ship.CursorFile;
import dev.modelgov.core.audit.internal.ship.OtelLines;
import dev.modelgov.core.audit.internal.store.Layout;
import dev.modelgov.core.audit.internal.store.LogReader;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Ships the records of an audit log directory as JSON lines for a log collector (Fluentd, Fluent Bit, Vector, Loki's
 * agents), resuming from a persisted cursor. The durable log stays the source of truth: the tailer only reads it,
 * without the writer's lock, and can run in the writing process or in another one (a sidecar).
 *
 * <h2>Line format</h2>
 *
 * <p>One line per record, under 16 KiB, with the field names of the OpenTelemetry log data model:
 *
 * <pre>{@code
 * {"timestamp":"2026-03-01T12:00:00Z",            // the event's ts (omitted for checkpoint records)
 *  "observed_timestamp":"2026-03-01T12:00:01.5Z",  // when it was shipped
 *  "severity_text":"INFO","severity_number":9,     // WARN/13 for a denied policy.decision and audit.recovered
 *  "event_name":"prediction",                      // the event type; audit.checkpoint for checkpoint records
 *  "trace_id":"4bf9...","span_id":"00f0...",       // when the event has trace context
 *  "body":{...},                                   // the event JSON as recorded
 *  "attributes":{"audit.seq":41,"audit.leaf_hash":"sha256:...","audit.origin":"bank.example/audit",
 *                "audit.checkpoint_size":1000},    // the latest checkpoint covering the record, when known
 *  "resource":{"service.name":"scoring","k8s.namespace.name":"risk"}}
 * }</pre>
 *
 * <ul>
 *   <li>The body is the event as recorded: the subject as its pseudonym, personal fields as ciphertexts. Only with
 *       {@link Builder#decrypt(boolean) decrypt(true)} are personal fields shipped decrypted (as {@code personalData}).
 *   <li>A checkpoint record ships as {@code audit.checkpoint} with its signed note as a string body and attributes
 *       {@code audit.checkpoint.tree_size} and {@code audit.checkpoint.root_hash}.
 *   <li>A line that would be longer than {@value #MAX_LINE_BYTES} bytes (newline included; containerd splits longer
 *       lines) ships with body {@code {"truncated":true,"bytes":N}} and attribute {@code audit.truncated: true}; the
 *       full record stays in the log.
 *   <li>A record that cannot be read as an event ships as {@code audit.malformed} (severity ERROR) with its size and
 *       {@code audit.error}; run {@link AuditVerifier} on the log.
 * </ul>
 *
 * <h2>Delivery</h2>
 *
 * <p>At least once. {@link #drain()} writes the lines, flushes them (and fsyncs an output file), and only then
 * replaces the cursor file atomically. A crash in between ships those lines again on restart: deduplicate by
 * {@code audit.seq} (or {@code audit.leaf_hash}). Records are shipped only once they are complete and valid in the
 * segment files, so a record still being written is shipped by a later drain.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try (AuditTailer tailer = AuditTailer.builder(Path.of("/var/lib/scoring/audit"))
 *     .output(Path.of("/var/log/scoring/audit.jsonl"))
 *     .cursor(Path.of("/var/lib/scoring/audit-ship.cursor"))
 *     .resource(Map.of("service.name", "scoring", "k8s.namespace.name", "risk"))
 *     .build()) {
 *   tailer.start(Duration.ofSeconds(1));   // or call tailer.drain() yourself
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #drain()} calls are serialized.
 *
 * @since 0.1
 */
public final class AuditTailer implements Closeable {

  /** The longest line shipped, newline included. */
  public static final int MAX_LINE_BYTES = OtelLines.MAX_LINE_BYTES;

  /** The largest serialized resource map, so that a truncated line always fits in {@link #MAX_LINE_BYTES}. */
  public static final int MAX_RESOURCE_BYTES = 4096;

  /** Lines shipped before the output is flushed and the cursor saved in the middle of a long drain. */
  private static final int COMMIT_EVERY = 8192;

  private static final int MAX_NOTE_BYTES = 64 * 1024;

  private static final ObjectMapper RESOURCE_JSON = new ObjectMapper();

  private final Path dir;
  private final OutputStream userOutput;
  private final Path outputFile;
  private final CursorFile cursor;
  private final AuditPrivacy privacy;
  private final Map<String, String> resource;
  private final Clock clock;
  private final Object sleeper = new Object();

  private String origin;
  private OtelLines lines;
  private OutputStream out;
  private FileChannel outChannel;
  private boolean loaded;
  private volatile long next;
  /** Where the last drain stopped, so that the next one reads on instead of rescanning the segment. */
  private final LogReader.Resume resume = new LogReader.Resume();
  private long committed;
  private long uncommitted;
  private long covered;
  private long shipped;
  private boolean closed;
  private volatile boolean stopping;
  private Thread thread;
  private volatile Exception lastFailure;

  private AuditTailer(Builder b) {
    this.dir = b.dir;
    this.userOutput = b.outputStream;
    this.outputFile = b.outputFile;
    this.cursor = b.cursor == null ? null : new CursorFile(b.cursor);
    this.privacy = b.decrypt ? b.privacy : null;
    this.resource = Collections.unmodifiableMap(new LinkedHashMap<>(b.resource));
    this.clock = b.clock;
  }

  /**
   * Starts a tailer.
   *
   * @param logDir the log directory, must not be {@code null}; it need not exist yet
   * @return a builder; an output is required
   */
  public static Builder builder(Path logDir) {
    return new Builder(logDir);
  }

  /**
   * Ships every record from the cursor to the end of the valid records, flushes the output (and fsyncs an output
   * file), then saves the cursor atomically. On failure the cursor stays where it was, so the next drain ships the
   * unsaved lines again.
   *
   * @return the number of lines shipped
   * @throws IOException if the log, the output or the cursor cannot be read or written, the cursor belongs to another
   *     log, or the records at the cursor were pruned by retention
   * @throws IllegalStateException if the tailer is closed
   */
  public synchronized long drain() throws IOException {
    if (closed) {
      throw new IllegalStateException("the tailer is closed");
    }
    return drainLocked();
  }

  private long drainLocked() throws IOException {
    if (origin == null) {
      String stored = Layout.readOrigin(dir);
      if (stored == null) {
        return 0; // no log yet
      }
      origin = stored;
      lines = new OtelLines(origin, resource, privacy);
    }
    if (!loaded) {
      next = cursor == null ? 0 : cursor.read(origin);
      committed = next;
      loaded = true;
    }
    if (out == null) {
      openOutput();
    }
    covered = latestCheckpointSize();
    shipped = 0;
    try {
      LogReader.forEach(dir, next, RecordFormat.LIMIT_MAX_PAYLOAD, resume, (segment, record) -> {
        if (record.type() == Layout.TYPE_CHECKPOINT) {
          covered = Math.max(covered, record.index());
        }
        out.write(lines.format(record.index(), record.type(), record.payload(), covered, clock.instant()));
        next = record.index() + 1;
        shipped++;
        if (++uncommitted >= COMMIT_EVERY) {
          commit();
        }
        return true;
      });
      commit();
    } catch (IOException | RuntimeException e) {
      next = committed; // at least once: ship the unsaved lines again
      uncommitted = 0;
      throw e;
    }
    return shipped;
  }

  private void commit() throws IOException {
    out.flush();
    if (outChannel != null) {
      outChannel.force(false);
    }
    if (next != committed) {
      if (cursor != null) {
        cursor.write(origin, next);
      }
      committed = next;
    }
    uncommitted = 0;
  }

  private void openOutput() throws IOException {
    if (outputFile != null) {
      outChannel = FileChannel.open(outputFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      out = new BufferedOutputStream(Channels.newOutputStream(outChannel), 64 * 1024);
    } else {
      out = new BufferedOutputStream(userOutput, 64 * 1024);
    }
  }

  private long latestCheckpointSize() {
    Path file = dir.resolve(Layout.CHECKPOINT);
    try {
      if (Files.size(file) > MAX_NOTE_BYTES) {
        return -1;
      }
      String note = Files.readString(file, StandardCharsets.UTF_8);
      return Checkpoint.parse(Layout.noteBody(note)).treeSize();
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException | IllegalArgumentException e) {
      return -1; // informational only: lines then go without audit.checkpoint_size
    }
  }

  /**
   * Starts a daemon thread that calls {@link #drain()} every {@code pollInterval} until {@link #close()}. A failed
   * drain is kept in {@link #lastFailure()} and retried at the next poll.
   *
   * @param pollInterval the pause between drains, positive, must not be {@code null}
   * @throws IllegalStateException if the tailer was started before or is closed
   */
  public synchronized void start(Duration pollInterval) {
    Objects.requireNonNull(pollInterval, "pollInterval must not be null");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
    }
    if (closed) {
      throw new IllegalStateException("the tailer is closed");
    }
    if (thread != null) {
      throw new IllegalStateException("the tailer is already started");
    }
    long millis = Math.max(1, pollInterval.toMillis());
    thread = new Thread(() -> poll(millis), "modelgov-audit-tailer");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll(long millis) {
    while (!stopping) {
      try {
        synchronized (this) {
          if (closed) {
            return;
          }
          drainLocked();
        }
        lastFailure = null;
      } catch (IOException | RuntimeException e) {
        lastFailure = e;
      }
      synchronized (sleeper) {
        if (stopping) {
          return;
        }
        try {
          sleeper.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * The index of the next record to ship: the saved cursor after a successful drain.
   *
   * @return the next index
   */
  public long position() {
    return next;
  }

  /**
   * Why the background thread's latest drain failed.
   *
   * @return the failure, or empty when the latest drain succeeded (or none ran)
   */
  public Optional<Exception> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /**
   * Stops the background thread, ships what is left with a last drain, and closes an output file the tailer opened
   * (never an {@link java.io.OutputStream} it was given, which is only flushed). Idempotent.
   *
   * @throws IOException if the last drain or closing the output file fails
   */
  @Override
  public void close() throws IOException {
    Thread t;
    synchronized (this) {
      if (closed) {
        return;
      }
      stopping = true;
      t = thread;
    }
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
    if (t != null) {
      boolean interrupted = false;
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        drainLocked();
      } finally {
        closed = true;
        if (outChannel != null) {
          out.close();
        } else if (out != null) {
          out.flush();
        }
      }
    }
  }

  /** Names the directory and the position. */
  @Override
  public String toString() {
    return "AuditTailer[" + dir + ", next=" + next + (closed ? ", closed" : "") + "]";
  }

  /**
   * Configures an {@link AuditTailer}. Setters check their argument at once and name it; {@link #build()} checks the
   * combination.
   *
   * <h2>Example</h2>
   *
   * <pre>{@code
   * AuditTailer tailer = AuditTailer.builder(logDir)
   *     .output(System.out)
   *     .cursor(Path.of("ship.cursor"))
   *     .privacy(privacy).decrypt(true)   // only where the collector may see personal data
   *     .build();
   * }</pre>
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Path dir;
    private OutputStream outputStream;
    private Path outputFile;
    private Path cursor;
    private AuditPrivacy privacy;
    private boolean decrypt;
    private final Map<String, String> resource = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "logDir must not be null");
    }

    /**
     * Writes the lines to a stream (such as {@code System.out}); the tailer flushes it after each drain and never
     * closes it.
     *
     * @param output the stream, must not be {@code null}
     * @return this builder
     */
    public Builder output(OutputStream output) {
      this.outputStream = Objects.requireNonNull(output, "output must not be null");
      this.outputFile = null;
      return this;
    }

    /**
     * Appends the lines to a file, created if missing, and fsyncs it before each cursor save.
     *
     * @param file the file, must not be {@code null}
     * @return this builder
     */
    public Builder output(Path file) {
      this.outputFile = Objects.requireNonNull(file, "output must not be null");
      this.outputStream = null;
      return this;
    }

    /**
     * Persists the position in a file, so a restarted tailer resumes where the last one stopped. Without a cursor,
     * each tailer ships from the first record.
     *
     * @param cursorFile the cursor file, must not be {@code null}; its directory must exist
     * @return this builder
     */
    public Builder cursor(Path cursorFile) {
      this.cursor = Objects.requireNonNull(cursorFile, "cursor must not be null");
      return this;
    }

    /**
     * The log's privacy keys, needed only to {@link #decrypt(boolean) decrypt} personal fields.
     *
     * @param privacy the keys, must not be {@code null}
     * @return this builder
     */
    public Builder privacy(AuditPrivacy privacy) {
      this.privacy = Objects.requireNonNull(privacy, "privacy must not be null");
      return this;
    }

    /**
     * Whether to ship personal fields decrypted. Default {@code false}: lines carry subjects as pseudonyms and
     * personal fields as ciphertexts, exactly as recorded. Turn it on only where the collector and its storage may
     * hold personal data.
     *
     * @param decrypt whether to decrypt; requires {@link #privacy(AuditPrivacy)}
     * @return this builder
     */
    public Builder decrypt(boolean decrypt) {
      this.decrypt = decrypt;
      return this;
    }

    /**
     * Adds OpenTelemetry resource attributes to every line, such as {@code service.name} or
     * {@code k8s.namespace.name}.
     *
     * @param attributes names (not blank, at most 256 characters) to values (at most 1024 characters), must not be
     *     {@code null}; at most {@value AuditTailer#MAX_RESOURCE_BYTES} bytes in all
     * @return this builder
     */
    public Builder resource(Map<String, String> attributes) {
      Objects.requireNonNull(attributes, "resource must not be null");
      Map<String, String> merged = new LinkedHashMap<>(resource);
      int bytes;
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        String name = e.getKey();
        if (name == null || name.isBlank() || name.length() > 256) {
          throw new IllegalArgumentException("resource: attribute names must be 1..256 characters, not blank");
        }
        if (e.getValue() == null) {
          throw new IllegalArgumentException("resource." + name + " must not be null");
        }
        if (e.getValue().length() > 1024) {
          throw new IllegalArgumentException("resource." + name + " must be at most 1024 characters");
        }
        merged.put(name, e.getValue());
      }
      try {
        bytes = RESOURCE_JSON.writeValueAsBytes(merged).length;
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("resource cannot be written as JSON", e);
      }
      if (bytes > MAX_RESOURCE_BYTES) {
        throw new IllegalArgumentException("resource must be at most " + MAX_RESOURCE_BYTES
            + " bytes of JSON, so that every line fits in " + MAX_LINE_BYTES + " bytes");
      }
      resource.clear();
      resource.putAll(merged);
      return this;
    }

    /**
     * The clock of {@code observed_timestamp}; default the system clock in UTC.
     *
     * @param clock the clock, must not be {@code null}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Builds the tailer. Nothing is read or opened until the first {@link AuditTailer#drain()}.
     *
     * @return the tailer
     * @throws IllegalStateException if no output is set, or {@code decrypt(true)} has no privacy keys
     */
    public AuditTailer build() {
      if (outputStream == null && outputFile == null) {
        throw new IllegalStateException("output is required: a stream or a file");
      }
      if (decrypt && privacy == null) {
        throw new IllegalStateException("privacy is required to decrypt personal fields");
      }
      return new AuditTailer(this);
    }
  }
}
