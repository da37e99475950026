package dev.modelgov.core.audit.internal.store;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.NoteVerificationException;
import dev.modelgov.core.audit.RecoveryReport;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.audit.internal.merkle.Sha256;
import dev.modelgov.core.audit.internal.segment.ChannelFactory;
import dev.modelgov.core.audit.internal.segment.FileIo;
import dev.modelgov.core.audit.internal.segment.ScanResult;
import dev.modelgov.core.audit.internal.segment.SegmentFormatException;
import dev.modelgov.core.audit.internal.segment.SegmentHeader;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.segment.SegmentScanner;
import dev.modelgov.core.audit.internal.segment.SegmentWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Opens a log directory: checks the tiles against the last checkpoint, checks the records at and before it, and cuts
 * a torn tail after it (see docs/audit-log.md, "Recovery at open"). For internal use only.
 */
public final class Recovery {

  /**
   * What recovery produced.
   *
   * @param tiles the tiles, holding every valid record; null when tampered
   * @param segments the segments by base index
   * @param active the segment to append to, or null when read-only
   * @param checkpoint the last checkpoint, or null
   * @param note its note text, or null
   * @param recordsSinceCheckpoint valid records after the checkpoint's own record
   * @param report what was found
   */
  public record Recovered(TileStore tiles, TreeMap<Long, Path> segments, SegmentWriter active, Checkpoint checkpoint,
      String note, long recordsSinceCheckpoint, RecoveryReport report) {}

  private static final int HASH = Sha256.LENGTH;

  private final Path dir;
  private final String origin;
  private final NoteSigner signer;
  private final int maxPayload;
  private final long preallocateBytes;
  private final ChannelFactory channels;

  /**
   * @param dir the log directory
   * @param origin the log's origin
   * @param signer the checkpoint signer, whose key must have signed the last checkpoint; or null
   * @param maxPayload the largest valid payload
   * @param preallocateBytes the preallocation of a new segment
   * @param channels how to open files
   */
  public Recovery(Path dir, String origin, NoteSigner signer, int maxPayload, long preallocateBytes,
      ChannelFactory channels) {
    this.dir = dir;
    this.origin = origin;
    this.signer = signer;
    this.maxPayload = maxPayload;
    this.preallocateBytes = preallocateBytes;
    this.channels = channels;
  }

