package dev.modelgov.core.provenance.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.TrustRoot.KeyStatus;
import dev.modelgov.core.provenance.TrustRoot.TrustedKey;
import dev.modelgov.core.provenance.VerificationKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Trust statuses, validity windows, revocation, and the order of candidates. */
class TrustRootTest {

  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2026-12-31T23:59:59Z");
  private static final Instant DURING = Instant.parse("2026-06-01T00:00:00Z");

  private final VerificationKey release = key(SignatureAlgorithm.ED25519);
  private final VerificationKey ci = key(SignatureAlgorithm.ECDSA_P256_SHA256);
  private final VerificationKey old = key(SignatureAlgorithm.ED25519);
  private final VerificationKey stranger = key(SignatureAlgorithm.ED25519);

  @Test
  void statuses_follow_trust_window_and_revocation() {
    // GIVEN a root with an unbounded key, a key valid in 2026, and a revoked key
    TrustRoot root =
        TrustRoot.builder()
            .trust("ci", ci)
            .trust("release-2026", release, FROM, UNTIL)
            .trust("old", old)
            .revoke(old.keyId())
            .build();
    // WHEN statuses are asked at several instants THEN:
    assertThat(root.status(ci, Instant.EPOCH)).isEqualTo(KeyStatus.TRUSTED);
    assertThat(root.status(stranger, DURING)).isEqualTo(KeyStatus.UNKNOWN);
    assertThat(root.status(release, FROM.minusNanos(1))).isEqualTo(KeyStatus.NOT_YET_VALID);
    assertThat(root.status(release, FROM)).isEqualTo(KeyStatus.TRUSTED);
    assertThat(root.status(release, DURING)).isEqualTo(KeyStatus.TRUSTED);
    assertThat(root.status(release, UNTIL)).isEqualTo(KeyStatus.TRUSTED);
    assertThat(root.status(release, UNTIL.plusNanos(1))).isEqualTo(KeyStatus.EXPIRED);
    assertThat(root.status(old, DURING)).isEqualTo(KeyStatus.REVOKED);
    // AND the P1363 setting of the key asked about does not matter
    assertThat(root.status(ci.acceptingP1363(), DURING)).isEqualTo(KeyStatus.TRUSTED);
  }

  @Test
  void revocation_wins_over_the_window_and_covers_keys_never_trusted() {
    // GIVEN a windowed key that is also revoked (by an upper-case ID), and a revoked key that is not trusted
    TrustRoot root =
        TrustRoot.builder()
            .trust("release-2026", release, FROM, UNTIL)
            .revoke(release.keyId().toUpperCase(java.util.Locale.ROOT))
            .revoke(stranger.keyId())
            .build();
    // THEN both are REVOKED at every instant
    for (Instant at : List.of(FROM.minusSeconds(1), DURING, UNTIL.plusSeconds(1))) {
      assertThat(root.status(release, at)).isEqualTo(KeyStatus.REVOKED);
      assertThat(root.status(stranger, at)).isEqualTo(KeyStatus.REVOKED);
    }
    assertThat(root.revokedKeyIds()).containsExactlyInAnyOrder(release.keyId(), stranger.keyId());
  }

  @Test
  void one_sided_windows_are_possible_through_a_trusted_key_record() {
    // GIVEN keys bounded only after or only before
    TrustRoot root =
        TrustRoot.builder()
            .trust(new TrustedKey("from-2026", release, Optional.of(FROM), Optional.empty()))
            .trust(new TrustedKey("until-2026", ci, Optional.empty(), Optional.of(UNTIL)))
            .build();
    // THEN each is bounded on its side only
    assertThat(root.status(release, Instant.MAX)).isEqualTo(KeyStatus.TRUSTED);
    assertThat(root.status(release, Instant.EPOCH)).isEqualTo(KeyStatus.NOT_YET_VALID);
    assertThat(root.status(ci, Instant.EPOCH)).isEqualTo(KeyStatus.TRUSTED);
    assertThat(root.status(ci, Instant.MAX)).isEqualTo(KeyStatus.EXPIRED);
  }

