package dev.modelgov.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.ConsistencyProof;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.ProofVerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The 98 inclusion and 98 consistency probes of transparency-dev/merkle ({@code testdata/}), in {@code
 * ../shared/vectors/merkle}: each {@code wantErr} must match.
 */
class TransparencyDevProbesTest {

  @TestFactory
  Stream<DynamicTest> every_inclusion_probe_gives_the_expected_result() {
    List<JsonNode> probes = probes("transparency-dev-inclusion-probes.json");
    assertThat(probes).hasSize(98);
    assertThat(probes.stream().filter(p -> !p.get("wantErr").asBoolean())).hasSize(6);
    return probes.stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    name(p),
                    () -> {
                      // GIVEN an upstream probe, as raw bytes
                      long index = p.get("leafIdx").asLong();
                      long size = p.get("treeSize").asLong();
                      List<byte[]> path = MerkleVectors.b64List(p.get("proof"));
                      byte[] leafHash = MerkleVectors.b64(p.get("leafHash"));
                      byte[] root = MerkleVectors.b64(p.get("root"));
                      // WHEN it is verified THEN it fails exactly when upstream says it must
                      expect(p, () -> InclusionProof.verifyRaw(index, size, path, leafHash, root));
                      // AND the typed API agrees whenever every hash is well-formed
                      if (wellFormed(path, leafHash, root)) {
                        InclusionProof proof = new InclusionProof(index, size, digests(path));
                        expect(p, () -> proof.verify(Digest.sha256(leafHash), Digest.sha256(root)));
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> every_consistency_probe_gives_the_expected_result() {
    List<JsonNode> probes = probes("transparency-dev-consistency-probes.json");
    assertThat(probes).hasSize(98);
    assertThat(probes.stream().filter(p -> !p.get("wantErr").asBoolean())).hasSize(6);
    return probes.stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    name(p),
                    () -> {
                      // GIVEN an upstream probe, as raw bytes
                      long size1 = p.get("size1").asLong();
                      long size2 = p.get("size2").asLong();
                      List<byte[]> path = MerkleVectors.b64List(p.get("proof"));
                      byte[] root1 = MerkleVectors.b64(p.get("root1"));
                      byte[] root2 = MerkleVectors.b64(p.get("root2"));
                      // WHEN it is verified THEN it fails exactly when upstream says it must
                      expect(p, () -> ConsistencyProof.verifyRaw(size1, size2, path, root1, root2));
                      // AND the typed API agrees whenever every hash is well-formed
                      if (wellFormed(path, root1, root2)) {
                        ConsistencyProof proof = new ConsistencyProof(size1, size2, digests(path));
                        expect(p, () -> proof.verify(Digest.sha256(root1), Digest.sha256(root2)));
                      }
                    }));
  }

  private static void expect(JsonNode probe, ThrowingCallable verification) {
    if (probe.get("wantErr").asBoolean()) {
      assertThatThrownBy(verification)
          .as(probe.get("file").asText())
          .isInstanceOf(ProofVerificationException.class)
          .hasMessageNotContaining("null");
    } else {
      assertThatCode(verification).as(probe.get("file").asText()).doesNotThrowAnyException();
    }
  }

  private static List<JsonNode> probes(String file) {
    List<JsonNode> out = new ArrayList<>();
    MerkleVectors.read(file).get("probes").forEach(out::add);
    return out;
  }

  private static String name(JsonNode p) {
    return p.get("file").asText().replace("testdata/", "") + (p.get("wantErr").asBoolean() ? " (rejected)" : " (ok)");
  }

  private static boolean wellFormed(List<byte[]> path, byte[] a, byte[] b) {
    return a.length == 32 && b.length == 32 && path.stream().allMatch(h -> h.length == 32);
  }

  private static List<Digest> digests(List<byte[]> path) {
    return path.stream().map(Digest::sha256).toList();
  }
}
