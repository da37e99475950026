package dev.modelgov.core.provenance.internal.hashing;

import dev.modelgov.core.provenance.ModelHashingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Computes SHA-256 over byte ranges of files on several threads: largest range first, each thread streaming through
 * its own 1 MiB direct buffer with positional reads.
 *
 * <p>For internal use only; may change without notice.
 */
public final class ParallelHasher {

  /** The read size, as model_signing's default chunk. */
  static final int BUFFER_BYTES = 1 << 20;

  private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

  private ParallelHasher() {}

  /**
   * A range of a file to hash.
   *
   * @param name the resource's file name, for error messages
   * @param path where to read
   * @param start the first byte
   * @param end one past the last byte
   * @param wholeFile whether the range is the whole file, so that a file that grew is an error too
   */
  public record Task(String name, Path path, long start, long end, boolean wholeFile) {

    long length() {
      return end - start;
    }
  }

  /**
   * Hashes every task.
   *
   * @param tasks the ranges
   * @param parallelism the number of threads, the calling thread included
   * @param noFollowLinks whether files are opened with {@link LinkOption#NOFOLLOW_LINKS}
   * @return the 32-byte SHA-256 of each task, by task index
   * @throws IOException if a file cannot be read or changed size while it was hashed; the first failure wins
   */
  public static byte[][] hash(List<Task> tasks, int parallelism, boolean noFollowLinks) throws IOException {
    int n = tasks.size();
    byte[][] out = new byte[n][];
    if (n == 0) {
      return out;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Largest first, so that the big files start at once and the small ones fill the gaps at the end.
    Arrays.sort(order, Comparator.comparingLong((Integer i) -> tasks.get(i).length()).reversed());
    OpenOption[] options =
        noFollowLinks
            ? new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS}
            : new OpenOption[] {StandardOpenOption.READ};
    Run run = new Run(tasks, order, out, options);
    int threads = Math.max(1, Math.min(parallelism, n));
    if (threads == 1) {
      run.work();
      run.rethrow();
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads - 1, threadFactory());
    try {
      List<Future<?>> futures = new ArrayList<>(threads - 1);
      for (int t = 0; t < threads - 1; t++) {
        futures.add(pool.submit(run::work));
      }
      run.work();
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          run.fail(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      run.fail(e);
      Thread.currentThread().interrupt();
      InterruptedIOException iio = new InterruptedIOException("interrupted while hashing the model");
      iio.initCause(e);
      throw iio;
    } finally {
      pool.shutdownNow();
    }
    run.rethrow();
    return out;
  }

  private static ThreadFactory threadFactory() {
    int pool = POOL_COUNTER.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "modelgov-model-hasher-" + pool + "-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The shared state of one hashing run. */
  private static final class Run {

    private final List<Task> tasks;
    private final Integer[] order;
    private final byte[][] out;
    private final OpenOption[] options;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Run(List<Task> tasks, Integer[] order, byte[][] out, OpenOption[] options) {
      this.tasks = tasks;
      this.order = order;
      this.out = out;
      this.options = options;
    }

    void work() {
      MessageDigest md = sha256();
      ByteBuffer buffer = null;
      while (failure.get() == null) {
        int k = next.getAndIncrement();
        if (k >= order.length) {
          return;
        }
        int index = order[k];
        Task task = tasks.get(index);
        if (buffer == null) {
          buffer = ByteBuffer.allocateDirect((int) Math.min(BUFFER_BYTES, Math.max(task.length(), 4096)));
        }
        try {
          out[index] = hashRange(task, md, buffer);
        } catch (IOException | RuntimeException | Error e) {
          fail(e);
          return;
        }
      }
    }

    void fail(Throwable t) {
      failure.compareAndSet(null, t);
    }

    void rethrow() throws IOException {
      Throwable t = failure.get();
      if (t == null) {
        return;
      }
      if (t instanceof IOException) {
        throw (IOException) t;
      }
      if (t instanceof UncheckedIOException) {
        throw ((UncheckedIOException) t).getCause();
      }
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
      throw new IOException("hashing failed", t);
    }

    private byte[] hashRange(Task task, MessageDigest md, ByteBuffer buffer) throws IOException {
      md.reset();
      try (FileChannel ch = FileChannel.open(task.path(), options)) {
        long position = task.start();
        long end = task.end();
        while (position < end) {
          buffer.clear();
          long remaining = end - position;
          if (remaining < buffer.capacity()) {
            buffer.limit((int) remaining);
          }
          int read = ch.read(buffer, position);
          if (read < 0) {
            throw changed(task, "shrank");
          }
          position += read;
          buffer.flip();
          md.update(buffer);
        }
        if (task.wholeFile()) {
          buffer.clear().limit(1);
          if (ch.read(buffer, end) > 0) {
            throw changed(task, "grew");
          }
        }
      } catch (ModelHashingException e) {
        throw e;
      } catch (ClosedByInterruptException e) {
        InterruptedIOException iio = new InterruptedIOException("interrupted while hashing the model");
        iio.initCause(e);
        throw iio;
      } catch (IOException e) {
        throw new ModelHashingException(
            "cannot read '" + ModelPaths.printable(task.name()) + "': " + e, task.name(), e);
      }
      return md.digest();
    }

    private static ModelHashingException changed(Task task, String how) {
      return new ModelHashingException(
          "'" + ModelPaths.printable(task.name()) + "' " + how + " while it was hashed; hash the model again when"
              + " nothing writes to it",
          task.name());
    }
  }

  /**
   * A new SHA-256 engine from the JDK.
   *
   * @return the engine
   */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