  @Test
  void an_empty_root_knows_no_key() {
    // GIVEN an empty root THEN every key is unknown and there are no candidates
    TrustRoot root = TrustRoot.builder().build();
    assertThat(root.status(release, DURING)).isEqualTo(KeyStatus.UNKNOWN);
    assertThat(root.keys()).isEmpty();
    assertThat(root.candidates(release.keyId())).isEmpty();
  }

  @Test
  void candidates_put_the_hinted_key_first_and_keep_every_other_key() {
    // GIVEN three trusted keys
    TrustRoot root = TrustRoot.builder().trust("release", release).trust("ci", ci).trust("old", old).build();
    // WHEN the hint is the third key's ID (any case) or its name THEN it comes first, the rest in configured order
    assertThat(names(root.candidates(old.keyId()))).containsExactly("old", "release", "ci");
    assertThat(names(root.candidates(old.keyId().toUpperCase(java.util.Locale.ROOT))))
        .containsExactly("old", "release", "ci");
    assertThat(names(root.candidates("ci"))).containsExactly("ci", "release", "old");
    // WHEN the hint is empty, absent, unknown or a mere prefix THEN the order is the configured one
    for (String hint : new String[] {null, "", stranger.keyId(), old.keyId().substring(0, 8), "66301bbf"}) {
      assertThat(names(root.candidates(hint))).as("hint %s", hint).containsExactly("release", "ci", "old");
    }
    // AND the lists cannot be modified
    assertThatThrownBy(() -> root.candidates(old.keyId()).clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> root.keys().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void revoked_keys_stay_candidates_so_that_a_verifier_can_report_them() {
    // GIVEN a revoked trusted key
    TrustRoot root = TrustRoot.builder().trust("release", release).trust("old", old).revoke(old.keyId()).build();
    // THEN it is still listed, and its status says REVOKED
    assertThat(names(root.candidates(old.keyId()))).containsExactly("old", "release");
    assertThat(root.status(root.candidates(old.keyId()).get(0).key(), DURING)).isEqualTo(KeyStatus.REVOKED);
  }

  @Test
  void the_builder_refuses_duplicates_empty_windows_and_bad_key_ids() {
    TrustRoot.Builder builder = TrustRoot.builder().trust("release", release);
    // WHEN a name or a key is trusted twice THEN it fails at once, naming the culprit
    assertThatThrownBy(() -> builder.trust("release", ci))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'release' is already trusted");
    assertThatThrownBy(() -> builder.trust("again", VerificationKey.fromSpkiPem(release.toSpkiPem()).acceptingP1363()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(release.keyId())
        .hasMessageContaining("'release'");
    // WHEN a window ends before it starts, or a name is blank THEN it fails
    assertThatThrownBy(() -> builder.trust("backwards", ci, UNTIL, FROM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notBefore");
    assertThatThrownBy(() -> builder.trust(" ", ci)).isInstanceOf(IllegalArgumentException.class);
    // WHEN a revoked ID is not 64 hex characters THEN it fails
    assertThatThrownBy(() -> builder.revoke("66301bbf")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.revoke("z".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    // AND nulls are programming errors
    assertThatThrownBy(() -> builder.trust("x", null)).isInstanceOf(NullPointerException.class);
    // AND a one-instant window is fine
    assertThat(builder.trust("instant", ci, FROM, FROM).build().status(ci, FROM)).isEqualTo(KeyStatus.TRUSTED);
  }

  private static List<String> names(List<TrustedKey> keys) {
    return keys.stream().map(TrustedKey::name).toList();
  }

  private static VerificationKey key(SignatureAlgorithm algorithm) {
    return SigningKey.generate(algorithm).verificationKey();
  }
}
