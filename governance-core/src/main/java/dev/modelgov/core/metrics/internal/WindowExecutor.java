package dev.modelgov.core.metrics.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared executor that computes closed drift windows off the serving threads: one daemon thread, created on
 * first use and ended after a minute without work, with a bounded backlog. When the backlog is full the closing
 * thread computes its window itself, so a burst slows recording down instead of dropping or piling up windows. For
 * internal use only.
 */
public final class WindowExecutor {

  private static final int BACKLOG = 256;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private static final class Holder {
    static final ThreadPoolExecutor SHARED = create();
  }

  private WindowExecutor() {}

  /**
   * The shared executor.
   *
   * @return it
   */
  public static Executor shared() {
    return Holder.SHARED;
  }

  private static ThreadPoolExecutor create() {
    ThreadPoolExecutor e =
        new ThreadPoolExecutor(
            1,
            1,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(BACKLOG),
            r -> {
              Thread t = new Thread(r, "modelgov-drift-windows-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    e.allowCoreThreadTimeOut(true);
    return e;
  }
}
