package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code governance keygen}. */
class KeygenCommandTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"ed25519, ED25519", "ecdsa-p256, ECDSA_P256_SHA256", "ECDSA-P256, ECDSA_P256_SHA256"})
  void writes_a_pkcs8_private_key_and_its_spki_public_key_and_prints_the_key_id(String name,
      SignatureAlgorithm algorithm) throws Exception {
    // GIVEN
    Path prefix = tmp.resolve("release");
    // WHEN
    Cli.Result result = Cli.run("keygen", "--algorithm", name, "--out", prefix.toString());
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    String privatePem = Files.readString(tmp.resolve("release.key.pem"), StandardCharsets.US_ASCII);
    String publicPem = Files.readString(tmp.resolve("release.pub.pem"), StandardCharsets.US_ASCII);
    assertThat(privatePem).startsWith(pemHeader("PRIVATE KEY"));
    assertThat(publicPem).startsWith(pemHeader("PUBLIC KEY"));
    SigningKey key = SigningKey.fromPkcs8Pem(privatePem);
    VerificationKey pub = VerificationKey.fromSpkiPem(publicPem);
    assertThat(key.algorithm()).isEqualTo(algorithm);
    assertThat(key.verificationKey()).isEqualTo(pub);
    assertThat(result.out()).isEqualTo(pub.keyId() + "\n").matches("[0-9a-f]{64}\n");
  }

  @Test
  void the_private_key_is_readable_by_its_owner_only() throws Exception {
    // GIVEN a file system with POSIX permissions
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    // WHEN
    Cli.Result result = Cli.run("keygen", "-a", "ed25519", "-o", tmp.resolve("k").toString());
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("k.key.pem"))))
        .isEqualTo("rw-------");
  }

  @Test
  void json_gives_algorithm_key_id_and_both_files() {
    // GIVEN
    Path prefix = tmp.resolve("ci");
    // WHEN
    Cli.Result result = Cli.run("--json", "keygen", "--algorithm", "ecdsa-p256", "--out", prefix.toString());
    // THEN
    assertThat(result.exitCode()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("algorithm").asText()).isEqualTo("ecdsa-p256");
    assertThat(json.get("keyid").asText()).matches("[0-9a-f]{64}");
    assertThat(json.get("privateKey").asText()).isEqualTo(prefix + ".key.pem");
    assertThat(json.get("publicKey").asText()).isEqualTo(prefix + ".pub.pem");
  }

  @Test
  void existing_files_are_kept_and_the_command_exits_2() throws Exception {
    // GIVEN a key pair already there
    Path prefix = tmp.resolve("release");
    Cli.run("keygen", "-a", "ed25519", "-o", prefix.toString());
    String before = Files.readString(tmp.resolve("release.key.pem"));
    // WHEN
    Cli.Result result = Cli.run("keygen", "-a", "ed25519", "-o", prefix.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(prefix + ".key.pem: already exists; use --force to replace it\n");
    assertThat(result.out()).isEmpty();
    assertThat(tmp.resolve("release.key.pem")).hasContent(before);
  }

  @Test
  void an_existing_public_key_alone_also_stops_it_before_anything_is_written() throws Exception {
    // GIVEN only the public half exists
    Path prefix = tmp.resolve("release");
    Files.writeString(tmp.resolve("release.pub.pem"), "an older key");
    // WHEN
    Cli.Result result = Cli.run("keygen", "-a", "ed25519", "-o", prefix.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("release.pub.pem: already exists");
    assertThat(tmp.resolve("release.key.pem")).doesNotExist();
  }

  @Test
  void force_replaces_existing_files() throws Exception {
    // GIVEN
    Path prefix = tmp.resolve("release");
    String first = Cli.run("keygen", "-a", "ed25519", "-o", prefix.toString()).out();
    // WHEN
    Cli.Result result = Cli.run("keygen", "-a", "ecdsa-p256", "-o", prefix.toString(), "--force");
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isNotEqualTo(first);
    assertThat(SigningKey.fromPkcs8Pem(Files.readString(tmp.resolve("release.key.pem"))).algorithm())
        .isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(VerificationKey.fromSpkiPem(Files.readString(tmp.resolve("release.pub.pem"))).keyId())
        .isEqualTo(result.out().strip());
  }

  @Test
  void an_unknown_algorithm_is_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run("keygen", "--algorithm", "rsa", "--out", tmp.resolve("k").toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("unknown algorithm; use ed25519, ecdsa-p256", GovernanceCli.TRY_HELP);
    assertThat(tmp.resolve("k.key.pem")).doesNotExist();
  }

  @Test
  void p384_is_for_verification_only_and_not_offered() {
    // WHEN
    Cli.Result result = Cli.run("keygen", "--algorithm", "ecdsa-p384", "--out", tmp.resolve("k").toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertNoStackTrace(result.err());
  }

  @Test
  void a_missing_directory_exits_2_and_leaves_no_file() {
    // GIVEN
    Path prefix = tmp.resolve("no/such/dir/k");
    // WHEN
    Cli.Result result = Cli.run("keygen", "-a", "ed25519", "-o", prefix.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(prefix + ".key.pem: cannot be written: no such directory\n");
    assertNoStackTrace(result.err());
  }

  @Test
  void algorithm_and_out_are_required() {
    // WHEN
    Cli.Result result = Cli.run("keygen");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required options", "--algorithm", "--out");
  }

  /** The first line of a PEM block with that label, such as the PKCS#8 label the key file must carry. */
  private static String pemHeader(String label) {
    return "-----BEGIN " + label + "-----\n";
  }
}
