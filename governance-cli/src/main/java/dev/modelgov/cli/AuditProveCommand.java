package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.AuditProofs;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.ProofVerificationException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code governance audit prove --log DIR --index I [--size N] [--pub PUB.pem]}: prints the RFC 6962 inclusion proof
 * of record {@code I} in the tree of size {@code N} (default: the latest checkpoint's), with the checkpoint note when
 * {@code N} is its size. Reads the tiles read-only: needs neither the signing key nor the writer's lock. For internal
 * use only; may change without notice.
 */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Prints the inclusion proof of a record as JSON: {\"index\",\"treeSize\",\"leafHash\",\"rootHash\",\"path\"}, "
          + "plus the signed checkpoint note when the tree size is the latest checkpoint's (the default).",
      "Reads the log without its signing key and next to a running writer; with --pub it also checks the "
          + "checkpoint's signature."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Proof printed.",
      "1:The checkpoint or the tiles do not verify, or the proof does not verify against its root.",
      "2:Usage error, an index or size out of range, or the log is unreadable."
    })
final class AuditProveCommand extends AuditProofCommand {

  @Option(names = {"-i", "--index"}, required = true, paramLabel = "I", description = "The record's index.")
  long index;

  @Option(
      names = {"-s", "--size"},
      paramLabel = "N",
      description = "The tree size to prove against (default and maximum: the latest checkpoint's).")
  Long size;

  /** Picocli creates the command. */
  AuditProveCommand() {}

  @Override
  ObjectNode prove(AuditProofs proofs) throws CommandException {
    Checkpoint latest = proofs.checkpoint();
    long treeSize = size == null ? latest.treeSize() : size;
    if (treeSize < 1 || treeSize > latest.treeSize()) {
      throw CommandException.usage("--size must be in [1, " + latest.treeSize() + "] (the latest checkpoint), was "
          + treeSize);
    }
    if (index < 0 || index >= treeSize) {
      throw CommandException.usage("--index must be in [0, " + treeSize + "), below the tree size, was " + index);
    }
    Digest leaf = proofs.leafHash(index);
    InclusionProof proof = proofs.inclusionProof(index, treeSize);
    Digest root = proofs.rootHash(treeSize);
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
    if (treeSize == latest.treeSize()) {
      node.put("checkpoint", proofs.checkpointNote());
    }
    return node;
  }

  /**
   * Digests as a JSON array of {@code sha256:...} strings.
   *
   * @param digests the digests
   * @return the array
   */
  static ArrayNode hashes(List<Digest> digests) {
    ArrayNode array = JsonOutput.array();
    digests.forEach(d -> array.add(d.toString()));
    return array;
  }
}
