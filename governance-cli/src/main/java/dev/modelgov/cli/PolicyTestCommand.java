package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.suite.CaseResult;
import dev.modelgov.core.policy.suite.PolicyDocumentException;
import dev.modelgov.core.policy.suite.PolicySuite;
import dev.modelgov.core.policy.suite.PolicySuiteRunner;
import dev.modelgov.core.policy.suite.SkippedPolicy;
import dev.modelgov.core.policy.suite.SuiteResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code governance policy test SUITE...}: runs policy suites (policy tests as data) and prints {@code ok <policy>
 * <case>} or {@code FAIL <policy> <case>: <mismatch>} per case and policy, then a summary. Exits 0 when every case
 * passed, 1 when one failed, 2 when a suite or a policy it lists is invalid or cannot run. For internal use only; may
 * change without notice.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Runs policy suites: every case of a suite against every policy it lists (builtin, builtin-cel or policy "
          + "files), comparing each decision with the case's expectation.",
      "Prints 'ok   <policy> <case>' or 'FAIL <policy> <case>: <mismatch>' per case, then a summary."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Every case passed.",
      "1:A case failed.",
      "2:Usage error, or a suite (or a policy, manifest or waiver file it names) is unreadable or invalid."
    })
final class PolicyTestCommand extends ProvenanceCommand {

  @Parameters(paramLabel = "SUITE", arity = "1..*", description = "Suite files (kind PolicySuite), YAML or JSON.")
  List<Path> suites = new ArrayList<>();

  /** Picocli creates the command. */
  PolicyTestCommand() {}

  @Override
  int execute() {
    int exit = ExitCodes.OK;
    int passed = 0;
    int failed = 0;
    ArrayNode json = JsonOutput.array();
    PolicySuiteRunner runner = PolicySuiteRunner.builder().build();
    for (Path file : suites) {
      SuiteResult result;
      try {
        result = runner.run(PolicySuite.read(file));
      } catch (PolicyDocumentException | PolicyCompileException e) {
        err().println(e.getMessage());
        json.add(JsonOutput.object().put("file", file.toString()).put("error", e.getMessage()));
        exit = ExitCodes.worst(exit, ExitCodes.USAGE);
        continue;
      } catch (IOException e) {
        String message = file + ": " + CliFiles.readProblem(e);
        err().println(message);
        json.add(JsonOutput.object().put("file", file.toString()).put("error", message));
        exit = ExitCodes.worst(exit, ExitCodes.USAGE);
        continue;
      }
      for (SkippedPolicy s : result.skipped()) {
        err().println(file + ": policy " + s.policy() + " cannot run here: " + s.reason());
        exit = ExitCodes.worst(exit, ExitCodes.USAGE);
      }
      for (CaseResult r : result.results()) {
        if (r.passed()) {
          passed++;
        } else {
          failed++;
          exit = ExitCodes.worst(exit, ExitCodes.INVALID);
        }
        if (!json()) {
          out().println(r.passed() ? "ok   " + r.policy() + " " + r.caseName()
              : "FAIL " + r.policy() + " " + r.caseName() + ": " + String.join("; ", r.mismatches()));
        }
      }
      if (!json()) {
        out().println(file + ": " + result.suiteName() + ": " + result.passedCount() + " passed, "
            + result.failures().size() + " failed" + (result.skipped().isEmpty() ? ""
                : ", " + result.skipped().size() + " policies skipped"));
      }
      json.add(toJson(file, result));
    }
    if (json()) {
      JsonOutput.print(out(), json.size() == 1 ? json.get(0) : json);
    } else if (suites.size() > 1) {
      out().println("total: " + passed + " passed, " + failed + " failed");
    }
    return exit;
  }

  private static ObjectNode toJson(Path file, SuiteResult result) {
    ObjectNode node = JsonOutput.object();
    node.put("file", file.toString());
    node.put("suite", result.suiteName());
    node.put("passed", result.passed());
    ArrayNode results = node.putArray("results");
    for (CaseResult r : result.results()) {
      ObjectNode n = results.addObject();
      n.put("policy", r.policy());
      n.put("case", r.caseName());
      n.put("passed", r.passed());
      n.set("mismatches", JsonOutput.strings(r.mismatches()));
      r.decision().ifPresent(d -> n.put("effect", d.effect().name()));
    }
    ArrayNode skipped = node.putArray("skipped");
    for (SkippedPolicy s : result.skipped()) {
      skipped.addObject().put("policy", s.policy()).put("reason", s.reason());
    }
    node.putObject("summary").put("passed", result.passedCount()).put("failed", result.failures().size())
        .put("skipped", result.skipped().size());
    return node;
  }
}
