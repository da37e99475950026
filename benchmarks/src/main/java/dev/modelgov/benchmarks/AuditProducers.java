package dev.modelgov.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of producer threads for the batch benchmarks of {@link AuditAsyncBenchmark}: {@link #run} starts every
 * producer on its share of a batch and returns when all are done. The threads live as long as the trial, so a batch
 * pays only the hand-off (microseconds), not thread creation.
 */
final class AuditProducers {

  /** The work of one producer. */
  @FunctionalInterface
  interface Work {
    /**
     * Produces one share of the batch.
     *
     * @param producer the producer's number, 0 to producers - 1
     * @return the number of calls made
     * @throws Exception if a call fails
     */
    long run(int producer) throws Exception;
  }

  private final int producers;
  private final ExecutorService pool;

  /**
   * Starts the threads.
   *
   * @param producers the number of producer threads, at least 1
   */
  AuditProducers(int producers) {
    if (producers < 1) {
      throw new IllegalArgumentException("producers must be >= 1, got " + producers);
    }
    this.producers = producers;
    this.pool = Executors.newFixedThreadPool(producers, r -> {
      Thread t = new Thread(r, "audit-bench-producer");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs one batch on all producers and waits for them.
   *
   * @param work each producer's share
   * @return the total number of calls made
   * @throws Exception the first producer's failure
   */
  long run(Work work) throws Exception {
    List<Callable<Long>> tasks = new ArrayList<>(producers);
    for (int p = 0; p < producers; p++) {
      int id = p;
      tasks.add(() -> work.run(id));
    }
    long calls = 0;
    for (Future<Long> f : pool.invokeAll(tasks)) {
      try {
        calls += f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception cause) {
          throw cause;
        }
        throw e;
      }
    }
    return calls;
  }

  /**
   * The number of producers.
   *
   * @return the count
   */
  int producers() {
    return producers;
  }

  /**
   * Stops the threads.
   *
   * @throws InterruptedException if interrupted while waiting for them
   */
  void close() throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
  }
}
