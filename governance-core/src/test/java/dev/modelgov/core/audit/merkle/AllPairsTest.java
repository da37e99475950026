package dev.modelgov.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.ConsistencyProof;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.MerkleTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every proof in {@code rfc9162-allpairs-8leaves.json} (36 inclusion, 28 consistency; DERIVED from RFC 9162 and
 * checked against upstream): the tree generates each one byte for byte, and each verifies.
 */
class AllPairsTest {

  private static final JsonNode ALL = MerkleVectors.read("rfc9162-allpairs-8leaves.json");
  private static MerkleTree tree;

  @BeforeAll
  static void buildTree() {
    tree = new MerkleTree();
    MerkleVectors.leaves(ALL).forEach(tree::appendEntry);
  }

  @Test
  void roots_are_the_published_ones() {
    // GIVEN the 8-leaf tree THEN root(size) is the published root for sizes 0..8
    for (int size = 0; size <= 8; size++) {
      assertThat(tree.root(size)).isEqualTo(MerkleVectors.digest(ALL.get("roots_hex").get(String.valueOf(size))));
    }
  }

  @Test
  void every_inclusion_proof_is_generated_byte_for_byte_and_verifies() throws Exception {
    JsonNode vectors = ALL.get("inclusion");
    assertThat(vectors).hasSize(36);
    for (JsonNode v : vectors) {
      // GIVEN a published proof
      long index = v.get("leafIdx").asLong();
      long size = v.get("treeSize").asLong();
      Digest leafHash = MerkleVectors.digest(v.get("leafHash"));
      Digest root = MerkleVectors.digest(v.get("root"));
      // WHEN the tree generates the proof for the same leaf and size
      InclusionProof proof = tree.inclusionProof(index, size);
      // THEN it is the published one, and it verifies against the published leaf hash and root
      assertThat(proof).as("inclusion(%d, %d)", index, size)
          .isEqualTo(new InclusionProof(index, size, MerkleVectors.digests(v.get("proof"))));
      assertThat(tree.leafHash(index)).isEqualTo(leafHash);
      assertThat(tree.root(size)).isEqualTo(root);
      proof.verify(leafHash, root);
    }
  }

  @Test
  void every_consistency_proof_is_generated_byte_for_byte_and_verifies() throws Exception {
    JsonNode vectors = ALL.get("consistency");
    assertThat(vectors).hasSize(28);
    for (JsonNode v : vectors) {
      // GIVEN a published proof
      long size1 = v.get("size1").asLong();
      long size2 = v.get("size2").asLong();
      Digest root1 = MerkleVectors.digest(v.get("root1"));
      Digest root2 = MerkleVectors.digest(v.get("root2"));
      // WHEN the tree generates the proof for the same sizes
      ConsistencyProof proof = tree.consistencyProof(size1, size2);
      // THEN it is the published one, and it verifies against the published roots
      assertThat(proof).as("consistency(%d, %d)", size1, size2)
          .isEqualTo(new ConsistencyProof(size1, size2, MerkleVectors.digests(v.get("proof"))));
      proof.verify(root1, root2);
    }
  }
}
