package dev.modelgov.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.audit.PolicyDecisionEvent;
import dev.modelgov.api.policy.AppliedWaiver;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.DecisionSummary;
import dev.modelgov.api.policy.Explanation;
import dev.modelgov.api.policy.ObservedValue;
import dev.modelgov.api.policy.RuleResult;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Writes a {@link Decision} as an OPA decision-log record and as an audit event, so existing log pipelines ingest
 * ModelGov decisions unchanged.
 *
 * <p>The JSON has the OPA field names and a stable field order: {@code decision_id}, {@code timestamp} (RFC 3339),
 * {@code path} (the policy id), {@code bundles} ({@code {policyId: {revision: version}}}), {@code labels} ({@code
 * point}, {@code environment}), {@code input} (the model reference and point), {@code result} (effect, policy, every
 * rule's result, waivers applied, warnings, summary) and {@code metrics} ({@code timer_policy_eval_ns}). Enum values
 * are written by name ({@code DENY}, {@code FAIL}); enforcement points by wire name ({@code promotion}).
 *
 * <pre>{@code
 * Decision d = engine.evaluate(policy, manifest, context);
 * decisionLog.write(DecisionRecords.toJsonBytes(d));       // one JSON object per line
 * auditLog.append(DecisionRecords.toAuditEvent(d));
 * }</pre>
 */
public final class DecisionRecords {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int MAX_REASON_LENGTH = 1024;

  private DecisionRecords() {}

  /**
   * The decision as an OPA decision-log record.
   *
   * @param decision the decision, must not be {@code null}
   * @return a new JSON object the caller may change
   */
  public static ObjectNode toJson(Decision decision) {
    Objects.requireNonNull(decision, "decision must not be null");
    ObjectNode o = F.objectNode();
    o.put("decision_id", decision.decisionId());
    o.put("timestamp", decision.timestamp().toString());
    o.put("path", decision.policy().id());
    o.putObject("bundles").putObject(decision.policy().id()).put("revision", decision.policy().version());
    ObjectNode labels = o.putObject("labels");
    labels.put("point", decision.point().wireName());
    decision.environment().ifPresent(e -> labels.put("environment", e));
    ObjectNode input = o.putObject("input");
    ObjectNode model = input.putObject("model");
    model.put("id", decision.model().id().toString());
    model.put("version", decision.model().version());
    model.put("manifestDigest", decision.model().manifestDigest().toString());
    input.put("point", decision.point().wireName());

    ObjectNode result = o.putObject("result");
    result.put("effect", decision.effect().name());
    result.put("allowed", decision.allowed());
    ObjectNode policy = result.putObject("policy");
    policy.put("id", decision.policy().id());
    policy.put("version", decision.policy().version());
    policy.put("digest", decision.policy().digest());
    ArrayNode results = result.putArray("results");
    for (RuleResult r : decision.results()) {
      results.add(ruleResult(r));
    }
    ArrayNode waivers = result.putArray("waiversApplied");
    for (AppliedWaiver w : decision.waiversApplied()) {
      ObjectNode wn = waivers.addObject();
      wn.put("waiverId", w.waiverId());
      wn.put("ruleId", w.ruleId());
      wn.put("ticket", w.ticket());
      wn.put("reason", w.reason());
      wn.put("expiresAt", w.expiresAt().toString());
    }
    ArrayNode warnings = result.putArray("warnings");
    decision.warnings().forEach(warnings::add);
    DecisionSummary s = decision.summary();
    ObjectNode summary = result.putObject("summary");
    summary.put("pass", s.pass());
    summary.put("fail", s.fail());
    summary.put("error", s.error());
    summary.put("notApplicable", s.notApplicable());
    summary.put("exempted", s.exempted());
    summary.put("denied", s.denied());
    summary.put("warned", s.warned());
    summary.put("audited", s.audited());

    o.putObject("metrics").put("timer_policy_eval_ns", decision.evaluationNanos());
    return o;
  }

  private static ObjectNode ruleResult(RuleResult r) {
    ObjectNode n = F.objectNode();
    n.put("ruleId", r.ruleId());
    n.put("outcome", r.outcome().name());
    n.put("severity", r.severity().name());
    n.put("category", r.category());
    n.put("mode", r.mode().name());
    r.message().ifPresent(m -> n.put("message", m));
    r.explanation().ifPresent(e -> n.set("explanation", explanation(e)));
    n.put("remediation", r.remediation());
    ArrayNode refs = n.putArray("references");
    r.references().forEach(refs::add);
    r.waiverId().ifPresent(w -> n.put("waiverId", w));
    return n;
  }

  private static ObjectNode explanation(Explanation e) {
    ObjectNode n = F.objectNode();
    n.put("failedExpression", e.failedExpression());
    ArrayNode values = n.putArray("values");
    for (ObservedValue v : e.values()) {
      ObjectNode vn = values.addObject();
      vn.put("expression", v.expression());
      vn.put("value", v.value());
    }
    return n;
  }

  /**
   * The decision-log record as compact UTF-8 JSON on one line (no trailing newline).
   *
   * @param decision the decision, must not be {@code null}
   * @return the JSON bytes
   */
  public static byte[] toJsonBytes(Decision decision) {
    try {
      return JSON.writeValueAsBytes(toJson(decision));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing a JSON tree to memory cannot fail", e);
    }
  }

  /**
   * The decision as an audit event: policy {@code id@version}, the model, whether it allowed, one reason {@code
   * "ruleId: message"} per denying and per warning rule, the enforcement point's wire name, and the attributes {@code
   * decisionId} and {@code effect}.
   *
   * @param decision the decision, must not be {@code null}
   * @return the event, timestamped at the decision's instant
   */
  public static PolicyDecisionEvent toAuditEvent(Decision decision) {
    Objects.requireNonNull(decision, "decision must not be null");
    PolicyDecisionEvent.Builder b = PolicyDecisionEvent.builder()
        .timestamp(decision.timestamp())
        .policy(decision.policy().id() + "@" + decision.policy().version())
        .model(decision.model())
        .allowed(decision.allowed())
        .enforcementPoint(decision.point().wireName())
        .attribute("decisionId", decision.decisionId())
        .attribute("effect", decision.effect().name());
    for (RuleResult r : decision.results()) {
      if (r.denies() || r.warns()) {
        b.reason(reason(r));
      }
    }
    return b.build();
  }

  /** {@code ruleId: message}, cut to the audit event's 1024-char limit without splitting a surrogate pair. */
  private static String reason(RuleResult r) {
    String text = r.message().map(m -> r.ruleId() + ": " + m).orElse(r.ruleId());
    if (text.length() <= MAX_REASON_LENGTH) {
      return text;
    }
    int end = MAX_REASON_LENGTH - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "\u2026";
  }
}
