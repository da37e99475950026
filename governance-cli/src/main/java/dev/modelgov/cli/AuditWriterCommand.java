package dev.modelgov.cli;

import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.NoteVerificationException;
import dev.modelgov.core.audit.RecoveryReport;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.SigningKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The base of the {@code governance audit} commands that open the log as its writer ({@code append},
 * {@code checkpoint}, {@code erase}, {@code prove}, {@code consistency}): the {@code --key} that signs the checkpoints
 * they issue, and opening and closing the log with one-line errors. For internal use only; may change without notice.
 */
abstract class AuditWriterCommand extends AuditLogCommand {

  @Option(
      names = {"-k", "--key"},
      paramLabel = "K.pem",
      description = "The log's checkpoint signing key: an Ed25519 PKCS#8 PEM private key, as written by "
          + "'governance keygen --algorithm ed25519'. Required once the log's checkpoints are signed.")
  Path key;

  /**
   * Opens the log as its writer.
   *
   * @param create whether a missing log is created
   * @param originOption the {@code --origin} for a new log, or null
   * @param durability the durability mode
   * @param privacy opens the privacy keys, after the key and the directory were checked; or null for none
   * @return the open, writable log
   * @throws CommandException exit 2 for an unusable key, directory or lock; exit 1 if the log opened read-only
   *     because it is tampered
   */
  final DurableAuditLog open(boolean create, String originOption, Durability durability, PrivacyKeys privacy)
      throws CommandException {
    Optional<String> stored = create ? storedOrigin() : Optional.of(requireLog());
    if (stored.isPresent() && originOption != null && !stored.get().equals(originOption)) {
      throw CommandException.usage(log + ": is the log of origin " + stored.get() + ", not " + originOption);
    }
    String origin = stored.orElse(originOption != null ? originOption : DurableAuditLog.DEFAULT_ORIGIN);
    NoteSigner signer = key == null ? null : signer(origin);
    checkKeyMatches(signer);
    if (signer == null && stored.isEmpty()) {
      err().println("warning: " + log + ": a new log without --key: its checkpoints are unsigned, so 'governance "
          + "audit verify' cannot vouch for it");
    }
    DurableAuditLog.Builder builder;
    try {
      builder = DurableAuditLog.builder(log).origin(origin).durability(durability);
    } catch (IllegalArgumentException e) {
      throw CommandException.usage("--origin: " + message(e));
    }
    if (signer != null) {
      builder.signer(signer);
    }
    if (privacy != null) {
      builder.privacy(privacy.open());
    }
    DurableAuditLog opened;
    try {
      opened = builder.open();
    } catch (IOException e) {
      String m = message(e);
      throw CommandException.usage(m.startsWith(log.toString()) ? m : log + ": cannot open the audit log: " + m);
    }
    RecoveryReport recovery = opened.recovery();
    if (recovery.status() == RecoveryReport.Status.TAMPERED) {
      closeQuietly(opened);
      throw new CommandException(ExitCodes.INVALID, log + ": tampered: " + recovery.message()
          + " (the log opened read-only; locate the damage with 'governance audit verify')");
    }
    if (recovery.status() == RecoveryReport.Status.TAIL_CUT) {
      err().println("warning: " + log + ": crash recovery cut " + recovery.cutBytes() + " bytes at index "
          + recovery.index() + " (" + recovery.message() + "); kept in " + recovery.quarantineFile().orElse("-"));
    }
    return opened;
  }

  private NoteSigner signer(String origin) throws CommandException {
    SigningKey signingKey;
    try {
      signingKey = SigningKey.fromPkcs8Pem(CliFiles.readText(key));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw CommandException.usage(key + ": not a PKCS#8 PEM private key: " + message(e));
    }
    if (signingKey.algorithm() != SignatureAlgorithm.ED25519) {
      throw CommandException.usage(key + ": is an " + signingKey.algorithm() + " key; audit checkpoints are signed "
          + "with Ed25519 (governance keygen --algorithm ed25519)");
    }
    try {
      return NoteSigner.ed25519(origin, signingKey);
    } catch (IllegalArgumentException e) {
      throw CommandException.usage(log + ": the origin cannot name a note key: " + message(e));
    }
  }

  /**
   * Refuses a key that did not sign the log's checkpoints, and a missing key for a signed log (the checkpoints this
   * command issues would be unsigned, and the log would no longer verify).
   */
  private void checkKeyMatches(NoteSigner signer) throws CommandException {
    Optional<String> note = storedCheckpoint();
    if (note.isEmpty()) {
      return;
    }
    boolean signedLog = signed(note.get());
    if (signer == null) {
      if (signedLog) {
        throw CommandException.usage(log + ": the log's checkpoints are signed; give its key with --key K.pem so "
            + "that the checkpoints this command issues are signed too");
      }
      return;
    }
    if (!signedLog) {
      throw CommandException.usage(log + ": the log's checkpoints are unsigned; an existing log cannot switch to "
          + "signed checkpoints (leave out --key)");
    }
    try {
      SignedNote.open(note.get(), List.of(signer.verifier()));
    } catch (NoteVerificationException e) {
      if (e.reason() == NoteVerificationException.Reason.UNKNOWN_KEY) {
        throw CommandException.usage(key + ": is not the key that signed the log's checkpoints (key ID "
            + signer.verifier().keyId() + "; " + message(e) + ")");
      }
      // A bad signature by this key: recovery reports the log as tampered.
    }
  }

  /** Opens the privacy keys when they are needed. */
  @FunctionalInterface
  interface PrivacyKeys {
    /**
     * @return the keys
     * @throws CommandException if they cannot be opened
     */
    AuditPrivacy open() throws CommandException;
  }

  /**
   * Closes the log: queued events become durable and a final checkpoint is issued if anything was appended.
   *
   * @param opened the log
   * @throws CommandException (exit 2) if the log had failed
   */
  final void close(DurableAuditLog opened) throws CommandException {
    try {
      opened.close();
    } catch (AuditLogException e) {
      throw CommandException.usage(log + ": the audit log failed: " + message(e));
    }
  }

  /**
   * Closes the log after another failure, which is what gets reported.
   *
   * @param opened the log
   */
  static void closeQuietly(DurableAuditLog opened) {
    try {
      opened.close();
    } catch (AuditLogException e) {
      // The failure being reported already says what went wrong.
    }
  }

  /**
   * A failure of the log as one line.
   *
   * @param e the failure
   * @return the exception to throw
   */
  final CommandException failed(AuditLogException e) {
    if (e.reason() == AuditLogException.Reason.READ_ONLY) {
      return new CommandException(ExitCodes.INVALID, log + ": " + message(e));
    }
    return CommandException.usage(log + ": the audit log failed: " + message(e));
  }
}
