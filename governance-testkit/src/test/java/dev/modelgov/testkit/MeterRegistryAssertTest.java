package dev.modelgov.testkit;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.core.metrics.ModelMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeterRegistryAssertTest {

  private static final String SUCCESS_TIMER =
      "model.inference{error.type=none,model=credit-scoring,model.version=2.4.0,outcome=success}";

  private MeterRegistry registry;

  @BeforeEach
  void setUp() {
    // GIVEN the credit-scoring metrics bound to a registry, after two approvals, a decline and a timeout
    registry = new SimpleMeterRegistry();
    ModelMetrics metrics = ModelMetrics.builder("credit-scoring", "2.4.0").outputClasses("approve", "decline")
        .drift(ModelMetricsAssertTest.baseline()).build();
    metrics.bindTo(registry);
    for (String output : new String[] {"approve", "approve", "decline"}) {
      try (ModelMetrics.Inference p = metrics.start()) {
        p.success(output);
      }
    }
    try (ModelMetrics.Inference p = metrics.start()) {
      p.failure(new TimeoutException());
    }
  }

  @Test
  void the_meters_of_a_bound_model_pass() {
    assertThat(registry)
        .hasMeter("model.inference")
        .hasMeter("model.inference", "outcome", "success", "model", "credit-scoring")
        .hasTimerWithCount("model.inference", 3, "outcome", "success")
        .hasTimerWithCount("model.inference", 1, "outcome", "error", "error.type", "TimeoutException")
        .hasCounterWithValue("model.predictions", 2, "output", "approve")
        .hasCounterWithValue("model.predictions", 3)
        .hasGaugeWithValue("model.drift.threshold", 0.1, "feature", "income", "method", "psi")
        .doesNotHaveMeter("model.latency")
        .doesNotHaveMeter("model.inference", "outcome", "timeout");
  }

  @Test
  void has_meter_fails_listing_every_meter_when_none_has_the_name() {
    assertThatThrownBy(() -> assertThat(registry).hasMeter("model.latency"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected a meter named <model.latency> but found none.\nFound: [")
        .hasMessageContaining(SUCCESS_TIMER)
        .hasMessageContaining("model.drift.distance{direction=input,feature=income,method=psi,model=credit-scoring,"
            + "model.version=2.4.0}");
  }

  @Test
  void has_meter_with_tags_fails_listing_the_meters_of_that_name() {
    assertThatThrownBy(() -> assertThat(registry).hasMeter("model.predictions", "output", "maybe"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected a meter named <model.predictions> with tags [output=maybe] but found none.\nFound: ["
            + "model.predictions{model=credit-scoring,model.version=2.4.0,output=approve}, "
            + "model.predictions{model=credit-scoring,model.version=2.4.0,output=decline}, "
            + "model.predictions{model=credit-scoring,model.version=2.4.0,output=other}]");
  }

  @Test
  void does_not_have_meter_fails_listing_the_meters_found() {
    assertThatThrownBy(() -> assertThat(registry).doesNotHaveMeter("model.inference", "outcome", "success"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected no meter named <model.inference> with tags [outcome=success] but found ["
            + SUCCESS_TIMER + "]");
  }

  @Test
  void count_and_value_assertions_fail_with_each_matching_meter() {
    assertThatThrownBy(() -> assertThat(registry).hasTimerWithCount("model.inference", 5, "outcome", "success"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected timers named <model.inference> with tags [outcome=success] to have count 5 but the "
            + "count was 3.\nMatching timers: [" + SUCCESS_TIMER + " count=3]");
    assertThatThrownBy(() -> assertThat(registry).hasCounterWithValue("model.predictions", 7, "output", "approve"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected counters named <model.predictions> with tags [output=approve] to have value 7.0 but the "
            + "value was 2.0.\nMatching counters: [model.predictions{model=credit-scoring,model.version=2.4.0,"
            + "output=approve}=2.0]");
    assertThatThrownBy(() -> assertThat(registry).hasGaugeWithValue("model.drift.threshold", 0.2, "feature",
            "income", "method", "psi"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected gauges named <model.drift.threshold> with tags [feature=income, method=psi] "
            + "to have value 0.2 but the value was 0.1.");
  }

  @Test
  void a_meter_of_another_kind_and_bad_tags_are_reported() {
    assertThatThrownBy(() -> assertThat(registry).hasTimerWithCount("model.predictions", 2, "output", "approve"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected a timer named <model.predictions> with tags [output=approve] but the matching meters are "
            + "not timers: [model.predictions{model=credit-scoring,model.version=2.4.0,output=approve}]");
    assertThatThrownBy(() -> assertThat(registry).hasMeter("model.inference", "outcome"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tagKeyValues must be key/value pairs, but 1 strings were given");
    assertThatThrownBy(() -> assertThat((MeterRegistry) null).hasMeter("model.inference"))
        .isInstanceOf(AssertionError.class);
  }
}
