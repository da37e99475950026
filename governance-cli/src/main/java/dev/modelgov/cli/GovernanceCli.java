package dev.modelgov.cli;

import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.export.ManifestExporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code governance} command line: validates, digests, exports and assesses model manifests; signs and verifies
 * model provenance; evaluates and tests policies; checks drift and renders alert rules; keeps and verifies the audit
 * log; checks and renders Kubernetes objects; and runs the end-to-end demo.
 *
 * <h2>Commands</h2>
 *
 * <pre>
 * governance manifest validate FILE...
 * governance manifest digest FILE
 * governance manifest export --format cyclonedx|spdx|model-card [--out FILE] FILE
 * governance manifest coverage FILE
 * governance keygen --algorithm ed25519|ecdsa-p256 --out PREFIX [--force]
 * governance hash-model MODEL
 * governance sign --key KEY.pem... --manifest FILE [--model DIR] [--format dsse|bundle] --out FILE
 * governance verify --pub PUB.pem... [--threshold N] --envelope FILE [--manifest FILE] [--model DIR]
 * governance audit append|verify|prove|consistency|checkpoint|erase|tail --log DIR ...
 * governance audit verify-proof PROOF.json --pub PUB.pem... [--origin ORIGIN]
 * governance policy eval --policy FILE|builtin|builtin-cel [--exceptions FILE] [--point P] [--context FILE]
 *     [--environment NAME] [--previous-stage STAGE] [--provenance ENVELOPE --pub PUB.pem...] MANIFEST
 * governance policy test SUITE...
 * governance policy lint FILE...
 * governance policy waivers [--expiring-within 14d] FILE
 * governance metrics alerts --config FILE [--format rules|prometheusrule] [--model ID] [--name NAME]
 *     [--namespace NS] [--out FILE]
 * governance metrics drift --baseline FILE --current FILE [--method M]... [--config FILE] [--bins N] [--top-k K]
 * governance k8s scan FILE|DIR... [--profile baseline|restricted|governance-strict] [--fail-on SEVERITY]
 * governance k8s rbac FILE... [--fail-on SEVERITY]
 * governance k8s render MANIFEST [--namespace NS] [--kind deployment|inferenceservice] [--argocd APP] [--flux NAME]
 * governance k8s admit --policy builtin|builtin-cel|FILE [--pub KEY.pem]... REVIEW.json
 * governance k8s vap --policy FILE [--point admission] [--out FILE]
 * governance k8s drift --desired FILE --live FILE
 * governance k8s crd
 * governance demo [--dir DIR] [--keep-running] [--port N] [--requests N] [--seed N] [--no-color]
 * </pre>
 *
 * <p>Every command accepts {@code --json} (before or after the command name) for machine-readable output on standard
 * output. Problems go to standard error, one line each: {@code <file>: <path>: <message>}.
 *
 * <h2>Exit codes</h2>
 *
 * <ul>
 *   <li>{@code 0}: success;
 *   <li>{@code 1}: a manifest is invalid, ({@code verify}) verification failed, ({@code policy}) a policy denied,
 *       a suite case failed, a policy file has errors or a waiver has expired, or ({@code metrics drift}) drift was
 *       detected;
 *   <li>{@code 2}: a usage error, an unreadable input, or an internal error (reported in one line, never with a
 *       stack trace).
 * </ul>
 */
@Command(
    name = "governance",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = "Validates, digests, exports and assesses AI model manifests; signs and verifies model provenance.",
    subcommands = {
      ManifestCommand.class,
      KeygenCommand.class,
      HashModelCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      AuditCommand.class,
      PolicyCommand.class,
      MetricsCommand.class,
      K8sCommand.class,
      DemoCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "1:A manifest is invalid, verification failed, a policy denied, or drift was detected (see each command's "
          + "help).",
      "2:Usage error, unreadable input, or internal error."
    })
public final class GovernanceCli {

  /** The line printed after a usage error. */
  static final String TRY_HELP = "Try 'governance --help'";

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print machine-readable JSON on standard output.")
  boolean json;

