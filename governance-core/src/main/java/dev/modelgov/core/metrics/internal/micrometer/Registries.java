package dev.modelgov.core.metrics.internal.micrometer;

import dev.modelgov.core.metrics.ModelMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The facade's only contact with Micrometer, which is optional: callers check {@link #available()} before calling the
 * rest, so that no Micrometer class is loaded when it is not on the class path. For internal use only.
 */
public final class Registries {

  private Registries() {}

  /**
   * @return whether Micrometer is on the class path
   */
  public static boolean available() {
    try {
      Class.forName("io.micrometer.core.instrument.MeterRegistry", false, Registries.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * @return a new in-memory registry, typed as {@code Object} so that callers need not load Micrometer
   */
  public static Object simpleRegistry() {
    return new SimpleMeterRegistry();
  }

  /**
   * Binds a model's meters to a registry.
   *
   * @param metrics the model's metrics
   * @param registry a {@code MeterRegistry}
   */
  public static void bind(ModelMetrics metrics, Object registry) {
    metrics.bindTo((MeterRegistry) registry);
  }

  /**
   * Closes a registry the facade created.
   *
   * @param registry a {@code MeterRegistry}
   */
  public static void close(Object registry) {
    ((MeterRegistry) registry).close();
  }
}
