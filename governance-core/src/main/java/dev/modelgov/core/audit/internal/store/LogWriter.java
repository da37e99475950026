package dev.modelgov.core.audit.internal.store;

import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditLogException.Reason;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.internal.merkle.Sha256;
import dev.modelgov.core.audit.internal.segment.ChannelFactory;
import dev.modelgov.core.audit.internal.segment.SegmentHeader;
import dev.modelgov.core.audit.internal.segment.SegmentWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of a log: producers hand it framed-to-be records under a lock (which assigns their indexes in
 * order); one thread drains them, writes each batch with one {@code write}, forces it once (group commit), appends
 * the leaf hashes to the tiles, issues checkpoints and rolls segments. Any I/O error fails the log closed.
 *
 * <p>For internal use only; may change without notice.
 */
public final class LogWriter {

  /** How the writer is configured. */
  public record Config(Path dir, String origin, NoteSigner signer, Durability durability, long segmentMaxBytes,
      Duration segmentMaxAge, long preallocateBytes, int maxPayload, int queueCapacity, long checkpointEvery,
      Duration checkpointInterval, Duration fsyncInterval, ChannelFactory channels, WriterMetrics metrics,
      Clock clock) {}

  /** Something the writer itself appends (a log-internal event), built once its index is known. */
  public interface InternalRecord {
    /**
     * @param index the record's index
     * @return the payload
     */
    byte[] payload(long index);
  }

  private final Config cfg;
  private final byte[] originHash;
  private final TileStore tiles;
  private final TreeMap<Long, Path> segments;
  private SegmentWriter active;
  private long activeCreatedMillis;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final Condition progress = lock.newCondition();

  // Guarded by lock.
  private List<byte[]> pendingPayloads = new ArrayList<>();
  private List<byte[]> pendingHashes = new ArrayList<>();
  private List<InternalRecord> pendingInternal = new ArrayList<>();
  private long nextIndex;
  private long written;
  private long durable;
  private boolean closing;
  private boolean flushRequested;
  private boolean checkpointRequested;
  private long checkpointsIssued;
  private AuditLogException failure;
  private String failureDetail;

  // Writer thread only, published through the lock for readers.
  private volatile Checkpoint lastCheckpoint;
  private volatile String lastNote;
  private long recordsSinceCheckpoint;
  private final boolean canSign;
  private long lastCheckpointMillis;
  private long lastFsyncMillis;
  private boolean dirty;

  private final Thread thread;

