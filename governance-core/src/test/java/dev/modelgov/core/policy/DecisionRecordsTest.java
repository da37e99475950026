package dev.modelgov.core.policy;

import static dev.modelgov.core.policy.PolicyFixtures.CLOCK;
import static dev.modelgov.core.policy.PolicyFixtures.NOW;
import static dev.modelgov.core.policy.PolicyFixtures.creditScoring;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.audit.PolicyDecisionEvent;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Explanation;
import dev.modelgov.api.policy.ObservedValue;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.WaiverMatch;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.internal.event.EventCodec;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.spi.CelRuleOutcome;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DecisionRecordsTest {

  private static Decision denial;
  private static Decision allow;

  @BeforeAll
  static void evaluate() throws Exception {
    // A CEL rule that fails with an explanation, a Java rule that warns, an exempted rule and a passing rule.
    FakeCelBackend cel = new FakeCelBackend().rule("model.approval.high-risk", a -> CelRuleOutcome.fail(
        Optional.of("HIGH risk model needs 3 approvals, has 2"),
        Optional.of(new Explanation("size(manifest.lifecycle.approvals) >= 3",
            List.of(new ObservedValue("size(manifest.lifecycle.approvals)", "2"))))));
    Policy policy = Policy.named("deploy-gate").version("1.2.0")
        .rule("model.approval.high-risk").category("accountability").cel("false")
            .remediation("collect a third approval").references("EU AI Act Art. 14")
        .rule("model.card").mode(EnforcementMode.WARN).check(m -> false).message("no model card")
        .rule("model.fairness.thresholds").check(m -> false)
        .rule("model.owner").check(m -> true)
        .build();
    PolicyEngine engine = PolicyEngine.builder().clock(CLOCK).celBackend(cel)
        .waivers(WaiverResolver.builder().add(PolicyFixtures.waiver("WVR-7", NOW.plus(Duration.ofDays(5)),
            WaiverMatch.any(), "model.fairness.thresholds")).build())
        .build();
    EvaluationContext ctx = EvaluationContext.builder().point(EnforcementPoint.PROMOTION).environment("prod").build();
    denial = engine.evaluate(policy, creditScoring(), ctx);
    allow = engine.evaluate(Policy.named("green").rule("r.ok").check(m -> true).build(), creditScoring(),
        EvaluationContext.at(EnforcementPoint.CI));
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void the_record_has_the_opa_decision_log_fields_in_a_stable_order() {
    // GIVEN a denial WHEN written as JSON
    ObjectNode json = DecisionRecords.toJson(denial);
    // THEN the top level and the result have the documented fields in order
    assertThat(names(json)).containsExactly(
        "decision_id", "timestamp", "path", "bundles", "labels", "input", "result", "metrics");
    assertThat(names(json.get("result"))).containsExactly(
        "effect", "allowed", "policy", "results", "waiversApplied", "warnings", "summary");
    assertThat(names(json.get("result").get("summary"))).containsExactly(
        "pass", "fail", "error", "notApplicable", "exempted", "denied", "warned", "audited");
    assertThat(names(json.get("input"))).containsExactly("model", "point");
    assertThat(names(json.get("input").get("model"))).containsExactly("id", "version", "manifestDigest");
  }

  @Test
  void the_record_carries_the_decision_values() {
    // GIVEN a denial WHEN written as JSON
    JsonNode json = DecisionRecords.toJson(denial);
    // THEN the values are the decision's
    assertThat(json.get("decision_id").asText()).isEqualTo(denial.decisionId());
    assertThat(OffsetDateTime.parse(json.get("timestamp").asText()).toInstant()).isEqualTo(NOW);
    assertThat(json.get("path").asText()).isEqualTo("deploy-gate");
    assertThat(json.at("/bundles/deploy-gate/revision").asText()).isEqualTo("1.2.0");
    assertThat(json.at("/labels/point").asText()).isEqualTo("promotion");
    assertThat(json.at("/labels/environment").asText()).isEqualTo("prod");
    assertThat(json.at("/input/model/id").asText()).isEqualTo("risk/credit-scoring");
    assertThat(json.at("/input/model/version").asText()).isEqualTo("2.4.0");
    assertThat(json.at("/input/model/manifestDigest").asText())
        .isEqualTo(ManifestCodec.defaults().digest(creditScoring()).toString());
    assertThat(json.at("/input/point").asText()).isEqualTo("promotion");
    assertThat(json.at("/result/effect").asText()).isEqualTo("DENY");
    assertThat(json.at("/result/allowed").asBoolean(true)).isFalse();
    assertThat(json.at("/result/policy/digest").asText()).isEqualTo(denial.policy().digest());
    assertThat(json.at("/result/summary/denied").asInt()).isEqualTo(1);
    assertThat(json.at("/result/summary/warned").asInt()).isEqualTo(1);
    assertThat(json.at("/result/summary/exempted").asInt()).isEqualTo(1);
    assertThat(json.at("/metrics/timer_policy_eval_ns").asLong()).isEqualTo(denial.evaluationNanos());
  }

  @Test
  void each_rule_result_is_written_with_its_explanation_and_waiver() {
    // GIVEN a denial WHEN written as JSON
    JsonNode results = DecisionRecords.toJson(denial).at("/result/results");
    // THEN the failing CEL rule has message and explanation, the exempted rule names its waiver
    JsonNode cel = results.get(0);
    assertThat(names(cel)).containsExactly("ruleId", "outcome", "severity", "category", "mode", "message",
        "explanation", "remediation", "references");
    assertThat(cel.get("outcome").asText()).isEqualTo("FAIL");
    assertThat(cel.get("category").asText()).isEqualTo("accountability");
    assertThat(cel.get("message").asText()).isEqualTo("HIGH risk model needs 3 approvals, has 2");
    assertThat(cel.at("/explanation/failedExpression").asText()).isEqualTo("size(manifest.lifecycle.approvals) >= 3");
    assertThat(cel.at("/explanation/values/0/expression").asText()).isEqualTo("size(manifest.lifecycle.approvals)");
    assertThat(cel.at("/explanation/values/0/value").asText()).isEqualTo("2");
    assertThat(cel.at("/references/0").asText()).isEqualTo("EU AI Act Art. 14");
    assertThat(results.get(1).get("mode").asText()).isEqualTo("WARN");
    JsonNode exempted = results.get(2);
    assertThat(exempted.get("outcome").asText()).isEqualTo("EXEMPTED");
    assertThat(names(exempted)).last().isEqualTo("waiverId");
    assertThat(exempted.get("waiverId").asText()).isEqualTo("WVR-7");
    JsonNode pass = results.get(3);
    assertThat(names(pass)).doesNotContain("message", "explanation", "waiverId");
    JsonNode applied = DecisionRecords.toJson(denial).at("/result/waiversApplied/0");
    assertThat(names(applied)).containsExactly("waiverId", "ruleId", "ticket", "reason", "expiresAt");
    assertThat(applied.get("expiresAt").asText()).isEqualTo(NOW.plus(Duration.ofDays(5)).toString());
  }

  @Test
  void an_allow_without_environment_has_no_environment_label() {
    // GIVEN an allow at CI without environment WHEN written as JSON
    JsonNode json = DecisionRecords.toJson(allow);
    // THEN the label is left out and the effect is ALLOW
    assertThat(names(json.get("labels"))).containsExactly("point");
    assertThat(json.at("/result/effect").asText()).isEqualTo("ALLOW");
    assertThat(json.at("/result/allowed").asBoolean(false)).isTrue();
  }

  @Test
  void the_bytes_are_one_compact_line_of_the_same_json() throws Exception {
    // GIVEN a denial WHEN written as bytes
    byte[] bytes = DecisionRecords.toJsonBytes(denial);
    // THEN they are the tree's compact text, on one line, and parse back
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\n").isEqualTo(DecisionRecords.toJson(denial).toString());
    assertThat(JsonMapper.builder().build().readTree(bytes).get("decision_id").asText())
        .isEqualTo(denial.decisionId());
  }

  @Test
  void the_audit_event_names_policy_model_reasons_and_point() {
    // GIVEN a denial WHEN turned into an audit event
    PolicyDecisionEvent e = DecisionRecords.toAuditEvent(denial);
    // THEN it carries the documented values
    assertThat(e.policy()).isEqualTo("deploy-gate@1.2.0");
    assertThat(e.model()).contains(denial.model());
    assertThat(e.allowed()).isFalse();
    assertThat(e.reasons()).containsExactly(
        "model.approval.high-risk: HIGH risk model needs 3 approvals, has 2", "model.card: no model card");
    assertThat(e.enforcementPoint()).contains("promotion");
    assertThat(e.timestamp()).isEqualTo(NOW);
    assertThat(e.attributes()).containsEntry("decisionId", denial.decisionId()).containsEntry("effect", "DENY");
  }

  @Test
  void the_audit_event_survives_the_audit_log_encoding() {
    // GIVEN the audit event of a denial
    PolicyDecisionEvent e = DecisionRecords.toAuditEvent(denial);
    // WHEN encoded as the log records it and parsed back
    byte[] recorded = EventCodec.encode(e, null);
    JsonNode body = AuditEntry.parse(0, recorded, null).body();
    // THEN the fields read back unchanged
    assertThat(body.get("type").asText()).isEqualTo(PolicyDecisionEvent.TYPE);
    assertThat(body.get("policy").asText()).isEqualTo("deploy-gate@1.2.0");
    assertThat(body.get("allowed").asBoolean(true)).isFalse();
    assertThat(body.get("enforcementPoint").asText()).isEqualTo("promotion");
    assertThat(body.get("reasons")).hasSize(2);
    assertThat(body.at("/attributes/decisionId").asText()).isEqualTo(denial.decisionId());
    assertThat(body.at("/attributes/effect").asText()).isEqualTo("DENY");
  }

  @Test
  void an_allow_has_no_reasons() {
    // GIVEN an allow WHEN turned into an audit event THEN it allows without reasons
    PolicyDecisionEvent e = DecisionRecords.toAuditEvent(allow);
    assertThat(e.allowed()).isTrue();
    assertThat(e.reasons()).isEmpty();
    assertThat(e.attributes()).containsEntry("effect", "ALLOW");
  }
}
