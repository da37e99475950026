package dev.modelgov.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.ConsistencyProof;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.MerkleTree;
import dev.modelgov.core.audit.ProofVerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Property tests (QuickTheories) over trees of 1..300 random leaves: roots equal the naive RFC 6962 MTH, proofs equal
 * the naive RFC 9162 PATH / PROOF and verify, and every single mutation of a proof is rejected.
 */
class MerklePropertiesTest {

  private static final int SAMPLES = 6;

  /**
   * A tree of distinct random leaves of 4..68 bytes (the index, then 0..64 random bytes; equal leaves would make two
   * indices indistinguishable), with its leaf hashes as raw bytes.
   */
  private record Fixture(MerkleTree tree, List<byte[]> leafHashes, Random random) {

    static Fixture of(int leaves, long seed) {
      Random random = new Random(seed);
      MerkleTree tree = new MerkleTree();
      List<byte[]> hashes = new ArrayList<>(leaves);
      for (int i = 0; i < leaves; i++) {
        byte[] entry = new byte[4 + random.nextInt(65)];
        random.nextBytes(entry);
        entry[0] = (byte) (i >>> 24);
        entry[1] = (byte) (i >>> 16);
        entry[2] = (byte) (i >>> 8);
        entry[3] = (byte) i;
        tree.appendEntry(entry);
        hashes.add(tree.leafHash(i).bytes());
      }
      return new Fixture(tree, hashes, random);
    }

    int size() {
      return leafHashes.size();
    }
  }

  @Test
  void root_of_every_sampled_size_is_the_naive_mth() {
    qt().withExamples(200).forAll(integers().between(1, 300), longs().all()).checkAssert((n, seed) -> {
      // GIVEN a random tree of n leaves
      Fixture f = Fixture.of(n, seed);
      // WHEN the root of a sampled earlier size (and of the full size and 0) is asked for
      List<Integer> sizes = new ArrayList<>(List.of(0, n));
      for (int i = 0; i < SAMPLES; i++) {
        sizes.add(f.random.nextInt(n + 1));
      }
      // THEN it is the naive recursive MTH of that many leaves
      for (int size : sizes) {
        assertThat(f.tree.root(size).bytes()).as("root(%d) of %d", size, n)
            .isEqualTo(NaiveMerkle.mth(f.leafHashes.subList(0, size)));
      }
    });
  }

  @Test
  void every_root_of_a_300_leaf_tree_is_the_naive_mth() {
    // GIVEN a tree of 300 leaves THEN root(size) is the naive MTH for every size 0..300
    Fixture f = Fixture.of(300, 42);
    for (int size = 0; size <= 300; size++) {
      assertThat(f.tree.root(size).bytes()).as("root(%d)", size).isEqualTo(NaiveMerkle.mth(f.leafHashes.subList(0, size)));
    }
  }

  @Test
  void inclusion_proofs_verify_and_every_mutation_is_rejected() {
    qt().withExamples(200).forAll(integers().between(1, 300), longs().all()).checkAssert((n, seed) -> {
      Fixture f = Fixture.of(n, seed);
      for (int s = 0; s < SAMPLES; s++) {
        // GIVEN a sampled (index, size) pair
        int size = 1 + f.random.nextInt(n);
        int index = f.random.nextInt(size);
        Digest leaf = f.tree.leafHash(index);
        Digest root = f.tree.root(size);
        // WHEN the tree proves the leaf at that size
        InclusionProof proof = f.tree.inclusionProof(index, size);
        // THEN the proof is RFC 9162 PATH and verifies
        assertThat(raw(proof.path())).as("PATH(%d, %d)", index, size)
            .containsExactlyElementsOf(NaiveMerkle.path(index, f.leafHashes.subList(0, size)));
        assertThatCode(() -> proof.verify(leaf, root)).doesNotThrowAnyException();
        // AND every mutation of the path is rejected
        for (List<Digest> path : mutations(proof.path(), f.random)) {
          rejected(() -> new InclusionProof(index, size, path).verify(leaf, root));
        }
        // AND any other index is rejected, for any index bit or a neighbour
        for (long other : otherValues(index)) {
          rejected(() -> new InclusionProof(other, size, proof.path()).verify(leaf, root));
        }
        for (long other : otherValues(size)) {
          // a claim for another size is rejected against that size's root
          if (other > index && other <= n && !proof.path().equals(f.tree.inclusionProof(index, other).path())) {
            Digest otherRoot = f.tree.root(other);
            rejected(() -> new InclusionProof(index, other, proof.path()).verify(leaf, otherRoot));
          }
          // against the unchanged root, it is rejected unless the verifier runs the very same hash chain: RFC 9162
          // binds the size only through the root, and the chain depends on the size only through
          // bitlen(index ^ (size - 1)). A checkpoint signs (size, root) together, which closes this.
          ThrowingCallable sameRoot = () -> new InclusionProof(index, other, proof.path()).verify(leaf, root);
          if (other > index && bitLength(index ^ (other - 1)) == bitLength(index ^ (size - 1))) {
            assertThatCode(sameRoot).doesNotThrowAnyException();
          } else {
            rejected(sameRoot);
          }
        }
      }
    });
  }

