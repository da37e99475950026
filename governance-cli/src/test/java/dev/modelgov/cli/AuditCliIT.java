package dev.modelgov.cli;

import dev.modelgov.cli.BuiltJar.Run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.ConsistencyProof;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.VerificationKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box test of {@code governance audit}: runs the built {@code governance.jar} as a process, from key generation
 * to detecting a flipped byte.
 */
class AuditCliIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORIGIN = "bank.example/it/audit";
  private static final String DIGEST = "sha256:" + "cd".repeat(32);

  @TempDir Path tmp;

  @Test
  void keygen_append_verify_prove_consistency_erase_verify_tamper_verify() throws Exception {
    // GIVEN a key pair and 100 events, every tenth about a data subject
    Run keygen = governance("keygen", "--algorithm", "ed25519", "--out", tmp.resolve("audit").toString());
    assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
    String key = tmp.resolve("audit.key.pem").toString();
    String pub = tmp.resolve("audit.pub.pem").toString();
    String log = tmp.resolve("log").toString();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String model = "{\"id\":\"risk/credit-scoring\",\"version\":\"2.4.0\",\"manifestDigest\":\"" + DIGEST + "\"}";
      events.add(switch (i % 4) {
        case 0 -> "{\"type\":\"prediction\",\"model\":" + model + ",\"requestId\":\"r" + i + "\",\"output\":"
            + "{\"class\":\"approve\"},\"latencyMs\":" + i + (i % 10 == 0 ? ",\"subject\":\"customer-7\","
            + "\"personalData\":{\"name\":\"Jane Doe\"}" : "") + "}";
        case 1 -> "{\"type\":\"policy.decision\",\"policy\":\"approved-models-only\",\"allowed\":" + (i % 3 == 0)
            + ",\"model\":" + model + "}";
        case 2 -> "{\"type\":\"deployment\",\"model\":" + model + ",\"action\":\"deployed\",\"environment\":"
            + "\"prod\"}";
        default -> "{\"type\":\"acme.feature_flag\",\"flag\":\"f" + i + "\",\"enabled\":true}";
      });
    }
    Path file = tmp.resolve("events.jsonl");
    Files.write(file, events, StandardCharsets.UTF_8);

    // WHEN appended
    Run append = governance("audit", "append", "--log", log, "--key", key, "--origin", ORIGIN, "--events",
        file.toString());
    // THEN one receipt per event, in order (checkpoint records, every second, may sit between them)
    assertThat(append.exitCode()).as(append.toString()).isZero();
    List<JsonNode> receipts = lines(append.out());
    assertThat(receipts).hasSize(100);
    List<Long> indexes = receipts.stream().map(r -> r.get("index").asLong()).toList();
    assertThat(indexes).isSorted().doesNotHaveDuplicates().startsWith(0L);
    long size = indexes.get(99) + 1; // the closing checkpoint's tree size

    // WHEN verified: THEN intact, with the closing checkpoint as the last record
    Run verify = governance("audit", "verify", "--log", log, "--pub", pub);
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).startsWith("verified " + ORIGIN + ": " + (size + 1) + " records [0, " + (size + 1)
        + "), checkpoint at " + size);

    // WHEN an inclusion proof is asked for: THEN it verifies against the signed checkpoint
    NoteVerifier verifier = NoteVerifier.ed25519(ORIGIN,
        VerificationKey.fromSpkiPem(Files.readString(Path.of(pub))));
    long index = indexes.get(42);
    Run prove = governance("audit", "prove", "--log", log, "--pub", pub, "--index", Long.toString(index));
    assertThat(prove.exitCode()).as(prove.toString()).isZero();
    JsonNode inclusion = JSON.readTree(prove.out());
    Checkpoint checkpoint = SignedNote.open(inclusion.get("checkpoint").asText(), List.of(verifier)).checkpoint();
    assertThat(checkpoint.treeSize()).isEqualTo(size);
    assertThat(inclusion.get("leafHash").asText()).isEqualTo(receipts.get(42).get("leafHash").asText());
    new InclusionProof(index, size, digests(inclusion.get("path")))
        .verify(Digest.parse(inclusion.get("leafHash").asText()), checkpoint.rootHash());

    // WHEN a consistency proof is asked for: THEN it verifies
    Run consistency = governance("audit", "consistency", "--log", log, "--pub", pub, "--from", "50");
    assertThat(consistency.exitCode()).as(consistency.toString()).isZero();
    JsonNode proof = JSON.readTree(consistency.out());
    assertThat(proof.get("size2").asLong()).isEqualTo(size);
    assertThat(proof.get("root2").asText()).isEqualTo(checkpoint.rootHash().toString());
    new ConsistencyProof(50, size, digests(proof.get("path")))
        .verify(Digest.parse(proof.get("root1").asText()), Digest.parse(proof.get("root2").asText()));

    // WHEN the subject is erased: THEN the erasure is recorded after the checkpoint and the log still verifies
    Run erase = governance("audit", "erase", "--log", log, "--key", key, "--subject", "customer-7", "--reason",
        "GDPR Art. 17 request 2026-118");
    assertThat(erase.exitCode()).as(erase.toString()).isZero();
    assertThat(JSON.readTree(erase.out()).get("index").asLong()).isEqualTo(size + 1);
    Run verifyAfterErase = governance("audit", "verify", "--log", log, "--pub", pub);
    assertThat(verifyAfterErase.exitCode()).as(verifyAfterErase.toString()).isZero();
    Run tail = governance("audit", "tail", "--log", log, "--decrypt");
    assertThat(tail.exitCode()).as(tail.toString()).isZero();
    assertThat(lines(tail.out())).hasSize((int) size + 3); // + checkpoint, erasure, checkpoint
    assertThat(tail.out()).doesNotContain("customer-7", "Jane Doe").contains("<erased>");

    // WHEN one byte of a record flips: THEN verify exits 1 and locates it
    Path segment;
    try (Stream<Path> files = Files.list(Path.of(log, "segments"))) {
      segment = files.sorted().findFirst().orElseThrow();
    }
    long offset = recordOffset(segment, 17);
    flip(segment, offset + 25);
    Run tampered = governance("audit", "verify", "--log", log, "--pub", pub);
    assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(1);
    assertThat(tampered.out()).isEmpty();
    assertThat(tampered.err()).isEqualTo("tampered: RECORD_CORRUPT at index 17, segment " + segment.getFileName()
        + ", offset " + offset + ": record CRC mismatch\n");
    for (Run run : List.of(append, verify, prove, consistency, erase, verifyAfterErase, tail, tampered)) {
      assertThat(run.err()).as(run.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    }
  }

  @Test
  void a_bad_line_exits_2_with_file_and_line_after_appending_the_lines_before_it() throws Exception {
    // GIVEN
    Path file = tmp.resolve("events.jsonl");
    Files.writeString(file, "{\"type\":\"acme.a\"}\n{\"type\":\"acme.b\",\"x\":1,\"x\":2}\n{\"type\":\"acme.c\"}\n");
    // WHEN
    Run run = governance("audit", "append", "--log", tmp.resolve("log").toString(), "--events", file.toString());
    // THEN
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.out()).matches("\\{\"index\":0,\"leafHash\":\"sha256:[0-9a-f]{64}\"}\n");
    assertThat(run.err()).endsWith("\n" + file + ":2: x: duplicate key\n")
        .startsWith("warning: " + tmp.resolve("log") + ": a new log without --key: its checkpoints are unsigned");
  }

  private static List<Digest> digests(JsonNode array) {
    List<Digest> out = new ArrayList<>();
    array.forEach(n -> out.add(Digest.parse(n.asText())));
    return out;
  }

  private static List<JsonNode> lines(String out) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.lines().toList()) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  /** The offset of record {@code index} in the first segment: a 64-byte header, then 20-byte record headers. */
  private static long recordOffset(Path segment, int index) throws IOException {
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
      long pos = 64;
      for (int i = 0; i < index; i++) {
        ByteBuffer len = ByteBuffer.allocate(4);
        ch.read(len, pos);
        pos += 20 + Integer.toUnsignedLong(len.flip().getInt());
      }
      return pos;
    }
  }

  private static void flip(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, offset);
      b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
      ch.write(b, offset);
    }
  }

  private Run governance(String... args) throws Exception {
    return BuiltJar.run(tmp, tmp, 120, BuiltJar.governance(args));
  }


}
