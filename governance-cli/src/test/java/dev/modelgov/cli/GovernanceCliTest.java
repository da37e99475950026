package dev.modelgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.core.manifest.ManifestCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: help, version, usage errors and the internal-error guard. */
class GovernanceCliTest {

  @Test
  void version_prints_the_command_name_and_exits_0() {
    // WHEN
    Cli.Result result = Cli.run("--version");
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("governance ");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void help_lists_the_commands_and_exit_codes() {
    // WHEN
    Cli.Result top = Cli.run("--help");
    Cli.Result manifest = Cli.run("manifest", "--help");
    // THEN
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).contains("Usage: governance", "manifest", "keygen", "hash-model", "sign", "verify", "--json",
        "Exit codes:");
    assertThat(manifest.exitCode()).isZero();
    assertThat(manifest.out()).contains("validate", "digest", "export", "coverage");
  }

  @Test
  void every_subcommand_has_help() {
    for (String command : new String[] {"validate", "digest", "export", "coverage"}) {
      // WHEN
      Cli.Result result = Cli.run("manifest", command, "--help");
      // THEN
      assertThat(result.exitCode()).as(command).isZero();
      assertThat(result.out()).as(command).contains("Usage: governance manifest " + command, "--json");
    }
  }

  @Test
  void every_provenance_command_has_help_with_its_exit_codes() {
    for (String command : new String[] {"keygen", "hash-model", "sign", "verify"}) {
      // WHEN
      Cli.Result result = Cli.run(command, "--help");
      // THEN
      assertThat(result.exitCode()).as(command).isZero();
      assertThat(result.out()).as(command).contains("Usage: governance " + command, "--json", "Exit codes:");
    }
  }

  @Test
  void no_command_is_a_usage_error() {
    // WHEN
    Cli.Result top = Cli.run();
    Cli.Result manifest = Cli.run("manifest");
    // THEN
    for (Cli.Result result : new Cli.Result[] {top, manifest}) {
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err()).contains("Missing required subcommand").contains(GovernanceCli.TRY_HELP);
      assertThat(result.out()).isEmpty();
    }
  }

  @Test
  void a_mistyped_command_is_a_usage_error_with_a_suggestion() {
    // WHEN
    Cli.Result result = Cli.run("manifest", "valdate", "x.yaml");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("valdate", "Did you mean", "validate", GovernanceCli.TRY_HELP);
    assertNoStackTrace(result.err());
  }

  @Test
  void an_unknown_option_is_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run("manifest", "digest", "--bogus", Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--bogus'").endsWith(GovernanceCli.TRY_HELP + "\n");
    assertNoStackTrace(result.err());
  }

  @Test
  void json_may_come_before_or_after_the_command_name() {
    // GIVEN
    String file = Cli.example("minimal.yaml");
    // WHEN
    Cli.Result before = Cli.run("--json", "manifest", "digest", file);
    Cli.Result middle = Cli.run("manifest", "--json", "digest", file);
    Cli.Result after = Cli.run("manifest", "digest", file, "--json");
    // THEN
    assertThat(before.json().get("digest").asText()).startsWith("sha256:");
    assertThat(middle.json()).isEqualTo(before.json());
    assertThat(after.json()).isEqualTo(before.json());
  }

  @Test
  void an_unexpected_exception_prints_one_line_and_exits_2() {
    // GIVEN a command that fails in a way no command should, with a message that must not be shown
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = GovernanceCli.commandLine(services(), new PrintWriter(out), new PrintWriter(err));
    commandLine.addSubcommand(new Failing());
    // WHEN
    int code = commandLine.execute("failing");
    // THEN
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("governance: internal error: java.lang.IllegalStateException\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void an_error_prints_one_line_and_exits_2() {
    // GIVEN a command that throws an Error, which picocli's handlers do not see
    StringWriter err = new StringWriter();
    CommandLine commandLine = GovernanceCli.commandLine(services(), new PrintWriter(new StringWriter()),
        new PrintWriter(err));
    commandLine.addSubcommand(new Overflowing());
    // WHEN
    int code = commandLine.execute("overflowing");
    // THEN
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("governance: internal error: java.lang.StackOverflowError\n");
  }

  private static GovernanceCli.Services services() {
    return new GovernanceCli.Services(ManifestCodec.defaults(), (manifest, format) -> {
      throw new AssertionError("not called");
    });
  }

  /**
   * Asserts that nothing a user reads looks like a stack trace.
   *
   * @param err standard error
   */
  static void assertNoStackTrace(String err) {
    assertThat(err).doesNotContain("at dev.").doesNotContain("at java.").doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  /** A command that throws an unchecked exception carrying a message no user should see. */
  @Command(name = "failing")
  static final class Failing implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("a message from deep inside, with a path /var/lib/someone");
    }
  }

  /** A command that throws an Error. */
  @Command(name = "overflowing")
  static final class Overflowing implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new StackOverflowError();
    }
  }
}
