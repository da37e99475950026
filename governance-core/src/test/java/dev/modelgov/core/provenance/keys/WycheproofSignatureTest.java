package dev.modelgov.core.provenance.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.VerificationKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Project Wycheproof verification vectors (C2SP/wycheproof, {@code ../shared/vectors/wycheproof}): every test case's
 * verdict must match. Keys are built from each group's {@code publicKeyDer}.
 *
 * <p>Policy for {@code acceptable} cases: we reject them (the strict choice; such cases mark legacy encodings that a
 * conservative verifier may refuse). None of the three files has one today, which each test asserts, so a vector
 * update that adds some fails here and makes someone look.
 */
class WycheproofSignatureTest {

  /** The outcome of running one file. */
  record Tally(int valid, int invalid, int acceptable, int passed, List<String> mismatches) {
    int total() {
      return valid + invalid + acceptable;
    }
  }

  @Test
  void ed25519_every_verdict_matches() throws Exception {
    // GIVEN the Ed25519 vectors (raw 64-byte signatures)
    // WHEN every case is verified with the key from its group's SPKI
    Tally tally = run("ed25519_test.json", SignatureAlgorithm.ED25519, UnaryOperator.identity());
    // THEN all 151 verdicts match (88 valid, 63 invalid), and there are no "acceptable" cases
    assertThat(tally.mismatches()).isEmpty();
    assertThat(tally).extracting(Tally::valid, Tally::invalid, Tally::acceptable, Tally::passed)
        .containsExactly(88, 63, 0, 151);
  }

  @Test
  void ecdsa_p256_der_every_verdict_matches() throws Exception {
    // GIVEN the ECDSA P-256 / SHA-256 vectors with DER signatures (BER, bad lengths, r or s out of range, ...)
    // WHEN every case is verified with a DER-only key
    Tally tally =
        run("ecdsa_secp256r1_sha256_test.json", SignatureAlgorithm.ECDSA_P256_SHA256, UnaryOperator.identity());
    // THEN all 484 verdicts match (174 valid, 310 invalid)
    assertThat(tally.mismatches()).isEmpty();
    assertThat(tally).extracting(Tally::valid, Tally::invalid, Tally::acceptable, Tally::passed)
        .containsExactly(174, 310, 0, 484);
  }

  @Test
  void ecdsa_p256_der_verdicts_are_unchanged_when_p1363_is_also_accepted() throws Exception {
    // GIVEN the DER vectors and keys that also accept raw r||s
    // WHEN every case is verified
    Tally tally =
        run("ecdsa_secp256r1_sha256_test.json", SignatureAlgorithm.ECDSA_P256_SHA256, VerificationKey::acceptingP1363);
    // THEN accepting P1363 lets no malformed DER through (64-byte inputs are tried both ways)
    assertThat(tally.mismatches()).isEmpty();
    assertThat(tally.passed()).isEqualTo(484);
  }

  @Test
  void ecdsa_p256_p1363_every_verdict_matches_with_acceptingP1363() throws Exception {
    // GIVEN the ECDSA P-256 vectors with IEEE P1363 r||s signatures (wrong sizes, out-of-range values, ...)
    // WHEN every case is verified with keys configured for P1363
    Tally tally =
        run(
            "ecdsa_secp256r1_sha256_p1363_test.json",
            SignatureAlgorithm.ECDSA_P256_SHA256,
            VerificationKey::acceptingP1363);
    // THEN all 262 verdicts match (173 valid, 89 invalid)
    assertThat(tally.mismatches()).isEmpty();
    assertThat(tally).extracting(Tally::valid, Tally::invalid, Tally::acceptable, Tally::passed)
        .containsExactly(173, 89, 0, 262);
  }

  @Test
  void ecdsa_p256_p1363_signatures_are_all_rejected_by_a_der_only_key() throws Exception {
    // GIVEN the P1363 vectors
    JsonNode root = KeyVectors.json(KeyVectors.wycheproof("ecdsa_secp256r1_sha256_p1363_test.json"));
    int validP1363 = 0;
    List<String> accepted = new ArrayList<>();
    for (JsonNode group : root.path("testGroups")) {
      VerificationKey key = VerificationKey.fromSpkiDer(KeyVectors.hex(group.path("publicKeyDer").asText()));
      for (JsonNode test : group.path("tests")) {
        validP1363 += "valid".equals(test.path("result").asText()) ? 1 : 0;
        // WHEN each is verified with a key that was not configured for P1363
        try {
          key.verify(KeyVectors.hex(test.path("msg").asText()), KeyVectors.hex(test.path("sig").asText()));
          accepted.add("tcId " + test.path("tcId").asInt());
        } catch (SignatureException expected) {
          // rejected, as it must be
        }
      }
    }
    // THEN none is accepted, not even the 173 that are valid P1363
    assertThat(validP1363).isEqualTo(173);
    assertThat(accepted).isEmpty();
  }

  private static Tally run(String file, SignatureAlgorithm algorithm, UnaryOperator<VerificationKey> configure)
      throws IOException, GeneralSecurityException {
    JsonNode root = KeyVectors.json(KeyVectors.wycheproof(file));
    int valid = 0;
    int invalid = 0;
    int acceptable = 0;
    int passed = 0;
    List<String> mismatches = new ArrayList<>();
    for (JsonNode group : root.path("testGroups")) {
      byte[] spki = KeyVectors.hex(group.path("publicKeyDer").asText());
      VerificationKey key = VerificationKey.fromSpkiDer(spki);
      assertThat(key.algorithm()).isEqualTo(algorithm);
      // The PEM of the same group parses to the same key, and the canonical DER is the vector's DER.
      assertThat(VerificationKey.fromSpkiPem(group.path("publicKeyPem").asText())).isEqualTo(key);
      assertThat(key.spkiDer()).isEqualTo(spki);
      key = configure.apply(key);
      for (JsonNode test : group.path("tests")) {
        String result = test.path("result").asText();
        switch (result) {
          case "valid" -> valid++;
          case "invalid" -> invalid++;
          case "acceptable" -> acceptable++;
          default -> throw new AssertionError("unknown result " + result);
        }
        boolean verified;
        try {
          key.verify(KeyVectors.hex(test.path("msg").asText()), KeyVectors.hex(test.path("sig").asText()));
          verified = true;
        } catch (SignatureException e) {
          verified = false;
        }
        // "acceptable" is rejected by policy (see the class comment).
        boolean expected = "valid".equals(result);
        if (verified == expected) {
          passed++;
        } else {
          mismatches.add(
              "tcId " + test.path("tcId").asInt() + " (" + result + ", " + test.path("comment").asText() + ", "
                  + test.path("flags") + "): " + (verified ? "accepted" : "rejected"));
        }
      }
    }
    assertThat(valid + invalid + acceptable).isEqualTo(root.path("numberOfTests").asInt());
    System.out.printf(
        "wycheproof %s: %d tests (%d valid, %d invalid, %d acceptable), %d passed%n",
        file, valid + invalid + acceptable, valid, invalid, acceptable, passed);
    return new Tally(valid, invalid, acceptable, passed, mismatches);
  }
}
