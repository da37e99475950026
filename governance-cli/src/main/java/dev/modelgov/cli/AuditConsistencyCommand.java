package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.ConsistencyProof;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.ProofVerificationException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code governance audit consistency --log DIR --from M [--to N] [--key K.pem]}: prints the RFC 6962 consistency
 * proof between tree sizes {@code M} and {@code N} (default: the latest checkpoint's). For internal use only; may
 * change without notice.
 */
@Command(
    name = "consistency",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Prints the consistency proof between two tree sizes as JSON: {\"size1\",\"size2\",\"root1\",\"root2\","
          + "\"path\"}: the log of size N extends the log of size M without changing it.",
      "Opens the log as its writer (it must not be open elsewhere)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Proof printed.",
      "1:The log is tampered, or the proof does not verify against its roots.",
      "2:Usage error, a size out of range, or the log is unreadable or locked by another writer."
    })
final class AuditConsistencyCommand extends AuditWriterCommand {

  @Option(names = {"-f", "--from"}, required = true, paramLabel = "M", description = "The older tree size.")
  long from;

  @Option(
      names = {"-t", "--to"},
      paramLabel = "N",
      description = "The newer tree size (default: the latest checkpoint's).")
  Long to;

  /** Picocli creates the command. */
  AuditConsistencyCommand() {}

  @Override
  int execute() throws CommandException {
    DurableAuditLog opened = open(false, null, Durability.SYNC, null);
    try {
      ObjectNode proof = prove(opened);
      close(opened);
      JsonOutput.print(out(), proof);
      return ExitCodes.OK;
    } catch (CommandException | RuntimeException e) {
      closeQuietly(opened);
      throw e;
    }
  }

  private ObjectNode prove(DurableAuditLog opened) throws CommandException {
    long size2;
    Optional<Checkpoint> latest = opened.latestCheckpoint();
    if (to != null) {
      size2 = to;
    } else if (latest.isPresent()) {
      size2 = latest.get().treeSize();
    } else {
      throw CommandException.usage(log + ": the log has no checkpoint yet; give --to or run "
          + "'governance audit checkpoint'");
    }
    long records = opened.size();
    if (size2 < 1 || size2 > records) {
      throw CommandException.usage("--to must be in [1, " + records + "], the records in the log, was " + size2);
    }
    if (from < 1 || from > size2) {
      throw CommandException.usage("--from must be in [1, " + size2 + "], was " + from);
    }
    ConsistencyProof proof;
    Digest root1;
    Digest root2;
    try {
      proof = opened.consistencyProof(from, size2);
      root1 = opened.rootHash(from);
      root2 = opened.rootHash(size2);
    } catch (AuditLogException e) {
      throw failed(e);
    }
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
