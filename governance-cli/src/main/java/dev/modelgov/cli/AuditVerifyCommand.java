package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.AuditVerification;
import dev.modelgov.core.audit.AuditVerifier;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.provenance.VerificationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code governance audit verify --log DIR --pub PUB.pem...}: verifies an audit log directory offline with the
 * checkpoint public keys alone, without taking the writer's lock. Exits 0 when intact, 1 when tampered or inconsistent
 * (one line: {@code tampered: <REASON> at index I, segment S, offset O: <message>}), 2 for a usage error or an
 * unreadable input. For internal use only; may change without notice.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Verifies an audit log directory offline with the checkpoint public keys only: the latest checkpoint's "
          + "signature, every segment and record, every in-log checkpoint, the hash tiles and the final root.",
      "On success prints a summary; on failure one line on standard error: "
          + "tampered: <REASON> at index I, segment S, offset O: <message>."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:The log is intact.",
      "1:The log is tampered or inconsistent, or its checkpoint is not signed by a given key.",
      "2:Usage error, or an unreadable key or log directory."
    })
final class AuditVerifyCommand extends AuditLogCommand {

  @Option(
      names = {"-p", "--pub"},
      required = true,
      paramLabel = "PUB.pem",
      description = "A trusted checkpoint public key (Ed25519 SPKI PEM, as written by 'governance keygen'); repeat "
          + "for rotated keys.")
  List<Path> publicKeys = new ArrayList<>();

  /** Picocli creates the command. */
  AuditVerifyCommand() {}

  @Override
  int execute() throws CommandException {
    if (!Files.isDirectory(log)) {
      throw CommandException.usage(log + ": no such directory");
    }
    if (storedOrigin().isEmpty()) {
      if (!Files.isDirectory(log.resolve("segments"))) {
        throw CommandException.usage(log + ": not an audit log (no origin file)");
      }
      return tampered(new AuditTamperException(AuditTamperException.Reason.ORIGIN_MISMATCH,
          "the origin file is missing", -1, null, -1));
    }
    String origin = requireLog();
    AuditVerifier verifier = AuditVerifier.builder().trust(noteVerifiers(publicKeys, origin)).build();
    AuditVerification v;
    try {
      v = verifier.verify(log);
    } catch (AuditTamperException e) {
      return tampered(e);
    } catch (IOException e) {
      throw CommandException.usage(log + ": cannot be read: " + message(e));
    }
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("verified", true);
      node.put("log", log.toString());
      node.put("origin", v.origin());
      node.put("treeSize", v.treeSize());
      node.put("firstIndex", v.firstIndex());
      ObjectNode checkpoint = node.putObject("checkpoint");
      checkpoint.put("treeSize", v.checkpoint().treeSize());
      checkpoint.put("rootHash", v.checkpoint().rootHash().toString());
      node.put("checkpointsVerified", v.checkpointsVerified());
      node.put("uncoveredRecords", v.uncoveredRecords());
      node.put("tornTailBytes", v.tornTailBytes());
      node.put("closedCleanly", v.closedCleanly());
      JsonOutput.print(out(), node);
    } else {
      out().println(v.summary());
    }
    if (!v.closedCleanly()) {
      err().println("warning: " + log + ": " + v.uncoveredRecords() + " records after the latest checkpoint are not "
          + "covered by a signed checkpoint yet and " + v.tornTailBytes() + " bytes are torn (a writer is running, or "
          + "crashed: opening the log recovers and checkpoints it)");
    }
    return ExitCodes.OK;
  }

  private int tampered(AuditTamperException e) {
    err().println("tampered: " + e.getMessage());
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("verified", false);
      node.put("log", log.toString());
      node.put("reason", e.reason().name());
      node.put("index", e.index());
      if (e.segment() == null) {
        node.putNull("segment");
      } else {
        node.put("segment", e.segment());
      }
      node.put("offset", e.offset());
      node.put("message", e.getMessage());
      JsonOutput.print(out(), node);
    }
    return ExitCodes.INVALID;
  }
}
