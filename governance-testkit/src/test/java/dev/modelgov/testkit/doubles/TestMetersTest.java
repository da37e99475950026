package dev.modelgov.testkit.doubles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.core.metrics.ModelMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

class TestMetersTest {

  private static ModelMetrics metrics() {
    return ModelMetrics.builder("credit-scoring", "2.4.0").outputClasses("approve", "decline").build();
  }

  @Test
  void binds_the_models_meters_to_a_simple_registry() {
    // GIVEN
    ModelMetrics metrics = metrics();
    try (TestMeters meters = TestMeters.bind(metrics)) {
      // WHEN one successful prediction is recorded
      try (ModelMetrics.Inference p = metrics.start()) {
        p.success("approve");
      }
      // THEN
      Counter approved = meters.find("model.predictions").tag("output", "approve").counter();
      assertThat(approved).isNotNull();
      assertThat(approved.count()).isEqualTo(1.0);
      Timer inference = meters.find("model.inference").tag("outcome", "success").timer();
      assertThat(inference).isNotNull();
      assertThat(inference.count()).isEqualTo(1);
      assertThat(meters.meterNames()).contains("model.inference", "model.predictions");
      assertThat(meters.meters()).isNotEmpty();
      assertThat(meters.registry().find("model.predictions").tag("model", "credit-scoring").counters()).isNotEmpty();
    }
  }

  @Test
  void close_unregisters_the_meters() {
    // GIVEN
    ModelMetrics metrics = metrics();
    TestMeters meters = TestMeters.bind(metrics);
    assertThat(meters.meterNames()).isNotEmpty();
    // WHEN
    meters.close();
    // THEN
    assertThat(meters.meterNames()).isEmpty();
    assertThat(meters.toString()).contains("credit-scoring").contains("0 meters");
  }

  @Test
  void a_binder_bound_elsewhere_is_refused() {
    // GIVEN
    ModelMetrics metrics = metrics();
    try (TestMeters first = TestMeters.bind(metrics)) {
      // WHEN / THEN
      assertThatThrownBy(() -> TestMeters.bind(metrics)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already bound");
      assertThat(first.meterNames()).contains("model.inference");
    }
  }
}
