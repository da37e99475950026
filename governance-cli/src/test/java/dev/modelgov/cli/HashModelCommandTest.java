package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.core.provenance.ModelHasher;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance hash-model}. */
class HashModelCommandTest {

  @TempDir Path tmp;

  @Test
  void prints_the_root_digest_over_the_sorted_file_digests() throws Exception {
    // GIVEN a model whose root digest is computed here by hand: sha256 over the raw file digests, by path
    Path model = new ProvenanceFixture(tmp).model("credit");
    byte[] config = sha256(Files.readAllBytes(model.resolve("config.json")));
    byte[] weights = sha256(Files.readAllBytes(model.resolve("weights/model.bin")));
    byte[] both = new byte[64];
    System.arraycopy(config, 0, both, 0, 32);
    System.arraycopy(weights, 0, both, 32, 32);
    // WHEN
    Cli.Result result = Cli.run("hash-model", model.toString());
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("sha256:" + HexFormat.of().formatHex(sha256(both)) + "\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void json_lists_resources_and_serialization() throws Exception {
    // GIVEN
    Path model = new ProvenanceFixture(tmp).model("credit");
    String root = ModelHasher.defaults().hash(model).rootDigest().toString();
    // WHEN
    Cli.Result result = Cli.run("hash-model", "--json", model.toString());
    // THEN
    assertThat(result.exitCode()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("model").asText()).isEqualTo(model.toString());
    assertThat(json.get("name").asText()).isEqualTo("credit");
    assertThat(json.get("digest").asText()).isEqualTo(root);
    assertThat(json.at("/serialization/method").asText()).isEqualTo("files");
    assertThat(json.at("/serialization/hashType").asText()).isEqualTo("sha256");
    assertThat(json.at("/serialization/allowSymlinks").asBoolean()).isFalse();
    assertThat(json.at("/serialization/ignorePaths").toString()).contains("\".git\"", "\"model.sig\"");
    assertThat(json.get("resources")).hasSize(2);
    assertThat(json.at("/resources/0/name").asText()).isEqualTo("config.json");
    assertThat(json.at("/resources/1/name").asText()).isEqualTo("weights/model.bin");
    assertThat(json.at("/resources/1/algorithm").asText()).isEqualTo("sha256");
    assertThat(json.at("/resources/1/digest").asText()).startsWith("sha256:").hasSize(71);
  }

  @Test
  void model_sig_and_git_files_are_ignored() throws Exception {
    // GIVEN the same model twice, once with a signature and git files beside it
    ProvenanceFixture fixture = new ProvenanceFixture(tmp);
    Path plain = fixture.model("plain");
    Path busy = fixture.model("busy");
    Files.writeString(busy.resolve("model.sig"), "{}");
    Files.writeString(busy.resolve(".gitignore"), "*.tmp");
    Files.createDirectories(busy.resolve(".git"));
    Files.writeString(busy.resolve(".git/HEAD"), "ref: refs/heads/main");
    // WHEN
    Cli.Result a = Cli.run("hash-model", plain.toString());
    Cli.Result b = Cli.run("hash-model", busy.toString());
    // THEN
    assertThat(b.out()).isEqualTo(a.out());
  }

  @Test
  void the_model_signing_vector_has_its_published_root_digest_without_ignore_me() throws Exception {
    // GIVEN model_signing's signed directory, without the file its signer ignored
    Path copy = Files.createDirectories(tmp.resolve("model"));
    Path vector = ProvenanceFixture.modelSigningVectors().resolve("v1.1.0-elliptic-key");
    Files.copy(vector.resolve("signme-1"), copy.resolve("signme-1"));
    Files.copy(vector.resolve("signme-2"), copy.resolve("signme-2"));
    // WHEN
    Cli.Result result = Cli.run("hash-model", copy.toString());
    // THEN
    assertThat(result.out()).startsWith("sha256:92745110").endsWith("c6dec4\n");
  }

  @Test
  void a_missing_model_exits_2() {
    // GIVEN
    Path absent = tmp.resolve("absent");
    // WHEN
    Cli.Result result = Cli.run("hash-model", absent.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(absent + ": no such file or directory\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void a_symbolic_link_in_the_model_is_refused_with_exit_2() throws Exception {
    // GIVEN
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    Path model = new ProvenanceFixture(tmp).model("linked");
    Files.createSymbolicLink(model.resolve("latest.bin"), model.resolve("weights/model.bin"));
    // WHEN
    Cli.Result result = Cli.run("hash-model", model.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith(model + ": cannot be hashed: ").contains("latest.bin", "symbolic link");
    assertNoStackTrace(result.err());
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
