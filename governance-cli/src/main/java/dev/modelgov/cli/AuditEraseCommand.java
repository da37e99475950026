package dev.modelgov.cli;

import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.DurableAuditLog;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code governance audit erase --log DIR --subject ID [--reason TEXT] [--privacy DIR] [--key K.pem]}: erases a data
 * subject (GDPR Art. 17): destroys the key of its personal fields and records a {@code subject.erased} event, whose
 * receipt it prints. For internal use only; may change without notice.
 */
@Command(
    name = "erase",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Erases a data subject: destroys the key that encrypts its personal fields and records a subject.erased event "
          + "under its pseudonym; prints the event's receipt {\"index\":N,\"leafHash\":\"sha256:...\"}.",
      "The log still verifies: the recorded ciphertexts stay, but can no longer be decrypted."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Subject erased.",
      "1:The log is tampered (it opened read-only).",
      "2:Usage error, missing privacy keys, an unusable key, or the log is locked by another writer."
    })
final class AuditEraseCommand extends AuditWriterCommand {

  @Option(names = "--subject", required = true, paramLabel = "ID", description = "The data subject's id.")
  String subject;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      defaultValue = "erasure requested",
      description = "Why, without personal data, such as \"GDPR Art. 17 request 2026-118\" (default: "
          + "${DEFAULT-VALUE}).")
  String reason;

  @Option(
      names = "--privacy",
      paramLabel = "DIR",
      description = "The log's privacy keys (default: <log>/privacy).")
  Path privacyDir;

  /** Picocli creates the command. */
  AuditEraseCommand() {}

  @Override
  int execute() throws CommandException {
    if (subject.isBlank()) {
      throw CommandException.usage("--subject must not be blank");
    }
    if (reason.isBlank()) {
      throw CommandException.usage("--reason must not be blank");
    }
    DurableAuditLog opened = open(false, null, Durability.SYNC, () -> privacy(privacyDir, false));
    AuditReceipt receipt;
    try {
      receipt = opened.eraseSubject(subject, reason);
    } catch (AuditLogException e) {
      closeQuietly(opened);
      if (e.reason() == AuditLogException.Reason.REJECTED) {
        throw CommandException.usage("--reason: " + message(e));
      }
      throw failed(e);
    } catch (IllegalArgumentException e) {
      closeQuietly(opened);
      String m = message(e);
      throw CommandException.usage((m.startsWith("reason") ? "--reason: " : "--subject: ") + m);
    } catch (UncheckedIOException e) {
      closeQuietly(opened);
      throw CommandException.usage(log + ": the subject's key cannot be erased: " + message(e));
    } catch (RuntimeException e) {
      closeQuietly(opened);
      throw e;
    }
    close(opened);
    out().println(receipt.toJson());
    return ExitCodes.OK;
  }
}
