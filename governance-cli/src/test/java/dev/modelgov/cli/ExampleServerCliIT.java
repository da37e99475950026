package dev.modelgov.cli;

import dev.modelgov.cli.BuiltJar.Run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelGate;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.examples.server.CreditScoringModel;
import dev.modelgov.examples.server.ExampleFiles;
import dev.modelgov.examples.server.ExampleServer;
import dev.modelgov.examples.server.ExampleSetup;
import dev.modelgov.examples.server.LoadGenerator;
import dev.modelgov.examples.server.LoadReport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the example server on an ephemeral port, real requests, the Prometheus scrape, an inclusion proof
 * fetched over HTTP and verified offline by the built {@code governance.jar} (run as a process); and the jar's own
 * {@code demo}.
 */
class ExampleServerCliIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void a_proof_served_over_http_verifies_with_the_cli_and_a_flipped_hex_digit_does_not() throws Exception {
    // GIVEN the example server, signed and gated, on an ephemeral port
    ExampleFiles files = ExampleFiles.writeTo(tmp.resolve("example"));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Governance governance = Governance.builder().demoMode().meterRegistry(registry)
        .auditDirectory(tmp.resolve("audit")).auditOrigin("modelgov.it/example/audit").build()) {
      ModelManifest manifest = governance.manifests().read(files.manifest());
      SigningKey release = governance.keys().signingKey(KeyRing.RELEASE).orElseThrow();
      byte[] envelope = governance.provenance().signModel(files.modelDirectory(), manifest, List.of(release),
          Provenance.Format.DSSE);
      try (ModelGate gate = governance.gate(manifest).modelDirectory(files.modelDirectory()).provenance(envelope)
              .metrics(ExampleSetup.metrics(governance, manifest, files.driftBaseline()))
              .context(ExampleSetup.promotionContext()).open();
          ExampleServer server = ExampleServer.builder().governance(governance).gate(gate)
              .model(CreditScoringModel.load(files.modelDirectory())).prometheus(registry).port(0).start()) {
        assertThat(server.port()).isPositive();

        // WHEN 60 applications are sent
        LoadReport load = LoadGenerator.builder().target(server.uri()).requests(60).driftFrom(30).seed(7)
            .concurrency(3).build().run();
        // THEN each is answered and audited, and the scrape counts them
        assertThat(load.succeeded()).isEqualTo(60);
        assertThat(load.auditIndexes()).hasSize(60).doesNotHaveDuplicates();
        String metrics = get(server.uri().resolve("/metrics"));
        DemoMetrics scrape = DemoMetrics.parse(metrics);
        assertThat(scrape.sum("model_inference_seconds_count",
            s -> s.label("model").equals(manifest.id().toString()))).isEqualTo(60.0);

        // WHEN the proof of one prediction is fetched over HTTP and saved with the audit key
        long index = load.auditIndexes().get(42);
        Path proof = tmp.resolve("proof.json");
        Files.writeString(proof, get(server.uri().resolve("/governance/audit/proof?index=" + index)),
            StandardCharsets.UTF_8);
        Path pub = tmp.resolve("audit.pub.pem");
        Files.writeString(pub, governance.keys().signingKey(KeyRing.AUDIT).orElseThrow().verificationKey()
            .toSpkiPem(), StandardCharsets.US_ASCII);
        Run verified = governance("audit", "verify-proof", proof.toString(), "--pub", pub.toString());
        // THEN the CLI verifies it offline
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).startsWith("verified: record " + index + " (");
        assertThat(verified.out()).contains("is in log 'modelgov.it/example/audit'");

        // WHEN one hex digit of the leaf hash is flipped
        ObjectNode tampered = (ObjectNode) JSON.readTree(proof.toFile());
        String leaf = tampered.get("leafHash").asText();
        char last = leaf.charAt(leaf.length() - 1);
        tampered.put("leafHash", leaf.substring(0, leaf.length() - 1) + (last == 'a' ? 'b' : 'a'));
        Files.writeString(proof, JSON.writeValueAsString(tampered), StandardCharsets.UTF_8);
        Run rejected = governance("audit", "verify-proof", proof.toString(), "--pub", pub.toString());
        // THEN it does not verify, and says why in one line
        assertThat(rejected.exitCode()).as(rejected.toString()).isEqualTo(1);
        assertThat(rejected.out()).isEmpty();
        assertThat(rejected.err()).startsWith(proof + ": does not verify: the path does not lead from leafHash")
            .hasLineCount(1);
      }
    } finally {
      registry.close();
    }
  }

  @Test
  void the_jar_runs_the_demo_and_every_step_succeeds() throws Exception {
    // WHEN the built jar runs the demo, as the README's first command does
    Path dir = tmp.resolve("demo");
    Run demo = governance("demo", "--requests", "100", "--dir", dir.toString());
    // THEN exit 0, ten success lines in plain ASCII (standard output is a file), and the files left behind
    assertThat(demo.exitCode()).as(demo.toString()).isZero();
    List<String[]> closing = DemoCommandTest.closingLines(demo.out());
    assertThat(closing).hasSize(DemoSteps.STEPS).allSatisfy(l -> assertThat(l[0]).isEqualTo(DemoReport.PLAIN_OK));
    assertThat(demo.err()).isEmpty();
    assertThat(dir.resolve("k8s/credit-scoring.yaml")).isRegularFile();
    Run audit = governance("audit", "verify", "--log", dir.resolve("audit").toString(), "--pub",
        dir.resolve("audit.pub.pem").toString());
    assertThat(audit.exitCode()).as(audit.toString()).isZero();
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  private Run governance(String... args) throws Exception {
    return BuiltJar.run(tmp, tmp, 180, BuiltJar.governance(args));
  }


}
