package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.suite.PolicySources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code governance policy lint FILE...}: loads and compiles policy files and prints {@code ok FILE (N rules)} or the
 * first problem of each ({@code file: rule id: line:col: message}). Exits 0 when every file is clean, 1 when one has
 * errors, 2 when one cannot be read. For internal use only; may change without notice.
 */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Loads and compiles policy files (YAML or JSON; also builtin and builtin-cel): structure, rule ids, CEL syntax "
          + "and types, and the configured limits.",
      "Prints 'ok FILE (N rules)', or the problem on standard error: <file>: rule <id>: <line>:<col>: <message>."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Every policy is clean.",
      "1:A policy has errors.",
      "2:Usage error, or a file cannot be read."
    })
final class PolicyLintCommand extends ProvenanceCommand {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy files, or builtin / builtin-cel.")
  List<Path> files = new ArrayList<>();

  /** Picocli creates the command. */
  PolicyLintCommand() {}

  @Override
  int execute() {
    int exit = ExitCodes.OK;
    PolicySources sources = PolicySources.defaults();
    PolicyEngine engine = PolicyEngine.builder().build();
    ArrayNode json = JsonOutput.array();
    for (Path file : files) {
      String reference = file.toString();
      ObjectNode node = json.addObject().put("file", reference);
      boolean named = reference.equals(PolicySources.BUILTIN) || reference.equals(PolicySources.BUILTIN_CEL);
      if (!named && !Files.isRegularFile(file)) {
        String message = reference + ": " + (Files.isDirectory(file) ? "is a directory, not a file" : "no such file");
        err().println(message);
        node.put("ok", false).put("error", message);
        exit = ExitCodes.worst(exit, ExitCodes.USAGE);
        continue;
      }
      try {
        Policy policy = sources.load(reference, Path.of(""), PolicyLimits.defaults());
        try {
          engine.compile(policy);
        } catch (PolicyCompileException e) {
          throw PolicySources.naming(e, policy, reference);
        }
        node.put("ok", true).put("policy", policy.id()).put("version", policy.version())
            .put("rules", policy.rules().size());
        if (!json()) {
          out().println("ok " + reference + " (" + policy.rules().size() + " rules)");
        }
      } catch (PolicyCompileException e) {
        err().println(e.getMessage());
        node.put("ok", false).put("error", e.getMessage());
        e.ruleId().ifPresent(r -> node.put("rule", r));
        if (e.line() > 0) {
          node.put("line", e.line()).put("column", e.column());
        }
        boolean unavailable = sources.unavailable(reference).isPresent();
        exit = ExitCodes.worst(exit, unavailable ? ExitCodes.USAGE : ExitCodes.INVALID);
      } catch (IOException e) {
        String message = reference + ": " + CliFiles.readProblem(e);
        err().println(message);
        node.put("ok", false).put("error", message);
        exit = ExitCodes.worst(exit, ExitCodes.USAGE);
      }
    }
    if (json()) {
      JsonOutput.print(out(), json.size() == 1 ? json.get(0) : json);
    }
    return exit;
  }
}
