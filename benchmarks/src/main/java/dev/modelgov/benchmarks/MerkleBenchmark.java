package dev.modelgov.benchmarks;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.MerkleTree;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of building an RFC 6962 Merkle tree over audit records, against plain SHA-256 of the same records,
 * measured in the same run.
 *
 * <ul>
 *   <li>{@link #merkleAppend}: a new {@link MerkleTree}, {@link #LEAVES} calls of {@link MerkleTree#appendEntry}
 *       (leaf hash SHA-256(0x00 || record) plus the parent hashes each append completes, one per leaf on average),
 *       then the root. This is what an offline verifier does to recompute a log's root from its records.
 *   <li>{@link #baselineSha256}: SHA-256 of each of the same {@link #LEAVES} records with one reused {@code
 *       MessageDigest}, and nothing else.
 * </ul>
 *
 * <p>One operation is the whole million ({@link Mode#SingleShotTime}); leaves/s = {@value #LEAVES} / (s/op). The
 * records are {@value #RECORD_BYTES} bytes, cycled from a pool of {@value #POOL} distinct random records so that
 * the input fits in cache the same way for both. Target for offline verification: at least 1,000,000 leaves/s. Run
 * with {@code java -jar benchmarks/target/benchmarks.jar MerkleBenchmark}; see {@code benchmarks/README.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class MerkleBenchmark {

  /** The number of leaves per operation. */
  static final int LEAVES = 1_000_000;

  /** The size of each record. */
  static final int RECORD_BYTES = 256;

  /** The number of distinct records, cycled. */
  static final int POOL = 4096;

  private byte[][] records;

  /** Builds the record pool once. */
  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(6962);
    records = new byte[POOL][RECORD_BYTES];
    for (byte[] r : records) {
      random.nextBytes(r);
    }
  }

  /**
   * Leaf hashing and tree append for a million records, then the root.
   *
   * @return the root
   */
  @Benchmark
  public Digest merkleAppend() {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < LEAVES; i++) {
      tree.appendEntry(records[i & (POOL - 1)]);
    }
    return tree.root();
  }

  /**
   * The baseline: SHA-256 of the same million records, one reused {@code MessageDigest}.
   *
   * @return a byte of every hash, folded, so that no hash is dead code
   */
  @Benchmark
  public int baselineSha256() {
    MessageDigest md = sha256();
    int fold = 0;
    for (int i = 0; i < LEAVES; i++) {
      fold += md.digest(records[i & (POOL - 1)])[0];
    }
    return fold;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
