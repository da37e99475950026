package dev.modelgov.core.audit;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.internal.merkle.HashLevels;
import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.segment.SegmentHeader;
import dev.modelgov.core.audit.internal.segment.SegmentWriter;
import dev.modelgov.core.provenance.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * Writes audit log directories in the format of docs/audit-log.md directly, with {@link SegmentWriter}, {@link
 * HashLevels} and {@link NoteSigner}, independently of the writer; and damages them in the ways the verifier must
 * catch. Logs are written without preallocation, so a segment file ends at its last record.
 */
final class LogFixture {

  static final String ORIGIN = "example.com/audit/test";
  static final int EVENT = 1;
  static final int CHECKPOINT = 2;

  private static final SigningKey KEY = seededKey(1);
  private static final SigningKey OTHER_KEY = seededKey(2);
  private static final NoteSigner SIGNER = NoteSigner.ed25519(ORIGIN, KEY);
  private static final NoteSigner OTHER_SIGNER = NoteSigner.ed25519(ORIGIN, OTHER_KEY);

  private LogFixture() {}

  /** A fixed test key, so that logs written by one run verify in another. */
  private static SigningKey seededKey(int n) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) n);
    try {
      return SigningKey.fromEd25519Seed(seed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the log's checkpoint signer (key name = origin) */
  static NoteSigner signer() {
    return SIGNER;
  }

  /** @return another key under the same name, not trusted by {@link #verifier()} */
  static NoteSigner otherSigner() {
    return OTHER_SIGNER;
  }

  /** @return a verifier trusting {@link #signer()} */
  static AuditVerifier verifier() {
    return AuditVerifier.builder().trust(SIGNER.verifier()).build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** A canonical JSON test event, padded with a {@code pad} member to about {@code size} bytes. */
  static byte[] event(long seq, int size) {
    String base = "{\"seq\":" + seq + ",\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"test\"}";
    int pad = size - base.length() - 10;
    if (pad <= 0) {
      return base.getBytes(StandardCharsets.UTF_8);
    }
    return ("{\"pad\":\"" + "x".repeat(pad) + "\"," + base.substring(1)).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] prunedEvent(long before) {
    return ("{\"before\":" + before + ",\"ts\":\"2025-01-01T00:00:00Z\",\"type\":\"audit.pruned\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The signed (or, without a signer, unsigned) checkpoint note for the first {@code size} leaves. */
  static String note(NoteSigner signer, String origin, long size, byte[] root) {
    Checkpoint cp = Checkpoint.of(origin, size, Digest.sha256(root));
    if (signer == null) {
      return cp.body();
    }
    try {
      return signer.sign(cp);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A record's bytes as a segment holds them, with a valid CRC for whatever index and type. */
  static byte[] encode(long index, int type, byte[] payload) {
    return ByteBuffer.allocate(RecordFormat.HEADER_SIZE + payload.length)
        .putInt(payload.length)
        .putInt(RecordFormat.crc(index, type, payload, 0, payload.length))
        .putLong(index)
        .put((byte) type)
        .put((byte) 0)
        .putShort((short) 0)
        .put(payload)
        .array();
  }

  static byte[] originHash(String origin) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String segmentName(long base) {
    return String.format("audit-%020d.seg", base);
  }

  /** What to write. */
  static final class Builder {
    private int events = 10;
    private int checkpointEvery = 4;
    private long rollBytes = Long.MAX_VALUE;
    private LongFunction<byte[]> payloads = i -> event(i, 60);
    private NoteSigner signer = SIGNER;
    private String origin = ORIGIN;
    private int pruneSegments;
    private boolean declarePruning = true;
    private int uncovered;
    private NoteSigner olderSigner;
    private long rotatedAt;

    /** @param n the number of events (checkpoint records come on top) */
    Builder events(int n) {
      this.events = n;
      return this;
    }

    /** @param n events between in-log checkpoints; 0 for only the final one */
    Builder checkpointEvery(int n) {
      this.checkpointEvery = n;
      return this;
    }

    /** @param bytes roll to a new segment when the next record would pass this file size */
    Builder rollBytes(long bytes) {
      this.rollBytes = bytes;
      return this;
    }

    /** @param payloads the payload of the event at a given index */
    Builder payloads(LongFunction<byte[]> payloads) {
      this.payloads = payloads;
      return this;
    }

    /** @param seed pads events to random sizes from 40 to 400 bytes */
    Builder randomPayloads(long seed) {
      return payloads(i -> event(i, 40 + new Random(seed * 31 + i).nextInt(360)));
    }

    /** @param signer the checkpoint signer, or {@code null} for unsigned checkpoint bodies */
    Builder signer(NoteSigner signer) {
      this.signer = signer;
      return this;
    }

    /**
     * Signs the checkpoints for tree sizes below {@code size} with an older key, as after a key rotation.
     *
     * @param older the older key's signer
     * @param size the first tree size signed by the current signer
     */
    Builder rotatedFrom(NoteSigner older, long size) {
      this.olderSigner = older;
      this.rotatedAt = size;
      return this;
    }

    Builder origin(String origin) {
      this.origin = origin;
      return this;
    }

    /**
     * Deletes the first segments after the last event, as retention does.
     *
     * @param segments how many segments to delete
     * @param declare whether to append an {@code audit.pruned} event (before the final checkpoint)
     */
    Builder prune(int segments, boolean declare) {
      this.pruneSegments = segments;
      this.declarePruning = declare;
      return this;
    }

    /** @param n events appended after the final checkpoint, which the checkpoint file does not cover */
    Builder uncovered(int n) {
      this.uncovered = n;
      return this;
    }

    Log write(Path dir) {
      try {
        return doWrite(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Log doWrite(Path dir) throws IOException {
      List<byte[]> payloads = new ArrayList<>();
      List<Integer> types = new ArrayList<>();
      HashLevels tree = new HashLevels();
      String lastNote = null;
      int sinceCheckpoint = 0;
      for (int e = 0; e < events; e++) {
        add(payloads, types, tree, EVENT, this.payloads.apply(payloads.size()));
        sinceCheckpoint++;
        if (checkpointEvery > 0 && sinceCheckpoint == checkpointEvery) {
          lastNote = addCheckpoint(payloads, types, tree);
          sinceCheckpoint = 0;
        }
      }
      long prunedBefore = 0;
      if (pruneSegments > 0) {
        List<Long> bases = layout(payloads, new long[payloads.size()]);
        if (bases.size() <= pruneSegments) {
          throw new IllegalArgumentException("cannot prune " + pruneSegments + " of " + bases.size() + " segments");
        }
        prunedBefore = bases.get(pruneSegments);
        if (declarePruning) {
          add(payloads, types, tree, EVENT, prunedEvent(prunedBefore));
          sinceCheckpoint++;
        }
      }
      if (lastNote == null || sinceCheckpoint > 0) {
        lastNote = addCheckpoint(payloads, types, tree);
      }
      long checkpointSize = payloads.size() - 1;
      byte[] checkpointRoot = tree.rangeHash(0, checkpointSize);
      for (int e = 0; e < uncovered; e++) {
        add(payloads, types, tree, EVENT, this.payloads.apply(payloads.size()));
      }

      Files.createDirectories(dir.resolve("segments"));
      Files.createDirectories(dir.resolve("tiles"));
      Files.write(dir.resolve("origin"), origin.getBytes(StandardCharsets.UTF_8));
      Files.write(dir.resolve("checkpoint"), lastNote.getBytes(StandardCharsets.UTF_8));
      long[] offsets = new long[payloads.size()];
      List<Long> bases = layout(payloads, offsets);
      byte[] oh = originHash(origin);
      List<Rec> recs = new ArrayList<>();
      for (int k = 0; k < bases.size(); k++) {
        long base = bases.get(k);
        long end = k + 1 < bases.size() ? bases.get(k + 1) : payloads.size();
        String name = segmentName(base);
        try (SegmentWriter w = SegmentWriter.create(dir.resolve("segments").resolve(name),
            new SegmentHeader(oh, base, base), RecordFormat.DEFAULT_MAX_PAYLOAD, 0)) {
          for (long i = base; i < end; i++) {
            long off = w.append(i, types.get((int) i), payloads.get((int) i));
            if (off != offsets[(int) i]) {
              throw new IllegalStateException("layout disagrees with the writer at " + i);
            }
            recs.add(new Rec(i, types.get((int) i), payloads.get((int) i), name, off));
          }
        }
      }
      writeTiles(dir, tree);
      List<String> present = new ArrayList<>();
      for (int k = 0; k < bases.size(); k++) {
        String name = segmentName(bases.get(k));
        if (k < pruneSegments) {
          Files.delete(dir.resolve("segments").resolve(name));
        } else {
          present.add(name);
        }
      }
      return new Log(dir, origin, recs, present, checkpointSize, checkpointRoot, lastNote, prunedBefore);
    }

    private static void add(List<byte[]> payloads, List<Integer> types, HashLevels tree, int type, byte[] payload) {
      payloads.add(payload);
      types.add(type);
      tree.appendEntry(payload);
    }

    private String addCheckpoint(List<byte[]> payloads, List<Integer> types, HashLevels tree) {
      long size = payloads.size();
      String note = note(size < rotatedAt ? olderSigner : signer, origin, size, tree.rangeHash(0, size));
      add(payloads, types, tree, CHECKPOINT, note.getBytes(StandardCharsets.UTF_8));
      return note;
    }

    /** The segment bases, and each record's offset in its segment. */
    private List<Long> layout(List<byte[]> payloads, long[] offsets) {
      List<Long> bases = new ArrayList<>();
      long pos = 0;
      for (int i = 0; i < payloads.size(); i++) {
        long size = RecordFormat.HEADER_SIZE + payloads.get(i).length;
        if (bases.isEmpty() || pos > SegmentHeader.SIZE && pos + size > rollBytes) {
          bases.add((long) i);
          pos = SegmentHeader.SIZE;
        }
        offsets[i] = pos;
        pos += size;
      }
      return bases;
    }
  }

  /** Writes tiles/L: the hash of every complete subtree of 256^L leaves. */
  static void writeTiles(Path dir, HashLevels tree) throws IOException {
    long size = tree.size();
    for (int level = 0; level == 0 || (size >>> (8 * level)) > 0; level++) {
      long count = size >>> (8 * level);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (long j = 0; j < count; j++) {
        out.write(tree.stored(8 * level, j));
      }
      Files.write(dir.resolve("tiles").resolve(Integer.toString(level)), out.toByteArray());
    }
  }

  /**
   * A record as written.
   *
   * @param index its index
   * @param type its type
   * @param payload its payload
   * @param segment its segment file name
   * @param offset its offset there
   */
  record Rec(long index, int type, byte[] payload, String segment, long offset) {
    long size() {
      return RecordFormat.HEADER_SIZE + payload.length;
    }

    long end() {
      return offset + size();
    }

    byte[] encoded() {
      return encode(index, type, payload);
    }
  }

  /**
   * Where a damaged log first differs from the original: the first segment (in log order) whose bytes differ, the
   * first differing byte, and the index the record there had (the segment's base for its header, the next index for
   * bytes past its last record).
   *
   * @param segment the segment file name
   * @param offset the first differing byte
   * @param index the original record index at that byte
   */
  record Diff(String segment, long offset, long index) {}

  /** A written log, its model, and ways to damage it. Damage changes the files, not the model. */
  static final class Log {
    final Path dir;
    final String origin;
    final List<Rec> records;
    final List<String> segments;
    final long checkpointSize;
    final byte[] checkpointRoot;
    final String checkpointNote;
    final long firstIndex;

    Log(Path dir, String origin, List<Rec> records, List<String> segments, long checkpointSize,
        byte[] checkpointRoot, String checkpointNote, long firstIndex) {
      this.dir = dir;
      this.origin = origin;
      this.records = records;
      this.segments = segments;
      this.checkpointSize = checkpointSize;
      this.checkpointRoot = checkpointRoot;
      this.checkpointNote = checkpointNote;
      this.firstIndex = firstIndex;
    }

    /** @return the index after the last record */
    long size() {
      return records.size();
    }

    Rec rec(long index) {
      return records.get((int) index);
    }

    /** @return the records present (not pruned) */
    List<Rec> present() {
      return records.subList((int) firstIndex, records.size());
    }

    long checkpointRecords() {
      return present().stream().filter(r -> r.type() == CHECKPOINT).count();
    }

    String lastSegment() {
      return segments.get(segments.size() - 1);
    }

    List<Rec> recordsIn(String segment) {
      return present().stream().filter(r -> r.segment().equals(segment)).toList();
    }

    Path segmentFile(String name) {
      return dir.resolve("segments").resolve(name);
    }

    Path tileFile(int level) {
      return dir.resolve("tiles").resolve(Integer.toString(level));
    }

    byte[] bytes(String segment) {
      try {
        return Files.readAllBytes(segmentFile(segment));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void write(String segment, byte[] bytes) {
      try {
        Files.write(segmentFile(segment), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** @return every present segment's bytes, in log order */
    Map<String, byte[]> snapshot() {
      Map<String, byte[]> out = new LinkedHashMap<>();
      for (String s : segments) {
        out.put(s, bytes(s));
      }
      return out;
    }

    /** @return where the files now first differ from a snapshot taken before damaging them */
    Diff firstDifference(Map<String, byte[]> before) {
      for (String s : segments) {
        byte[] was = before.get(s);
        byte[] now = bytes(s);
        int at = Arrays.mismatch(was, now);
        if (at < 0) {
          continue;
        }
        List<Rec> in = recordsIn(s);
        long base = Long.parseLong(s.substring(6, 26));
        long index = base + in.size();
        if (at < SegmentHeader.SIZE) {
          index = base;
        } else {
          for (Rec r : in) {
            if (at < r.end()) {
              index = r.index();
              break;
            }
          }
        }
        return new Diff(s, at, index);
      }
      throw new IllegalStateException("nothing changed");
    }

    /** XORs one byte of a segment file with a non-zero mask. */
    void flip(String segment, long offset, int mask) {
      byte[] b = bytes(segment);
      b[(int) offset] ^= (byte) mask;
      write(segment, b);
    }

    void truncate(String segment, long length) {
      write(segment, Arrays.copyOf(bytes(segment), (int) length));
    }

    void append(String segment, byte[] tail) {
      byte[] b = bytes(segment);
      byte[] out = Arrays.copyOf(b, b.length + tail.length);
      System.arraycopy(tail, 0, out, b.length, tail.length);
      write(segment, out);
    }

    void insert(String segment, long offset, byte[] bytes) {
      byte[] b = bytes(segment);
      byte[] out = new byte[b.length + bytes.length];
      System.arraycopy(b, 0, out, 0, (int) offset);
      System.arraycopy(bytes, 0, out, (int) offset, bytes.length);
      System.arraycopy(b, (int) offset, out, (int) offset + bytes.length, b.length - (int) offset);
      write(segment, out);
    }

    void delete(String segment, long offset, long length) {
      byte[] b = bytes(segment);
      byte[] out = new byte[b.length - (int) length];
      System.arraycopy(b, 0, out, 0, (int) offset);
      System.arraycopy(b, (int) (offset + length), out, (int) offset, out.length - (int) offset);
      write(segment, out);
    }

    void deleteRecord(long index) {
      Rec r = rec(index);
      delete(r.segment(), r.offset(), r.size());
    }

    /** Inserts a copy of record {@code copy} before record {@code before}. */
    void insertCopy(long copy, long before) {
      Rec b = rec(before);
      insert(b.segment(), b.offset(), rec(copy).encoded());
    }

    /** Inserts a copy of record {@code copy} at the end of a segment's records. */
    void insertCopyAtEnd(long copy, String segment) {
      List<Rec> in = recordsIn(segment);
      long end = in.isEmpty() ? SegmentHeader.SIZE : in.get(in.size() - 1).end();
      insert(segment, end, rec(copy).encoded());
    }

    /** Swaps the bytes of two records, {@code i < j}. */
    void swap(long i, long j) {
      Rec a = rec(i);
      Rec b = rec(j);
      if (a.segment().equals(b.segment())) {
        byte[] s = bytes(a.segment());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(s, 0, (int) a.offset());
        out.writeBytes(b.encoded());
        out.write(s, (int) a.end(), (int) (b.offset() - a.end()));
        out.writeBytes(a.encoded());
        out.write(s, (int) b.end(), s.length - (int) b.end());
        write(a.segment(), out.toByteArray());
      } else {
        delete(b.segment(), b.offset(), b.size());
        insert(b.segment(), b.offset(), a.encoded());
        delete(a.segment(), a.offset(), a.size());
        insert(a.segment(), a.offset(), b.encoded());
      }
    }

    /**
     * Replaces a record with another one at the same index with a valid CRC, as someone who knows the format would,
     * and rewrites the rest of its segment behind it.
     */
    void replaceRecord(long index, int type, byte[] payload) {
      Rec r = rec(index);
      delete(r.segment(), r.offset(), r.size());
      insert(r.segment(), r.offset(), encode(index, type, payload));
      records.set((int) index, new Rec(index, type, payload, r.segment(), r.offset()));
    }

    /** Rewrites the tiles from the model's records, as someone covering their tracks would. */
    void rebuildTiles() {
      HashLevels tree = new HashLevels();
      for (Rec r : records) {
        tree.appendEntry(r.payload());
      }
      try {
        writeTiles(dir, tree);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Overwrites hash {@code j} of tiles/{@code level}. */
    void writeTileHash(int level, long j, byte[] hash) {
      try {
        byte[] t = Files.readAllBytes(tileFile(level));
        System.arraycopy(hash, 0, t, (int) (j * 32), 32);
        Files.write(tileFile(level), t);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    byte[] tileHash(int level, long j) {
      try {
        byte[] t = Files.readAllBytes(tileFile(level));
        return Arrays.copyOfRange(t, (int) (j * 32), (int) (j * 32) + 32);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
