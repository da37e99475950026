package dev.modelgov.examples.server;

import static dev.modelgov.testkit.GovernanceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.MerkleHashes;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.ProofVerificationException;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.KeyRing;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole serving story over HTTP: a signed model served through an open gate, 600 requests with drift from the
 * 300th, then the scrape, the status with its runtime re-check, and audit proofs verified against the signed
 * checkpoint.
 */
class ExampleServerEndToEndTest {

  private static final int REQUESTS = 600;
  private static final int DRIFT_FROM = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  private static ExampleStack stack;
  private static LoadReport report;
  private static final AtomicInteger lastProgress = new AtomicInteger();

  @BeforeAll
  static void serve_the_example_and_send_drifting_traffic() throws Exception {
    // GIVEN the example served by a gate that opened on the signed model
    stack = ExampleStack.start(dir);
    // WHEN the load generator sends 600 applications, drifted from the 300th on
    report = LoadGenerator.builder().target(stack.server.uri()).requests(REQUESTS).driftFrom(DRIFT_FROM).seed(42)
        .concurrency(4).progress(done -> lastProgress.accumulateAndGet(done, Math::max)).build().run();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void every_request_is_answered_and_approvals_differ_by_group() {
    // THEN all 600 succeeded with distinct audit records, progress reached the end, and women were approved less
    assertThat(report.sent()).isEqualTo(REQUESTS);
    assertThat(report.succeeded()).isEqualTo(REQUESTS);
    assertThat(report.failed()).isZero();
    assertThat(report.auditIndexes()).hasSize(REQUESTS).doesNotHaveDuplicates();
    assertThat(report.applicantIds()).hasSize(REQUESTS).doesNotHaveDuplicates();
    assertThat(lastProgress.get()).isEqualTo(REQUESTS);
    assertThat(report.requestsByGroup().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
    assertThat(report.approvalRate("f")).isLessThan(report.approvalRate("m"));
  }

  @Test
  void the_scrape_shows_the_inference_timer_and_the_drift_gauges() throws Exception {
    // WHEN /metrics is scraped in the Prometheus text format
    HttpResponse<String> scrape = stack.get("/metrics");
    // THEN the inference timer counted every request, and the last window's PSI on income and debt ratio is severe
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type")).contains(ExampleServer.PROMETHEUS_TEXT);
    String text = scrape.body();
    assertThat(sum(values(text, "model_inference_seconds_count", "outcome=\"success\""))).isEqualTo(REQUESTS);
    assertThat(sum(values(text, "model_predictions_total"))).isEqualTo(REQUESTS);
    assertThat(values(text, "model_drift_distance", "feature=\"income\"", "method=\"psi\""))
        .singleElement().satisfies(v -> assertThat(v).isGreaterThan(0.25));
    assertThat(values(text, "model_drift_distance", "feature=\"debt_ratio\"", "method=\"psi\""))
        .singleElement().satisfies(v -> assertThat(v).isGreaterThan(0.25));
    assertThat(values(text, "model_drift_detected", "feature=\"income\"", "method=\"psi\"")).containsExactly(1.0);
    // and the registry behind it agrees (testkit)
    assertThat(stack.registry).hasTimerWithCount("model.inference", REQUESTS, "outcome", "success");
    assertThat(stack.gate.metrics().orElseThrow()).hasDriftDetectedIn("income").hasDriftDetectedIn("debt_ratio");
  }

  @Test
  void the_scrape_is_openmetrics_when_asked() throws Exception {
    // WHEN /metrics is scraped asking for OpenMetrics
    HttpResponse<String> scrape = stack.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
    // THEN the answer is OpenMetrics, which ends with # EOF
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type")).contains(ExampleServer.OPENMETRICS_TEXT);
    assertThat(scrape.body()).contains("model_inference_seconds_count").endsWith("# EOF\n");
  }

  @Test
  void the_status_reports_the_open_gate_and_a_runtime_recheck_that_flags_drift() throws Exception {
    // WHEN /governance/status is read
    HttpResponse<String> response = stack.get("/governance/status");
    // THEN it names the model, the startup report is open, and the fresh runtime decision denies on drift
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode status = JSON.readTree(response.body());
    assertThat(status.at("/model/ref").asText()).isEqualTo(stack.gate.model().toString());
    assertThat(status.at("/startup/open").asBoolean()).isTrue();
    assertThat(status.at("/startup/reasons")).isEmpty();
    assertThat(status.at("/runtime/labels/point").asText()).isEqualTo("runtime");
    assertThat(status.at("/runtime/result/allowed").asBoolean()).isFalse();
    List<String> failed = new ArrayList<>();
    status.at("/runtime/result/results").forEach(r -> {
      if (r.path("outcome").asText().equals("FAIL")) {
        failed.add(r.path("ruleId").asText());
      }
    });
    assertThat(failed).contains("runtime.drift");
    assertThat(stack.gate.lastRuntimeDecision().orElseThrow()).denies("runtime.drift");
    // and drift per feature and fairness by group are shown
    assertThat(status.at("/drift/lastWindow/driftedFeatures")).extracting(JsonNode::asText)
        .contains("income", "debt_ratio");
    assertThat(status.at("/drift/lastWindow/features/income/psi/value").asDouble()).isGreaterThan(0.25);
    assertThat(status.at("/drift/windowsClosed").asLong()).isEqualTo(REQUESTS / ExampleSetup.DRIFT_WINDOW_SAMPLES);
    assertThat(status.at("/fairness/predictions").asLong()).isEqualTo(REQUESTS);
    assertThat(status.at("/fairness/groups")).extracting(g -> g.path("group").asText()).contains("f", "m");
  }

  @Test
  void an_audit_proof_verifies_against_the_signed_checkpoint() throws Exception {
    // GIVEN the audit index of a prediction made after the drift started
    long index = report.auditIndexes().get(DRIFT_FROM + 17);
    // WHEN its proof is fetched
    HttpResponse<String> response = stack.get("/governance/audit/proof?index=" + index);
    // THEN it has the fields of `governance audit prove`
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode proof = JSON.readTree(response.body());
    assertThat(proof.properties()).extracting(e -> e.getKey())
        .containsExactly("index", "treeSize", "leafHash", "rootHash", "path", "checkpoint");
    assertThat(proof.get("index").asLong()).isEqualTo(index);
    // and the checkpoint is signed by the demo audit key, under the log's origin
    NoteVerifier auditKey = NoteVerifier.ed25519(DurableAuditLog.DEFAULT_ORIGIN,
        stack.governance.keys().signingKey(KeyRing.AUDIT).orElseThrow().verificationKey());
    Checkpoint checkpoint = SignedNote.open(proof.get("checkpoint").asText(), List.of(auditKey)).checkpoint();
    assertThat(checkpoint.treeSize()).isEqualTo(proof.get("treeSize").asLong()).isGreaterThan(index);
    assertThat(Digest.parse(proof.get("rootHash").asText())).isEqualTo(checkpoint.rootHash());
    // and the leaf is the hash of the recorded prediction event, included under the checkpoint's root
    AuditEntry entry = ((DurableAuditLog) stack.governance.audit()).entry(index).orElseThrow();
    assertThat(entry.type()).isEqualTo(PredictionEvent.TYPE);
    Digest leaf = MerkleHashes.leafHash(entry.recordedBytes());
    assertThat(Digest.parse(proof.get("leafHash").asText())).isEqualTo(leaf);
    List<Digest> path = new ArrayList<>();
    proof.get("path").forEach(d -> path.add(Digest.parse(d.asText())));
    InclusionProof inclusion = new InclusionProof(index, checkpoint.treeSize(), path);
    inclusion.verify(leaf, checkpoint.rootHash());
    // and a path with one hash changed does not verify
    List<Digest> tampered = new ArrayList<>(path);
    tampered.set(0, MerkleHashes.leafHash(new byte[] {1}));
    assertThatThrownBy(() -> new InclusionProof(index, checkpoint.treeSize(), tampered).verify(leaf,
        checkpoint.rootHash())).isInstanceOf(ProofVerificationException.class);
  }

  @Test
  void the_audit_log_holds_every_prediction_pseudonymised_and_verifies() throws Exception {
    // GIVEN the log the server wrote
    DurableAuditLog log = (DurableAuditLog) stack.governance.audit();
    String applicant = report.applicantIds().get(5);
    AuditEntry entry = log.entry(report.auditIndexes().get(5)).orElseThrow();
    // THEN each prediction is recorded, with a pseudonymous subject, never the applicant id in the clear
    assertThat(stack.governance.audit()).containsEventsOfType(PredictionEvent.TYPE, REQUESTS);
    assertThat(entry.subjectPseudonym()).hasValueSatisfying(p -> assertThat(p).startsWith("hmac-sha256:"));
    assertThat(new String(entry.recordedBytes(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(applicant);
    assertThat(stack.governance.audit()).verifiesWith(
        stack.governance.keys().signingKey(KeyRing.AUDIT).orElseThrow().verificationKey(),
        DurableAuditLog.DEFAULT_ORIGIN);
  }

  @Test
  void a_bad_proof_index_is_a_client_error() throws Exception {
    // WHEN proofs are asked with a missing, malformed or too large index THEN 400 or 404, naming the index
    for (String query : List.of("", "?index=", "?index=abc", "?index=-1", "?idx=1", "?index=1&index=2")) {
      HttpResponse<String> r = stack.get("/governance/audit/proof" + query);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("field").asText()).as(query).isEqualTo("index");
    }
    HttpResponse<String> beyond = stack.get("/governance/audit/proof?index=999999999");
    assertThat(beyond.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(beyond.body()).path("message").asText()).contains("no record 999999999");
  }

  private static List<Double> values(String scrape, String name, String... labels) {
    List<Double> out = new ArrayList<>();
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(scrape);
    while (m.find()) {
      String found = m.group(1);
      boolean all = true;
      for (String l : labels) {
        all &= found.contains(l);
      }
      if (all) {
        out.add(Double.parseDouble(m.group(2)));
      }
    }
    return out;
  }

  private static double sum(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sum();
  }
}
