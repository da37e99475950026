package dev.modelgov.core.audit;

import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditLogException.Reason;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.internal.event.EventCodec;
import dev.modelgov.core.audit.internal.merkle.Sha256;
import dev.modelgov.core.audit.internal.segment.ChannelFactory;
import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.store.Layout;
import dev.modelgov.core.audit.internal.store.LogReader;
import dev.modelgov.core.audit.internal.store.LogWriter;
import dev.modelgov.core.audit.internal.store.MicrometerWriterMetrics;
import dev.modelgov.core.audit.internal.store.Recovery;
import dev.modelgov.core.audit.internal.store.TileStore;
import dev.modelgov.core.audit.internal.store.WriterMetrics;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The durable, tamper-evident {@link AuditLog}: events are written to CRC-framed segment files under one directory,
 * hashed into an RFC 6962 Merkle tree kept in persisted tiles, and covered by signed C2SP checkpoints, so anyone with
 * the public key can later prove offline ({@link AuditVerifier}) that nothing was altered, removed or reordered.
 *
 * <p>{@link #append(AuditEvent)} is thread-safe and returns when the event is as durable as the {@link Durability}
 * mode promises (default {@link Durability#SYNC}: after an fsync shared by all concurrent callers). A storage error
 * makes the log fail closed. At open, a torn tail left by a crash is cut (and kept under {@code recovery/}); a bad
 * record at or before the last checkpoint opens the log read-only (see {@link #recovery()}). The on-disk format is
 * described in {@code docs/audit-log.md}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * NoteSigner signer = NoteSigner.ed25519("bank.example/prod/scoring/audit", signingKey);
 * try (DurableAuditLog log = DurableAuditLog.builder(Path.of("/var/lib/scoring/audit"))
 *     .origin("bank.example/prod/scoring/audit")
 *     .signer(signer)
 *     .privacy(AuditPrivacy.openOrCreate(Path.of("/var/lib/scoring/audit-keys")))
 *     .open()) {
 *   AuditReceipt r = log.append(PredictionEvent.builder().model(ref).requestId("req-1").output("approve").build());
 *   InclusionProof proof = log.inclusionProof(r.index(), log.checkpointNow().treeSize());
 * }
 * }</pre>
 */
public final class DurableAuditLog implements AuditLog {

  /** The origin of a log created without one. */
  public static final String DEFAULT_ORIGIN = "modelgov.local/audit";

  private static final Pattern ORIGIN = Pattern.compile("[^\\s\\p{Cntrl}]{1,255}");

  /**
   * The payload bound for reading and framing records. {@code maxEventBytes} limits new events only: a log may hold
   * larger records written under an earlier setting, and the log's own records (checkpoints, {@code audit.*} events)
   * are not events of the application; reading with the event limit would cut acknowledged records as torn.
   */
  private static final int STORED_MAX_PAYLOAD = RecordFormat.LIMIT_MAX_PAYLOAD;

  private final Path dir;
  private final String origin;
  private final Durability durability;
  private final AuditPrivacy privacy;
  private final int maxEventBytes;
  private final Duration retention;
  private final Clock clock;
  private final RecoveryReport recovery;
  private final LogWriter writer;
  private final TileStore readOnlyTiles;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ScheduledExecutorService retentionThread;
  private final Object meterRegistry;
  private volatile boolean closed;

  private DurableAuditLog(Builder b, String origin, Recovery.Recovered r, FileChannel lockChannel, FileLock lock,
      WriterMetrics metrics) {
    this.dir = b.dir;
    this.origin = origin;
    this.durability = b.durability;
    this.privacy = b.privacy;
    this.maxEventBytes = b.maxEventBytes;
    this.retention = b.retention;
    this.clock = b.clock;
    this.recovery = r.report();
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.meterRegistry = b.meterRegistry;
    if (r.active() == null) {
      this.writer = null;
      this.readOnlyTiles = r.tiles();
    } else {
      this.readOnlyTiles = null;
      this.writer = new LogWriter(new LogWriter.Config(b.dir, origin, b.signer, b.durability, b.segmentMaxBytes,
          b.segmentMaxAge, b.preallocateBytes(), STORED_MAX_PAYLOAD, b.queueCapacity,
          b.checkpointEvery, b.checkpointInterval, b.effectiveFsyncInterval(), b.channels, metrics, b.clock),
          r.tiles(), r.segments(), r.active(), r.checkpoint(), r.note(), r.recordsSinceCheckpoint());
    }
    if (writer != null && retention != null) {
      long period = Math.max(1000, Math.min(retention.toMillis() / 2, b.retentionCheckInterval.toMillis()));
      retentionThread = Executors.newSingleThreadScheduledExecutor(run -> {
        Thread t = new Thread(run, "modelgov-audit-retention");
        t.setDaemon(true);
        return t;
      });
      retentionThread.scheduleWithFixedDelay(this::retentionQuietly, period, period, TimeUnit.MILLISECONDS);
    } else {
      retentionThread = null;
    }
  }

  /**
   * @param directory the log directory; created if missing
   * @return a builder with the defaults: SYNC, 64 MiB or 1 h segments, a checkpoint every 100,000 records or 1 s
   */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  @Override
  public AuditReceipt append(AuditEvent event) {
    Objects.requireNonNull(event, "event must not be null");
    LogWriter w = writable();
    byte[] payload;
    try {
      payload = EventCodec.encode(event, privacy, maxEventBytes);
    } catch (java.io.UncheckedIOException e) {
      throw new AuditLogException(Reason.FAILED,
          "the subject key store could not be read or written: " + e.getCause().getMessage(), e);
    } catch (IllegalStateException e) {
      throw new AuditLogException(Reason.REJECTED, "the subject key store is unusable: " + e.getMessage(), e);
    }
    byte[] leaf = Sha256.forThread().leaf(payload);
    long index = w.submit(payload, leaf);
    return new AuditReceipt(index, Digest.sha256(leaf));
  }

  @Override
  public AuditReceipt eraseSubject(String subjectId, String reason) {
    Objects.requireNonNull(subjectId, "subjectId must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
    writable();
    if (privacy == null) {
      throw new AuditLogException(Reason.REJECTED, "the log has no privacy keys configured, so it holds no subject");
    }
    return append(AuditRecords.eraseSubject(privacy, subjectId, reason, clock.instant()));
  }

  @Override
  public void flush() {
    writable().flush();
  }

  @Override
  public long size() {
    return writer == null ? (readOnlyTiles == null ? 0 : readOnlyTiles.size()) : writer.size();
  }

  @Override
  public Durability durability() {
    return durability;
  }

  /**
   * @return the log directory
   */
  public Path directory() {
    return dir;
  }

  /**
   * @return the log's origin, the first line of its checkpoints
   */
  public String origin() {
    return origin;
  }

  /**
   * @return what recovery found when the log opened
   */
  public RecoveryReport recovery() {
    return recovery;
  }

  /**
   * @return whether the log refuses appends: it opened tampered, failed closed, or is closed
   */
  public boolean isReadOnly() {
    return writer == null || closed || writer.failure() != null;
  }

  /**
   * @return the latest checkpoint issued (or found at open)
   */
  public Optional<Checkpoint> latestCheckpoint() {
    return writer == null ? Optional.empty() : Optional.ofNullable(writer.lastCheckpoint());
  }

  /**
   * @return the latest checkpoint's note text, as stored in the {@code checkpoint} file
   */
  public Optional<String> latestCheckpointNote() {
    return writer == null ? Optional.empty() : Optional.ofNullable(writer.lastNote());
  }

  /**
   * Issues a checkpoint covering everything appended so far (unless the latest one already does) and returns it.
   *
   * @return the latest checkpoint
   * @throws AuditLogException if the log is read-only or fails, or ({@code REJECTED}) is still empty
   */
  public Checkpoint checkpointNow() {
    return writable().checkpointNow();
  }

  /**
   * The RFC 6962 root hash of the first {@code treeSize} records.
   *
   * @param treeSize a size no larger than the records written
   * @return the root hash
   */
  public Digest rootHash(long treeSize) {
    TileStore t = tiles();
    checkSize(treeSize, t);
    return Digest.sha256(t.rangeHash(0, treeSize));
  }

  /**
   * The RFC 6962 leaf hash of a record (event or checkpoint), read from the tiles; also for records whose segment
   * retention has deleted.
   *
   * @param index the record, below the records written
   * @return {@code SHA-256(0x00 || recorded bytes)}
   */
  public Digest leafHash(long index) {
    TileStore t = tiles();
    if (index < 0 || index >= t.size()) {
      throw new IllegalArgumentException("index must be in [0, " + t.size() + "), got " + index);
    }
    return Digest.sha256(t.subtree(0, index));
  }

  /**
   * An inclusion proof of record {@code index} in the tree of size {@code treeSize}, served from the tiles.
   *
   * @param index the record, below {@code treeSize}
   * @param treeSize a size no larger than the records written (usually a checkpoint's)
   * @return the proof
   */
  public InclusionProof inclusionProof(long index, long treeSize) {
    TileStore t = tiles();
    checkSize(treeSize, t);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("index must be in [0, " + treeSize + "), got " + index);
    }
    return new InclusionProof(index, treeSize, AuditProofs.digests(t.inclusionPath(index, treeSize)));
  }

  /**
   * A consistency proof between two tree sizes, served from the tiles.
   *
   * @param size1 the older size, at least 1
   * @param size2 the newer size, no larger than the records written
   * @return the proof
   */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    TileStore t = tiles();
    checkSize(size2, t);
    if (size1 < 1 || size1 > size2) {
      throw new IllegalArgumentException("size1 must be in [1, " + size2 + "], got " + size1);
    }
    return new ConsistencyProof(size1, size2, AuditProofs.digests(t.consistencyPath(size1, size2)));
  }

  /**
   * Reads a recorded event back, with its personal fields decrypted where the subject's key still exists.
   *
   * @param index the record's index
   * @return the entry, or empty when there is no such event record (a checkpoint record, or beyond the end)
   * @throws IOException if the record cannot be read, or was pruned by retention
   */
  public Optional<AuditEntry> entry(long index) throws IOException {
    Optional<SegmentRecord> r = LogReader.read(dir, index, STORED_MAX_PAYLOAD);
    if (r.isEmpty() || r.get().type() != Layout.TYPE_EVENT) {
      return Optional.empty();
    }
    return Optional.of(AuditEntry.parse(index, r.get().payload(), privacy));
  }

  /**
   * Deletes whole segments older than the retention period whose records are all covered by the latest checkpoint,
   * after recording an {@code audit.pruned} event. The tiles and checkpoints are kept, so proofs for the remaining
   * records still verify. Runs on its own schedule when a retention is configured.
   *
   * @return the number of segments deleted
   * @throws IOException if a file cannot be deleted
   */
  public int enforceRetention() throws IOException {
    LogWriter w = writable();
    if (retention == null) {
      return 0;
    }
    Checkpoint cp = w.lastCheckpoint();
    if (cp == null) {
      return 0;
    }
    TreeMap<Long, Path> segs = w.segmentsSnapshot();
    long cutoff = clock.millis() - retention.toMillis();
    List<Long> victims = new ArrayList<>();
    List<String> names = new ArrayList<>();
    long before = -1;
    for (Map.Entry<Long, Path> e : segs.entrySet()) {
      Long nextBase = segs.higherKey(e.getKey());
      if (nextBase == null || nextBase > cp.treeSize()
          || Files.getLastModifiedTime(e.getValue()).toMillis() >= cutoff) {
        break;
      }
      victims.add(e.getKey());
      names.add(e.getValue().getFileName().toString());
      before = nextBase;
    }
    if (victims.isEmpty()) {
      return 0;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("before", before);
    fields.put("segments", names);
    fields.put("retentionDays", retention.toDays());
    w.submitInternal(index -> EventCodec.encodeInternal("audit.pruned", clock.instant(), fields));
    // Sign a checkpoint over the declaration before deleting anything: a verifier accepts pruned records only when an
    // audit.pruned event before the latest checkpoint declares them, so the directory verifies at every moment.
    w.checkpointNow();
    w.forgetSegments(victims);
    for (Long base : victims) {
      Files.deleteIfExists(segs.get(base));
    }
    Layout.fsyncDirectory(dir.resolve(Layout.SEGMENTS));
    return victims.size();
  }

  /** Makes queued events durable, issues a final checkpoint, and releases the directory. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (retentionThread != null) {
      retentionThread.shutdownNow();
    }
    AuditLogException failure = null;
    try {
      if (writer != null) {
        failure = writer.failure();
        writer.close();
      } else if (readOnlyTiles != null) {
        readOnlyTiles.close();
      }
    } catch (IOException e) {
      failure = new AuditLogException(Reason.FAILED, "closing the audit log failed: " + e.getMessage(), e);
    } finally {
      try {
        lock.release();
        lockChannel.close();
      } catch (IOException ignored) {
        // The lock goes with the process anyway.
      }
    }
    if (failure == null && writer != null) {
      failure = writer.failure();
    }
    if (failure != null) {
      throw new AuditLogException(Reason.FAILED, "the audit log had failed closed: " + failure.getMessage(),
          failure);
    }
  }

  @Override
  public String toString() {
    return "DurableAuditLog[" + origin + ", " + durability + ", size=" + size()
        + (isReadOnly() ? ", read-only" : "") + "]";
  }

  private void retentionQuietly() {
    try {
      enforceRetention();
    } catch (IOException | RuntimeException e) {
      // The writer reports storage failures to appenders; a failed retention pass is retried next time.
    }
  }

  private LogWriter writable() {
    if (closed) {
      throw new AuditLogException(Reason.CLOSED, "the audit log is closed");
    }
    if (writer == null) {
      throw new AuditLogException(Reason.READ_ONLY, "the audit log opened read-only: " + recovery.message());
    }
    return writer;
  }

  private TileStore tiles() {
    if (writer != null) {
      return writerTiles;
    }
    if (readOnlyTiles == null) {
      throw new IllegalStateException("the audit log is tampered; verify it with AuditVerifier: "
          + recovery.message());
    }
    return readOnlyTiles;
  }

  private TileStore writerTiles;

  private static void checkSize(long treeSize, TileStore t) {
    if (treeSize < 0 || treeSize > t.size()) {
      throw new IllegalArgumentException("treeSize must be in [0, " + t.size() + "], got " + treeSize);
    }
  }


  /**
   * Configures and opens a {@link DurableAuditLog}. Setters check their argument at once; {@link #open()} checks the
   * combination and the directory.
   */
  public static final class Builder {
    private final Path dir;
    private String origin;
    private NoteSigner signer;
    private Durability durability = Durability.SYNC;
    private long segmentMaxBytes = 64L << 20;
    private Duration segmentMaxAge = Duration.ofHours(1);
    private Boolean preallocate;
    private int maxEventBytes = RecordFormat.DEFAULT_MAX_PAYLOAD;
    private int queueCapacity = 65_536;
    private long checkpointEvery = 100_000;
    private Duration checkpointInterval = Duration.ofSeconds(1);
    private Duration fsyncInterval;
    private Duration retention;
    private Duration retentionCheckInterval = Duration.ofHours(1);
    private AuditPrivacy privacy;
    private Object meterRegistry;
    private Clock clock = Clock.systemUTC();
    private ChannelFactory channels = ChannelFactory.DEFAULT;

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "directory must not be null");
    }

    /**
     * @param origin the log's identity, the first line of every checkpoint; a schema-less URL such as
     *     {@code bank.example/prod/scoring/audit}. Fixed when the log is created; reopening with another fails.
     * @return this builder
     */
    public Builder origin(String origin) {
      if (origin == null || !ORIGIN.matcher(origin).matches()) {
        throw new IllegalArgumentException("origin must be 1..255 characters without spaces or control characters");
      }
      this.origin = origin;
      return this;
    }

    /**
     * @param signer signs checkpoints; its key name should be the origin. Without one, checkpoints are unsigned and
     *     {@link AuditVerifier} cannot vouch for the log.
     * @return this builder
     */
    public Builder signer(NoteSigner signer) {
      this.signer = Objects.requireNonNull(signer, "signer must not be null");
      return this;
    }

    /**
     * @param durability what {@code append} promises on return; default {@link Durability#SYNC}
     * @return this builder
     */
    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability must not be null");
      return this;
    }

    /**
     * @param bytes roll to a new segment before one grows past this; at least 4 KiB, default 64 MiB
     * @return this builder
     */
    public Builder segmentMaxBytes(long bytes) {
      if (bytes < 4096) {
        throw new IllegalArgumentException("segmentMaxBytes must be >= 4096, got " + bytes);
      }
      this.segmentMaxBytes = bytes;
      return this;
    }

    /**
     * @param age roll to a new segment once the current one is this old; default 1 h
     * @return this builder
     */
    public Builder segmentMaxAge(Duration age) {
      this.segmentMaxAge = positive(age, "segmentMaxAge");
      return this;
    }

    /**
     * @param preallocate whether new segments are filled with zeros up front, so that an fsync writes data only and
     *     never the file's length; default true for {@link Durability#SYNC}, which fsyncs every batch, and false for
     *     BATCHED and ASYNC, which fsync rarely and would only pay for writing the zeros
     * @return this builder
     */
    public Builder preallocate(boolean preallocate) {
      this.preallocate = preallocate;
      return this;
    }

    /**
     * @param bytes the largest recorded event; default 1 MiB
     * @return this builder
     */
    public Builder maxEventBytes(int bytes) {
      if (bytes < 256 || bytes > RecordFormat.LIMIT_MAX_PAYLOAD) {
        throw new IllegalArgumentException("maxEventBytes must be in 256.." + RecordFormat.LIMIT_MAX_PAYLOAD);
      }
      this.maxEventBytes = bytes;
      return this;
    }

    /**
     * @param records how many records may wait for the writer before {@code append} blocks; default 65,536
     * @return this builder
     */
    public Builder queueCapacity(int records) {
      if (records < 1) {
        throw new IllegalArgumentException("queueCapacity must be >= 1, got " + records);
      }
      this.queueCapacity = records;
      return this;
    }

    /**
     * @param records issue a checkpoint after this many records; default 100,000 (each checkpoint costs a signature
     *     and three fsyncs, so at half a million events a second a smaller count spends the writer on syncing)
     * @param interval or after this long, whichever comes first; default 1 s
     * @return this builder
     */
    public Builder checkpointEvery(long records, Duration interval) {
      if (records < 1) {
        throw new IllegalArgumentException("checkpointEvery records must be >= 1, got " + records);
      }
      this.checkpointEvery = records;
      this.checkpointInterval = positive(interval, "checkpointEvery interval");
      return this;
    }

    /**
     * @param interval for {@link Durability#BATCHED} and {@link Durability#ASYNC}: how often to fsync; the window
     *     of events a power loss can take; default 10 ms for BATCHED and 1 s for ASYNC (which can lose its queue in
     *     a process crash anyway)
     * @return this builder
     */
    public Builder fsyncInterval(Duration interval) {
      this.fsyncInterval = positive(interval, "fsyncInterval");
      return this;
    }

    /**
     * @param retention delete whole segments older than this (covered by a checkpoint); default: keep everything.
     *     The EU AI Act asks for at least 6 months, HIPAA documentation for 6 years.
     * @return this builder
     */
    public Builder retention(Duration retention) {
      this.retention = positive(retention, "retention");
      return this;
    }

    /**
     * @param interval how often retention runs on its own; default 1 h (at most half the retention)
     * @return this builder
     */
    public Builder retentionCheckInterval(Duration interval) {
      this.retentionCheckInterval = positive(interval, "retentionCheckInterval");
      return this;
    }

    /**
     * @param privacy pseudonymizes subjects and encrypts personal data; required to append events with a subject
     * @return this builder
     */
    public Builder privacy(AuditPrivacy privacy) {
      this.privacy = Objects.requireNonNull(privacy, "privacy must not be null");
      return this;
    }

    /**
     * Registers the log's meters: {@code modelgov.audit.appends}, {@code modelgov.audit.fsync},
     * {@code modelgov.audit.queue.depth}, {@code modelgov.audit.checkpoints}, {@code modelgov.audit.failures} and
     * {@code modelgov.audit.verification.failures}. Needs {@code micrometer-core} on the class path.
     *
     * @param registry a Micrometer {@code MeterRegistry}
     * @return this builder
     */
    @SuppressWarnings("exports") // Micrometer is optional: only callers that pass a registry need it.
    public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry must not be null");
      return this;
    }

    /**
     * @param clock the time source for event timestamps the log writes, checkpoint cadence and retention
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    Builder channels(ChannelFactory channels) {
      this.channels = Objects.requireNonNull(channels, "channels must not be null");
      return this;
    }

    /**
     * Opens the log: takes the directory's lock, runs recovery and starts the writer.
     *
     * @return the open log; read-only if recovery found tampering (see {@link DurableAuditLog#recovery()})
     * @throws IOException if the directory cannot be used, is locked by another writer, or has another origin
     */
    public DurableAuditLog open() throws IOException {
      Files.createDirectories(dir);
      String stored = Layout.readOrigin(dir);
      String effective = origin != null ? origin : stored != null ? stored : DEFAULT_ORIGIN;
      if (stored != null && !stored.equals(effective)) {
        throw new IOException(dir + " is the log of origin " + stored + ", not " + effective);
      }
      FileChannel lockChannel = FileChannel.open(dir.resolve(Layout.LOCK), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        lockChannel.close();
        throw new IOException(dir + " is open by another writer (" + Layout.LOCK + " is locked)");
      }
      try {
        if (stored == null) {
          Layout.writeAtomically(dir.resolve(Layout.ORIGIN), effective.getBytes(StandardCharsets.UTF_8));
        }
        Recovery.Recovered r = new Recovery(dir, effective, signer, STORED_MAX_PAYLOAD,
            preallocateBytes(), channels).run();
        WriterMetrics metrics = WriterMetrics.NONE;
        if (meterRegistry != null && r.report().status() == RecoveryReport.Status.TAMPERED) {
          MicrometerWriterMetrics.verificationFailed(meterRegistry, effective);
        }
        DurableAuditLog[] self = new DurableAuditLog[1];
        if (meterRegistry != null && r.active() != null) {
          // Only a writable log has a writer to report on (and to unregister its gauge when it closes).
          metrics = MicrometerWriterMetrics.register(meterRegistry, durability.name().toLowerCase(java.util.Locale.ROOT),
              effective, () -> self[0] == null || self[0].writer == null ? 0 : self[0].writer.queueDepth());
        }
        DurableAuditLog log = new DurableAuditLog(this, effective, r, lockChannel, lock, metrics);
        log.writerTiles = r.active() == null ? null : r.tiles();
        self[0] = log;
        if (r.report().status() == RecoveryReport.Status.TAIL_CUT && log.writer != null) {
          Map<String, Object> fields = new LinkedHashMap<>();
          fields.put("segment", r.report().segment());
          fields.put("offset", r.report().offset());
          fields.put("index", r.report().index());
          fields.put("cutBytes", r.report().cutBytes());
          fields.put("quarantine", r.report().quarantine());
          fields.put("reason", r.report().message());
          log.writer.submitInternal(index -> EventCodec.encodeInternal("audit.recovered", clock.instant(), fields));
        }
        return log;
      } catch (IOException | RuntimeException e) {
        lock.release();
        lockChannel.close();
        throw e;
      }
    }

    private long preallocateBytes() {
      boolean on = preallocate != null ? preallocate : durability == Durability.SYNC;
      return on ? segmentMaxBytes : 0;
    }

    private Duration effectiveFsyncInterval() {
      if (fsyncInterval != null) {
        return fsyncInterval;
      }
      return durability == Durability.ASYNC ? Duration.ofSeconds(1) : Duration.ofMillis(10);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " must not be null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