  /**
   * Runs recovery.
   *
   * @return the recovered state
   * @throws IOException if the directory cannot be read or repaired
   */
  public Recovered run() throws IOException {
    Files.createDirectories(dir.resolve(Layout.SEGMENTS));
    deleteTemporaries(dir.resolve(Layout.SEGMENTS));
    TreeMap<Long, Path> segments = Layout.segments(dir);
    byte[] originHash = Layout.originHash(origin);

    Checkpoint cp = null;
    String note = null;
    Path cpFile = dir.resolve(Layout.CHECKPOINT);
    if (Files.exists(cpFile)) {
      if (Files.size(cpFile) > 64 * 1024) {
        return tampered(segments, "the checkpoint file is larger than 64 KiB", -1, null, -1);
      }
      note = Files.readString(cpFile, StandardCharsets.UTF_8);
      try {
        cp = signer == null ? Checkpoint.parse(Layout.noteBody(note))
            : SignedNote.open(note, List.of(signer.verifier())).checkpoint();
      } catch (NoteVerificationException | IllegalArgumentException e) {
        return tampered(segments, "the checkpoint does not verify with the log's key: " + e.getMessage(), -1, null,
            -1);
      }
      if (!cp.origin().equals(origin)) {
        return tampered(segments, "the checkpoint is for origin " + cp.origin() + ", not " + origin, -1, null, -1);
      }
    }
    long s = cp == null ? 0 : cp.treeSize();

    // 1. Tiles: trusted up to the checkpoint; rebuilt from the segments when they disagree with it.
    TileStore tiles = openTiles(s, cp, segments);
    if (tiles == null) {
      return tampered(segments, "the records disagree with the checkpoint of size " + s, -1, null, -1);
    }

    // 2. Scan from the segment holding index s (the checkpoint's own record) to the end.
    long startBase = segments.isEmpty() ? 0 : Optional.ofNullable(segments.floorKey(s)).orElse(-1L);
    if (!segments.isEmpty() && startBase < 0 || segments.isEmpty() && s > 0) {
      tiles.close();
      return tampered(segments, "no segment holds index " + s + " of the last checkpoint", s, null, -1);
    }
    long next = tiles.size();
    long lastValid = startBase - 1;
    // Leaves after the checkpoint go to the tiles only once the scan has found the log intact, so that a log found
    // tampered is left byte for byte as it was.
    java.io.ByteArrayOutputStream newLeaves = new java.io.ByteArrayOutputStream();
    long expectedBase = startBase;
    SegmentHeader lastHeader = null;
    ScanResult lastResult = null;
    for (Map.Entry<Long, Path> e : segments.tailMap(startBase, true).entrySet()) {
      Path file = e.getValue();
      String name = file.getFileName().toString();
      if (e.getKey() != expectedBase) {
        tiles.close();
        return tampered(segments, "segment " + name + " starts at " + e.getKey() + ", expected " + expectedBase,
            expectedBase, name, 0);
      }
      ScanResult result;
      try (SegmentScanner scan = SegmentScanner.open(file, maxPayload)) {
        if (!Arrays.equals(scan.header().originHash(), originHash) || scan.header().baseIndex() != e.getKey()) {
          tiles.close();
          return tampered(segments, "segment " + name + " header does not match the log", e.getKey(), name, 0);
        }
        byte[] stored = null;
        long storedBase = -1;
        int storedCount = 0;
        for (Optional<SegmentRecord> o = scan.next(); o.isPresent(); o = scan.next()) {
          SegmentRecord r = o.get();
          byte[] leaf = Sha256.forThread().leaf(r.payload());
          if (r.index() < tiles.size()) {
            if (r.index() < storedBase || r.index() >= storedBase + storedCount) {
              storedCount = (int) Math.min(4096, tiles.size() - r.index());
              stored = tiles.leafHashes(r.index(), storedCount);
              storedBase = r.index();
            }
            int at = (int) (r.index() - storedBase);
            if (!Arrays.equals(stored, at * HASH, at * HASH + HASH, leaf, 0, HASH)) {
              tiles.close();
              return tampered(segments, "record " + r.index() + " does not hash to its tile entry", r.index(),
                  name, r.offset());
            }
          } else {
            newLeaves.write(leaf, 0, HASH);
          }
          lastValid = r.index();
        }
        result = scan.result();
        lastHeader = scan.header();
        lastResult = result;
      } catch (SegmentFormatException bad) {
        tiles.close();
        return tampered(segments, "segment " + name + ": " + bad.getMessage(), e.getKey(), name, 0);
      }
      expectedBase = result.badIndex();
      if (!result.clean()) {
        if (result.badIndex() <= s && cp != null) {
          tiles.close();
          return tampered(segments, "record " + result.badIndex() + " at or before the last checkpoint is bad: "
              + result.reason(), result.badIndex(), name, result.badOffset());
        }
        if (!e.getKey().equals(segments.lastKey())) {
          tiles.close();
          return tampered(segments, "record " + result.badIndex() + " is bad but later segments follow: "
              + result.reason(), result.badIndex(), name, result.badOffset());
        }
        RecoveryReport report = cutTail(file, result);
        // Cut back to the valid records just scanned: continue there without a second scan.
        SegmentWriter active = SegmentWriter.openAt(file, lastHeader, result.validBytes(), result.badIndex(),
            maxPayload, channels);
        appendLeaves(tiles, newLeaves);
        next = tiles.size();
        return new Recovered(tiles, segments, active, cp, note, sinceCheckpoint(cp, next), report);
      }
    }
    if (cp != null && lastValid < s) {
      tiles.close();
      return tampered(segments, "records up to " + s + " are missing (the log ends at " + (lastValid + 1) + ")",
          lastValid + 1, null, -1);
    }
    appendLeaves(tiles, newLeaves);
    next = tiles.size();
    SegmentWriter active;
    if (segments.isEmpty()) {
      active = Layout.createSegment(dir, originHash, 0, maxPayload, preallocateBytes, channels);
      segments.put(0L, Layout.segment(dir, 0));
    } else {
      // The last segment scanned clean just now: continue it without a second scan.
      active = SegmentWriter.openAt(segments.lastEntry().getValue(), lastHeader, lastResult.validBytes(),
          lastResult.badIndex(), maxPayload, channels);
    }
    return new Recovered(tiles, segments, active, cp, note, sinceCheckpoint(cp, next), RecoveryReport.clean());
  }

