package dev.modelgov.testkit.doubles;

import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditLogException.Reason;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.api.audit.ErasureEvent;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.AuditRecords;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.ConsistencyProof;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.MerkleTree;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.NoteVerificationException;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.ProofVerificationException;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.SigningKey;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@link AuditLog} that keeps everything in memory, for tests: the same records, leaf hashes, Merkle tree, signed
 * checkpoints and proofs as {@link dev.modelgov.core.audit.DurableAuditLog}, with no file I/O at all.
 *
 * <p>Each event is encoded with {@link AuditRecords#encode} (the canonical bytes the durable log stores), hashed with
 * {@link AuditRecords#leafHash} into a core {@link MerkleTree}, and covered by C2SP checkpoints signed with a core
 * {@link NoteSigner} when {@link #checkpointNow()} or {@link #close()} is called. The same events therefore give the
 * same leaf hashes and roots as a durable log that writes no checkpoint records of its own (one opened without a
 * signer); this log does not put its checkpoints into the tree.
 *
 * <p>{@link #verify(NoteVerifier...)} checks the log the way an auditor would: it recomputes every leaf hash from the
 * stored bytes, rebuilds the tree, opens each checkpoint note with the trusted keys and checks each one's root and its
 * consistency with the one before. {@link #tamperWithRecord} and {@link #dropRecord} damage the stored bytes on
 * purpose, so that tests of users' tamper detection have something to detect.
 *
 * <p>Personal data is protected as in the durable log: subjects are pseudonymised and personal fields encrypted with
 * the log's {@link AuditPrivacy} ({@link AuditPrivacy#ephemeral()} by default), and {@link #eraseSubject} destroys the
 * subject's key and records an {@link ErasureEvent}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * InMemoryAuditLog log = InMemoryAuditLog.create();
 * AuditReceipt r = log.append(CustomEvent.builder("app.started").build());
 * Checkpoint cp = log.checkpointNow();
 * log.inclusionProof(r.index(), cp.treeSize()).verify(r.leafHash(), cp.rootHash());
 * log.verify(log.verifier());                       // throws AuditTamperException when damaged
 * }</pre>
 *
 * <p>Appends are thread-safe and totally ordered: concurrent appends get unique, dense indices. {@link #durability()}
 * is {@link Durability#ASYNC}, the weakest mode, honestly: an event is held in memory only and the process's end loses
 * it. {@link #toString()} never shows personal data.
 */
public final class InMemoryAuditLog implements AuditLog {

  /** The origin of a log built without one. */
  public static final String DEFAULT_ORIGIN = "modelgov.test/audit";

  private static final Pattern ORIGIN = Pattern.compile("[^\\s\\p{Cntrl}]{1,255}");

  private final String origin;
  private final NoteSigner signer;
  private final AuditPrivacy privacy;
  private final Clock clock;
  private final Object lock = new Object();
  /** The stored record of each index; {@code null} where {@link #dropRecord} made a gap. Guarded by {@link #lock}. */
  private final List<byte[]> records = new ArrayList<>();
  /** The leaf hashes as recorded at append time (what receipts carry). Guarded by {@link #lock}. */
  private final MerkleTree tree = new MerkleTree();
  /** Every signed checkpoint note, oldest first. Guarded by {@link #lock}. */
  private final List<String> notes = new ArrayList<>();
  private Checkpoint latest;
  private volatile boolean closed;

  private InMemoryAuditLog(Builder b, NoteSigner signer) {
    this.origin = b.origin;
    this.signer = signer;
    this.privacy = b.privacy != null ? b.privacy : AuditPrivacy.ephemeral();
    this.clock = b.clock;
  }

  /**
   * A log with origin {@value #DEFAULT_ORIGIN}, a freshly generated Ed25519 checkpoint key named after the origin,
   * {@linkplain AuditPrivacy#ephemeral() ephemeral} privacy keys and the system UTC clock.
   *
   * @return a new, empty log
   */
  public static InMemoryAuditLog create() {
    return builder().build();
  }

  /**
   * @return a builder with the defaults of {@link #create()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * @throws AuditLogException {@code CLOSED} after {@link #close()}; {@code REJECTED} for an event larger than {@value
   *     AuditRecords#MAX_RECORD_BYTES} bytes or one canonical JSON cannot represent; {@code FAILED} if the privacy
   *     keys cannot be used
   */
  @Override
  public AuditReceipt append(AuditEvent event) {
    Objects.requireNonNull(event, "event must not be null");
    requireOpen();
    byte[] record = encode(event);
    Digest leaf = AuditRecords.leafHash(record);
    synchronized (lock) {
      requireOpen();
      long index = records.size();
      records.add(record);
      tree.append(leaf);
      return new AuditReceipt(index, leaf);
    }
  }

  private byte[] encode(AuditEvent event) {
    try {
      return AuditRecords.encode(event, privacy);
    } catch (UncheckedIOException e) {
      throw new AuditLogException(Reason.FAILED, "the subject key store could not be read or written: "
          + e.getCause().getMessage(), e);
    } catch (IllegalStateException e) {
      throw new AuditLogException(Reason.REJECTED, "the subject key store is unusable: " + e.getMessage(), e);
    }
  }

  /**
   * Erases a data subject as {@link dev.modelgov.core.audit.DurableAuditLog} does: computes the pseudonym, destroys
   * the subject's key with {@link AuditPrivacy#erase(String)} and appends an {@link ErasureEvent} stamped by the
   * log's clock.
   *
   * @param subjectId the data subject, must not be {@code null}
   * @param reason why, must not be {@code null} or blank; no personal data
   * @return the receipt of the erasure event
   * @throws AuditLogException {@code CLOSED} after {@link #close()}; {@code FAILED} if the key cannot be destroyed
   */
  @Override
  public AuditReceipt eraseSubject(String subjectId, String reason) {
    Objects.requireNonNull(subjectId, "subjectId must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
    requireOpen();
    return append(AuditRecords.eraseSubject(privacy, subjectId, reason, clock.instant()));
  }

  /**
   * Does nothing but check the log is open: appended events are already as durable as memory gets.
   *
   * @throws AuditLogException {@code CLOSED} after {@link #close()}
   */
  @Override
  public void flush() {
    requireOpen();
  }

  @Override
  public long size() {
    synchronized (lock) {
      return records.size();
    }
  }

  /**
   * @return {@link Durability#ASYNC}: the weakest mode, since events live in memory only and are lost with the process
   */
  @Override
  public Durability durability() {
    return Durability.ASYNC;
  }

  /**
   * Signs a final checkpoint over everything appended (unless the latest one covers it already) and refuses further
   * appends. The records, proofs and checkpoints stay readable. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (!records.isEmpty()) {
        checkpointLocked();
      }
    }
  }

  /**
   * @return the log's origin, the first line of its checkpoints
   */
  public String origin() {
    return origin;
  }

  /**
   * @return whether {@link #close()} was called
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * The stored events, decoded with the log's privacy keys (a field of an erased subject reads as empty, and as
   * {@value AuditEntry#ERASED} in {@link AuditEntry#toJson(boolean)}), in index order. A {@linkplain #dropRecord
   * dropped} record is left out, so the indices show the gap.
   *
   * @return an unmodifiable list
   * @throws IllegalArgumentException naming the index of a record {@linkplain #tamperWithRecord tampered with} into
   *     bytes that are not a record
   */
  public List<AuditEntry> entries() {
    List<byte[]> snapshot;
    synchronized (lock) {
      snapshot = new ArrayList<>(records);
    }
    List<AuditEntry> out = new ArrayList<>(snapshot.size());
    for (int i = 0; i < snapshot.size(); i++) {
      if (snapshot.get(i) != null) {
        out.add(AuditRecords.decode(i, snapshot.get(i), privacy));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * @param index a record index
   * @return the decoded record, or empty if there is none at that index (beyond the end, negative, or dropped)
   * @throws IllegalArgumentException naming the index if the record was tampered with into bytes that are not a record
   */
  public Optional<AuditEntry> entry(long index) {
    byte[] record;
    synchronized (lock) {
      if (index < 0 || index >= records.size()) {
        return Optional.empty();
      }
      record = records.get((int) index);
    }
    return record == null ? Optional.empty() : Optional.of(AuditRecords.decode(index, record, privacy));
  }

  /**
   * @param type an event type, such as {@code prediction} or {@code erasure}; must not be {@code null}
   * @return the decoded events of that type, in index order
   */
  public List<AuditEntry> entriesOfType(String type) {
    Objects.requireNonNull(type, "type must not be null");
    return entries().stream().filter(e -> e.type().equals(type)).toList();
  }

  /**
   * Signs a checkpoint over the current tree, unless the latest checkpoint already covers it. Works on an empty log
   * (tree size 0) and after {@link #close()}.
   *
   * @return the latest checkpoint
   */
  public Checkpoint checkpointNow() {
    synchronized (lock) {
      return checkpointLocked();
    }
  }

  private Checkpoint checkpointLocked() {
    long size = tree.size();
    if (latest != null && latest.treeSize() == size) {
      return latest;
    }
    Checkpoint cp = Checkpoint.of(origin, size, tree.root());
    String note;
    try {
      note = signer.sign(cp);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing the checkpoint of size " + size + " failed: "
          + e.getClass().getSimpleName(), e);
    }
    notes.add(note);
    latest = cp;
    return cp;
  }

  /**
   * @return the latest signed checkpoint note, as a verifier would fetch it
   * @throws IllegalStateException if no checkpoint was signed yet ({@link #checkpointNow()} signs one)
   */
  public String latestCheckpointNote() {
    synchronized (lock) {
      if (notes.isEmpty()) {
        throw new IllegalStateException("no checkpoint was signed yet: call checkpointNow() first");
      }
      return notes.get(notes.size() - 1);
    }
  }

  /**
   * @return every signed checkpoint note, oldest first
   */
  public List<String> checkpointNotes() {
    synchronized (lock) {
      return List.copyOf(notes);
    }
  }

  /**
   * An RFC 6962 inclusion proof over the leaf hashes recorded at append time.
   *
   * @param index the record, below {@code treeSize}
   * @param treeSize a size from 1 to {@link #size()}, usually a checkpoint's
   * @return the proof
   * @throws IllegalArgumentException if the index or size is out of range
   */
  public InclusionProof inclusionProof(long index, long treeSize) {
    synchronized (lock) {
      checkSize(treeSize);
      if (index < 0 || index >= treeSize) {
        throw new IllegalArgumentException("index must be in [0, " + treeSize + "), got " + index);
      }
      return tree.inclusionProof(index, treeSize);
    }
  }

  /**
   * An RFC 6962 consistency proof between two tree sizes.
   *
   * @param size1 the older size, from 1 to {@code size2}
   * @param size2 the newer size, at most {@link #size()}
   * @return the proof
   * @throws IllegalArgumentException if a size is out of range
   */
  public ConsistencyProof consistencyProof(long size1, long size2) {
    synchronized (lock) {
      checkSize(size2);
      if (size1 < 1 || size1 > size2) {
        throw new IllegalArgumentException("size1 must be in [1, " + size2 + "], got " + size1);
      }
      return tree.consistencyProof(size1, size2);
    }
  }

  /**
   * @param treeSize a size from 0 to {@link #size()}
   * @return the RFC 6962 root hash of the first {@code treeSize} records
   * @throws IllegalArgumentException if the size is out of range
   */
  public Digest rootHash(long treeSize) {
    synchronized (lock) {
      checkSize(treeSize);
      return tree.root(treeSize);
    }
  }

  /**
   * The leaf hash recorded when the record was appended (the receipt's); {@link #tamperWithRecord} does not change
   * it, which is how {@link #verify} finds the damaged record.
   *
   * @param index a record index below {@link #size()}
   * @return {@code SHA-256(0x00 || record)} of the record as appended
   * @throws IllegalArgumentException if there is no such index
   */
  public Digest leafHash(long index) {
    synchronized (lock) {
      if (index < 0 || index >= tree.size()) {
        throw new IllegalArgumentException("index must be in [0, " + tree.size() + "), got " + index);
      }
      return tree.leafHash(index);
    }
  }

  /**
   * @return the verifier of the checkpoint key, to pass to {@link #verify(NoteVerifier...)} or publish
   */
  public NoteVerifier verifier() {
    return signer.verifier();
  }

  /**
   * Verifies the log as an auditor would, failing closed: recomputes every leaf hash from the stored bytes and
   * compares it with the hash recorded at append time, rebuilds the Merkle tree from them, then for each checkpoint
   * (oldest first) opens its note with the trusted keys, checks its origin, checks its root against the rebuilt tree
   * and checks a consistency proof from the previous checkpoint.
   *
   * @param trusted the keys trusted to sign checkpoints, at least one, none {@code null}
   * @return what was verified
   * @throws AuditTamperException naming the index of the first missing ({@code RECORD_MISSING}) or altered ({@code
   *     RECORD_CORRUPT}) record, or the checkpoint that is unsigned by a trusted key ({@code CHECKPOINT_SIGNATURE}),
   *     of another origin ({@code ORIGIN_MISMATCH}), with a wrong root ({@code ROOT_MISMATCH}) or inconsistent with
   *     the one before ({@code CHECKPOINT_INCONSISTENT}); {@code CHECKPOINT_MISSING} if records exist but no
   *     checkpoint was signed, since then no trusted key vouches for anything
   * @throws IllegalArgumentException if no trusted key is given
   */
  public InMemoryVerification verify(NoteVerifier... trusted) throws AuditTamperException {
    Objects.requireNonNull(trusted, "trusted must not be null");
    if (trusted.length == 0) {
      throw new IllegalArgumentException("trusted: at least one checkpoint verifier is required, such as verifier()");
    }
    List<NoteVerifier> keys = Arrays.asList(trusted.clone());
    for (NoteVerifier k : keys) {
      Objects.requireNonNull(k, "trusted must not contain null");
    }
    List<byte[]> stored;
    List<Digest> recorded = new ArrayList<>();
    List<String> signed;
    synchronized (lock) {
      stored = new ArrayList<>(records);
      for (long i = 0; i < tree.size(); i++) {
        recorded.add(tree.leafHash(i));
      }
      signed = List.copyOf(notes);
    }
    MerkleTree rebuilt = new MerkleTree();
    for (int i = 0; i < stored.size(); i++) {
      byte[] record = stored.get(i);
      if (record == null) {
        throw new AuditTamperException(AuditTamperException.Reason.RECORD_MISSING,
            "record " + i + " is missing: the log has a gap", i, null, -1);
      }
      Digest leaf = AuditRecords.leafHash(record);
      if (!leaf.equals(recorded.get(i))) {
        throw new AuditTamperException(AuditTamperException.Reason.RECORD_CORRUPT,
            "record " + i + " does not hash to the leaf hash recorded when it was appended", i, null, -1);
      }
      rebuilt.append(leaf);
    }
    if (signed.isEmpty() && !stored.isEmpty()) {
      throw new AuditTamperException(AuditTamperException.Reason.CHECKPOINT_MISSING,
          "no checkpoint was signed, so no trusted key vouches for the " + stored.size()
              + " records: call checkpointNow() first", -1, null, -1);
    }
    Checkpoint previous = null;
    for (int k = 0; k < signed.size(); k++) {
      Checkpoint cp = openCheckpoint(k, signed.get(k), keys);
      if (!cp.origin().equals(origin)) {
        throw new AuditTamperException(AuditTamperException.Reason.ORIGIN_MISMATCH,
            "checkpoint " + k + " is for another origin than " + origin, -1, null, -1);
      }
      if (cp.treeSize() > rebuilt.size()) {
        throw new AuditTamperException(AuditTamperException.Reason.RECORD_MISSING, "checkpoint " + k + " covers "
            + cp.treeSize() + " records but the log holds " + rebuilt.size(), rebuilt.size(), null, -1);
      }
      if (!rebuilt.root(cp.treeSize()).equals(cp.rootHash())) {
        throw new AuditTamperException(AuditTamperException.Reason.ROOT_MISMATCH, "checkpoint " + k
            + " of size " + cp.treeSize() + " has another root than the records", -1, null, -1);
      }
      if (previous != null && previous.treeSize() > 0) {
        if (cp.treeSize() < previous.treeSize()) {
          throw new AuditTamperException(AuditTamperException.Reason.CHECKPOINT_INCONSISTENT, "checkpoint " + k
              + " of size " + cp.treeSize() + " is smaller than the one before, of size " + previous.treeSize(), -1,
              null, -1);
        }
        try {
          rebuilt.consistencyProof(previous.treeSize(), cp.treeSize()).verify(previous.rootHash(), cp.rootHash());
        } catch (ProofVerificationException e) {
          throw new AuditTamperException(AuditTamperException.Reason.CHECKPOINT_INCONSISTENT, "checkpoint " + k
              + " is not consistent with the one before: " + e.getMessage(), -1, null, -1);
        }
      }
      previous = cp;
    }
    return new InMemoryVerification(origin, rebuilt.size(), signed.size());
  }

  private static Checkpoint openCheckpoint(int k, String note, List<NoteVerifier> keys)
      throws AuditTamperException {
    try {
      return SignedNote.open(note, keys).checkpoint();
    } catch (NoteVerificationException e) {
      throw new AuditTamperException(AuditTamperException.Reason.CHECKPOINT_SIGNATURE,
          "checkpoint " + k + " is not signed by a trusted key: " + e.getMessage(), -1, null, -1);
    }
  }

  /**
   * Replaces the stored bytes of a record, leaving the recorded leaf hash, the tree and the checkpoints alone: what an
   * attacker with write access to the storage could do. {@link #verify} then throws {@code RECORD_CORRUPT} naming the
   * index.
   *
   * @param index a record index below {@link #size()} that was not dropped
   * @param replacement the new bytes, must not be {@code null}; copied
   * @throws IllegalArgumentException if there is no such record
   */
  public void tamperWithRecord(long index, byte[] replacement) {
    Objects.requireNonNull(replacement, "replacement must not be null");
    synchronized (lock) {
      requireRecord(index);
      records.set((int) index, replacement.clone());
    }
  }

  /**
   * Removes a record's stored bytes, leaving a gap: {@link #entries()} skips it, {@link #entry(long)} is empty and
   * {@link #verify} throws {@code RECORD_MISSING} naming the index. The size and the later indices do not change.
   *
   * @param index a record index below {@link #size()} that was not dropped
   * @throws IllegalArgumentException if there is no such record
   */
  public void dropRecord(long index) {
    synchronized (lock) {
      requireRecord(index);
      records.set((int) index, null);
    }
  }

  /** Names the origin, the size and the checkpoint count; never a record's content. */
  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryAuditLog[" + origin + ", size=" + records.size() + ", checkpoints=" + notes.size()
          + (closed ? ", closed" : "") + "]";
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new AuditLogException(Reason.CLOSED, "the audit log is closed");
    }
  }

  private void requireRecord(long index) {
    if (index < 0 || index >= records.size()) {
      throw new IllegalArgumentException("index must be in [0, " + records.size() + "), got " + index);
    }
    if (records.get((int) index) == null) {
      throw new IllegalArgumentException("record " + index + " was dropped already");
    }
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > tree.size()) {
      throw new IllegalArgumentException("treeSize must be in [0, " + tree.size() + "], got " + treeSize);
    }
  }

  /**
   * Configures an {@link InMemoryAuditLog}. Every setting is optional.
   *
   * <pre>{@code
   * InMemoryAuditLog log = InMemoryAuditLog.builder()
   *     .origin("bank.example/test/audit")
   *     .signer(keys.noteSigner("audit", "bank.example/test/audit"))
   *     .clock(clock)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private String origin = DEFAULT_ORIGIN;
    private NoteSigner signer;
    private AuditPrivacy privacy;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * @param origin the log's identity, the first line of every checkpoint: 1 to 255 characters without spaces or
     *     control characters; default {@value InMemoryAuditLog#DEFAULT_ORIGIN}
     * @return this builder
     */
    public Builder origin(String origin) {
      this.origin = Objects.requireNonNull(origin, "origin must not be null");
      return this;
    }

    /**
     * @param signer signs the checkpoints; default a freshly generated Ed25519 key named after the origin
     * @return this builder
     */
    public Builder signer(NoteSigner signer) {
      this.signer = Objects.requireNonNull(signer, "signer must not be null");
      return this;
    }

    /**
     * @param privacy pseudonymises subjects and encrypts personal fields; default {@link AuditPrivacy#ephemeral()}
     * @return this builder
     */
    public Builder privacy(AuditPrivacy privacy) {
      this.privacy = Objects.requireNonNull(privacy, "privacy must not be null");
      return this;
    }

    /**
     * @param clock stamps the erasure events the log writes itself; default the system UTC clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * @return the new, empty log
     * @throws IllegalStateException naming the origin if it is not 1 to 255 characters without spaces or control
     *     characters
     */
    public InMemoryAuditLog build() {
      if (!ORIGIN.matcher(origin).matches()) {
        throw new IllegalStateException("origin must be 1..255 characters without spaces or control characters");
      }
      NoteSigner checkpointSigner = signer;
      if (checkpointSigner == null) {
        try {
          checkpointSigner = NoteSigner.ed25519(origin, SigningKey.generate(SignatureAlgorithm.ED25519));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("origin cannot name the default checkpoint key (no '+'): set a signer", e);
        }
      }
      return new InMemoryAuditLog(this, checkpointSigner);
    }
  }
}
