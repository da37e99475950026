package dev.modelgov.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.internal.merkle.Sha256;
import dev.modelgov.core.audit.internal.segment.RecordFormat;
import dev.modelgov.core.audit.internal.segment.SegmentRecord;
import dev.modelgov.core.audit.internal.store.Layout;
import dev.modelgov.core.audit.internal.store.LogReader;
import dev.modelgov.core.provenance.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Shared helpers of the DurableAuditLog tests: keys, events, reading a log directory back, verifying it. */
final class AuditLogFixtures {

  static final String ORIGIN = "test.example/audit";
  static final Instant TS = Instant.parse("2026-03-01T12:00:00Z");

  private AuditLogFixtures() {}

  static NoteSigner newSigner() {
    return NoteSigner.ed25519(ORIGIN, SigningKey.generate(SignatureAlgorithm.ED25519));
  }

  /** A builder with a signer, checkpoints only when asked (so receipt indexes are contiguous) and small segments. */
  static DurableAuditLog.Builder quietBuilder(Path dir, NoteSigner signer) {
    return DurableAuditLog.builder(dir).origin(ORIGIN).signer(signer)
        .checkpointEvery(1_000_000, java.time.Duration.ofHours(1));
  }

  /** A custom event whose recorded bytes are a function of its arguments alone (fixed timestamp). */
  static CustomEvent event(String writer, long n) {
    return CustomEvent.builder("test.event").timestamp(TS).attribute("writer", writer).attribute("n", n).build();
  }

  /** An event with a padding attribute of {@code padding} characters. */
  static CustomEvent paddedEvent(long n, int padding) {
    return CustomEvent.builder("test.padded").timestamp(TS).attribute("n", n).attribute("pad", "x".repeat(padding))
        .build();
  }

  static byte[] leafHash(byte[] payload) {
    return Sha256.forThread().leaf(payload);
  }

  static Digest leafDigest(byte[] payload) {
    return Digest.sha256(leafHash(payload));
  }

  /** Every valid record of the log directory, in index order. */
  static List<SegmentRecord> records(Path dir) throws IOException {
    List<SegmentRecord> out = new ArrayList<>();
    LogReader.forEach(dir, firstIndex(dir), RecordFormat.DEFAULT_MAX_PAYLOAD, (seg, r) -> out.add(r));
    return out;
  }

  static long firstIndex(Path dir) throws IOException {
    TreeMap<Long, Path> segs = Layout.segments(dir);
    return segs.isEmpty() ? 0 : segs.firstKey();
  }

  /** The in-memory reference tree over every record read back from the directory. */
  static MerkleTree referenceTree(Path dir) throws IOException {
    MerkleTree tree = new MerkleTree();
    long expected = 0;
    for (SegmentRecord r : records(dir)) {
      assertThat(r.index()).as("records are contiguous from 0").isEqualTo(expected++);
      tree.appendEntry(r.payload());
    }
    return tree;
  }

  static SegmentRecord record(Path dir, long index) throws IOException {
    return LogReader.read(dir, index, RecordFormat.DEFAULT_MAX_PAYLOAD).orElseThrow(
        () -> new AssertionError("no record " + index));
  }

  static AuditVerification verify(Path dir, NoteSigner signer) throws Exception {
    return AuditVerifier.builder().trust(signer.verifier()).build().verify(dir);
  }

  /** Checks that the receipt's index holds a record whose leaf hash is the receipt's. */
  static void assertReceiptRecorded(Path dir, AuditReceipt receipt) throws IOException {
    assertThat(leafDigest(record(dir, receipt.index()).payload())).isEqualTo(receipt.leafHash());
  }

  /** The bytes of every regular file under {@code dir}, concatenated per file, for scanning. */
  static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  static Path segmentOf(Path dir, long index) throws IOException {
    return Layout.segments(dir).floorEntry(index).getValue();
  }

  /** A clock the test moves; it starts at the real time so that file modification times line up with it. */
  static final class MutableClock extends java.time.Clock {
    private volatile Instant now = Instant.now();

    void advance(java.time.Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException("fixed to UTC");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
