package dev.modelgov.core.audit.internal.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The writer's meters in Micrometer; loaded only when the application passes a registry. For internal use only.
 */
public final class MicrometerWriterMetrics implements WriterMetrics {

  private final Counter appends;
  private final Timer fsync;
  private final Counter checkpoints;
  private final Counter failures;
  private final MeterRegistry registry;
  private final Gauge queueDepth;

  /**
   * Registers the meters.
   *
   * @param registry the registry
   * @param durability the durability mode, as a tag
   * @param origin the log's origin, as a tag
   * @param queueDepth reads the writer's queue depth
   * @return the metrics
   */
  public static MicrometerWriterMetrics register(Object registry, String durability, String origin,
      Supplier<Number> queueDepth) {
    return new MicrometerWriterMetrics((MeterRegistry) registry, durability, origin, queueDepth);
  }

  private MicrometerWriterMetrics(MeterRegistry registry, String durability, String origin,
      Supplier<Number> queueDepth) {
    appends = Counter.builder("modelgov.audit.appends").description("Records written to the audit log")
        .tag("durability", durability).tag("origin", origin).register(registry);
    fsync = Timer.builder("modelgov.audit.fsync").description("Time of one fsync of the audit log")
        .tag("origin", origin).publishPercentileHistogram().register(registry);
    checkpoints = Counter.builder("modelgov.audit.checkpoints").description("Signed checkpoints issued")
        .tag("origin", origin).register(registry);
    failures = Counter.builder("modelgov.audit.failures")
        .description("Times the audit log failed closed after a storage error").tag("origin", origin)
        .register(registry);
    this.registry = registry;
    this.queueDepth = Gauge.builder("modelgov.audit.queue.depth", queueDepth)
        .description("Records waiting for the writer").tag("origin", origin).register(registry);
  }

  @Override
  public void appended(int records) {
    appends.increment(records);
  }

  @Override
  public void fsync(long nanos) {
    fsync.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void checkpoint() {
    checkpoints.increment();
  }

  @Override
  public void failed() {
    failures.increment();
  }

  @Override
  public void close() {
    // A gauge registered again under the same name and tags would be this one, still reading the closed log.
    registry.remove(queueDepth);
  }

  /**
   * Counts a verification failure (tampering found at open, or by a verifier).
   *
   * @param registry the registry
   * @param origin the log's origin
   */
  public static void verificationFailed(Object registry, String origin) {
    Counter.builder("modelgov.audit.verification.failures")
        .description("Audit log verifications that found tampering").tag("origin", origin)
        .register((MeterRegistry) registry).increment();
  }
}
