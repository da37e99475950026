package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.audit.AuditProofs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The base of {@code audit prove} and {@code audit consistency}: opens the log's proofs read-only (no signing key, no
 * lock), checks the checkpoint's signature when {@code --pub} is given, and prints one JSON proof. For internal use
 * only; may change without notice.
 */
abstract class AuditProofCommand extends AuditLogCommand {

  @Option(
      names = {"-p", "--pub"},
      paramLabel = "PUB.pem",
      description = "A trusted checkpoint public key; when given, the checkpoint's signature is checked first.")
  List<Path> publicKeys = new ArrayList<>();

  @Override
  final int execute() throws CommandException {
    try (AuditProofs proofs = openProofs(publicKeys)) {
      JsonOutput.print(out(), prove(proofs));
      return ExitCodes.OK;
    } catch (IOException e) {
      throw CommandException.usage(log + ": " + message(e));
    }
  }

  /**
   * Builds the proof.
   *
   * @param proofs the log's proofs, up to its latest checkpoint
   * @return the JSON to print
   * @throws CommandException exit 2 for sizes out of range, exit 1 when the proof does not verify
   */
  abstract ObjectNode prove(AuditProofs proofs) throws CommandException;
}
