package dev.modelgov.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelGate;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.k8s.admission.AdmissionHandler;
import dev.modelgov.testkit.doubles.InMemoryAuditLog;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server's endpoints one request at a time: answers, client errors, and the optional endpoints. */
class ExampleServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APPLICANT = "{\"applicantId\":\"A-000123\",\"sex\":\"f\",\"features\":{\"income\":52000,"
      + "\"debt_ratio\":0.31,\"age\":41,\"credit_history_years\":12,\"employment\":\"salaried\"}}";

  @TempDir
  static Path dir;

  private static ExampleStack stack;

  @BeforeAll
  static void serve() throws Exception {
    AdmissionHandler admission = AdmissionHandler.builder()
        .policy(BuiltinPolicy.deployGate(), PolicyEngine.builder().build())
        .build();
    stack = ExampleStack.start(dir, admission);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void predict_answers_with_the_decision_and_its_audit_record() throws Exception {
    // WHEN the README's applicant is scored
    HttpResponse<String> r = stack.post("/predict", APPLICANT);
    // THEN the answer has a request id, the decision, the rounded probability and the audit index
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.properties()).extracting(e -> e.getKey())
        .containsExactly("requestId", "approved", "probability", "auditIndex");
    assertThat(answer.get("approved").asBoolean()).isTrue();
    assertThat(answer.get("probability").asDouble()).isEqualTo(0.7897);
    // and the audit record is a prediction event of this request, for a pseudonymised applicant
    DurableAuditLog log = (DurableAuditLog) stack.governance.audit();
    AuditEntry entry = log.entry(answer.get("auditIndex").asLong()).orElseThrow();
    assertThat(entry.type()).isEqualTo(PredictionEvent.TYPE);
    String recorded = new String(entry.recordedBytes(), StandardCharsets.UTF_8);
    assertThat(recorded).contains(answer.get("requestId").asText()).doesNotContain("A-000123");
    assertThat(entry.subjectPseudonym()).isPresent();
  }

  @Test
  void the_applicant_id_is_written_nowhere_in_the_audit_directory_in_the_clear() throws Exception {
    // GIVEN a prediction for a distinctive applicant id
    String id = "A-987654";
    HttpResponse<String> r = stack.post("/predict", APPLICANT.replace("A-000123", id));
    assertThat(r.statusCode()).isEqualTo(200);
    stack.governance.audit().flush();
    // WHEN every file of the audit log is read THEN none holds the id
    try (Stream<Path> files = Files.walk(dir.resolve("audit"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
            .doesNotContain(id);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing feature       | ,"employment":"salaried"      |                              | features.employment
      feature of wrong type | "income":52000                | "income":"52000"             | features.income
      feature as object     | "income":52000                | "income":{"eur":52000}       | features.income
      feature as null       | "income":52000                | "income":null                | features.income
      unknown feature       | "age":41                      | "age":41,"postcode":"1011"   | features.postcode
      out-of-range feature  | "age":41                      | "age":7                      | features.age
      unknown category      | "salaried"                    | "astronaut"                  | features.employment
      bad sex               | "sex":"f"                     | "sex":"x"                    | sex
      missing sex           | "sex":"f",                    |                              | sex
      missing applicant     | "applicantId":"A-000123",     |                              | applicantId
      applicant as number   | "applicantId":"A-000123"      | "applicantId":123            | applicantId
      applicant with space  | "applicantId":"A-000123"      | "applicantId":"A 1"          | applicantId
      unknown field         | "sex":"f"                     | "sex":"f","debug":true       | debug
      features not object   | {"income":52000,"debt_ratio":0.31,"age":41,"credit_history_years":12,"employment":"salaried"} | [52000] | features
      """)
  void a_bad_field_gets_400_naming_it(String title, String from, String to, String field) throws Exception {
    // GIVEN the valid applicant with one field changed
    assertThat(APPLICANT).contains(from);
    String body = APPLICANT.replace(from, to == null ? "" : to);
    // WHEN it is posted
    HttpResponse<String> r = stack.post("/predict", body);
    // THEN 400 with a JSON error naming the field, and no stack trace
    assertThat(r.statusCode()).as(body).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body());
    assertThat(error.path("error").asText()).isEqualTo("bad_request");
    assertThat(error.path("field").asText()).as(r.body()).isEqualTo(field);
    assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void malformed_json_gets_400_naming_the_byte_offset() throws Exception {
    // WHEN a body with a trailing comma is posted
    HttpResponse<String> r = stack.post("/predict", "{\"applicantId\":\"A-1\",}");
    // THEN 400 naming the offset of the bad byte
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body());
    assertThat(error.path("offset").asLong()).isEqualTo(21);
    assertThat(error.path("message").asText()).contains("byte offset 21");
  }

  @Test
  void duplicate_keys_empty_and_non_object_bodies_get_400() throws Exception {
    // WHEN such bodies are posted THEN each is a 400 saying why
    HttpResponse<String> dup = stack.post("/predict", "{\"sex\":\"f\",\"sex\":\"m\"}");
    assertThat(dup.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(dup.body()).path("message").asText()).contains("Duplicate field 'sex'");
    HttpResponse<String> empty = stack.post("/predict", new byte[0]);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(empty.body()).path("message").asText()).contains("empty");
    HttpResponse<String> array = stack.post("/predict", "[1,2]");
    assertThat(array.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(array.body()).path("message").asText()).contains("JSON object");
  }

  @Test
  void a_body_over_64_kib_gets_400() throws Exception {
    // GIVEN a valid applicant padded past the limit with whitespace
    byte[] body = (APPLICANT + " ".repeat(ExampleServer.MAX_BODY_BYTES)).getBytes(StandardCharsets.UTF_8);
    // WHEN it is posted THEN 400 naming the limit
    HttpResponse<String> r = stack.post("/predict", body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("message").asText()).contains(Integer.toString(ExampleServer.MAX_BODY_BYTES));
  }

  @Test
  void wrong_methods_and_unknown_paths_are_refused() throws Exception {
    // WHEN /predict is fetched with GET, /metrics posted to, and an unknown path asked
    HttpResponse<String> get = stack.get("/predict");
    HttpResponse<String> post = stack.post("/metrics", "{}");
    HttpResponse<String> unknown = stack.get("/nothing-here");
    // THEN 405 with Allow, and 404
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("message").asText()).contains("/predict");
  }

  @Test
  void admission_reviews_are_answered_by_the_handler() throws Exception {
    // GIVEN an AdmissionReview for a pod with a floating image tag
    String review = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
          "uid":"705ab4f5-6393-11e8-b7cc-42010a800002","operation":"CREATE",
          "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
          "namespace":"risk","userInfo":{"username":"dev"},
          "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"serve","namespace":"risk"},
            "spec":{"containers":[{"name":"serve","image":"registry.example/serve:latest"}]}}}}
        """;
    // WHEN it is posted to /admission
    HttpResponse<String> r = stack.post("/admission", review);
    // THEN the handler's AdmissionReview comes back for the same uid, with a verdict
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode answer = JSON.readTree(r.body());
    assertThat(answer.at("/response/uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(answer.at("/response/allowed").isBoolean()).isTrue();
    // and a body with no readable uid is a 400
    HttpResponse<String> bad = stack.post("/admission", "not json");
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void without_an_admission_handler_or_a_durable_log_those_endpoints_say_so(@TempDir Path other) throws Exception {
    // GIVEN a server with no admission handler whose facade audits to an in-memory log
    ExampleFiles files = ExampleFiles.writeTo(other);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Governance governance = Governance.builder().demoMode().meterRegistry(registry)
        .auditLog(InMemoryAuditLog.create()).build()) {
      var manifest = governance.manifests().read(files.manifest());
      byte[] envelope = governance.provenance().signModel(files.modelDirectory(), manifest,
          List.of(governance.keys().signingKey(KeyRing.RELEASE).orElseThrow()), Provenance.Format.DSSE);
      try (ModelGate gate = governance.gate(manifest).modelDirectory(files.modelDirectory()).provenance(envelope)
              .context(ExampleSetup.promotionContext()).open();
          ExampleServer server = ExampleServer.builder().governance(governance).gate(gate)
              .model(CreditScoringModel.load(files.modelDirectory())).prometheus(registry).port(0).start()) {
        var client = java.net.http.HttpClient.newHttpClient();
        // WHEN a proof and an admission review are asked
        var proof = client.send(java.net.http.HttpRequest.newBuilder(server.uri().resolve(
            "/governance/audit/proof?index=0")).build(), HttpResponse.BodyHandlers.ofString());
        var admission = client.send(java.net.http.HttpRequest.newBuilder(server.uri().resolve("/admission"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString());
        // THEN 501 (no Merkle log to prove against) and 404 (no handler)
        assertThat(proof.statusCode()).isEqualTo(501);
        assertThat(admission.statusCode()).isEqualTo(404);
      }
    } finally {
      registry.close();
    }
  }

  @Test
  void start_names_the_missing_setting() {
    // GIVEN builders missing one required setting THEN start() names it
    assertThatThrownBy(() -> ExampleServer.builder().start()).hasMessageContaining("governance");
    assertThatThrownBy(() -> ExampleServer.builder().governance(stack.governance).start())
        .hasMessageContaining("gate");
    assertThatThrownBy(() -> ExampleServer.builder().governance(stack.governance).gate(stack.gate).start())
        .hasMessageContaining("model");
    assertThatThrownBy(() -> ExampleServer.builder().governance(stack.governance).gate(stack.gate)
        .model(modelOf(stack)).start()).hasMessageContaining("prometheus");
    assertThatThrownBy(() -> ExampleServer.builder().governance(stack.governance).gate(stack.gate)
        .model(modelOf(stack)).prometheus(stack.registry).port(70_000).start()).hasMessageContaining("port");
    assertThatThrownBy(() -> ExampleServer.builder().governance(stack.governance).gate(stack.gate)
        .model(modelOf(stack)).prometheus(stack.registry).port(0).threads(0).start())
        .hasMessageContaining("threads");
  }

  @Test
  void close_releases_the_port_and_is_idempotent(@TempDir Path other) throws Exception {
    // GIVEN a second server on the same gate
    ExampleServer server = ExampleServer.builder().governance(stack.governance).gate(stack.gate)
        .model(modelOf(stack)).prometheus(stack.registry).port(0).start();
    int port = server.port();
    assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
    // WHEN it is closed twice
    server.close();
    server.close();
    // THEN its port can be bound again
    try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  private static CreditScoringModel modelOf(ExampleStack s) throws Exception {
    return CreditScoringModel.load(s.files.modelDirectory());
  }
}
