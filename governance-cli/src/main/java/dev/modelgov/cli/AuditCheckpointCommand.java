package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.DurableAuditLog;
import picocli.CommandLine.Command;

/**
 * {@code governance audit checkpoint --log DIR [--key K.pem]}: issues a checkpoint covering every record now (unless
 * the latest one already does) and prints its signed note. For internal use only; may change without notice.
 */
@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Issues a checkpoint covering every record (unless the latest one already does), signed with --key, and prints "
          + "its note (C2SP signed note); --json prints {\"treeSize\",\"rootHash\",\"note\"}.",
      "Opens the log as its writer (it must not be open elsewhere)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Checkpoint printed.",
      "1:The log is tampered (it opened read-only).",
      "2:Usage error, an unusable key, or the log is unreadable or locked by another writer."
    })
final class AuditCheckpointCommand extends AuditWriterCommand {

  /** Picocli creates the command. */
  AuditCheckpointCommand() {}

  @Override
  int execute() throws CommandException {
    DurableAuditLog opened = open(false, null, Durability.SYNC, null);
    Checkpoint checkpoint;
    String note;
    try {
      checkpoint = opened.checkpointNow();
      note = opened.latestCheckpointNote().orElseThrow(
          () -> CommandException.usage(log + ": the checkpoint was issued but its note cannot be read"));
    } catch (AuditLogException e) {
      closeQuietly(opened);
      throw failed(e);
    } catch (CommandException | RuntimeException e) {
      closeQuietly(opened);
      throw e;
    }
    close(opened);
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("treeSize", checkpoint.treeSize());
      node.put("rootHash", checkpoint.rootHash().toString());
      node.put("note", note);
      JsonOutput.print(out(), node);
    } else {
      out().print(note);
    }
    return ExitCodes.OK;
  }
}
