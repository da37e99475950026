package dev.modelgov.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.TrustRoot.KeyStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named signing keys and the trust root that trusts them. */
class KeyRingTest {

  @Test
  void a_generated_ring_trusts_each_of_its_keys_under_its_name() throws Exception {
    KeyRing ring = KeyRing.generated(SignatureAlgorithm.ED25519, "release", "audit");

    assertThat(ring.names()).containsExactly("release", "audit");
    for (String name : ring.names()) {
      SigningKey key = ring.signingKey(name).orElseThrow();
      assertThat(ring.trustRoot().status(key.verificationKey(), Instant.now())).isEqualTo(KeyStatus.TRUSTED);
      assertThat(ring.trustRoot().keys()).anySatisfy(k -> {
        assertThat(k.name()).isEqualTo(name);
        assertThat(k.key().keyId()).isEqualTo(key.keyId());
      });
      byte[] signature = key.sign("payload".getBytes(StandardCharsets.UTF_8));
      key.verificationKey().verify("payload".getBytes(StandardCharsets.UTF_8), signature);
    }
    assertThat(ring.signingKey("unknown")).isEmpty();
  }

  @Test
  void a_stranger_key_is_unknown_to_the_ring() {
    KeyRing ring = KeyRing.generated(SignatureAlgorithm.ECDSA_P256_SHA256, "release");
    SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(ring.trustRoot().status(stranger.verificationKey(), Instant.now())).isEqualTo(KeyStatus.UNKNOWN);
  }

  @Test
  void to_string_names_keys_but_never_shows_key_material() {
    SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
    KeyRing ring = KeyRing.of(Map.of("release", key));
    String pem = key.toPkcs8Pem(InsecureKeyAccess.get());
    String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

    assertThat(ring.toString()).contains("release").contains(key.keyId().substring(0, 16)).doesNotContain(body);
  }

  @Test
  void reads_the_pem_files_that_keygen_writes(@TempDir Path dir) throws Exception {
    // GIVEN two keys written as <name>.key.pem next to an unrelated file
    Map<String, SigningKey> keys = new LinkedHashMap<>();
    keys.put("audit", SigningKey.generate(SignatureAlgorithm.ED25519));
    keys.put("release", SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256));
    for (var e : keys.entrySet()) {
      Files.writeString(dir.resolve(e.getKey() + ".key.pem"), e.getValue().toPkcs8Pem(InsecureKeyAccess.get()));
      Files.writeString(dir.resolve(e.getKey() + ".pub.pem"), e.getValue().verificationKey().toSpkiPem());
    }

    KeyRing ring = KeyRing.pemDirectory(dir);

    assertThat(ring.names()).containsExactly("audit", "release");
    assertThat(ring.signingKey("release").orElseThrow().keyId()).isEqualTo(keys.get("release").keyId());
  }

  @Test
  void a_bad_key_file_is_named_and_an_empty_directory_is_refused(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> KeyRing.pemDirectory(dir)).hasMessageContaining("no <name>.key.pem");
    // a PEM file whose body is not a key: a real key's PEM cut to its first line and last line
    String pem = SigningKey.generate(SignatureAlgorithm.ED25519).toPkcs8Pem(InsecureKeyAccess.get());
    String[] lines = pem.strip().split("\n");
    Files.writeString(dir.resolve("release.key.pem"), lines[0] + "\nAAAA\n" + lines[lines.length - 1] + "\n");
    assertThatThrownBy(() -> KeyRing.pemDirectory(dir)).hasMessageContaining("release.key.pem");
  }

  @Test
  void names_must_be_unique_and_well_formed() {
    assertThatThrownBy(() -> KeyRing.generated(SignatureAlgorithm.ED25519, "a", "a"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate key name 'a'");
    assertThatThrownBy(() -> KeyRing.of(Map.of("bad name", SigningKey.generate(SignatureAlgorithm.ED25519))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad name'");
    assertThatThrownBy(() -> KeyRing.of(Map.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
