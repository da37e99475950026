package dev.modelgov.core.audit;

import dev.modelgov.core.audit.internal.segment.ChannelFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ChannelFactory} over the real file system whose channels fail on command: {@code force} throws, writes
 * stop after a byte budget ("No space left on device"), or creating a new segment fails. Faults are off until armed,
 * so a log can open and recover normally first.
 */
final class FaultyChannels implements ChannelFactory {

  private final AtomicBoolean failForce = new AtomicBoolean();
  private final AtomicLong writeBudget = new AtomicLong(Long.MAX_VALUE);
  private final AtomicBoolean failSegmentCreate = new AtomicBoolean();
  private final AtomicInteger forceFailures = new AtomicInteger();
  private final AtomicInteger writeFailures = new AtomicInteger();
  private final AtomicInteger createFailures = new AtomicInteger();
  private final AtomicLong forces = new AtomicLong();
  private volatile java.util.concurrent.CountDownLatch forceGate;

  /** From now on every {@code force} of a segment file throws. */
  FaultyChannels failForceFromNowOn() {
    failForce.set(true);
    return this;
  }

  /** From now on, only {@code bytes} more bytes can be written (to any file); then writes throw ENOSPC. */
  FaultyChannels diskFullAfter(long bytes) {
    writeBudget.set(bytes);
    return this;
  }

  /** From now on, every {@code force} of a segment file waits until {@code gate} opens (a stalled disk). */
  FaultyChannels stallForceUntil(java.util.concurrent.CountDownLatch gate) {
    forceGate = gate;
    return this;
  }

  /** From now on, creating a segment file fails. */
  FaultyChannels failSegmentCreateFromNowOn() {
    failSegmentCreate.set(true);
    return this;
  }

  int forceFailures() {
    return forceFailures.get();
  }

  int writeFailures() {
    return writeFailures.get();
  }

  int createFailures() {
    return createFailures.get();
  }

  long forces() {
    return forces.get();
  }

  @Override
  public FileChannel open(Path file, OpenOption... options) throws IOException {
    boolean segment = file.getFileName().toString().contains(".seg");
    if (segment && failSegmentCreate.get() && Set.of(options).contains(StandardOpenOption.CREATE_NEW)) {
      createFailures.incrementAndGet();
      throw new IOException("injected: cannot create " + file.getFileName());
    }
    return new Faulty(FileChannel.open(file, options), segment);
  }

  private final class Faulty extends FileChannel {
    private final FileChannel delegate;
    private final boolean segment;

    Faulty(FileChannel delegate, boolean segment) {
      this.delegate = delegate;
      this.segment = segment;
    }

    /** Lets through as much of {@code src} as the budget allows; throws once the budget is spent. */
    private int budgeted(ByteBuffer src, IoWrite write) throws IOException {
      int want = src.remaining();
      while (true) {
        long budget = writeBudget.get();
        if (budget == Long.MAX_VALUE) {
          return write.apply(src);
        }
        if (budget <= 0 && want > 0) {
          writeFailures.incrementAndGet();
          throw new IOException("No space left on device");
        }
        int allowed = (int) Math.min(want, budget);
        if (writeBudget.compareAndSet(budget, budget - allowed)) {
          if (allowed == want) {
            return write.apply(src);
          }
          ByteBuffer part = src.duplicate();
          part.limit(part.position() + allowed);
          int n = write.apply(part);
          src.position(src.position() + n);
          return n;
        }
      }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return delegate.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return budgeted(src, delegate::write);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long total = 0;
      for (int i = offset; i < offset + length; i++) {
        total += write(srcs[i]);
      }
      return total;
    }

    @Override
    public long position() throws IOException {
      return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      delegate.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      delegate.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (segment && failForce.get()) {
        forceFailures.incrementAndGet();
        throw new IOException("injected: fsync failed (EIO)");
      }
      java.util.concurrent.CountDownLatch gate = forceGate;
      if (segment && gate != null) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while stalled", e);
        }
      }
      forces.incrementAndGet();
      delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      throw new IOException("transferFrom is not supported by the fault-injecting channel");
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return budgeted(src, b -> delegate.write(b, position));
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      throw new IOException("map is not supported by the fault-injecting channel");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      delegate.close();
    }
  }

  @FunctionalInterface
  private interface IoWrite {
    int apply(ByteBuffer b) throws IOException;
  }
}
