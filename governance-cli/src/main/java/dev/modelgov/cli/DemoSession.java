package dev.modelgov.cli;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelGate;
import dev.modelgov.core.metrics.MetricsConfig;
import dev.modelgov.examples.server.ExampleFiles;
import dev.modelgov.examples.server.ExampleServer;
import dev.modelgov.examples.server.LoadReport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one run of {@code governance demo} has set up so far: the options, the files it wrote, and the resources it
 * holds open (the governance facade with its audit log, the model gate, the example server, the Prometheus registry),
 * which {@link #close()} releases in reverse order (also from a shutdown hook, so it is synchronized and
 * idempotent). The steps run one after the other on one thread. For internal
 * use only; may change without notice.
 *
 * <pre>{@code
 * try (DemoSession session = new DemoSession(options)) {
 *   new DemoSteps(session, report).run();
 * }
 * }</pre>
 */
final class DemoSession implements AutoCloseable {

  /** The origin of the demo's audit log: the name its checkpoints carry and the note key name. */
  static final String AUDIT_ORIGIN = "modelgov.demo/credit-scoring/audit";

  /**
   * The options of the run.
   *
   * @param dir the directory to use, or null for a new one under the temporary directory
   * @param port the port of the example server, 0 for an ephemeral one
   * @param requests the requests to send
   * @param seed the seed of the applicant stream
   */
  record Options(Path dir, int port, int requests, long seed) {}

  final Options options;

  /** The directory the files go to; set by step 1. */
  Path dir;
  ExampleFiles files;
  ModelManifest manifest;
  Digest manifestDigest;
  PrometheusMeterRegistry prometheus;
  Governance governance;
  Path releasePub;
  Path auditPub;
  Path envelopeFile;
  byte[] envelope;
  MetricsConfig metricsConfig;
  ModelGate gate;
  ExampleServer server;
  DemoHttp http;
  LoadReport load;
  Path proofFile;
  Path k8sFile;
  /** The steps that succeeded, in order: their closing lines. */
  final List<String> done = new ArrayList<>();

  /**
   * @param options the options
   */
  DemoSession(Options options) {
    this.options = Objects.requireNonNull(options, "options must not be null");
  }

  /** Stops the server, closes the gate, then the facade (its audit log issues a final checkpoint), then the registry. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (gate != null) {
      gate.close();
      gate = null;
    }
    if (governance != null) {
      try {
        governance.close();
      } catch (RuntimeException e) {
        // The log's failure was reported by the step that met it; closing must still release the rest.
      }
      governance = null;
    }
    if (prometheus != null) {
      prometheus.close();
      prometheus = null;
    }
  }
}