  /**
   * Starts the writer over a recovered log.
   *
   * @param cfg the configuration
   * @param tiles the tiles, holding exactly the records on disk
   * @param segments the segments by base index (this writer adds to it)
   * @param active the segment to append to
   * @param lastCheckpoint the last durable checkpoint, or null
   * @param lastNote its note text, or null
   * @param recordsSinceCheckpoint records after the last checkpoint's own record
   */
  public LogWriter(Config cfg, TileStore tiles, TreeMap<Long, Path> segments, SegmentWriter active,
      Checkpoint lastCheckpoint, String lastNote, long recordsSinceCheckpoint) {
    this.cfg = cfg;
    this.originHash = Layout.originHash(cfg.origin());
    this.tiles = tiles;
    this.segments = segments;
    this.active = active;
    this.activeCreatedMillis = cfg.clock().millis();
    this.lastCheckpoint = lastCheckpoint;
    this.lastNote = lastNote;
    this.recordsSinceCheckpoint = recordsSinceCheckpoint;
    // Never downgrade: a writer without the key does not replace a signed checkpoint with an unsigned one.
    this.canSign = cfg.signer() != null || lastNote == null || Layout.noteBody(lastNote).equals(lastNote);
    this.nextIndex = tiles.size();
    this.written = nextIndex;
    this.durable = nextIndex;
    this.lastCheckpointMillis = cfg.clock().millis();
    this.lastFsyncMillis = lastCheckpointMillis;
    if (recordsSinceCheckpoint > 0 && canSign) {
      checkpointRequested = true;
    }
    this.thread = new Thread(this::run, "modelgov-audit-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Hands a record to the writer and waits as the durability mode requires.
   *
   * @param payload the record payload
   * @param leafHash its RFC 6962 leaf hash
   * @return the record's index
   */
  public long submit(byte[] payload, byte[] leafHash) {
    long index;
    lock.lock();
    try {
      while (true) {
        checkOpen();
        if (pendingPayloads.size() < cfg.queueCapacity()) {
          break;
        }
        await(notFull, "queue space");
      }
      index = nextIndex++;
      pendingPayloads.add(payload);
      pendingHashes.add(leafHash);
      if (pendingPayloads.size() == 1) {
        work.signal();
      }
      switch (cfg.durability()) {
        case SYNC:
          awaitDurable(index + 1);
          break;
        case BATCHED:
          while (written <= index) {
            checkFailed();
            await(progress, "record " + index);
          }
          break;
        default:
          break;
      }
      return index;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks the writer to append a log-internal record and waits until it is durable.
   *
   * @param record builds the payload once the index is known
   * @return the record's index
   */
  public long submitInternal(InternalRecord record) {
    long[] assigned = {-1};
    InternalRecord tracked = index -> {
      assigned[0] = index;
      return record.payload(index);
    };
    lock.lock();
    try {
      checkOpen();
      pendingInternal.add(tracked);
      work.signal();
      while (assigned[0] < 0 || durable <= assigned[0]) {
        checkFailed();
        await(progress, "an internal record");
      }
      return assigned[0];
    } finally {
      lock.unlock();
    }
  }

  /** Waits until everything submitted so far is durable. */
  public void flush() {
    lock.lock();
    try {
      checkFailed();
      long target = nextIndex;
      if (durable >= target) {
        return;
      }
      flushRequested = true;
      work.signal();
      awaitDurable(target);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Issues a checkpoint covering everything submitted so far (if anything was) and waits for it.
   *
   * @return the latest checkpoint afterwards
   */
  public Checkpoint checkpointNow() {
    if (!canSign) {
      throw new AuditLogException(Reason.REJECTED,
          "the log's checkpoints are signed; open it with the signing key to issue one");
    }
    lock.lock();
    try {
      checkOpen();
      // Let the writer take in everything accepted so far (ASYNC and BATCHED return before that), so that the
      // checkpoint counted below cannot be one decided before those records were written.
      long target = nextIndex;
      while (written < target) {
        checkFailed();
        await(progress, "record " + (target - 1));
      }
      checkOpen();
      long issued = checkpointsIssued;
      checkpointRequested = true;
      work.signal();
      while (checkpointsIssued == issued) {
        checkFailed();
        await(progress, "a checkpoint");
      }
      if (lastCheckpoint == null) {
        throw new AuditLogException(Reason.REJECTED, "the log is empty: there is nothing to checkpoint yet");
      }
      return lastCheckpoint;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return the number of records accepted (the next index)
   */
  public long size() {
    lock.lock();
    try {
      return nextIndex;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return the number of records on disk and in the tiles
   */
  public long writtenSize() {
    return tiles.size();
  }

  /**
   * @return records waiting for the writer
   */
  public int queueDepth() {
    lock.lock();
    try {
      return pendingPayloads.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return the last checkpoint issued or recovered, or null
   */
  public Checkpoint lastCheckpoint() {
    return lastCheckpoint;
  }

  /**
   * @return its note text, or null
   */
  public String lastNote() {
    return lastNote;
  }

  /**
   * @return the failure that closed the log, or null
   */
  public AuditLogException failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes what is queued, issues a final checkpoint, trims the active segment and stops the writer thread.
   *
   * @throws IOException if the final writes fail
   */
  public void close() throws IOException {
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      work.signal();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      active.close();
    } finally {
      cfg.metrics().close();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * @return a copy of the segment catalogue
   */
  public TreeMap<Long, Path> segmentsSnapshot() {
    synchronized (segments) {
      return new TreeMap<>(segments);
    }
  }

  /**
   * Forgets segments whose files were deleted.
   *
   * @param bases their base indexes
   */
  public void forgetSegments(List<Long> bases) {
    synchronized (segments) {
      bases.forEach(segments::remove);
    }
  }

  /**
   * @return the base index of the segment being written
   */
  public long activeBase() {
    synchronized (segments) {
      return segments.lastKey();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void run() {
    try {
      loop();
    } catch (IOException | RuntimeException | GeneralSecurityException e) {
      fail(e);
    }
  }

  private void loop() throws IOException, GeneralSecurityException {
    while (true) {
      List<byte[]> payloads;
      List<byte[]> hashes;
      List<InternalRecord> internal;
      boolean stop;
      boolean forceNow;
      boolean checkpoint;
      long firstIndex;
      lock.lock();
      try {
        while (true) {
          if (!pendingPayloads.isEmpty() || !pendingInternal.isEmpty() || closing || flushRequested
              || checkpointRequested || checkpointDue() || fsyncDue()) {
            break;
          }
          long waitMs = nextDeadline();
          try {
            work.await(waitMs, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            // The writer thread is only interrupted by nobody; keep going.
          }
        }
        payloads = pendingPayloads;
        hashes = pendingHashes;
        internal = pendingInternal;
        firstIndex = nextIndex - payloads.size();
        pendingPayloads = new ArrayList<>();
        pendingHashes = new ArrayList<>();
        pendingInternal = internal.isEmpty() ? internal : new ArrayList<>();
        notFull.signalAll();
        stop = closing;
        forceNow = flushRequested;
        flushRequested = false;
        // Internal records, then the checkpoint (if one is due), take the indexes after this batch.
        long after = recordsSinceCheckpoint + payloads.size() + internal.size();
        checkpoint = canSign && after > 0 && (after >= cfg.checkpointEvery() || checkpointRequested || stop
            || cfg.clock().millis() - lastCheckpointMillis >= cfg.checkpointInterval().toMillis());
        nextIndex += internal.size() + (checkpoint ? 1 : 0);
      } finally {
        lock.unlock();
      }
      int n = payloads.size() + internal.size();
      if (n > 0) {
        byte[][] p = new byte[n][];
        byte[] hashBytes = new byte[n * Sha256.LENGTH];
        for (int i = 0; i < payloads.size(); i++) {
          p[i] = payloads.get(i);
          System.arraycopy(hashes.get(i), 0, hashBytes, i * Sha256.LENGTH, Sha256.LENGTH);
        }
        for (int j = 0; j < internal.size(); j++) {
          int i = payloads.size() + j;
          p[i] = internal.get(j).payload(firstIndex + i);
          Sha256.forThread().leaf(p[i], 0, p[i].length, hashBytes, i * Sha256.LENGTH);
        }
        writeRecords(p, typesOf(n, Layout.TYPE_EVENT), hashBytes);
        recordsSinceCheckpoint += n;
        dirty = true;
        cfg.metrics().appended(n);
      }
      if (checkpoint) {
        issueCheckpoint();
      } else if (dirty && (cfg.durability() == Durability.SYNC || forceNow || !internal.isEmpty() || fsyncDue()
          || stop)) {
        force();
      }
      publish(checkpoint);
      if (stop) {
        if (dirty) {
          force();
        }
        active.trimPreallocation();
        tiles.force();
        tiles.close();
        publish(false);
        return;
      }
    }
  }

  private void writeRecords(byte[][] payloads, byte[] types, byte[] hashBytes) throws IOException {
    int from = 0;
    long bytes = active.position();
    for (int i = 0; i < payloads.length; i++) {
      long rec = 20L + payloads[i].length;
      boolean full = bytes + rec > cfg.segmentMaxBytes();
      boolean old = cfg.clock().millis() - activeCreatedMillis >= cfg.segmentMaxAge().toMillis();
      if ((full || old) && bytes > SegmentHeader.SIZE) {
        if (i > from) {
          active.appendAll(payloads, types, from, i);
        }
        from = i;
        roll();
        bytes = active.position();
      }
      bytes += rec;
    }
    if (from < payloads.length) {
      active.appendAll(payloads, types, from, payloads.length);
    }
    tiles.append(hashBytes, payloads.length);
  }

  private void roll() throws IOException {
    long t0 = System.nanoTime();
    active.force();
    cfg.metrics().fsync(System.nanoTime() - t0);
    active.trimPreallocation();
    active.close();
    long base = active.nextIndex();
    SegmentWriter next = Layout.createSegment(cfg.dir(), originHash, base, cfg.maxPayload(), cfg.preallocateBytes(),
        cfg.channels());
    active = next;
    activeCreatedMillis = cfg.clock().millis();
    synchronized (segments) {
      segments.put(base, Layout.segment(cfg.dir(), base));
    }
  }

  private void issueCheckpoint() throws IOException, GeneralSecurityException {
    long size = tiles.size();
    Checkpoint previous = lastCheckpoint;
    if (previous != null) {
      if (previous.treeSize() > size) {
        throw new IOException("refusing to sign: the tree shrank below the last checkpoint");
      }
      Digest again = Digest.sha256(tiles.rangeHash(0, previous.treeSize()));
      if (!again.matches(previous.rootHash())) {
        throw new IOException("refusing to sign: the tree is inconsistent with the last checkpoint of size "
            + previous.treeSize());
      }
    }
    Checkpoint cp = Checkpoint.of(cfg.origin(), size, Digest.sha256(tiles.rangeHash(0, size)));
    String note = cfg.signer() == null ? cp.body() : cfg.signer().sign(cp);
    byte[] payload = note.getBytes(StandardCharsets.UTF_8);
    byte[] hash = Sha256.forThread().leaf(payload);
    writeRecords(new byte[][] {payload}, new byte[] {Layout.TYPE_CHECKPOINT}, hash);
    force();
    tiles.force();
    Layout.writeAtomically(cfg.dir().resolve(Layout.CHECKPOINT), payload);
    lastCheckpoint = cp;
    lastNote = note;
    recordsSinceCheckpoint = 0;
    lastCheckpointMillis = cfg.clock().millis();
    cfg.metrics().checkpoint();
  }

  private void force() throws IOException {
    long t0 = System.nanoTime();
    active.force();
    cfg.metrics().fsync(System.nanoTime() - t0);
    lastFsyncMillis = cfg.clock().millis();
    dirty = false;
  }

  private void publish(boolean checkpointIssued) {
    lock.lock();
    try {
      written = tiles.size();
      if (!dirty) {
        durable = written;
      }
      if (checkpointIssued) {
        checkpointsIssued++;
        checkpointRequested = false;
      } else if (checkpointRequested && recordsSinceCheckpoint == 0) {
        // Nothing to cover: the last checkpoint already covers everything.
        checkpointsIssued++;
        checkpointRequested = false;
      }
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean checkpointDue() {
    if (recordsSinceCheckpoint == 0 || !canSign) {
      return false;
    }
    return recordsSinceCheckpoint >= cfg.checkpointEvery()
        || cfg.clock().millis() - lastCheckpointMillis >= cfg.checkpointInterval().toMillis();
  }

  private boolean fsyncDue() {
    return dirty && cfg.clock().millis() - lastFsyncMillis >= cfg.fsyncInterval().toMillis();
  }

  private long nextDeadline() {
    long now = cfg.clock().millis();
    long wait = 1000;
    if (recordsSinceCheckpoint > 0 && canSign) {
      wait = Math.min(wait, lastCheckpointMillis + cfg.checkpointInterval().toMillis() - now);
    }
    if (dirty) {
      wait = Math.min(wait, lastFsyncMillis + cfg.fsyncInterval().toMillis() - now);
    }
    return Math.max(1, wait);
  }

  private void fail(Exception e) {
    cfg.metrics().failed();
    lock.lock();
    try {
      if (failure == null) {
        failureDetail = "the audit log failed closed after a storage error (" + e.getClass().getSimpleName() + ": "
            + e.getMessage() + "); reopen it to recover";
        failure = new AuditLogException(Reason.FAILED, failureDetail, e);
      }
      progress.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      active.close();
    } catch (IOException ignored) {
      // Already failed.
    }
    try {
      tiles.close();
    } catch (IOException ignored) {
      // Already failed.
    }
  }

  private void awaitDurable(long target) {
    while (durable < target) {
      checkFailed();
      await(progress, "record " + (target - 1));
    }
  }

  private void checkOpen() {
    checkFailed();
    if (closing) {
      throw new AuditLogException(Reason.CLOSED, "the audit log is closed");
    }
  }

  private void checkFailed() {
    if (failure != null) {
      throw new AuditLogException(Reason.FAILED, failureDetail, failure.getCause());
    }
  }

  private static void await(Condition c, String what) {
    try {
      c.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditLogException(Reason.INTERRUPTED,
          "interrupted while waiting for " + what + "; it may still be recorded");
    }
  }

  private static byte[] typesOf(int n, byte type) {
    byte[] t = new byte[n];
    java.util.Arrays.fill(t, type);
    return t;
  }

  /**
   * @return the configuration
   */
  public Config config() {
    return cfg;
  }

  /**
   * @return read-only view of segment bases, for tests
   */
  Map<Long, Path> segmentsView() {
    return segments;
  }
}
