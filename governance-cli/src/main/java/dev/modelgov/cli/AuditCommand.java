package dev.modelgov.cli;

import picocli.CommandLine.Command;

/**
 * {@code governance audit}: the commands on a tamper-evident audit log directory (append, verify, prove, consistency,
 * checkpoint, erase, tail). For internal use only; may change without notice.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = "Append to, verify, prove, checkpoint, erase subjects of and ship a tamper-evident audit log, and verify a "
        + "proof offline.",
    subcommands = {
      AuditAppendCommand.class,
      AuditVerifyCommand.class,
      AuditVerifyProofCommand.class,
      AuditProveCommand.class,
      AuditConsistencyCommand.class,
      AuditCheckpointCommand.class,
      AuditEraseCommand.class,
      AuditTailCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "1:The log is tampered or inconsistent, or a check failed.",
      "2:Usage error, unreadable input, or the log is locked by another writer."
    })
final class AuditCommand {

  /** Picocli creates the command. */
  AuditCommand() {}
}
