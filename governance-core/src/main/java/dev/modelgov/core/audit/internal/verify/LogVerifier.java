package dev.modelgov.core.audit.internal.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.AuditTamperException.Reason;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.NoteLimits;
import dev.modelgov.core.audit.NoteVerificationException;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.segment.SegmentFormatException;
import dev.modelgov.core.audit.internal.segment.SegmentHeader;
import dev.modelgov.core.audit.internal.segment.FileIo;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * One verification of a log directory (docs/audit-log.md) in a single sequential pass: the segments in index order
 * through one reusable chunk buffer, {@code tiles/0} alongside, a {@link CompactRange} for roots, and one {@link
 * MessageDigest} and {@link CRC32C} for everything. Nothing is allocated per record except for checkpoint records.
 *
 * <p>For internal use only; may change without notice. Not thread-safe: one instance per verification.
 */
public final class LogVerifier {

  /**
   * What to trust and how far to go.
   *
   * @param trusted the trusted checkpoint keys, at least one
   * @param maxPayload the largest record payload
   * @param maxSegments the most segment files
   * @param maxNoteBytes the largest note (checkpoint file, checkpoint record, origin file)
   */
  public record Settings(List<NoteVerifier> trusted, int maxPayload, int maxSegments, int maxNoteBytes) {

    /** Copies the keys. */
    public Settings {
      trusted = List.copyOf(trusted);
    }
  }

  /**
   * What a successful verification found.
   *
   * @param origin the origin
   * @param treeSize the index after the last valid record
   * @param checkpoint the latest checkpoint
   * @param checkpointsVerified the in-log checkpoint records verified
   * @param firstIndex the first index present in the segments
   * @param uncoveredRecords valid records after the latest checkpoint's record
   * @param tornTailBytes bytes of the invalid tail after it
   */
  public record Outcome(String origin, long treeSize, Checkpoint checkpoint, long checkpointsVerified,
      long firstIndex, long uncoveredRecords, long tornTailBytes) {}

  static final String ORIGIN_FILE = "origin";
  static final String CHECKPOINT_FILE = "checkpoint";
  static final String SEGMENTS_DIR = "segments";
  static final String TILES_DIR = "tiles";
  static final int TYPE_EVENT = 1;
  static final int TYPE_CHECKPOINT = 2;

  private static final Pattern SEGMENT_NAME = Pattern.compile("audit-(\\d{20})\\.seg");
  private static final int HEADER = RecordFormat.HEADER_SIZE;
  private static final int CHUNK = 1 << 20;
  private static final int LEAF_TILE_CHUNK = 1 << 15;
  private static final int UPPER_TILE_CHUNK = 1 << 11;
  private static final int H = CompactRange.H;
  private static final int MAX_TILE_LEVEL = 8;
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final byte[] PRUNED_MARK = "\"audit.pruned\"".getBytes(StandardCharsets.US_ASCII);
  private static final JsonMapper JSON = new JsonMapper();

  private final Path dir;
  private final Settings settings;
  private final NoteLimits noteLimits;
  private final MessageDigest md = sha256();
  private final CRC32C crc = new CRC32C();
  private final CompactRange range = new CompactRange(md);
  private final TileCursor[] tiles = new TileCursor[MAX_TILE_LEVEL + 1];
  private final byte[] root = new byte[H];
  private final CompactRange.TileListener tileCheck = this::checkUpperTile;
  private byte[] buf;
  private long bufPos;
  private int bufLen;

  private String origin;
  private Checkpoint checkpoint;
  private byte[] checkpointNote;
  private long s;
  private long firstIndex;
  private boolean pruneDeclared;
  private long checkpointsVerified;
  private long next;
  private long tornTail;
  private long endOfValid;
  private byte[] originHash;

  /** A segment file, by the base index in its name. */
  private record Seg(long base, String name, Path path) {}

  private LogVerifier(Path dir, Settings settings) {
    this.dir = dir;
    this.settings = settings;
    this.noteLimits = new NoteLimits(settings.maxNoteBytes(), NoteLimits.DEFAULT_MAX_SIGNATURES);
  }

