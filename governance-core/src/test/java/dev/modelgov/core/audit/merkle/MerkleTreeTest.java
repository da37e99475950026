package dev.modelgov.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.ConsistencyProof;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.MerkleHashes;
import dev.modelgov.core.audit.MerkleTree;
import dev.modelgov.core.audit.ProofVerificationException;
import dev.modelgov.core.audit.ProofVerificationException.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Argument checks, failure reasons and messages, and trees large enough to cross the storage chunk boundaries. */
class MerkleTreeTest {

  @Test
  void an_empty_tree_has_the_empty_root_and_no_proofs() {
    // GIVEN an empty tree THEN its root is SHA-256("") and it cannot prove anything
    MerkleTree tree = new MerkleTree();
    assertThat(tree.size()).isZero();
    assertThat(tree.root()).isEqualTo(MerkleHashes.emptyRoot());
    assertThat(MerkleHashes.emptyRoot().hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThatThrownBy(() -> tree.inclusionProof(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.leafHash(0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("leaf index 0 is not below the tree size 0");
  }

  @Test
  void arguments_outside_the_tree_are_programming_errors_naming_the_value() {
    // GIVEN a tree of 5 leaves
    MerkleTree tree = tree(5);
    // WHEN sizes or indices outside it are asked for THEN an IllegalArgumentException names the value
    assertThatThrownBy(() -> tree.root(6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be from 0 to the tree size 5, was 6");
    assertThatThrownBy(() -> tree.root(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(3, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leaf index 3 is not below the tree size 3");
    assertThatThrownBy(() -> tree.inclusionProof(0, 6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(0, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from the empty tree is meaningless");
    assertThatThrownBy(() -> tree.consistencyProof(4, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(1, 6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.append(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("leafHash must not be null");
    assertThatThrownBy(() -> tree.appendEntry(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("entry must not be null");
    // AND an equal-size consistency proof is empty
    assertThat(tree.consistencyProof(5, 5)).isEqualTo(new ConsistencyProof(5, 5, List.of()));
  }

  @Test
  void verification_failures_carry_a_reason_and_say_what_failed() throws Exception {
    // GIVEN a tree of 7 leaves and valid proofs
    MerkleTree tree = tree(7);
    InclusionProof inclusion = tree.inclusionProof(2, 7);
    Digest leaf = tree.leafHash(2);
    inclusion.verify(leaf, tree.root());
    // WHEN parts are wrong THEN each failure has its reason and message
    assertThat(failure(() -> inclusion.verify(leaf, tree.root(6))))
        .returns(Reason.ROOT_MISMATCH, ProofVerificationException::reason)
        .hasMessageContaining("does not match the expected root " + tree.root(6).hex());
    assertThat(failure(() -> new InclusionProof(7, 7, inclusion.path()).verify(leaf, tree.root())))
        .returns(Reason.INVALID_SIZES, ProofVerificationException::reason)
        .hasMessage("leaf index 7 is not in a tree of size 7");
    assertThat(failure(() -> new InclusionProof(2, 7, inclusion.path().subList(1, 3)).verify(leaf, tree.root())))
        .returns(Reason.WRONG_PROOF_LENGTH, ProofVerificationException::reason)
        .hasMessage("inclusion proof has 2 hashes; leaf 2 in a tree of size 7 needs 3");
    assertThat(failure(() -> InclusionProof.verifyRaw(2, 7, raw(inclusion.path()), new byte[31], tree.root().bytes())))
        .returns(Reason.MALFORMED_HASH, ProofVerificationException::reason)
        .hasMessage("leaf hash has 31 bytes; a SHA-256 hash has 32");
    ConsistencyProof consistency = tree.consistencyProof(3, 7);
    consistency.verify(tree.root(3), tree.root(7));
    assertThat(failure(() -> consistency.verify(tree.root(4), tree.root(7))))
        .returns(Reason.ROOT_MISMATCH, ProofVerificationException::reason)
        .hasMessageContaining("does not match root1");
    assertThat(failure(() -> consistency.verify(tree.root(3), tree.root(6))))
        .returns(Reason.ROOT_MISMATCH, ProofVerificationException::reason)
        .hasMessageContaining("does not match root2");
    assertThat(failure(() -> new ConsistencyProof(0, 7, consistency.path()).verify(tree.root(0), tree.root(7))))
        .returns(Reason.INVALID_SIZES, ProofVerificationException::reason)
        .hasMessage("a consistency proof from the empty tree (size1 = 0) is meaningless");
    assertThat(failure(() -> new ConsistencyProof(7, 3, consistency.path()).verify(tree.root(7), tree.root(3))))
        .returns(Reason.INVALID_SIZES, ProofVerificationException::reason)
        .hasMessage("size1 7 is greater than size2 3");
    assertThat(failure(() -> new ConsistencyProof(3, 3, consistency.path()).verify(tree.root(3), tree.root(3))))
        .returns(Reason.WRONG_PROOF_LENGTH, ProofVerificationException::reason);
    assertThat(failure(() -> new ConsistencyProof(3, 3, List.of()).verify(tree.root(3), tree.root(4))))
        .returns(Reason.ROOT_MISMATCH, ProofVerificationException::reason);
  }

  @Test
  void trees_across_storage_chunk_boundaries_match_the_naive_definitions() throws Exception {
    // GIVEN a tree of 10,000 leaves (storage chunks hold 4,096 hashes per level; the first one grows from 8)
    int n = 10_000;
    MerkleTree tree = new MerkleTree();
    List<byte[]> hashes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long index = tree.appendEntry(ByteBuffer.allocate(4).putInt(i).array());
      assertThat(index).isEqualTo(i);
      hashes.add(tree.leafHash(i).bytes());
    }
    // THEN roots and proofs around every boundary equal the naive RFC definitions, and proofs verify
    int[] sizes = {1, 7, 8, 9, 16, 17, 4095, 4096, 4097, 8191, 8192, 8193, 9999, 10_000};
    for (int size : sizes) {
      Digest root = tree.root(size);
      assertThat(root.bytes()).as("root(%d)", size).isEqualTo(NaiveMerkle.mth(hashes.subList(0, size)));
      for (int index : new int[] {0, size / 2, size - 1}) {
        InclusionProof p = tree.inclusionProof(index, size);
        assertThat(raw(p.path())).containsExactlyElementsOf(NaiveMerkle.path(index, hashes.subList(0, size)));
        p.verify(tree.leafHash(index), root);
      }
      for (int size1 : sizes) {
        if (size1 < size) {
          ConsistencyProof c = tree.consistencyProof(size1, size);
          assertThat(raw(c.path())).containsExactlyElementsOf(NaiveMerkle.proof(size1, hashes.subList(0, size)));
          c.verify(tree.root(size1), root);
        }
      }
    }
  }

  @Test
  void proofs_are_values_with_defensive_copies() {
    // GIVEN a mutable list WHEN a proof is built from it and the list changes THEN the proof does not
    List<Digest> path = new ArrayList<>(List.of(MerkleHashes.emptyRoot()));
    InclusionProof proof = new InclusionProof(0, 2, path);
    path.clear();
    assertThat(proof.path()).hasSize(1);
    assertThatThrownBy(() -> proof.path().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  private static MerkleTree tree(int n) {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < n; i++) {
      tree.appendEntry(new byte[] {(byte) i});
    }
    return tree;
  }

  private interface Verification {
    void run() throws ProofVerificationException;
  }

  private static ProofVerificationException failure(Verification v) {
    try {
      v.run();
    } catch (ProofVerificationException e) {
      return e;
    }
    throw new AssertionError("verification did not fail");
  }

  private static List<byte[]> raw(List<Digest> path) {
    return path.stream().map(Digest::bytes).toList();
  }
}
