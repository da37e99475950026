package dev.modelgov.cli;

import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.AuditProofs;
import dev.modelgov.core.audit.NoteVerificationException;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.provenance.VerificationKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The base of the {@code governance audit} commands: the {@code --log} directory, its origin and its privacy keys.
 * For internal use only; may change without notice.
 */
abstract class AuditLogCommand extends ProvenanceCommand {

  /** The log's origin file. */
  static final String ORIGIN_FILE = "origin";

  /** The log's latest checkpoint. */
  static final String CHECKPOINT_FILE = "checkpoint";

  /** The default privacy key directory, under the log directory. */
  static final String PRIVACY_DIR = "privacy";

  @Option(
      names = {"-l", "--log"},
      required = true,
      paramLabel = "DIR",
      description = "The audit log directory.")
  Path log;

  /**
   * The origin of an existing log.
   *
   * @return the origin
   * @throws CommandException (exit 2) if the directory is missing or is not an audit log
   */
  final String requireLog() throws CommandException {
    if (!Files.isDirectory(log)) {
      throw CommandException.usage(log + ": no such directory");
    }
    return storedOrigin().orElseThrow(() -> CommandException.usage(log + ": not an audit log (no origin file)"));
  }

  /**
   * The origin stored in the log directory.
   *
   * @return the origin, or empty for a new log
   * @throws CommandException (exit 2) if the origin file cannot be read
   */
  final Optional<String> storedOrigin() throws CommandException {
    Path file = log.resolve(ORIGIN_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String origin = CliFiles.readText(file).strip();
    if (origin.isEmpty()) {
      throw CommandException.usage(file + ": is empty");
    }
    return Optional.of(origin);
  }

  /**
   * The log's latest checkpoint note, as stored.
   *
   * @return the note, or empty when the log has none yet
   * @throws CommandException (exit 2) if it cannot be read
   */
  final Optional<String> storedCheckpoint() throws CommandException {
    Path file = log.resolve(CHECKPOINT_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(CliFiles.readText(file));
  }

  /**
   * Whether a note carries signature lines (a blank line after its body).
   *
   * @param note the note text
   * @return whether it is signed
   */
  static boolean signed(String note) {
    return note.contains("\n\n");
  }

  /**
   * Opens privacy keys.
   *
   * @param option the {@code --privacy} directory, or null for {@code <log>/privacy}
   * @param create whether to create the directory and its keys when missing
   * @return the keys
   * @throws CommandException (exit 2) if the directory is missing (and not to be created) or its keys are unusable
   */
  final AuditPrivacy privacy(Path option, boolean create) throws CommandException {
    Path dir = option != null ? option : log.resolve(PRIVACY_DIR);
    if (!create && !Files.isDirectory(dir)) {
      throw CommandException.usage(dir + ": no such directory; the privacy keys of the log are needed"
          + (option == null ? " (give --privacy DIR)" : ""));
    }
    try {
      return AuditPrivacy.openOrCreate(dir);
    } catch (IOException e) {
      throw CommandException.usage(dir + ": the privacy keys cannot be opened: " + message(e));
    }
  }

  /**
   * A one-line reason for an I/O failure.
   *
   * @param e the failure
   * @return its message, or its type when it has none
   */
  static String message(Exception e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
  /**
   * Reads checkpoint public keys as note verifiers named by the log's origin.
   *
   * @param publicKeys Ed25519 SPKI PEM files
   * @param origin the log's origin (the note key name)
   * @return the verifiers
   * @throws CommandException (exit 2) if a file is not an Ed25519 public key
   */
  static List<NoteVerifier> noteVerifiers(List<Path> publicKeys, String origin) throws CommandException {
    List<NoteVerifier> verifiers = new ArrayList<>();
    for (Path file : publicKeys) {
      VerificationKey key;
      try {
        key = VerificationKey.fromSpkiPem(CliFiles.readText(file));
      } catch (GeneralSecurityException e) {
        throw CommandException.usage(file + ": not a supported public key (SPKI PEM): " + message(e));
      }
      try {
        verifiers.add(NoteVerifier.ed25519(origin, key));
      } catch (IllegalArgumentException e) {
        throw CommandException.usage(file + ": not an Ed25519 public key; audit checkpoints are signed with Ed25519");
      }
    }
    return verifiers;
  }

  /**
   * Opens the log's proofs read-only (no lock, no signing key), checking the checkpoint's signature when keys are
   * given.
   *
   * @param publicKeys trusted checkpoint keys; may be empty
   * @return the proofs, up to the latest checkpoint
   * @throws CommandException exit 1 when the checkpoint or tiles do not verify, exit 2 when the log is unreadable
   */
  final AuditProofs openProofs(List<Path> publicKeys) throws CommandException {
    String origin = requireLog();
    try {
      return publicKeys.isEmpty() ? AuditProofs.open(log) : AuditProofs.open(log, noteVerifiers(publicKeys, origin));
    } catch (NoteVerificationException e) {
      throw new CommandException(ExitCodes.INVALID, log + ": the checkpoint does not verify: " + message(e));
    } catch (java.nio.file.NoSuchFileException e) {
      throw CommandException.usage(log + ": " + (e.getReason() == null ? "missing " + e.getFile() : e.getReason()));
    } catch (IOException e) {
      String m = message(e);
      if (m.contains("disagree")) {
        throw new CommandException(ExitCodes.INVALID, "tampered: " + m);
      }
      throw CommandException.usage(log + ": cannot be read: " + m);
    }
  }

}
