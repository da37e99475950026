package dev.modelgov.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of the {@code governance} commands ({@code manifest ...} and the provenance commands): the services, the
 * output streams and {@code --json}. For internal use only; may change without notice.
 */
abstract class ManifestSubcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  private GovernanceCli.Services services;

  /**
   * Hands the command its services; called once, before it runs.
   *
   * @param services the services
   */
  final void services(GovernanceCli.Services services) {
    this.services = Objects.requireNonNull(services, "services must not be null");
  }

  /** @return the services */
  final GovernanceCli.Services services() {
    return Objects.requireNonNull(services, "services were not set");
  }

  /** @return standard output */
  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** @return standard error */
  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** @return whether {@code --json} was given */
  final boolean json() {
    return GovernanceCli.jsonRequested(spec);
  }
}
