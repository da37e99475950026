package dev.modelgov.k8s.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The best-effort events sink against fabric8's CRUD mock (plain HTTP). */
@EnableKubernetesMockClient(https = false, crud = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KubernetesEventSinkTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private static ObjectReference model(String ns) {
    return new ObjectReferenceBuilder().withApiVersion("governance.modelgov.dev/v1alpha1").withKind("GovernedModel")
        .withNamespace(ns).withName("credit-scoring").build();
  }

  private static List<Event> events(String ns) {
    return client.events().v1().events().inNamespace(ns).list().getItems();
  }

  @Test
  void decision_and_audit_events_land_with_the_required_fields() throws Exception {
    // GIVEN a sink and a denying decision
    Decision decision = PolicyEngine.builder().build().evaluate(BuiltinPolicy.deployGate(),
        ManifestCodec.defaults().read(TestFiles.manifest("credit-scoring.yaml")),
        EvaluationContext.at(EnforcementPoint.ADMISSION));
    CustomEvent audit = CustomEvent.builder("model.deployed").timestamp(Instant.parse("2026-03-01T12:00:00Z"))
        .subject("alice@example.com").attribute("email", "alice@example.com").build();
    try (KubernetesEventSink sink = KubernetesEventSink.builder(client).reportingInstance("pod-1").build()) {
      // WHEN both are published and the queue drains
      assertThat(sink.publish(decision, model("ev-a"))).isTrue();
      assertThat(sink.publish(audit, model("ev-a"))).isTrue();
      assertThat(sink.flush(Duration.ofSeconds(20))).isTrue();
      // THEN two events exist with reason, action, type, eventTime, regarding and the reporting controller
      assertThat(sink.published()).isEqualTo(2);
      List<Event> events = events("ev-a");
      assertThat(events).hasSize(2);
      Event d = events.stream().filter(e -> e.getReason().startsWith("Policy")).findFirst().orElseThrow();
      assertThat(d.getType()).isEqualTo(decision.allowed() && decision.warnings().isEmpty() ? "Normal" : d.getType());
      assertThat(d.getAction()).isEqualTo("EvaluateAdmission");
      assertThat(d.getEventTime().getTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
      assertThat(d.getReportingController()).isEqualTo(KubernetesEventSink.REPORTING_CONTROLLER);
      assertThat(d.getReportingInstance()).isEqualTo("pod-1");
      assertThat(d.getRegarding().getKind()).isEqualTo("GovernedModel");
      assertThat(d.getNote().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(KubernetesEventSink.MAX_NOTE_BYTES);
      Event a = events.stream().filter(e -> e.getReason().equals("ModelDeployed")).findFirst().orElseThrow();
      assertThat(a.getType()).isEqualTo("Normal");
      // and no personal data reaches the event
      assertThat(a.getNote()).contains("model.deployed").doesNotContain("alice");
    }
  }

  @Test
  void a_denied_decision_is_a_warning() throws Exception {
    Decision decision = PolicyEngine.builder().build().evaluate(BuiltinPolicy.deployGate(),
        ManifestCodec.defaults().read(TestFiles.manifest("credit-scoring.yaml")),
        EvaluationContext.at(EnforcementPoint.ADMISSION));
    try (KubernetesEventSink sink = KubernetesEventSink.builder(client).build()) {
      sink.publish(decision, model("ev-d"));
      sink.flush(Duration.ofSeconds(20));
    }
    Event e = events("ev-d").get(0);
    String expected = switch (decision.effect()) {
      case DENY -> "PolicyDenied";
      case WARN -> "PolicyWarned";
      case ALLOW -> "PolicyAllowed";
    };
    assertThat(e.getReason()).isEqualTo(expected);
    assertThat(e.getType()).isEqualTo(expected.equals("PolicyAllowed") ? "Normal" : "Warning");
  }

  @Test
  void a_failing_client_never_throws_and_counts_failures() throws Exception {
    // GIVEN a sink on a closed client
    KubernetesClient closed = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
        .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:1")
            .withRequestRetryBackoffLimit(0).build()).build();
    closed.close();
    try (KubernetesEventSink sink = KubernetesEventSink.builder(closed).build()) {
      // WHEN events are published
      assertThatCode(() -> sink.publish(CustomEvent.builder("x.y").build(), model("ev-f"))).doesNotThrowAnyException();
      assertThat(sink.flush(Duration.ofSeconds(20))).isTrue();
      // THEN the failure is counted, not thrown
      assertThat(sink.failed()).isEqualTo(1);
      assertThat(sink.published()).isZero();
      // and bad input (no regarding) is counted too
      assertThat(sink.publish(CustomEvent.builder("x.y").build(), null)).isFalse();
      assertThat(sink.failed()).isEqualTo(2);
    }
  }

  @Test
  void the_rate_limit_drops_and_counts_the_excess() throws Exception {
    // GIVEN a sink at 10/s burst 20 on a frozen clock
    AtomicLong now = new AtomicLong();
    try (KubernetesEventSink sink = KubernetesEventSink.builder(client).rateLimit(10, 20).queueCapacity(100)
        .nanoTime(now::get).build()) {
      // WHEN 50 events are published at once
      int accepted = 0;
      for (int i = 0; i < 50; i++) {
        accepted += sink.publish(CustomEvent.builder("burst.event").build(), model("ev-r")) ? 1 : 0;
      }
      // THEN 20 pass and 30 are dropped and counted; one second later 10 more pass
      assertThat(accepted).isEqualTo(20);
      assertThat(sink.droppedRateLimited()).isEqualTo(30);
      now.addAndGet(TimeUnit.SECONDS.toNanos(1));
      int later = 0;
      for (int i = 0; i < 15; i++) {
        later += sink.publish(CustomEvent.builder("burst.event").build(), model("ev-r")) ? 1 : 0;
      }
      assertThat(later).isEqualTo(10);
      sink.flush(Duration.ofSeconds(30));
      assertThat(sink.published()).isEqualTo(30);
    }
  }

  @Test
  void a_full_queue_drops_and_counts() {
    // GIVEN a sink whose queue holds one event, on a client that never answers quickly
    try (KubernetesEventSink sink = KubernetesEventSink.builder(client).queueCapacity(1).rateLimit(1000, 1000)
        .build()) {
      // WHEN many events are published at once
      for (int i = 0; i < 200; i++) {
        sink.publish(CustomEvent.builder("q.event").build(), model("ev-q"));
      }
      // THEN some were dropped for a full queue, and publish never blocked or threw
      assertThat(sink.droppedQueueFull()).isPositive();
    }
  }

  @Test
  void builder_names_the_bad_field() {
    assertThatThrownBy(() -> KubernetesEventSink.builder(client).rateLimit(0, 1).build())
        .hasMessageContaining("rateLimit.perSecond");
    assertThatThrownBy(() -> KubernetesEventSink.builder(client).queueCapacity(0).build())
        .hasMessageContaining("queueCapacity");
  }

  @Test
  void long_notes_are_cut_on_a_character_boundary() {
    String cut = KubernetesEventSink.truncateUtf8("é".repeat(2000), 1024);
    assertThat(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
    assertThat(cut).endsWith("...").doesNotContain("\uFFFD");
    assertThat(KubernetesEventSink.reason("policy.decision")).isEqualTo("PolicyDecision");
  }
}