  @Test
  void consistency_proofs_verify_and_every_mutation_is_rejected() {
    qt().withExamples(200).forAll(integers().between(1, 300), longs().all()).checkAssert((n, seed) -> {
      Fixture f = Fixture.of(n, seed);
      for (int s = 0; s < SAMPLES; s++) {
        // GIVEN a sampled (m, n) pair, 1 <= m <= n
        int size2 = 1 + f.random.nextInt(n);
        int size1 = 1 + f.random.nextInt(size2);
        Digest root1 = f.tree.root(size1);
        Digest root2 = f.tree.root(size2);
        // WHEN the tree proves consistency between them
        ConsistencyProof proof = f.tree.consistencyProof(size1, size2);
        // THEN the proof is RFC 9162 PROOF (empty for equal sizes) and verifies
        List<byte[]> naive =
            size1 == size2 ? List.of() : NaiveMerkle.proof(size1, f.leafHashes.subList(0, size2));
        assertThat(raw(proof.path())).as("PROOF(%d, %d)", size1, size2).containsExactlyElementsOf(naive);
        assertThatCode(() -> proof.verify(root1, root2)).doesNotThrowAnyException();
        // AND every mutation of the path is rejected
        for (List<Digest> path : mutations(proof.path(), f.random)) {
          rejected(() -> new ConsistencyProof(size1, size2, path).verify(root1, root2));
        }
        // AND swapped or altered roots are rejected
        if (size1 != size2) {
          rejected(() -> proof.verify(root2, root1));
        }
        rejected(() -> proof.verify(flip(root1, f.random), root2));
        rejected(() -> proof.verify(root1, flip(root2, f.random)));
        // AND another size1 is rejected, against the unchanged roots and against that size's root
        for (long other : otherValues(size1)) {
          rejected(() -> new ConsistencyProof(other, size2, proof.path()).verify(root1, root2));
          if (other >= 1 && other <= size2 && !samePath(f, other, size2, proof)) {
            Digest otherRoot = f.tree.root(other);
            rejected(() -> new ConsistencyProof(other, size2, proof.path()).verify(otherRoot, root2));
          }
        }
        // AND another size2 is rejected against that size's root; against the unchanged roots it is rejected
        // unless the hash chain is the very same (see the inclusion test)
        for (long other : otherValues(size2)) {
          if (other >= size1 && other <= n && !samePath(f, size1, other, proof)) {
            Digest otherRoot = f.tree.root(other);
            rejected(() -> new ConsistencyProof(size1, other, proof.path()).verify(root1, otherRoot));
          }
          ThrowingCallable sameRoots = () -> new ConsistencyProof(size1, other, proof.path()).verify(root1, root2);
          boolean sameChain =
              size1 != size2 && other > size1
                  && bitLength((size1 - 1) ^ (other - 1)) == bitLength((size1 - 1) ^ (size2 - 1));
          if (sameChain) {
            assertThatCode(sameRoots).doesNotThrowAnyException();
          } else {
            rejected(sameRoots);
          }
        }
      }
    });
  }

  private static boolean samePath(Fixture f, long size1, long size2, ConsistencyProof proof) {
    return f.tree.consistencyProof(size1, size2).path().equals(proof.path());
  }

  /** Each single mutation: one bit flipped in each node, each node dropped, a node inserted at each position. */
  private static List<List<Digest>> mutations(List<Digest> path, Random random) {
    List<List<Digest>> out = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      out.add(with(path, i, d -> flip(d, random)));
      List<Digest> dropped = new ArrayList<>(path);
      dropped.remove(i);
      out.add(dropped);
    }
    for (int i = 0; i <= path.size(); i++) {
      List<Digest> added = new ArrayList<>(path);
      byte[] extra = new byte[32];
      random.nextBytes(extra);
      added.add(i, Digest.sha256(extra));
      out.add(added);
      if (!path.isEmpty()) {
        // a duplicate of a real node, not just random bytes
        List<Digest> duplicated = new ArrayList<>(path);
        duplicated.add(i, path.get(random.nextInt(path.size())));
        out.add(duplicated);
      }
    }
    return out;
  }

  private static List<Digest> with(List<Digest> path, int i, Function<Digest, Digest> change) {
    List<Digest> copy = new ArrayList<>(path);
    copy.set(i, change.apply(path.get(i)));
    return copy;
  }

  private static Digest flip(Digest d, Random random) {
    byte[] b = d.bytes();
    int bit = random.nextInt(256);
    b[bit >>> 3] ^= (byte) (1 << (bit & 7));
    return Digest.sha256(b);
  }

  /** A value's neighbours, every single-bit change below 2^10, zero, and -1. */
  private static List<Long> otherValues(long v) {
    List<Long> out = new ArrayList<>(List.of(v - 1, v + 1, 0L, -1L, 2 * v, v / 2, Long.MAX_VALUE));
    for (int bit = 0; bit < 10; bit++) {
      out.add(v ^ (1L << bit));
    }
    out.removeIf(x -> x == v);
    return out;
  }

  private static int bitLength(long v) {
    return 64 - Long.numberOfLeadingZeros(v);
  }

  private static void rejected(ThrowingCallable verification) {
    assertThatThrownBy(verification).isInstanceOf(ProofVerificationException.class);
  }

  private static List<byte[]> raw(List<Digest> path) {
    return path.stream().map(Digest::bytes).toList();
  }
}
