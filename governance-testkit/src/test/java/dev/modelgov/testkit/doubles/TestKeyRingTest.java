package dev.modelgov.testkit.doubles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.MerkleHashes;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.InsecureKeyAccess;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestKeyRingTest {

  @TempDir Path tmp;

  @Test
  void generates_ed25519_keys_under_the_given_names_in_order() {
    // GIVEN / WHEN
    TestKeyRing keys = TestKeyRing.generate("release", "audit");
    // THEN
    assertThat(keys.names()).containsExactly("release", "audit");
    assertThat(keys.signingKey("release")).hasValueSatisfying(
        k -> assertThat(k.algorithm()).isEqualTo(SignatureAlgorithm.ED25519));
    assertThat(keys.signingKey("release").orElseThrow().keyId())
        .isNotEqualTo(keys.signingKey("audit").orElseThrow().keyId());
    assertThat(keys.signingKey("nope")).isEmpty();
  }

  @Test
  void ecdsa_ring_has_p256_keys_and_refuses_note_signing() {
    // GIVEN
    TestKeyRing keys = TestKeyRing.ecdsaP256("release");
    // WHEN / THEN
    assertThat(keys.requireSigningKey("release").algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThatThrownBy(() -> keys.noteSigner("release", "example.com/audit"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ED25519");
  }

  @Test
  void trust_root_trusts_every_key_under_its_name() {
    // GIVEN
    TestKeyRing keys = TestKeyRing.generate("release", "audit");
    TrustRoot trust = keys.trustRoot();
    // WHEN / THEN
    for (String name : keys.names()) {
      VerificationKey vk = keys.verificationKey(name);
      assertThat(trust.status(vk, Instant.now())).isEqualTo(TrustRoot.KeyStatus.TRUSTED);
      assertThat(trust.keys()).anyMatch(t -> t.name().equals(name) && t.key().equals(vk));
    }
    assertThat(trust.status(SigningKey.generate(SignatureAlgorithm.ED25519).verificationKey(), Instant.now()))
        .isEqualTo(TrustRoot.KeyStatus.UNKNOWN);
  }

  @Test
  void note_signer_and_verifier_match() throws Exception {
    // GIVEN
    TestKeyRing keys = TestKeyRing.generate("audit");
    Checkpoint cp = Checkpoint.of("example.com/audit", 0, MerkleHashes.emptyRoot());
    // WHEN
    String note = keys.noteSigner("audit", "example.com/audit").sign(cp);
    // THEN
    assertThat(SignedNote.open(note, List.of(keys.noteVerifier("audit", "example.com/audit"))).checkpoint())
        .isEqualTo(cp);
  }

  @Test
  void unknown_names_are_refused_with_the_known_ones() {
    TestKeyRing keys = TestKeyRing.generate("release", "audit");
    assertThatThrownBy(() -> keys.verificationKey("relase")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("relase").hasMessageContaining("[release, audit]");
  }

  @Test
  void bad_names_are_refused() {
    assertThatThrownBy(TestKeyRing::generate).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names");
    assertThatThrownBy(() -> TestKeyRing.generate("a", "a")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> TestKeyRing.generate("has space")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has space");
  }

  @Test
  void write_pem_writes_keys_that_pem_directory_reads_back() throws Exception {
    // GIVEN
    TestKeyRing keys = TestKeyRing.generate("release", "audit");
    // WHEN
    Path dir = keys.writePem(tmp.resolve("keys"));
    KeyRing read = KeyRing.pemDirectory(dir);
    // THEN
    assertThat(read.names()).containsExactlyInAnyOrder("release", "audit");
    for (String name : keys.names()) {
      assertThat(read.signingKey(name).orElseThrow().keyId()).isEqualTo(keys.requireSigningKey(name).keyId());
      assertThat(VerificationKey.fromSpkiPem(Files.readString(dir.resolve(name + ".pub.pem"))))
          .isEqualTo(keys.verificationKey(name));
    }
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(Files.getPosixFilePermissions(dir.resolve("release.key.pem")))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
  }

  @Test
  void write_pem_refuses_to_replace_a_file() throws Exception {
    // GIVEN
    TestKeyRing keys = TestKeyRing.generate("release");
    Files.writeString(tmp.resolve("release.key.pem"), "keep me");
    // WHEN / THEN
    assertThatThrownBy(() -> keys.writePem(tmp)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(tmp.resolve("release.key.pem"))).isEqualTo("keep me");
  }

  @Test
  void to_string_shows_names_but_no_key_material() {
    // GIVEN
    TestKeyRing keys = TestKeyRing.generate("release");
    String pem = keys.requireSigningKey("release").toPkcs8Pem(InsecureKeyAccess.get());
    String body = String.join("", pem.lines().filter(l -> !l.startsWith("-----")).toList());
    // WHEN
    String text = keys.toString();
    // THEN
    assertThat(text).contains("release").doesNotContain(body);
    assertThatCode(() -> keys.requireSigningKey("release").sign("x".getBytes(StandardCharsets.UTF_8)))
        .doesNotThrowAnyException();
  }
}
