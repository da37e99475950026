package dev.modelgov.core.audit;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.internal.store.Layout;
import dev.modelgov.core.audit.internal.store.TileStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Serves inclusion and consistency proofs from a log directory without its signing key and without its writer's
 * lock: it opens the hash tiles read-only, up to the latest checkpoint, which it checks against the tiles first. An
 * operator or auditor can run it next to a live log, or on a copy.
 *
 * <p>The proofs are only as good as the checkpoint a client checks them against: pass the trusted keys to
 * {@link #open(Path, Collection)} to have the checkpoint's signature verified here as well.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try (AuditProofs proofs = AuditProofs.open(logDir, List.of(NoteVerifier.ed25519(origin, publicKey)))) {
 *   InclusionProof p = proofs.inclusionProof(receipt.index(), proofs.checkpoint().treeSize());
 *   p.verify(receipt.leafHash(), proofs.checkpoint().rootHash());
 * }
 * }</pre>
 */
public final class AuditProofs implements Closeable {

  private static final int MAX_NOTE_BYTES = 64 * 1024;

  private final Checkpoint checkpoint;
  private final String note;
  private final TileStore tiles;

  private AuditProofs(Checkpoint checkpoint, String note, TileStore tiles) {
    this.checkpoint = checkpoint;
    this.note = note;
    this.tiles = tiles;
  }

  /**
   * Opens a log's proofs without checking the checkpoint's signature (the client checks the proof against a
   * checkpoint it trusts).
   *
   * @param dir the log directory
   * @return the proofs, up to the latest checkpoint
   * @throws IOException if the log has no checkpoint, or its tiles cannot be read or disagree with the checkpoint
   */
  public static AuditProofs open(Path dir) throws IOException {
    String note = readNote(dir);
    Checkpoint cp;
    try {
      cp = Checkpoint.parse(Layout.noteBody(note));
    } catch (IllegalArgumentException e) {
      throw new IOException(dir.resolve(Layout.CHECKPOINT) + ": not a checkpoint: " + e.getMessage(), e);
    }
    return open(dir, cp, note);
  }

  /**
   * Opens a log's proofs after verifying the latest checkpoint with the trusted keys.
   *
   * @param dir the log directory
   * @param trusted the checkpoint keys to trust, not empty
   * @return the proofs, up to the latest checkpoint
   * @throws NoteVerificationException if no trusted key signed the checkpoint
   * @throws IOException if the log has no checkpoint, or its tiles cannot be read or disagree with the checkpoint
   */
  public static AuditProofs open(Path dir, Collection<NoteVerifier> trusted)
      throws IOException, NoteVerificationException {
    Objects.requireNonNull(trusted, "trusted must not be null");
    String note = readNote(dir);
    Checkpoint cp = SignedNote.open(note, trusted).checkpoint();
    return open(dir, cp, note);
  }

  private static AuditProofs open(Path dir, Checkpoint cp, String note) throws IOException {
    String origin = Layout.readOrigin(dir);
    if (origin != null && !origin.equals(cp.origin())) {
      throw new IOException(dir + ": the checkpoint is for origin " + cp.origin() + ", the log is " + origin);
    }
    Path tilesDir = dir.resolve(Layout.TILES);
    if (!Files.isDirectory(tilesDir)) {
      throw new NoSuchFileException(tilesDir.toString(), null, "the log has no tiles");
    }
    TileStore t = TileStore.open(tilesDir, cp.treeSize(), (file, options) -> FileChannel.open(file,
        StandardOpenOption.READ));
    if (!Digest.sha256(t.rangeHash(0, cp.treeSize())).matches(cp.rootHash())) {
      t.close();
      throw new IOException(dir + ": the tiles disagree with the checkpoint of size " + cp.treeSize()
          + "; run 'governance audit verify'");
    }
    return new AuditProofs(cp, note, t);
  }

  private static String readNote(Path dir) throws IOException {
    Path file = dir.resolve(Layout.CHECKPOINT);
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "the log has no checkpoint yet");
    }
    if (Files.size(file) > MAX_NOTE_BYTES) {
      throw new IOException(file + ": larger than " + MAX_NOTE_BYTES + " bytes");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * @return the latest checkpoint; every proof is for a size up to its tree size
   */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /**
   * @return the checkpoint's note text, as stored
   */
  public String checkpointNote() {
    return note;
  }

  /**
   * @param treeSize a size up to the checkpoint's
   * @return the RFC 6962 root of the first {@code treeSize} records
   */
  public Digest rootHash(long treeSize) {
    checkSize(treeSize);
    return Digest.sha256(tiles.rangeHash(0, treeSize));
  }

  /**
   * @param index a record below the checkpoint's size
   * @return its leaf hash, from the tiles
   */
  public Digest leafHash(long index) {
    if (index < 0 || index >= checkpoint.treeSize()) {
      throw new IllegalArgumentException("index must be in [0, " + checkpoint.treeSize() + "), got " + index);
    }
    return Digest.sha256(tiles.subtree(0, index));
  }

  /**
   * @param index the record, below {@code treeSize}
   * @param treeSize a size up to the checkpoint's
   * @return the inclusion proof
   */
  public InclusionProof inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("index must be in [0, " + treeSize + "), got " + index);
    }
    return new InclusionProof(index, treeSize, digests(tiles.inclusionPath(index, treeSize)));
  }

  /**
   * @param size1 the older size, at least 1
   * @param size2 the newer size, up to the checkpoint's
   * @return the consistency proof
   */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    checkSize(size2);
    if (size1 < 1 || size1 > size2) {
      throw new IllegalArgumentException("size1 must be in [1, " + size2 + "], got " + size1);
    }
    return new ConsistencyProof(size1, size2, digests(tiles.consistencyPath(size1, size2)));
  }

  @Override
  public void close() throws IOException {
    tiles.close();
  }

  @Override
  public String toString() {
    return "AuditProofs[" + checkpoint.origin() + ", size " + checkpoint.treeSize() + "]";
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > checkpoint.treeSize()) {
      throw new IllegalArgumentException(
          "treeSize must be in [0, " + checkpoint.treeSize() + "] (the latest checkpoint), got " + treeSize);
    }
  }

  static List<Digest> digests(List<byte[]> hashes) {
    List<Digest> out = new ArrayList<>(hashes.size());
    for (byte[] h : hashes) {
      out.add(Digest.sha256(h));
    }
    return out;
  }
}