  /**
   * Verifies a log directory.
   *
   * @param dir the log directory
   * @param settings the trusted keys and limits
   * @return what was verified
   * @throws AuditTamperException if anything is not positively verified
   * @throws IOException if a file cannot be read, or the directory does not exist
   */
  public static Outcome verify(Path dir, Settings settings) throws AuditTamperException, IOException {
    Objects.requireNonNull(dir, "logDir must not be null");
    Objects.requireNonNull(settings, "settings must not be null");
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "not a directory");
    }
    LogVerifier v = new LogVerifier(dir, settings);
    try {
      return v.run();
    } finally {
      v.closeTiles();
    }
  }

  private Outcome run() throws AuditTamperException, IOException {
    readOrigin();
    readCheckpoint();
    List<Seg> segs = listSegments();
    if (segs.isEmpty()) {
      throw new AuditTamperException(Reason.RECORD_MISSING,
          "there are no segment files; the checkpoint needs the records up to index " + s, 0, null, -1);
    }
    buf = new byte[Math.max(CHUNK, settings.maxPayload() + HEADER)];
    Path tilesDir = dir.resolve(TILES_DIR);
    tiles[0] = TileCursor.open(tilesDir, 0, LEAF_TILE_CHUNK);
    for (int l = 1; l <= MAX_TILE_LEVEL; l++) {
      tiles[l] = TileCursor.open(tilesDir, l, UPPER_TILE_CHUNK);
    }
    firstIndex = segs.get(0).base();
    if (firstIndex > s) {
      throw new AuditTamperException(Reason.RECORD_MISSING, "the first segment starts at index " + firstIndex
          + ", after the latest checkpoint's record " + s, s, segs.get(0).name(), -1);
    }
    seedPrunedLeaves();
    next = firstIndex;
    for (int k = 0; k < segs.size(); k++) {
      Seg seg = segs.get(k);
      if (k > 0) {
        checkContiguous(segs.get(k - 1), seg);
      }
      if (!verifySegment(seg, k == segs.size() - 1)) {
        break;
      }
    }
    if (next <= s) {
      Seg last = segs.get(segs.size() - 1);
      throw new AuditTamperException(Reason.RECORD_MISSING, "the log ends at index " + next
          + " before the latest checkpoint's record " + s, next, last.name(), endOfValid);
    }
    return new Outcome(origin, next, checkpoint, checkpointsVerified, firstIndex, next - s - 1, tornTail);
  }

  // ---------------------------------------------------------------------------------------------- origin, checkpoint

  private void readOrigin() throws AuditTamperException, IOException {
    Path file = dir.resolve(ORIGIN_FILE);
    if (!Files.isRegularFile(file)) {
      throw new AuditTamperException(Reason.ORIGIN_MISMATCH, "the origin file is missing", -1, ORIGIN_FILE, -1);
    }
    byte[] bytes = readSmallFile(file, ORIGIN_FILE);
    try {
      origin = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AuditTamperException(Reason.ORIGIN_MISMATCH, "the origin file is not valid UTF-8", -1, ORIGIN_FILE, -1);
    }
    if (origin.isEmpty()) {
      throw new AuditTamperException(Reason.ORIGIN_MISMATCH, "the origin file is empty", -1, ORIGIN_FILE, -1);
    }
  }

  private void readCheckpoint() throws AuditTamperException, IOException {
    Path file = dir.resolve(CHECKPOINT_FILE);
    if (!Files.isRegularFile(file)) {
      throw new AuditTamperException(Reason.CHECKPOINT_MISSING, "the checkpoint file is missing", -1, null, -1);
    }
    checkpointNote = readSmallFile(file, CHECKPOINT_FILE);
    checkpoint = openNote(checkpointNote, -1, CHECKPOINT_FILE, -1, "the checkpoint file");
    s = checkpoint.treeSize();
  }

  private byte[] readSmallFile(Path file, String name) throws AuditTamperException, IOException {
    long size = Files.size(file);
    if (size > settings.maxNoteBytes()) {
      throw new AuditTamperException(Reason.LIMIT_EXCEEDED, "the " + name + " file has " + size
          + " bytes, more than the limit of " + settings.maxNoteBytes(), -1, name, -1);
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > settings.maxNoteBytes()) {
      throw new AuditTamperException(Reason.LIMIT_EXCEEDED, "the " + name + " file has " + bytes.length
          + " bytes, more than the limit of " + settings.maxNoteBytes(), -1, name, -1);
    }
    return bytes;
  }

  /** Opens a signed checkpoint note with the trusted keys and checks its origin. */
  private Checkpoint openNote(byte[] note, long index, String file, long offset, String what)
      throws AuditTamperException {
    SignedNote opened;
    try {
      opened = SignedNote.open(note, settings.trusted(), noteLimits);
    } catch (NoteVerificationException e) {
      Reason r = e.reason() == NoteVerificationException.Reason.TOO_LARGE
          || e.reason() == NoteVerificationException.Reason.TOO_MANY_SIGNATURES
          ? Reason.LIMIT_EXCEEDED : Reason.CHECKPOINT_SIGNATURE;
      throw new AuditTamperException(r, what + " is not signed by a trusted key: " + e.getMessage(), index, file,
          offset);
    }
    Checkpoint cp;
    try {
      cp = opened.checkpoint();
    } catch (NoteVerificationException e) {
      throw new AuditTamperException(index < 0 ? Reason.CHECKPOINT_SIGNATURE : Reason.CHECKPOINT_INCONSISTENT,
          what + " is signed but is not a checkpoint: " + e.getMessage(), index, file, offset);
    }
    if (!cp.origin().equals(origin)) {
      throw new AuditTamperException(Reason.ORIGIN_MISMATCH,
          "the origin of " + what + " differs from the origin file", index, file, offset);
    }
    return cp;
  }

  // ---------------------------------------------------------------------------------------------------- segments

  private List<Seg> listSegments() throws AuditTamperException, IOException {
    Path segDir = dir.resolve(SEGMENTS_DIR);
    List<Seg> out = new ArrayList<>();
    if (!Files.isDirectory(segDir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(segDir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        Matcher m = SEGMENT_NAME.matcher(name);
        if (!m.matches()) {
          continue;
        }
        if (out.size() == settings.maxSegments()) {
          throw new AuditTamperException(Reason.LIMIT_EXCEEDED,
              "the log has more than the limit of " + settings.maxSegments() + " segment files", -1, null, -1);
        }
        long base;
        try {
          base = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
          throw new AuditTamperException(Reason.SEGMENT_HEADER,
              "the segment file name's index exceeds 2^63-1", -1, name, 0);
        }
        out.add(new Seg(base, name, p));
      }
    }
    out.sort(Comparator.comparingLong(Seg::base));
    return out;
  }

  /** Takes the leaf hashes of pruned records, [0, firstIndex), from tiles/0. */
  private void seedPrunedLeaves() throws AuditTamperException, IOException {
    TileCursor t0 = tiles[0];
    for (long i = 0; i < firstIndex; i++) {
      int off = t0.locate(i);
      if (off < 0) {
        throw new AuditTamperException(Reason.TILE_MISMATCH, "the segments start at index " + firstIndex
            + " but tiles/0 holds only " + t0.hashes() + " leaf hashes", i, t0.name(), i * H);
      }
      range.append(t0.buffer(), off, tileCheck);
    }
  }

  private void checkContiguous(Seg prev, Seg seg) throws AuditTamperException, IOException {
    if (seg.base() == next) {
      return;
    }
    if (seg.base() > next) {
      throw new AuditTamperException(Reason.SEGMENT_GAP, "records [" + next + ", " + seg.base()
          + ") are missing: the next segment " + seg.name() + " starts at " + seg.base(), next, prev.name(),
          endOfValid);
    }
    // The next segment starts inside this one: locate the first record it repeats.
    throw new AuditTamperException(Reason.SEGMENT_GAP, "records [" + seg.base() + ", " + next
        + ") are also claimed by the next segment " + seg.name(), seg.base(), prev.name(),
        endOfRecords(prev, seg.base()));
  }

  /** The offset of record {@code index} in an already verified segment. */
  private long endOfRecords(Seg seg, long index) throws IOException {
    try (FileChannel ch = FileChannel.open(seg.path(), StandardOpenOption.READ)) {
      long size = ch.size();
      long pos = SegmentHeader.SIZE;
      ByteBuffer h = ByteBuffer.allocate(HEADER);
      for (long i = seg.base(); i < index && pos + HEADER <= size; i++) {
        h.clear();
        FileIo.readFully(ch, h, pos);
        pos += HEADER + Integer.toUnsignedLong(h.getInt(0));
      }
      return pos;
    }
  }

  /**
   * Verifies one segment's header and records.
   *
   * @return false if the scan stopped at a torn tail (the last segment only)
   */
  private boolean verifySegment(Seg seg, boolean last) throws AuditTamperException, IOException {
    try (FileChannel ch = FileChannel.open(seg.path(), StandardOpenOption.READ)) {
      long size = ch.size();
      bufPos = 0;
      bufLen = 0;
      SegmentHeader header;
      try {
        if (size < SegmentHeader.SIZE) {
          throw new SegmentFormatException("segment header truncated: " + size + " of " + SegmentHeader.SIZE
              + " bytes");
        }
        fill(ch, 0, SegmentHeader.SIZE, size);
        header = SegmentHeader.decode(Arrays.copyOf(buf, SegmentHeader.SIZE));
      } catch (SegmentFormatException e) {
        if (last && next > s) {
          tornTail = size; // a segment the crash left without a complete header
          return false;
        }
        throw new AuditTamperException(Reason.SEGMENT_HEADER, e.getMessage(), next, seg.name(), 0);
      }
      if (!Arrays.equals(header.originHash(), originHash())) {
        throw new AuditTamperException(Reason.ORIGIN_MISMATCH,
            "the segment header's origin hash is not SHA-256 of the origin file", next, seg.name(), 0);
      }
      if (header.baseIndex() != seg.base() || header.treeSize() != seg.base()) {
        throw new AuditTamperException(Reason.SEGMENT_HEADER, "the header's base index " + header.baseIndex()
            + " and tree size " + header.treeSize() + " do not both equal the file name's index " + seg.base(),
            next, seg.name(), 0);
      }
      return verifyRecords(ch, seg, size, last);
    }
  }

  private boolean verifyRecords(FileChannel ch, Seg seg, long size, boolean last)
      throws AuditTamperException, IOException {
    final int maxPayload = settings.maxPayload();
    final TileCursor t0 = tiles[0];
    final byte[] slot = range.leafSlot();
    long pos = SegmentHeader.SIZE;
    while (true) {
      long remaining = size - pos;
      if (remaining == 0) {
        endOfValid = pos;
        return true;
      }
      if (remaining < HEADER) {
        return damaged(Reason.RECORD_CORRUPT, "incomplete record header: " + remaining + " bytes", seg, pos, size,
            last);
      }
      fill(ch, pos, HEADER, size);
      byte[] b = buf;
      int o = (int) (pos - bufPos);
      int lenField = (int) INT.get(b, o);
      int storedCrc = (int) INT.get(b, o + 4);
      long index = (long) LONG.get(b, o + 8);
      int type = b[o + 16] & 0xFF;
      int flagsAndReserved = ((b[o + 17] & 0xFF) << 16) | ((b[o + 18] & 0xFF) << 8) | (b[o + 19] & 0xFF);
      if (lenField == 0 && storedCrc == 0 && index == 0 && type == 0 && flagsAndReserved == 0) {
        if (allZero(ch, pos, size)) {
          endOfValid = pos;
          return true; // a preallocated tail
        }
        return damaged(Reason.RECORD_CORRUPT, "an all-zero record header followed by non-zero bytes", seg, pos,
            size, last);
      }
      long len = Integer.toUnsignedLong(lenField);
      if (len > maxPayload) {
        return damaged(Reason.LIMIT_EXCEEDED, "record length " + len + " exceeds the payload limit of "
            + maxPayload, seg, pos, size, last);
      }
      if (remaining - HEADER < len) {
        return damaged(Reason.RECORD_CORRUPT, "incomplete record: " + (remaining - HEADER) + " of " + len
            + " payload bytes", seg, pos, size, last);
      }
      if (flagsAndReserved != 0) {
        return damaged(Reason.RECORD_CORRUPT, "record flags or reserved bytes are not zero", seg, pos, size, last);
      }
      int n = (int) len;
      fill(ch, pos, HEADER + n, size);
      b = buf;
      o = (int) (pos - bufPos);
      crc.reset();
      crc.update(b, o + 8, 9);
      crc.update(b, o + HEADER, n);
      if ((int) crc.getValue() != storedCrc) {
        return damaged(Reason.RECORD_CORRUPT, "record CRC mismatch", seg, pos, size, last);
      }
      // From here on the record is intact as written: anything wrong is tampering, never a torn write.
      if (index != next) {
        throw new AuditTamperException(Reason.INDEX_MISMATCH, "the record carries index "
            + Long.toUnsignedString(index) + " (records deleted, inserted or reordered)", next, seg.name(), pos);
      }
      if (type != TYPE_EVENT && type != TYPE_CHECKPOINT) {
        throw new AuditTamperException(Reason.RECORD_CORRUPT, "unknown record type " + type, next, seg.name(),
            pos);
      }
      int leafOff = range.leafOffset();
      // SHA-256(0x00 || payload): the byte before the payload is the last reserved byte, checked to be 0 above.
      md.update(b, o + HEADER - 1, n + 1);
      range.finish(slot, leafOff);
      if (next < s) {
        int t = t0.locate(next);
        if (t < 0) {
          throw new AuditTamperException(Reason.TILE_MISMATCH, "tiles/0 holds only " + t0.hashes()
              + " leaf hashes, but the checkpoint covers " + s, next, seg.name(), pos);
        }
        if (!Arrays.equals(slot, leafOff, leafOff + H, t0.buffer(), t, t + H)) {
          throw new AuditTamperException(Reason.TILE_MISMATCH, "the record's leaf hash differs from tiles/0 (at byte "
              + next * H + ")", next, seg.name(), pos);
        }
      } else if (next == s) {
        checkLatest(type, b, o + HEADER, n, seg, pos);
      }
      if (type == TYPE_CHECKPOINT) {
        if (next != s) {
          checkCheckpointRecord(b, o + HEADER, n, seg, pos);
        }
      } else if (firstIndex > 0 && !pruneDeclared && next < s) {
        pruneDeclared = declaresPruning(b, o + HEADER, n);
      }
      range.commitLeaf(tileCheck);
      next++;
      pos += HEADER + len;
    }
  }

  /**
   * A record that is not intact: a torn tail when it lies after the latest checkpoint's record in the last segment,
   * otherwise tampering.
   *
   * @return false (the scan stops) for a torn tail
   */
  private boolean damaged(Reason reason, String detail, Seg seg, long pos, long size, boolean last)
      throws AuditTamperException {
    if (last && next > s) {
      tornTail = size - pos;
      return false;
    }
    throw new AuditTamperException(reason, detail, next, seg.name(), pos);
  }

  /** Record {@code s}: the latest checkpoint's own record. */
  private void checkLatest(int type, byte[] b, int off, int len, Seg seg, long pos) throws AuditTamperException {
    if (firstIndex > 0 && !pruneDeclared) {
      throw new AuditTamperException(Reason.UNDECLARED_PRUNING, "records [0, " + firstIndex
          + ") are gone, and no audit.pruned event before the latest checkpoint declares \"before\" >= "
          + firstIndex, 0, null, -1);
    }
    if (type != TYPE_CHECKPOINT) {
      throw new AuditTamperException(Reason.CHECKPOINT_INCONSISTENT,
          "the latest checkpoint's record is an event, not a checkpoint", next, seg.name(), pos);
    }
    range.root(root);
    if (!Arrays.equals(root, checkpoint.rootHash().bytes())) {
      throw new AuditTamperException(Reason.ROOT_MISMATCH, "the root of the first " + s
          + " records differs from the latest checkpoint's root", next, seg.name(), pos);
    }
    checkCheckpointRecord(b, off, len, seg, pos);
    if (!Arrays.equals(b, off, off + len, checkpointNote, 0, checkpointNote.length)) {
      throw new AuditTamperException(Reason.CHECKPOINT_INCONSISTENT,
          "the latest checkpoint's record differs from the checkpoint file", next, seg.name(), pos);
    }
  }

  /** An in-log checkpoint at index {@code next}: signed, for tree size {@code next}, with the root of the records before it. */
  private void checkCheckpointRecord(byte[] b, int off, int len, Seg seg, long pos) throws AuditTamperException {
    if (len > settings.maxNoteBytes()) {
      throw new AuditTamperException(Reason.LIMIT_EXCEEDED, "the checkpoint record has " + len
          + " bytes, more than the note limit of " + settings.maxNoteBytes(), next, seg.name(), pos);
    }
    Checkpoint cp = openNote(Arrays.copyOfRange(b, off, off + len), next, seg.name(), pos, "the checkpoint record");
    if (cp.treeSize() != next) {
      throw new AuditTamperException(Reason.CHECKPOINT_INCONSISTENT, "the checkpoint record is for tree size "
          + cp.treeSize() + ", not its own index", next, seg.name(), pos);
    }
    range.root(root);
    if (!Arrays.equals(root, cp.rootHash().bytes())) {
      throw new AuditTamperException(Reason.CHECKPOINT_INCONSISTENT,
          "the checkpoint record's root differs from the root of the records before it", next, seg.name(), pos);
    }
    checkpointsVerified++;
  }

  /** Checks a tile-level subtree hash against tiles/L, for subtrees the latest checkpoint covers. */
  private void checkUpperTile(int height, long index, byte[] hash, int off) throws AuditTamperException, IOException {
    if (index >= (s >>> height)) {
      return; // not covered by the checkpoint: tiles there are not trusted yet
    }
    int level = height / 8;
    if (level > MAX_TILE_LEVEL) {
      return;
    }
    TileCursor t = tiles[level];
    int at = t.locate(index);
    if (at < 0) {
      throw new AuditTamperException(Reason.TILE_MISMATCH, t.name() + " holds only " + t.hashes()
          + " hashes, but the checkpoint covers " + s + " leaves", index << height, t.name(), index * H);
    }
    if (!Arrays.equals(hash, off, off + H, t.buffer(), at, at + H)) {
      throw new AuditTamperException(Reason.TILE_MISMATCH, "the hash of leaves [" + (index << height) + ", "
          + ((index + 1) << height) + ") differs from " + t.name(), index << height, t.name(), index * H);
    }
  }

  /** Whether an event payload is an audit.pruned event with "before" >= firstIndex. */
  private boolean declaresPruning(byte[] b, int off, int len) {
    if (!contains(b, off, len, PRUNED_MARK)) {
      return false;
    }
    try {
      JsonNode event = JSON.readTree(b, off, len);
      JsonNode before = event.path("before");
      return event.path("type").isTextual()
          && event.path("type").asText().equals("audit.pruned")
          && before.isIntegralNumber()
          && before.canConvertToLong()
          && before.asLong() >= firstIndex;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean contains(byte[] b, int off, int len, byte[] needle) {
    outer:
    for (int i = off, end = off + len - needle.length; i <= end; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------------------------------------------------- reading

  /** Makes bytes [pos, pos + need) of the file available in {@code buf} at {@code pos - bufPos}. */
  private void fill(FileChannel ch, long pos, int need, long size) throws IOException {
    if (pos >= bufPos && pos + need <= bufPos + bufLen) {
      return;
    }
    int want = (int) Math.min(buf.length, size - pos);
    if (want < need) {
      throw new EOFException("segment file shrank while being read");
    }
    FileIo.readFully(ch, ByteBuffer.wrap(buf, 0, want), pos);
    bufPos = pos;
    bufLen = want;
  }

  private boolean allZero(FileChannel ch, long from, long size) throws IOException {
    for (long p = from; p < size; ) {
      int n = (int) Math.min(buf.length, size - p);
      fill(ch, p, n, size);
      int o = (int) (p - bufPos);
      for (int i = o, end = o + n; i < end; i++) {
        if (buf[i] != 0) {
          return false;
        }
      }
      p += n;
    }
    return true;
  }

  private byte[] originHash() {
    if (originHash == null) {
      originHash = sha256().digest(origin.getBytes(StandardCharsets.UTF_8));
    }
    return originHash;
  }

  private void closeTiles() throws IOException {
    for (TileCursor t : tiles) {
      if (t != null) {
        t.close();
      }
    }
  }

  /** The JDK's SHA-256 (hardware-accelerated with SHA-NI), whatever other providers are installed. */
  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256", "SUN");
    } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e2) {
        throw new IllegalStateException("SHA-256 is required of every Java platform", e2);
      }
    }
  }
}
