package dev.modelgov.core.audit;

import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.verify.LogVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies an audit log directory offline, with the trusted checkpoint keys alone: nothing is taken from the writer,
 * and the directory is only read. The on-disk format is specified in {@code docs/audit-log.md}.
 *
 * <h2>What is checked</h2>
 *
 * <ol>
 *   <li>The {@code checkpoint} file is a signed note verified by a trusted key, and its origin is the {@code origin}
 *       file's; every segment header carries SHA-256 of that origin.
 *   <li>Segments ({@code segments/audit-<base>.seg}) are contiguous, and each header's base index matches its file
 *       name. If the first segment starts at {@code B > 0} (retention pruned older ones), leaf hashes {@code [0, B)}
 *       come from {@code tiles/0}, and an {@code audit.pruned} event with {@code "before" >= B}, covered by the
 *       latest checkpoint, must declare the pruning.
 *   <li>Every record's framing, CRC32C and index; its leaf hash SHA-256(0x00 || payload) equals {@code tiles/0}, and
 *       the hash of every complete subtree of 256<sup>L</sup> leaves equals {@code tiles/L}, for everything the
 *       latest checkpoint covers (tiles beyond it are not trusted, as the format says).
 *   <li>Every in-log checkpoint record at index {@code i} is signed by a trusted key, is for tree size {@code i} and
 *       has the root of the first {@code i} records.
 *   <li>The record at the latest checkpoint's size {@code s} exists, is byte for byte the {@code checkpoint} file,
 *       and the root of the first {@code s} records equals its root. Every record up to {@code s} must be intact.
 *       After it, valid records are counted as {@link AuditVerification#uncoveredRecords() uncovered} and an invalid
 *       tail in the last segment (a crash before recovery) as {@link AuditVerification#tornTailBytes() torn}.
 * </ol>
 *
 * <p>The verifier reads each file once, sequentially, in large chunks, keeping only a compact range of O(log n)
 * subtree hashes in memory; it hashes over a million 256-byte records per second on one core with SHA extensions.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Fails closed: {@link #verify(Path)} returns only if every check above passed; anything else throws {@link
 *       AuditTamperException}, located at the first bad record (index, segment file, byte offset) where possible.
 *   <li>Hostile input is bounded by the {@link Limits}: payload size, segment count and note size.
 *   <li>Exception messages never contain payload bytes (which may hold personal data) or key material.
 *   <li>What the verifier cannot see: records after the latest checkpoint that were cut off whole, or a whole log
 *       replaced by an older, validly signed copy; compare the checkpoint with one you saw earlier (a witness) for
 *       that.
 * </ul>
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * AuditVerifier verifier = AuditVerifier.builder()
 *     .trust(NoteVerifier.parse("example.com/prod/audit+1a2b3c4d+AQ..."))
 *     .build();
 * try {
 *   AuditVerification v = verifier.verify(Path.of("/var/lib/app/audit"));
 *   System.out.println(v.summary());
 * } catch (AuditTamperException e) {
 *   System.err.println(e.getMessage());   // e.g. "TILE_MISMATCH at index 17, segment audit-...seg, offset 1234: ..."
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@link #verify(Path)} call works on its own state.
 *
 * @since 0.1
 */
public final class AuditVerifier {

  private final List<NoteVerifier> trusted;
  private final Limits limits;

  private AuditVerifier(List<NoteVerifier> trusted, Limits limits) {
    this.trusted = List.copyOf(trusted);
    this.limits = limits;
  }

  /**
   * Starts a verifier.
   *
   * @return a builder; at least one trusted key is required
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a log directory.
   *
   * @param logDir the log directory (holding {@code origin}, {@code checkpoint}, {@code segments/}, {@code tiles/}),
   *     must not be {@code null}
   * @return what was verified
   * @throws AuditTamperException if anything is not positively verified: the reason and, where possible, the index,
   *     segment file and byte offset of the first bad record
   * @throws IOException if the directory does not exist or a file cannot be read
   */
  public AuditVerification verify(Path logDir) throws AuditTamperException, IOException {
    Objects.requireNonNull(logDir, "logDir must not be null");
    LogVerifier.Outcome o = LogVerifier.verify(logDir,
        new LogVerifier.Settings(trusted, limits.maxPayloadBytes(), limits.maxSegments(), limits.maxNoteBytes()));
    return new AuditVerification(o.origin(), o.treeSize(), o.checkpoint(), o.checkpointsVerified(), o.firstIndex(),
        o.uncoveredRecords(), o.tornTailBytes());
  }

  /**
   * The trusted checkpoint keys.
   *
   * @return at least one key
   */
  public List<NoteVerifier> trustedKeys() {
    return trusted;
  }

  /**
   * The limits applied.
   *
   * @return the limits
   */
  public Limits limits() {
    return limits;
  }

  /** Names the trusted keys and limits. */
  @Override
  public String toString() {
    return "AuditVerifier{trusted=" + trusted + ", limits=" + limits + "}";
  }

  /**
   * Bounds on what a hostile log directory can make the verifier read or allocate. Exceeding one throws {@link
   * AuditTamperException} with {@link AuditTamperException.Reason#LIMIT_EXCEEDED}, except that an oversized record
   * after the latest checkpoint's record in the last segment counts as a torn tail.
   *
   * <h2>Example</h2>
   *
   * <pre>{@code
   * AuditVerifier.Limits limits = AuditVerifier.Limits.defaults().withMaxSegments(1_000_000);
   * }</pre>
   *
   * @param maxPayloadBytes the largest record payload, 0 to 256 MiB; the verifier
   *     allocates a read buffer of at least this size
   * @param maxSegments the most segment files, at least 1
   * @param maxNoteBytes the largest signed note (the {@code checkpoint} file, a checkpoint record) and {@code origin}
   *     file, at least 1
   * @since 0.1
   */
  public record Limits(int maxPayloadBytes, int maxSegments, int maxNoteBytes) {

    /** The default largest payload: 1 MiB, the writer's default. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = RecordFormat.DEFAULT_MAX_PAYLOAD;

    /** The default most segments: 100,000 (six years of hourly segments is 52,560). */
    public static final int DEFAULT_MAX_SEGMENTS = 100_000;

    /** The default largest note: 64 KiB (a checkpoint with a few signatures has a few hundred bytes). */
    public static final int DEFAULT_MAX_NOTE_BYTES = 64 * 1024;

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException if a limit is out of range
     */
    public Limits {
      if (maxPayloadBytes < 0 || maxPayloadBytes > RecordFormat.LIMIT_MAX_PAYLOAD) {
        throw new IllegalArgumentException(
            "maxPayloadBytes must be in 0.." + RecordFormat.LIMIT_MAX_PAYLOAD + ", was " + maxPayloadBytes);
      }
      if (maxSegments < 1) {
        throw new IllegalArgumentException("maxSegments must be at least 1, was " + maxSegments);
      }
      if (maxNoteBytes < 1) {
        throw new IllegalArgumentException("maxNoteBytes must be at least 1, was " + maxNoteBytes);
      }
    }

    /**
     * The defaults: 1 MiB payloads, 100,000 segments, 64 KiB notes.
     *
     * @return the default limits
     */
    public static Limits defaults() {
      return new Limits(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_SEGMENTS, DEFAULT_MAX_NOTE_BYTES);
    }

    /**
     * A copy with another payload limit.
     *
     * @param maxPayloadBytes the largest record payload
     * @return the new limits
     */
    public Limits withMaxPayloadBytes(int maxPayloadBytes) {
      return new Limits(maxPayloadBytes, maxSegments, maxNoteBytes);
    }

    /**
     * A copy with another segment limit.
     *
     * @param maxSegments the most segment files
     * @return the new limits
     */
    public Limits withMaxSegments(int maxSegments) {
      return new Limits(maxPayloadBytes, maxSegments, maxNoteBytes);
    }

    /**
     * A copy with another note limit.
     *
     * @param maxNoteBytes the largest note
     * @return the new limits
     */
    public Limits withMaxNoteBytes(int maxNoteBytes) {
      return new Limits(maxPayloadBytes, maxSegments, maxNoteBytes);
    }
  }

  /**
   * Builds an {@link AuditVerifier}.
   *
   * <h2>Example</h2>
   *
   * <pre>{@code
   * AuditVerifier v = AuditVerifier.builder().trust(currentKey, previousKey).limits(Limits.defaults()).build();
   * }</pre>
   *
   * @since 0.1
   */
  public static final class Builder {

    private final List<NoteVerifier> trusted = new ArrayList<>();
    private Limits limits = Limits.defaults();

    private Builder() {}

    /**
     * Adds trusted checkpoint keys. A checkpoint verifies if at least one trusted key signed it and no trusted key's
     * signature on it fails; list older keys as well to verify a log whose key was rotated.
     *
     * @param verifiers the keys, must not be {@code null} or contain {@code null}
     * @return this builder
     */
    public Builder trust(NoteVerifier... verifiers) {
      Objects.requireNonNull(verifiers, "verifiers must not be null");
      return trust(List.of(verifiers));
    }

    /**
     * Adds trusted checkpoint keys.
     *
     * @param verifiers the keys, must not be {@code null} or contain {@code null}
     * @return this builder
     */
    public Builder trust(Collection<NoteVerifier> verifiers) {
      Objects.requireNonNull(verifiers, "verifiers must not be null");
      for (NoteVerifier v : verifiers) {
        trusted.add(Objects.requireNonNull(v, "verifiers must not contain null"));
      }
      return this;
    }

    /**
     * Sets the limits (default {@link Limits#defaults()}).
     *
     * @param limits the limits, must not be {@code null}
     * @return this builder
     */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits must not be null");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if no key is trusted (an unsigned log cannot be verified)
     * @throws IllegalArgumentException if two different keys have the same name and key ID
     */
    public AuditVerifier build() {
      if (trusted.isEmpty()) {
        throw new IllegalStateException("no trusted key is set; a log can only be verified against a checkpoint key");
      }
      Map<String, NoteVerifier> byId = new HashMap<>();
      List<NoteVerifier> distinct = new ArrayList<>();
      for (NoteVerifier v : trusted) {
        NoteVerifier old = byId.putIfAbsent(v.keyId() + "+" + v.keyName(), v);
        if (old == null) {
          distinct.add(v);
        } else if (!old.equals(v)) {
          throw new IllegalArgumentException(
              "trusted keys hold two different keys named '" + v.keyName() + "' with key ID " + v.keyId());
        }
      }
      return new AuditVerifier(distinct, limits);
    }
  }
}