  /** Picocli creates the command. */
  GovernanceCli() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String... args) {
    int code;
    try (PrintWriter out = writer(System.out);
        PrintWriter err = writer(System.err)) {
      code = run(out, err, args);
    }
    System.exit(code);
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  /**
   * Runs the command line in this JVM.
   *
   * @param out standard output, must not be {@code null}
   * @param err standard error, must not be {@code null}
   * @param args the arguments, must not be {@code null}
   * @return the exit code: 0, 1 or 2
   */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(new Services(ManifestCodec.defaults(), ManifestExporter.defaults()::export), out, err, args);
  }

  /**
   * Runs the command line in this JVM with other services (tests use this to replace the exporter).
   *
   * @param services what the commands use
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code: 0, 1 or 2
   */
  static int run(Services services, PrintWriter out, PrintWriter err, String... args) {
    try {
      return commandLine(services, out, err).execute(args);
    } catch (RuntimeException | Error e) {
      // A last guard (the handlers below catch what commands throw): one line, never a stack trace.
      return internalError(err, e);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Builds the command line, with its error handlers installed.
   *
   * @param services what the commands use
   * @param out standard output
   * @param err standard error
   * @return a new command line
   */
  static CommandLine commandLine(Services services, PrintWriter out, PrintWriter err) {
    Objects.requireNonNull(services, "services must not be null");
    CommandLine commandLine = new CommandLine(new GovernanceCli(), new Factory(services));
    commandLine.setOut(Objects.requireNonNull(out, "out must not be null"));
    commandLine.setErr(Objects.requireNonNull(err, "err must not be null"));
    commandLine.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
    // The handlers print to the writer given here, also for subcommands added later with their own writers.
    commandLine.setParameterExceptionHandler((e, args) -> usageError(err, e));
    commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> internalError(err, e));
    CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    commandLine.setExecutionStrategy(parseResult -> {
      try {
        return runLast.execute(parseResult);
      } catch (CommandLine.ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          return internalError(err, error);
        }
        throw e;
      } catch (Error e) {
        // Picocli passes only Exceptions to the execution exception handler and lets Errors escape.
        return internalError(err, e);
      }
    });
    return commandLine;
  }

  private static int usageError(PrintWriter err, ParameterException e) {
    err.println(e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println(TRY_HELP);
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int internalError(PrintWriter err, Throwable e) {
    // The class only: a message could repeat input, and a stack trace helps no user.
    err.println("governance: internal error: " + e.getClass().getName());
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * Whether {@code --json} was given anywhere on the command line.
   *
   * @param spec the running command
   * @return whether JSON output was asked for
   */
  static boolean jsonRequested(CommandSpec spec) {
    OptionSpec option = spec.findOption("--json");
    return option != null && Boolean.TRUE.equals(option.getValue());
  }

  /**
   * What the commands use to do their work.
   *
   * @param codec reads manifests and computes digests
   * @param exporter exports manifests
   */
  record Services(ManifestCodec codec, Exporter exporter) {

    /** Checks that neither component is null. */
    Services {
      Objects.requireNonNull(codec, "codec must not be null");
      Objects.requireNonNull(exporter, "exporter must not be null");
    }
  }

  /** Creates the commands, handing them the services. */
  private static final class Factory implements IFactory {

    private final Services services;
    private final IFactory defaults = CommandLine.defaultFactory();

    Factory(Services services) {
      this.services = services;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (ManifestSubcommand.class.isAssignableFrom(type)) {
        K command = defaults.create(type);
        ((ManifestSubcommand) command).services(services);
        return command;
      }
      return defaults.create(type);
    }
  }

  /** Prints the version of the command line, from the jar's Maven metadata. */
  static final class Version implements IVersionProvider {

    private static final String POM_PROPERTIES = "/META-INF/maven/dev.modelgov/governance-cli/pom.properties";

    @Override
    public String[] getVersion() {
      return new String[] {"governance " + version(), "Java " + System.getProperty("java.version")};
    }

    /** @return the version, or {@code development build} when run from classes rather than the jar */
    static String version() {
      try (InputStream in = GovernanceCli.class.getResourceAsStream(POM_PROPERTIES)) {
        if (in != null) {
          Properties properties = new Properties();
          properties.load(in);
          String version = properties.getProperty("version");
          if (version != null && !version.isBlank()) {
            return version;
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        // Fall through: an unreadable version must not stop --version.
      }
      return "(development build)";
    }
  }
}