  private static void appendLeaves(TileStore tiles, java.io.ByteArrayOutputStream leaves) throws IOException {
    byte[] b = leaves.toByteArray();
    tiles.append(b, b.length / HASH);
  }

  private static long sinceCheckpoint(Checkpoint cp, long size) {
    return cp == null ? size : Math.max(0, size - cp.treeSize() - 1);
  }

  private TileStore openTiles(long s, Checkpoint cp, TreeMap<Long, Path> segments) throws IOException {
    Path tilesDir = dir.resolve(Layout.TILES);
    if (cp != null) {
      try {
        TileStore t = TileStore.open(tilesDir, s, channels);
        if (Digest.sha256(t.rangeHash(0, s)).matches(cp.rootHash())) {
          return t;
        }
        t.close();
      } catch (IOException stale) {
        // Fall through to a rebuild.
      }
    }
    // Rebuild from the first record; impossible when segments were pruned.
    TileStore t = TileStore.open(tilesDir, 0, channels);
    if (cp == null) {
      return t;
    }
    if (segments.isEmpty() || segments.firstKey() != 0) {
      t.close();
      return null;
    }
    byte[] batch = new byte[4096 * HASH];
    int[] n = {0};
    LogReader.forEach(dir, 0, maxPayload, (seg, r) -> {
      if (r.index() >= s) {
        return false;
      }
      Sha256.forThread().leaf(r.payload(), 0, r.payload().length, batch, n[0] * HASH);
      if (++n[0] == 4096) {
        t.append(batch, n[0]);
        n[0] = 0;
      }
      return true;
    });
    t.append(batch, n[0]);
    if (t.size() != s || !Digest.sha256(t.rangeHash(0, s)).matches(cp.rootHash())) {
      t.close();
      return null;
    }
    return t;
  }

  private RecoveryReport cutTail(Path file, ScanResult result) throws IOException {
    long from = result.badOffset();
    long end;
    byte[] cut;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      end = lastNonZero(ch, from);
      cut = new byte[(int) Math.min(Integer.MAX_VALUE - 8, end - from)];
      FileIo.readFully(ch, ByteBuffer.wrap(cut), from);
    }
    String name = file.getFileName().toString();
    if (cut.length == 0) {
      // Only zeros after the last record: unused preallocation shorter than a record header (a segment filled to
      // within 20 bytes of its size), not a torn write. Nothing is lost by trimming it, so there is nothing to report.
      SegmentWriter.truncateTo(file, from);
      return RecoveryReport.clean();
    }
    String quarantine = null;
    if (cut.length > 0) {
      Path q = dir.resolve(Layout.RECOVERY);
      Files.createDirectories(q);
      quarantine = name + "-" + from + ".bin";
      Layout.writeAtomically(q.resolve(quarantine), cut);
    }
    SegmentWriter.truncateTo(file, from);
    return new RecoveryReport(RecoveryReport.Status.TAIL_CUT,
        "cut a torn tail of " + cut.length + " bytes at record " + result.badIndex() + " (" + result.reason() + ")",
        result.badIndex(), name, from, cut.length, quarantine);
  }

  private static long lastNonZero(FileChannel ch, long from) throws IOException {
    long size = ch.size();
    long end = from;
    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
    for (long p = from; p < size; ) {
      b.clear();
      int r = ch.read(b, p);
      if (r <= 0) {
        break;
      }
      for (int i = 0; i < r; i++) {
        if (b.get(i) != 0) {
          end = p + i + 1;
        }
      }
      p += r;
    }
    return end;
  }

  private Recovered tampered(TreeMap<Long, Path> segments, String message, long index, String segment, long offset)
      throws IOException {
    return new Recovered(null, segments, null, null, null, 0,
        new RecoveryReport(RecoveryReport.Status.TAMPERED, message, index, segment, offset, 0, null));
  }

  private static void deleteTemporaries(Path segs) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(segs, "*.tmp")) {
      for (Path p : ds) {
        Files.delete(p);
      }
    }
  }

}
