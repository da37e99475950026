package dev.modelgov.cli;

import dev.modelgov.examples.server.LoadGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code governance demo [--dir DIR] [--keep-running] [--port N] [--requests N] [--seed N] [--no-color]}: runs the whole
 * governance story of one model with no configuration and no network, and prints it as a readable report of numbered
 * steps (see {@link DemoSteps}), each closed by a success or failure line. Exits 0 only when every step succeeded, 1
 * otherwise (with a one-line reason on standard error, never a stack trace), 2 for a usage error. For internal use
 * only; may change without notice.
 *
 * <pre>{@code
 * governance demo                          # files in a new modelgov-demo-<timestamp> directory under the temp dir
 * governance demo --dir demo --keep-running --port 8080
 * }</pre>
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Runs the whole governance story of one model in about a minute, with no configuration and no network: creates "
          + "a manifest, hashes and signs the model, evaluates the deploy policy (a denial, then the fix), starts the "
          + "example server behind the model gate, sends traffic with drift, shows the metrics and the drift alert, "
          + "verifies the audit log and an inclusion proof, erases an applicant, and renders and scans the "
          + "Kubernetes deployment.",
      "The files stay in the directory it names at the end, with the CLI commands to explore them. Keys are "
          + "generated in memory (demo mode): never use them for production."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Every step succeeded.",
      "1:A step failed (the report and standard error say why).",
      "2:Usage error."
    })
final class DemoCommand extends ProvenanceCommand {

  /** The requests sent by default. */
  static final int DEFAULT_REQUESTS = 400;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where the files go: a new or empty directory (default: a new modelgov-demo-<timestamp> "
          + "directory under the system temporary directory).")
  Path dir;

  @Option(
      names = "--keep-running",
      description = "Leave the example server up after the report, until Ctrl-C.")
  boolean keepRunning;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "The example server's port on the loopback address (default: 0, an ephemeral port).")
  int port;

  @Option(
      names = "--requests",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_REQUESTS,
      description = "How many credit applications to send; drift starts half way (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "The seed of the applicant stream (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--no-color",
      description = "Plain ASCII output without colours, as when standard output is not a terminal.")
  boolean noColor;

  /** Picocli creates the command. */
  DemoCommand() {}

  @Override
  int execute() throws CommandException {
    if (json()) {
      throw CommandException.usage("demo prints a report for people; it has no --json output");
    }
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be in [0, 65535], was " + port);
    }
    if (requests < DemoSteps.MIN_REQUESTS || requests > LoadGenerator.MAX_REQUESTS) {
      throw new ParameterException(spec.commandLine(), "--requests must be in [" + DemoSteps.MIN_REQUESTS + ", "
          + LoadGenerator.MAX_REQUESTS + "], was " + requests);
    }
    DemoSession session = new DemoSession(new DemoSession.Options(dir, port, requests, seed));
    // Ctrl-C at any point still closes the audit log cleanly (a final signed checkpoint) and stops the server.
    Thread shutdown = new Thread(session::close, "modelgov-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    try {
      DemoReport report = new DemoReport(out(), DemoReport.Style.detect(noColor), DemoSteps.STEPS);
      report.title("ModelGov demo: the governance story of one model, end to end",
          "No configuration, no network; about a minute. Keys are generated in memory (demo mode).");
      int code = run(session, report);
      if (code == ExitCodes.OK && keepRunning) {
        keepRunning(session, report);
      }
      return code;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdown);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook closes the session.
      }
      session.close();
    }
  }

  /**
   * Runs the steps in order, stopping at the first that fails.
   *
   * @param session the run's state
   * @param report where to print
   * @return 0 when every step succeeded, else 1
   */
  int run(DemoSession session, DemoReport report) {
    List<DemoSteps.Step> steps = new DemoSteps(session, report, services().codec()).steps();
    for (int i = 0; i < steps.size(); i++) {
      DemoSteps.Step step = steps.get(i);
      report.step(i + 1, step.title());
      long start = System.nanoTime();
      String reason;
      try {
        String line = step.action().run();
        report.ok(line, Duration.ofNanos(System.nanoTime() - start));
        session.done.add(line);
        continue;
      } catch (DemoFailure e) {
        reason = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reason = "interrupted";
      } catch (IOException e) {
        reason = DemoSteps.reason(e);
      } catch (Exception e) {
        reason = e.getClass().getSimpleName() + ": " + AuditLogCommand.message(e);
      }
      report.fail(reason);
      if (session.dir != null) {
        report.line("the files written so far are in " + session.dir);
      }
      err().println("governance demo: step " + (i + 1) + " (" + step.title() + ") failed: " + reason);
      return ExitCodes.INVALID;
    }
    return ExitCodes.OK;
  }

  /** Leaves the server up until the JVM is asked to stop (Ctrl-C); the shutdown hook then closes everything. */
  private void keepRunning(DemoSession session, DemoReport report) {
    String uri = session.server.uri().toString().replaceAll("/$", "");
    report.section("The example server keeps running at " + uri + " (Ctrl-C to stop)");
    report.line("try:");
    report.detail("curl -s -X POST " + uri + "/predict -H 'Content-Type: application/json' -d '{\"applicantId\":"
        + "\"A-000123\",\"sex\":\"f\",\"features\":{\"income\":52000,\"debt_ratio\":0.31,\"age\":41,"
        + "\"credit_history_years\":12,\"employment\":\"salaried\"}}'");
    report.detail("curl -s " + uri + "/governance/status");
    report.detail("curl -s '" + uri + "/governance/audit/proof?index=0' > proof.json && bin/governance audit "
        + "verify-proof proof.json --pub " + session.auditPub);
    report.line("and " + uri + "/metrics for Prometheus.");
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
