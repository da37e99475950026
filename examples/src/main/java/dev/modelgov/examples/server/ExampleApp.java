package dev.modelgov.examples.server;

import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelGate;
import dev.modelgov.core.ModelRefusedException;
import dev.modelgov.core.metrics.ModelMetrics;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.SigningKey;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the example serving app standalone, in demo mode: copies the {@link ExampleFiles} into a directory, generates
 * demo keys, signs the model with the {@code release} key, opens the gate (verification and the deploy policy at the
 * promotion point) and serves until the process is stopped (Ctrl-C). The demo keys die with the process, so each run
 * writes a new audit log, {@code DIR/audit-<UTC time>}.
 *
 * <pre>
 * java -cp ... dev.modelgov.examples.server.ExampleApp --dir modelgov-example --port 8080
 * curl -s localhost:8080/predict -d '{"applicantId":"A-000123","sex":"f","features":{"income":52000,
 *   "debt_ratio":0.31,"age":41,"credit_history_years":12,"employment":"salaried"}}'
 * </pre>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ExampleApp.main(new String[] {"--dir", "demo", "--port", "0"});
 * }</pre>
 */
public final class ExampleApp {

  private static final String USAGE = "usage: ExampleApp [--dir DIR] [--port N]\n"
      + "  --dir DIR   where the example files, the signature and the audit log go (default: a new temporary"
      + " directory)\n"
      + "  --port N    the port to listen on, 0 for an ephemeral one (default 8080)";

  private ExampleApp() {}

  /**
   * Starts the app and blocks until the JVM shuts down.
   *
   * @param args {@code --dir DIR} and {@code --port N}, both optional
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    Path dir = null;
    int port = 8080;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
          case "--port" -> port = port(value(args, ++i, "--port"));
          case "-h", "--help" -> {
            out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    try {
      run(dir == null ? Files.createTempDirectory("modelgov-example") : dir, port, out);
    } catch (ModelRefusedException e) {
      System.err.println("the gate refused to serve the model:");
      e.report().reasons().forEach(r -> System.err.println("  - " + r));
      System.exit(1);
    } catch (ManifestFormatException e) {
      System.err.println("the example manifest is invalid: " + e.getMessage());
      System.exit(1);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      System.err.println("cannot start the example server: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void run(Path dir, int port, PrintStream out)
      throws IOException, GeneralSecurityException, ManifestFormatException, ModelRefusedException,
      InterruptedException {
    ExampleFiles files = ExampleFiles.writeTo(dir);
    // Demo keys live only as long as the process, so each run starts its own audit log.
    Path audit = dir.resolve("audit-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
        .withZone(ZoneOffset.UTC).format(Instant.now()));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Governance governance = Governance.builder()
        .demoMode()
        .meterRegistry(registry)
        .auditDirectory(audit)
        .environment("demo")
        .build();
    ModelManifest manifest = governance.manifests().read(files.manifest());
    SigningKey release = governance.keys().signingKey(KeyRing.RELEASE)
        .orElseThrow(() -> new IllegalStateException("demo mode has no release key"));
    byte[] envelope = governance.provenance()
        .signModel(files.modelDirectory(), manifest, List.of(release), Provenance.Format.DSSE);
    Path envelopeFile = dir.resolve("credit-scoring.dsse.json");
    Files.write(envelopeFile, envelope);
    ModelMetrics metrics = ExampleSetup.metrics(governance, manifest, files.driftBaseline());
    ModelGate gate = governance.gate(manifest)
        .modelDirectory(files.modelDirectory())
        .provenance(envelope)
        .metrics(metrics)
        .context(ExampleSetup.promotionContext())
        .open();
    ExampleServer server = ExampleServer.builder()
        .governance(governance)
        .gate(gate)
        .model(CreditScoringModel.load(files.modelDirectory()))
        .prometheus(registry)
        .port(port)
        .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      gate.close();
      governance.close();
      stopped.countDown();
    }, "modelgov-example-shutdown"));
    out.println("files:      " + dir.toAbsolutePath());
    out.println("signature:  " + envelopeFile.toAbsolutePath());
    out.println("audit log:  " + audit.toAbsolutePath());
    out.println("gate:       " + gate.startupReport().summary());
    out.println("serving " + gate.model() + " at " + server.uri() + " (Ctrl-C to stop)");
    out.println("  POST " + server.uri().resolve("/predict"));
    out.println("  GET  " + server.uri().resolve("/metrics"));
    out.println("  GET  " + server.uri().resolve("/governance/status"));
    out.println("  GET  " + server.uri().resolve("/governance/audit/proof?index=0"));
    stopped.await();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65_535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be an integer in [0, 65535], was " + value);
    }
  }
}
