package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.AuditProofs;
import dev.modelgov.core.audit.ConsistencyProof;
import dev.modelgov.core.audit.ProofVerificationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code governance audit consistency --log DIR --from M [--to N] [--pub PUB.pem]}: prints the RFC 6962 consistency
 * proof between tree sizes {@code M} and {@code N} (default: the latest checkpoint's). Reads the tiles read-only:
 * needs neither the signing key nor the writer's lock. For internal use only; may change without notice.
 */
@Command(
    name = "consistency",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Prints the consistency proof between two tree sizes as JSON: {\"size1\",\"size2\",\"root1\",\"root2\","
          + "\"path\"}: the log of size N extends the log of size M without changing it.",
      "Reads the log without its signing key and next to a running writer; with --pub it also checks the "
          + "checkpoint's signature."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Proof printed.",
      "1:The checkpoint or the tiles do not verify, or the proof does not verify against its roots.",
      "2:Usage error, a size out of range, or the log is unreadable."
    })
final class AuditConsistencyCommand extends AuditProofCommand {

  @Option(names = {"-f", "--from"}, required = true, paramLabel = "M", description = "The older tree size.")
  long from;

  @Option(
      names = {"-t", "--to"},
      paramLabel = "N",
      description = "The newer tree size (default and maximum: the latest checkpoint's).")
  Long to;

  /** Picocli creates the command. */
  AuditConsistencyCommand() {}

  @Override
  ObjectNode prove(AuditProofs proofs) throws CommandException {
    long latest = proofs.checkpoint().treeSize();
    long size2 = to == null ? latest : to;
    if (size2 < 1 || size2 > latest) {
      throw CommandException.usage("--to must be in [1, " + latest + "] (the latest checkpoint), was " + size2);
    }
    if (from < 1 || from > size2) {
      throw CommandException.usage("--from must be in [1, " + size2 + "], was " + from);
    }
    ConsistencyProof proof = proofs.consistencyProof(from, size2);
    Digest root1 = proofs.rootHash(from);
    Digest root2 = proofs.rootHash(size2);
    try {
      proof.verify(root1, root2);
    } catch (ProofVerificationException e) {
      throw new CommandException(ExitCodes.INVALID, log + ": inconsistent: the consistency proof from " + from
          + " to " + size2 + " does not verify: " + message(e));
    }
    ObjectNode node = JsonOutput.object();
    node.put("size1", from);
    node.put("size2", size2);
    node.put("root1", root1.toString());
    node.put("root2", root2.toString());
    node.set("path", AuditProveCommand.hashes(proof.path()));
    return node;
  }
}
