package dev.modelgov.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.MerkleHashes;
import dev.modelgov.core.audit.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value in {@code rfc6962-basics.json}: hasher vectors, the 8 test leaves, subtree nodes, roots 0..8. */
class Rfc6962BasicsTest {

  private static final JsonNode BASICS = MerkleVectors.read("rfc6962-basics.json");

  @Test
  void hasher_vectors_give_the_published_hashes() {
    // GIVEN the four upstream hasher vectors
    JsonNode hasher = BASICS.get("hasher");
    assertThat(hasher).hasSize(4);
    int checked = 0;
    for (JsonNode v : hasher) {
      Digest want = MerkleVectors.digest(v.get("want"));
      // WHEN the operation is computed
      Digest got =
          switch (v.get("op").asText()) {
            case "emptyRoot" -> MerkleHashes.emptyRoot();
            case "leaf" -> MerkleHashes.leafHash(input(v, "input"));
            case "node" -> MerkleHashes.nodeHash(input(v, "left"), input(v, "right"));
            default -> throw new AssertionError("unknown op " + v.get("op"));
          };
      // THEN it is the published hash
      assertThat(got).as(v.get("desc").asText()).isEqualTo(want);
      checked++;
    }
    assertThat(checked).isEqualTo(4);
  }

  @Test
  void node_hash_of_digests_is_the_raw_node_hash() {
    // GIVEN two leaf hashes WHEN they are combined as digests and as raw bytes THEN both agree with level 1
    Digest l0 = MerkleHashes.leafHash(new byte[0]);
    Digest l1 = MerkleHashes.leafHash(new byte[] {0});
    assertThat(MerkleHashes.nodeHash(l0, l1))
        .isEqualTo(MerkleHashes.nodeHash(l0.bytes(), l1.bytes()))
        .isEqualTo(MerkleVectors.digest(BASICS.get("node_hashes_by_level").get(1).get(0)));
  }

  @Test
  void every_subtree_node_and_every_root_of_the_eight_leaf_tree_is_the_published_one() {
    // GIVEN the 8 CT/Trillian test leaves, appended one by one as entries
    List<byte[]> leaves = MerkleVectors.leaves(BASICS);
    assertThat(leaves).hasSize(8);
    MerkleTree tree = new MerkleTree();
    JsonNode roots = BASICS.get("root_by_tree_size");
    assertThat(roots).hasSize(9);
    // THEN the root after each append is the published root for that size (size 0 is the empty root)
    assertThat(tree.root()).isEqualTo(MerkleVectors.digest(roots.get(0)));
    for (byte[] leaf : leaves) {
      long index = tree.appendEntry(leaf);
      assertThat(tree.root()).as("root of size %d", index + 1).isEqualTo(MerkleVectors.digest(roots.get((int) index + 1)));
    }
    // AND every earlier root is still available from the full tree
    for (int size = 0; size <= 8; size++) {
      assertThat(tree.root(size)).as("root(%d)", size).isEqualTo(MerkleVectors.digest(roots.get(size)));
    }
    // AND every complete subtree hash, level by level, is the published node hash (level 0 = leaf hashes)
    JsonNode levels = BASICS.get("node_hashes_by_level");
    assertThat(levels).hasSize(4);
    int nodes = 0;
    for (int level = 0; level < levels.size(); level++) {
      JsonNode hashes = levels.get(level);
      assertThat(hashes).hasSize(8 >> level);
      for (int i = 0; i < hashes.size(); i++) {
        Digest want = MerkleVectors.digest(hashes.get(i));
        // a complete subtree of 2^level leaves starting at i * 2^level is the root of those leaves alone
        MerkleTree sub = new MerkleTree();
        for (int j = i << level; j < (i + 1) << level; j++) {
          sub.append(tree.leafHash(j));
        }
        assertThat(sub.root()).as("level %d node %d", level, i).isEqualTo(want);
        if (level == 0) {
          assertThat(tree.leafHash(i)).isEqualTo(want).isEqualTo(MerkleHashes.leafHash(leaves.get(i)));
        }
        nodes++;
      }
    }
    assertThat(nodes).isEqualTo(15);
  }

  @Test
  void appending_leaf_hashes_and_appending_entries_build_the_same_tree() {
    // GIVEN the 8 leaves WHEN one tree gets entries and the other their leaf hashes
    MerkleTree byEntry = new MerkleTree();
    MerkleTree byHash = new MerkleTree();
    for (byte[] leaf : MerkleVectors.leaves(BASICS)) {
      byEntry.appendEntry(leaf);
      byHash.append(MerkleHashes.leafHash(leaf));
    }
    // THEN the roots agree
    assertThat(byHash.root()).isEqualTo(byEntry.root());
    assertThat(byHash.toString()).isEqualTo("MerkleTree{size=8, root=" + byEntry.root() + "}");
  }

  private static byte[] input(JsonNode v, String prefix) {
    JsonNode ascii = v.get(prefix + "_ascii");
    if (ascii != null) {
      return ascii.asText().getBytes(StandardCharsets.US_ASCII);
    }
    return MerkleVectors.hex(v.get(prefix + "_hex"));
  }
}
