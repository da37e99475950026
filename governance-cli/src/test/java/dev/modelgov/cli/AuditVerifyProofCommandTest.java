package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance audit verify-proof}: a proof printed by {@code audit prove}, verified offline. */
class AuditVerifyProofCommandTest {

  static final String ORIGIN = "bank.example/test/audit";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  Path pub;
  Path proofFile;
  ObjectNode proof;

  @BeforeEach
  void a_log_of_twenty_events_and_the_proof_of_record_7() throws IOException {
    Cli.Result keygen = Cli.run("keygen", "--algorithm", "ed25519", "--out", tmp.resolve("log").toString());
    assertThat(keygen.exitCode()).as(keygen.err()).isZero();
    pub = tmp.resolve("log.pub.pem");
    Path log = tmp.resolve("audit");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add("{\"type\":\"acme.event\",\"n\":" + i + "}");
    }
    Path file = tmp.resolve("events.jsonl");
    Files.write(file, events, StandardCharsets.UTF_8);
    Cli.Result append = Cli.run("audit", "append", "--log", log.toString(), "--key",
        tmp.resolve("log.key.pem").toString(), "--origin", ORIGIN, "--events", file.toString());
    assertThat(append.exitCode()).as(append.err()).isZero();
    Cli.Result prove = Cli.run("audit", "prove", "--log", log.toString(), "--index", "7");
    assertThat(prove.exitCode()).as(prove.err()).isZero();
    proof = (ObjectNode) prove.json();
    proofFile = tmp.resolve("proof.json");
    save(proof);
  }

  void save(JsonNode node) throws IOException {
    Files.writeString(proofFile, JSON.writeValueAsString(node), StandardCharsets.UTF_8);
  }

  Cli.Result verifyProof(String... extra) {
    List<String> args = new ArrayList<>(List.of("audit", "verify-proof", proofFile.toString(), "--pub",
        pub.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  /** The digest with its last hex digit changed to another lower-case hex digit. */
  static String flipLastHex(String digest) {
    char last = digest.charAt(digest.length() - 1);
    return digest.substring(0, digest.length() - 1) + (last == '0' ? '1' : '0');
  }

  @Test
  void a_proof_printed_by_audit_prove_verifies_with_the_log_key() {
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).startsWith("verified: record 7 (" + proof.get("leafHash").asText() + ") is in log '"
        + ORIGIN + "' of size " + proof.get("treeSize").asLong() + " (root " + proof.get("rootHash").asText() + ")");
  }

  @Test
  void json_output_reports_the_checked_facts_and_the_signing_key() {
    // WHEN
    Cli.Result result = verifyProof("--json", "--origin", ORIGIN);
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode out = result.json();
    assertThat(out.get("verified").asBoolean()).isTrue();
    assertThat(out.get("index").asLong()).isEqualTo(7);
    assertThat(out.get("treeSize")).isEqualTo(proof.get("treeSize"));
    assertThat(out.get("rootHash")).isEqualTo(proof.get("rootHash"));
    assertThat(out.get("origin").asText()).isEqualTo(ORIGIN);
    assertThat(out.get("keyId").asText()).matches("[0-9a-f]{8}");
  }

  @Test
  void a_tampered_leaf_hash_does_not_verify() throws IOException {
    // GIVEN
    proof.put("leafHash", flipLastHex(proof.get("leafHash").asText()));
    save(proof);
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith(proofFile + ": does not verify: the path does not lead from leafHash to the "
        + "signed root: ").hasLineCount(1);
  }

  @Test
  void a_tampered_path_hash_does_not_verify() throws IOException {
    // GIVEN
    assertThat(proof.get("path").size()).isPositive();
    String first = proof.get("path").get(0).asText();
    proof.withArray("path").set(0, JSON.getNodeFactory().textNode(flipLastHex(first)));
    save(proof);
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("does not verify: the path does not lead from leafHash to the signed root");
  }

  @Test
  void a_path_with_a_hash_missing_does_not_verify() throws IOException {
    // GIVEN
    proof.withArray("path").remove(0);
    save(proof);
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("does not verify: the path does not lead");
  }

  @Test
  void a_root_hash_other_than_the_signed_one_does_not_verify() throws IOException {
    // GIVEN a consistent-looking root that the checkpoint did not sign
    proof.put("rootHash", flipLastHex(proof.get("rootHash").asText()));
    save(proof);
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("does not verify: rootHash is not the root hash of the signed checkpoint");
  }

  @Test
  void a_tree_size_other_than_the_signed_one_does_not_verify() throws IOException {
    // GIVEN
    long size = proof.get("treeSize").asLong();
    proof.put("treeSize", size + 1);
    save(proof);
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("does not verify: treeSize is " + (size + 1)
        + " but the signed checkpoint is of size " + size);
  }

  @Test
  void another_key_does_not_verify_the_checkpoint() {
    // GIVEN another key pair
    Cli.Result keygen = Cli.run("keygen", "--algorithm", "ed25519", "--out", tmp.resolve("other").toString());
    assertThat(keygen.exitCode()).isZero();
    Path other = tmp.resolve("other.pub.pem");
    // WHEN
    Cli.Result result = Cli.run("audit", "verify-proof", proofFile.toString(), "--pub", other.toString(), "--json");
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith(proofFile + ": does not verify: the checkpoint is not signed by the key "
        + other + " for log '" + ORIGIN + "'");
    assertThat(result.json().get("verified").asBoolean()).isFalse();
  }

  @Test
  void the_right_key_under_another_origin_does_not_verify() {
    // WHEN
    Cli.Result result = verifyProof("--origin", "bank.example/other/audit");
    // THEN the signature line names the log's origin, so the key under another name is unknown
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("does not verify: the checkpoint is not signed by the key");
  }

  @Test
  void a_truncated_file_is_malformed_with_its_byte_offset() throws IOException {
    // GIVEN
    String text = Files.readString(proofFile);
    Files.writeString(proofFile, text.substring(0, text.length() / 2));
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith(proofFile + ": invalid JSON: ").contains("byte offset").hasLineCount(1);
    assertNoStackTrace(result.err());
  }

  @Test
  void a_missing_field_is_named() throws IOException {
    // GIVEN
    proof.remove("checkpoint");
    save(proof);
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith(proofFile + ": checkpoint: is required");
  }

  @Test
  void a_malformed_hash_is_named_by_its_position() throws IOException {
    // GIVEN
    proof.withArray("path").set(0, JSON.getNodeFactory().textNode("sha256:XYZ"));
    save(proof);
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith(proofFile + ": path[0]: ");
  }

  @Test
  void a_duplicate_key_is_rejected() throws IOException {
    // GIVEN
    String text = JSON.writeValueAsString(proof);
    Files.writeString(proofFile, "{\"index\":3," + text.substring(1));
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(proofFile + ": index: duplicate key\n");
  }

  @Test
  void a_negative_index_is_named() throws IOException {
    // GIVEN
    proof.put("index", -1);
    save(proof);
    // WHEN
    Cli.Result result = verifyProof();
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(proofFile + ": index: must be at least 0, was -1\n");
  }

  @Test
  void a_missing_file_exits_2() {
    // WHEN
    Cli.Result result = Cli.run("audit", "verify-proof", tmp.resolve("nope.json").toString(), "--pub",
        pub.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(tmp.resolve("nope.json") + ": no such file\n");
  }
}
