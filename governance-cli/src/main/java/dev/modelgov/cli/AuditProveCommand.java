package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.ProofVerificationException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code governance audit prove --log DIR --index I [--size N] [--key K.pem]}: prints the RFC 6962 inclusion proof of
 * record {@code I} in the tree of size {@code N} (default: the latest checkpoint's), with the checkpoint note when
 * {@code N} is its size. For internal use only; may change without notice.
 */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Prints the inclusion proof of a record as JSON: {\"index\",\"treeSize\",\"leafHash\",\"rootHash\",\"path\"}, "
          + "plus the signed checkpoint note when the tree size is the latest checkpoint's (the default).",
      "Opens the log as its writer (it must not be open elsewhere)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Proof printed.",
      "1:The log is tampered, or the proof does not verify against its root.",
      "2:Usage error, an index or size out of range, or the log is unreadable or locked by another writer."
    })
final class AuditProveCommand extends AuditWriterCommand {

  @Option(names = {"-i", "--index"}, required = true, paramLabel = "I", description = "The record's index.")
  long index;

  @Option(
      names = {"-s", "--size"},
      paramLabel = "N",
      description = "The tree size to prove against (default: the latest checkpoint's).")
  Long size;

  /** Picocli creates the command. */
  AuditProveCommand() {}

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
    Optional<Checkpoint> latest = opened.latestCheckpoint();
    long treeSize;
    if (size != null) {
      treeSize = size;
    } else if (latest.isPresent()) {
      treeSize = latest.get().treeSize();
    } else {
      throw CommandException.usage(log + ": the log has no checkpoint yet; give --size or run "
          + "'governance audit checkpoint'");
    }
    long records = opened.size();
    if (treeSize < 1 || treeSize > records) {
      throw CommandException.usage("--size must be in [1, " + records + "], the records in the log, was " + treeSize);
    }
    if (index < 0 || index >= treeSize) {
      throw CommandException.usage("--index must be in [0, " + treeSize + "), below the tree size, was " + index);
    }
    Digest leaf = leafHash(opened, index);
    InclusionProof proof;
    Digest root;
    try {
      proof = opened.inclusionProof(index, treeSize);
      root = opened.rootHash(treeSize);
    } catch (AuditLogException e) {
      throw failed(e);
    }
    try {
      proof.verify(leaf, root);
    } catch (ProofVerificationException e) {
      throw new CommandException(ExitCodes.INVALID, log + ": inconsistent: the inclusion proof of record " + index
          + " does not verify against the root of size " + treeSize + ": " + message(e));
    }
    ObjectNode node = JsonOutput.object();
    node.put("index", index);
    node.put("treeSize", treeSize);
    node.put("leafHash", leaf.toString());
    node.put("rootHash", root.toString());
    node.set("path", hashes(proof.path()));
    if (latest.isPresent() && latest.get().treeSize() == treeSize) {
      opened.latestCheckpointNote().ifPresent(note -> node.put("checkpoint", note));
    }
    return node;
  }

  /**
   * The leaf hash of a record: an event's from its recorded bytes, a checkpoint record's from the tiles.
   *
   * @param opened the log
   * @param index the record
   * @return SHA-256(0x00 || payload)
   * @throws CommandException (exit 2) if the record cannot be read
   */
  static Digest leafHash(DurableAuditLog opened, long index) throws CommandException {
    try {
      Optional<AuditEntry> entry = opened.entry(index);
      if (entry.isPresent()) {
        return entry.get().leafHash();
      }
      // A checkpoint record (or one whose segment retention deleted): its leaf hash from the tiles.
      return opened.leafHash(index);
    } catch (IOException e) {
      throw CommandException.usage(opened.directory() + ": record " + index + " cannot be read: " + message(e));
    } catch (IllegalArgumentException e) {
      throw new CommandException(ExitCodes.INVALID, opened.directory() + ": record " + index + " is malformed: "
          + message(e));
    }
  }

  /**
   * Digests as a JSON array of {@code sha256:...} strings.
   *
   * @param path the digests
   * @return the array
   */
  static ArrayNode hashes(List<Digest> path) {
    ArrayNode array = JsonOutput.array();
    path.forEach(d -> array.add(d.toString()));
    return array;
  }
}
