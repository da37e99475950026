package dev.modelgov.testkit.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.InsecureKeyAccess;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link KeyRing}, as abstract JUnit Jupiter tests: extend it with your own ring (keys from an HSM, a
 * KMS or a Kubernetes Secret) and every test below runs against it.
 *
 * <p>The kit checks that names are stable, that every named key signs and is trusted under its name by the ring's
 * {@link TrustRoot}, that unknown names give empty, and that {@code toString} never shows private key material. Keys
 * whose private half cannot be exported (an HSM) skip the last check for that key.
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * class VaultKeyRingContractTest extends KeyRingContract {
 *   @Override
 *   protected KeyRing createKeyRing() throws Exception {
 *     return VaultKeyRing.connect(testVault.address(), "modelgov/test");
 *   }
 * }
 * }</pre>
 */
@SuppressWarnings("exports") // JUnit Jupiter is optional: only users who extend the kits need it.
public abstract class KeyRingContract {

  private static final byte[] MESSAGE = "modelgov key ring contract\n".getBytes(StandardCharsets.UTF_8);

  /** For subclasses. */
  protected KeyRingContract() {}

  /**
   * Creates the ring under test.
   *
   * @return a ring with at least one key
   * @throws Exception if it cannot be created; the test then fails with that exception
   */
  protected abstract KeyRing createKeyRing() throws Exception;

  /**
   * The instant the kit asks the trust root about.
   *
   * @return now, by default; override for rings whose keys have a validity window
   */
  protected Instant now() {
    return Instant.now();
  }

  private KeyRing ring() throws Exception {
    KeyRing ring = createKeyRing();
    assertThat(ring).as("createKeyRing() must return a ring").isNotNull();
    return ring;
  }

  private static SigningKey key(KeyRing ring, String name) {
    Optional<SigningKey> key = ring.signingKey(name);
    assertThat(key).as("signingKey(\"%s\") of a name listed by names()", name).isPresent();
    return key.get();
  }

  /**
   * Names are non-empty and stable.
   *
   * @throws Exception if the ring cannot be created
   */
  @Test
  @DisplayName("names are non-empty and stable")
  public void names_are_non_empty_and_stable() throws Exception {
    // GIVEN
    KeyRing ring = ring();
    // WHEN
    List<String> first = new ArrayList<>(ring.names());
    List<String> second = new ArrayList<>(ring.names());
    // THEN
    assertThat(first).as("names()").isNotEmpty().doesNotContainNull().doesNotHaveDuplicates();
    assertThat(first).as("names() are blank").noneMatch(String::isBlank);
    assertThat(second).as("names() on a second call, in order").containsExactlyElementsOf(first);
  }

  /**
   * Each name has a signing key that the trust root trusts under that name.
   *
   * @throws Exception if the ring cannot be created
   */
  @Test
  @DisplayName("each name has a signing key that the trust root trusts under that name")
  public void each_name_is_trusted_under_its_name() throws Exception {
    // GIVEN
    KeyRing ring = ring();
    TrustRoot trust = ring.trustRoot();
    assertThat(trust).as("trustRoot()").isNotNull();
    for (String name : ring.names()) {
      // WHEN
      VerificationKey vk = key(ring, name).verificationKey();
      // THEN
      assertThat(trust.status(vk, now())).as("trust status of key '%s'", name).isEqualTo(TrustRoot.KeyStatus.TRUSTED);
      assertThat(trust.keys()).as("trusted keys named '%s' with the key of that name", name)
          .anyMatch(t -> t.name().equals(name) && t.key().equals(vk));
    }
  }

  /**
   * An unknown name gives empty.
   *
   * @throws Exception if the ring cannot be created
   */
  @Test
  @DisplayName("an unknown name gives no key")
  public void an_unknown_name_gives_no_key() throws Exception {
    // GIVEN
    KeyRing ring = ring();
    String unknown = "no-such-key-" + Long.toHexString(System.nanoTime());
    // WHEN
    Optional<SigningKey> key = ring.signingKey(unknown);
    // THEN
    assertThat(ring.names()).doesNotContain(unknown);
    assertThat(key).as("signingKey(\"%s\")", unknown).isEmpty();
  }

  /**
   * Every key signs, and its verification key verifies the signature and rejects altered data.
   *
   * @throws Exception if the ring cannot be created
   */
  @Test
  @DisplayName("every key signs and its verification key checks the signature")
  public void sign_verify_round_trip() throws Exception {
    // GIVEN
    KeyRing ring = ring();
    for (String name : ring.names()) {
      SigningKey key = key(ring, name);
      // WHEN
      byte[] signature = key.sign(MESSAGE);
      // THEN
      assertThatCode(() -> key.verificationKey().verify(MESSAGE, signature)).as("verifying key '%s'", name)
          .doesNotThrowAnyException();
      byte[] altered = MESSAGE.clone();
      altered[0] ^= 1;
      assertThatThrownBy(() -> key.verificationKey().verify(altered, signature))
          .as("verifying altered data with key '%s'", name)
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  /**
   * {@code toString} never shows a private key.
   *
   * @throws Exception if the ring cannot be created
   */
  @Test
  @DisplayName("toString never shows private key material")
  public void to_string_shows_no_key_material() throws Exception {
    // GIVEN
    KeyRing ring = ring();
    // WHEN
    String text = ring.toString();
    // THEN
    assertThat(text).as("toString()").isNotNull();
    for (String name : ring.names()) {
      for (String secret : secrets(key(ring, name))) {
        assertThat(text).as("toString() and the private key of '%s'", name).doesNotContain(secret);
      }
    }
  }

  /** The private key as PEM body, PEM lines, DER hex and, for Ed25519, the raw seed in base64 and hex. */
  private static Set<String> secrets(SigningKey key) {
    String pem;
    try {
      pem = key.toPkcs8Pem(InsecureKeyAccess.get());
    } catch (RuntimeException e) {
      return Set.of(); // not exportable (an HSM key): nothing to leak
    }
    List<String> lines = pem.lines().filter(l -> !l.startsWith("-----") && !l.isBlank()).toList();
    String body = String.join("", lines);
    byte[] der = Base64.getDecoder().decode(body);
    Set<String> out = new HashSet<>(lines);
    out.add(body);
    out.add(HexFormat.of().formatHex(der));
    int at = key.algorithm() == SignatureAlgorithm.ED25519 ? seedOffset(der) : -1;
    if (at >= 0) {
      byte[] seed = Arrays.copyOfRange(der, at, at + 32);
      out.add(Base64.getEncoder().encodeToString(seed));
      out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(seed));
      out.add(HexFormat.of().formatHex(seed));
    }
    return out;
  }

  /** The offset of the Ed25519 seed: the OCTET STRING (04 20) inside the privateKey OCTET STRING (04 22). */
  private static int seedOffset(byte[] der) {
    for (int i = 0; i + 4 + 32 <= der.length; i++) {
      if (der[i] == 0x04 && der[i + 1] == 0x22 && der[i + 2] == 0x04 && der[i + 3] == 0x20) {
        return i + 4;
      }
    }
    return -1;
  }
}
