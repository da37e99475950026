package dev.modelgov.cli;

import dev.modelgov.core.policy.WaiverFiles;
import dev.modelgov.core.policy.WaiverFormatException;
import dev.modelgov.core.policy.WaiverResolver;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --policy} and {@code --exceptions} options shared by the commands that evaluate a policy ({@code policy
 * eval}, {@code k8s admit}), so both read policies and waivers, and report their problems, the same way. For
 * internal use only.
 */
final class PolicyOptions {

  @Option(
      names = {"-P", "--policy"},
      required = true,
      paramLabel = "FILE|builtin|builtin-cel",
      description = "The policy: a YAML or JSON policy file, builtin (the Java built-in pack) or builtin-cel (the same "
          + "pack in CEL).")
  String policy;

  @Option(
      names = {"-x", "--exceptions"},
      paramLabel = "FILE",
      description = "A waiver file (kind WaiverList); expired waivers are ignored with a warning.")
  Path exceptions;

  /**
   * The one waiver resolver of this run, from {@code --exceptions}.
   *
   * @return the resolver, or {@link WaiverResolver#none()} without the option
   * @throws CommandException a usage error naming the file and the problem
   */
  WaiverResolver waivers() throws CommandException {
    if (exceptions == null) {
      return WaiverResolver.none();
    }
    try {
      return WaiverResolver.builder().addAll(WaiverFiles.read(exceptions)).build();
    } catch (WaiverFormatException e) {
      throw CommandException.usage(e.getMessage());
    } catch (IOException e) {
      throw CommandException.usage(exceptions + ": " + CliFiles.readProblem(e));
    } catch (IllegalArgumentException e) {
      throw CommandException.usage(exceptions + ": " + e.getMessage());
    }
  }
}
