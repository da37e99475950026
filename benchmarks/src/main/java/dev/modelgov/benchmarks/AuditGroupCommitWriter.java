package dev.modelgov.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SYNC baseline of {@link AuditSyncBenchmark}: the plainest durable group commit. Producers hand a record to one
 * writer thread and wait; the writer takes everything pending, copies it into a direct buffer, writes it with {@code
 * FileChannel.write} at the current position of a preallocated file, calls {@code force(false)} and then releases
 * every producer of that batch. No hashing, no framing, no index: the bytes are written as given, back to back.
 *
 * <p>The file is preallocated like a segment (zero-filled to its full size and fsynced when created), so {@code
 * force(false)} never has to update the file size. When it is full the writer wraps around to offset 0 of the same
 * file, which costs nothing; a real log rolls to a new preallocated segment instead, so this baseline is a floor.
 *
 * <p>Thread-safe. After an I/O error every waiting and later {@link #append} throws.
 */
final class AuditGroupCommitWriter implements Closeable {

  private static final int ZERO_CHUNK = 1 << 20;

  private final FileChannel channel;
  private final long fileBytes;
  private final ByteBuffer buffer;
  private final Thread writer;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition hasWork = lock.newCondition();
  private final Condition durable = lock.newCondition();

  // Guarded by lock.
  private byte[][] pending = new byte[256][];
  private int pendingCount;
  private long submitted; // records handed in so far; a record's sequence number is its position in this count
  private long durableCount; // records on stable storage
  private IOException failure;
  private boolean closed;

  // Writer thread only.
  private byte[][] draining = new byte[256][];
  private long position;
  private long batches;

  private AuditGroupCommitWriter(FileChannel channel, long fileBytes, int maxBatchBytes) {
    this.channel = channel;
    this.fileBytes = fileBytes;
    this.buffer = ByteBuffer.allocateDirect(maxBatchBytes);
    this.writer = new Thread(this::run, "group-commit-writer");
    this.writer.setDaemon(true);
  }

  /**
   * Creates and preallocates the file and starts the writer thread.
   *
   * @param file the file to create; must not exist
   * @param fileBytes the preallocated size; the writer wraps around at the end
   * @return the started writer
   * @throws IOException if the file cannot be created, filled or synced
   */
  static AuditGroupCommitWriter create(Path file, long fileBytes) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_CHUNK);
      for (long p = 0; p < fileBytes; ) {
        zeros.clear().limit((int) Math.min(ZERO_CHUNK, fileBytes - p));
        while (zeros.hasRemaining()) {
          p += ch.write(zeros, p);
        }
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    AuditGroupCommitWriter w = new AuditGroupCommitWriter(ch, fileBytes, 1 << 20);
    w.writer.start();
    return w;
  }

  /**
   * Hands a record to the writer and waits until it is on stable storage.
   *
   * @param record the bytes, at most 64 KiB; not copied, so do not modify them until this returns
   * @return the record's sequence number
   * @throws IOException if the writer failed or was closed
   */
  long append(byte[] record) throws IOException {
    lock.lock();
    try {
      if (failure != null) {
        throw new IOException("group-commit writer failed", failure);
      }
      if (closed) {
        throw new IOException("group-commit writer is closed");
      }
      if (pendingCount == pending.length) {
        pending = Arrays.copyOf(pending, pendingCount * 2);
      }
      pending[pendingCount++] = record;
      long seq = submitted++;
      hasWork.signal();
      while (durableCount <= seq) {
        if (failure != null) {
          throw new IOException("group-commit writer failed", failure);
        }
        durable.awaitUninterruptibly();
      }
      return seq;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The number of records on stable storage.
   *
   * @return the count
   */
  long durableCount() {
    lock.lock();
    try {
      return durableCount;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The number of {@code force} calls so far.
   *
   * @return the count
   */
  long batches() {
    lock.lock();
    try {
      return batches;
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (true) {
      int n;
      long batchEnd;
      lock.lock();
      try {
        while (pendingCount == 0 && !closed) {
          hasWork.awaitUninterruptibly();
        }
        if (pendingCount == 0) {
          return;
        }
        byte[][] swap = pending;
        pending = draining;
        draining = swap;
        n = pendingCount;
        pendingCount = 0;
        batchEnd = submitted;
      } finally {
        lock.unlock();
      }
      IOException error = null;
      try {
        writeBatch(n);
        channel.force(false);
      } catch (IOException e) {
        error = e;
      }
      Arrays.fill(draining, 0, n, null);
      lock.lock();
      try {
        if (error != null) {
          failure = error;
          closed = true;
        } else {
          durableCount = batchEnd;
          batches++;
        }
        durable.signalAll();
      } finally {
        lock.unlock();
      }
      if (error != null) {
        return;
      }
    }
  }

  private void writeBatch(int n) throws IOException {
    buffer.clear();
    for (int i = 0; i < n; i++) {
      byte[] r = draining[i];
      if (r.length > buffer.remaining() || position + buffer.position() + r.length > fileBytes) {
        flushBuffer();
        if (position + r.length > fileBytes) {
          position = 0; // wrap around: the file stays preallocated
        }
      }
      buffer.put(r);
    }
    flushBuffer();
  }

  private void flushBuffer() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
    buffer.clear();
  }

  /**
   * Stops the writer after the pending records are durable and closes the file.
   *
   * @throws IOException if the file cannot be closed
   */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      closed = true;
      hasWork.signal();
    } finally {
      lock.unlock();
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping the writer");
    } finally {
      channel.close();
    }
  }
}
