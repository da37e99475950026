package dev.modelgov.testkit.doubles;

import dev.modelgov.core.metrics.ModelMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A model's meters bound to a fresh in-memory {@link SimpleMeterRegistry}, for assertions on what a
 * {@link ModelMetrics} binder records. Closing it unregisters the model's meters and closes the registry.
 *
 * <pre>{@code
 * try (TestMeters meters = TestMeters.bind(modelMetrics)) {
 *   modelMetrics.start().success("approve");
 *   assertThat(meters.find("model.predictions").tag("output", "approve").counter().count()).isEqualTo(1.0);
 *   assertThat(meters.meterNames()).contains("model.inference");
 * }
 * }</pre>
 *
 * <p>Thread-safe as far as Micrometer's registry is.
 */
@SuppressWarnings("exports") // Micrometer is a deliberate API dependency of the testkit.
public final class TestMeters implements AutoCloseable {

  private final ModelMetrics metrics;
  private final SimpleMeterRegistry registry;

  private TestMeters(ModelMetrics metrics, SimpleMeterRegistry registry) {
    this.metrics = metrics;
    this.registry = registry;
  }

  /**
   * Binds a model's meters to a new {@link SimpleMeterRegistry}.
   *
   * @param metrics the model's binder, not yet bound to any registry; must not be {@code null}
   * @return the bound meters
   * @throws IllegalStateException if the binder is already bound or was unregistered
   */
  public static TestMeters bind(ModelMetrics metrics) {
    Objects.requireNonNull(metrics, "metrics must not be null");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try {
      metrics.bindTo(registry);
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    return new TestMeters(metrics, registry);
  }

  /**
   * @return the registry the meters are bound to
   */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * @param name a meter name, such as {@code model.inference}; must not be {@code null}
   * @return a search for meters of that name, to narrow by tags and read ({@code .tag(k, v).counter()})
   */
  public Search find(String name) {
    Objects.requireNonNull(name, "name must not be null");
    return registry.find(name);
  }

  /**
   * @return the names of every meter registered, sorted
   */
  public SortedSet<String> meterNames() {
    TreeSet<String> names = new TreeSet<>();
    for (Meter m : registry.getMeters()) {
      names.add(m.getId().getName());
    }
    return Collections.unmodifiableSortedSet(names);
  }

  /**
   * @return every meter registered, in the registry's order
   */
  public List<Meter> meters() {
    return List.copyOf(registry.getMeters());
  }

  /** Unregisters the model's meters and closes the registry. Idempotent. */
  @Override
  public void close() {
    metrics.unregister();
    registry.close();
  }

  @Override
  public String toString() {
    return "TestMeters[" + metrics.model() + " " + metrics.version() + ", " + registry.getMeters().size()
        + " meters]";
  }
}
