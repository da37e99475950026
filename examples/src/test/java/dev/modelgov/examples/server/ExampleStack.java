package dev.modelgov.examples.server;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelGate;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.k8s.admission.AdmissionHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The example served as {@code governance demo} serves it: demo keys, a Prometheus registry, a durable audit log in a
 * temporary directory, the model signed by the release key and a gate opened at the promotion point.
 */
final class ExampleStack implements AutoCloseable {

  final Path dir;
  final ExampleFiles files;
  final PrometheusMeterRegistry registry;
  final Governance governance;
  final ModelManifest manifest;
  final ModelGate gate;
  final ExampleServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ExampleStack(Path dir, AdmissionHandler admission) throws Exception {
    this.dir = dir;
    this.files = ExampleFiles.writeTo(dir.resolve("files"));
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.governance = Governance.builder().demoMode().meterRegistry(registry).auditDirectory(dir.resolve("audit"))
        .environment("test").build();
    this.manifest = governance.manifests().read(files.manifest());
    byte[] envelope = governance.provenance().signModel(files.modelDirectory(), manifest,
        List.of(governance.keys().signingKey(KeyRing.RELEASE).orElseThrow()), Provenance.Format.DSSE);
    this.gate = governance.gate(manifest)
        .modelDirectory(files.modelDirectory())
        .provenance(envelope)
        .metrics(ExampleSetup.metrics(governance, manifest, files.driftBaseline()))
        .context(ExampleSetup.promotionContext())
        .open();
    ExampleServer.Builder b = ExampleServer.builder().governance(governance).gate(gate)
        .model(CreditScoringModel.load(files.modelDirectory())).prometheus(registry).port(0).threads(4);
    if (admission != null) {
      b.admission(admission);
    }
    this.server = b.start();
  }

  static ExampleStack start(Path dir) throws Exception {
    return new ExampleStack(dir, null);
  }

  static ExampleStack start(Path dir, AdmissionHandler admission) throws Exception {
    return new ExampleStack(dir, admission);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
    if (headers.length > 0) {
      r.headers(headers);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> post(String path, byte[] body) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body.getBytes(StandardCharsets.UTF_8));
  }

  private URI uri(String pathAndQuery) {
    return server.uri().resolve(pathAndQuery);
  }

  @Override
  public void close() {
    server.close();
    gate.close();
    governance.close();
    registry.close();
  }
}
