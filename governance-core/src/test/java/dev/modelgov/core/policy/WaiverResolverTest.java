package dev.modelgov.core.policy;

import static dev.modelgov.core.policy.PolicyFixtures.NOW;
import static dev.modelgov.core.policy.PolicyFixtures.creditScoring;
import static dev.modelgov.core.policy.PolicyFixtures.waiver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.api.policy.WaiverMatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaiverResolverTest {

  private static Waiver lasting(String id, Duration lifetime) {
    return Waiver.builder(id).rules("model.owner").reason("r").ticket("GOV-1").approver("a@b.example")
        .createdAt(NOW).expiresAt(NOW.plus(lifetime)).build();
  }

  @Test
  void a_waiver_longer_than_the_default_90_days_is_rejected_by_name() {
    // GIVEN a waiver lasting 91 days
    Waiver w = lasting("WVR-LONG", Duration.ofDays(91));
    // WHEN built THEN the error names the waiver and both durations
    assertThatThrownBy(() -> WaiverResolver.builder().add(w).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("waiver WVR-LONG")
        .hasMessageContaining("91 days")
        .hasMessageContaining("maximum of 90 days");
  }

  @Test
  void a_waiver_of_exactly_the_maximum_lifetime_is_accepted() {
    // GIVEN waivers of exactly 90 days and, under a 30-day maximum, exactly 30 days
    WaiverResolver defaults = WaiverResolver.builder().add(lasting("WVR-90", Duration.ofDays(90))).build();
    WaiverResolver strict = WaiverResolver.builder().maxLifetime(Duration.ofDays(30))
        .add(lasting("WVR-30", Duration.ofDays(30))).build();
    // WHEN inspected THEN both hold their waiver
    assertThat(defaults.waivers()).extracting(Waiver::id).containsExactly("WVR-90");
    assertThat(strict.waivers()).extracting(Waiver::id).containsExactly("WVR-30");
    assertThat(strict.maxLifetime()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void a_custom_maximum_lifetime_is_enforced() {
    // GIVEN a 30-day maximum and a 31-day waiver WHEN built THEN it is rejected
    assertThatThrownBy(() -> WaiverResolver.builder().maxLifetime(Duration.ofDays(30))
        .add(lasting("WVR-31", Duration.ofDays(31))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WVR-31");
  }

  @Test
  void duplicate_waiver_ids_are_rejected_by_name() {
    // GIVEN two waivers with one id WHEN built THEN the error names the id
    assertThatThrownBy(() -> WaiverResolver.builder()
        .addAll(List.of(lasting("WVR-DUP", Duration.ofDays(1)), lasting("WVR-DUP", Duration.ofDays(2)))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("waiver WVR-DUP is declared twice");
  }

  @Test
  void a_non_positive_maximum_lifetime_is_rejected() {
    // GIVEN a zero maximum WHEN built THEN the error names the setting
    assertThatThrownBy(() -> WaiverResolver.builder().maxLifetime(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxLifetime");
  }

  @Test
  void expiring_within_lists_live_waivers_that_end_before_the_window_closes() {
    // GIVEN waivers expiring in 3 days, exactly 7 days, 10 days, and one already expired
    WaiverResolver r = WaiverResolver.builder()
        .add(waiver("WVR-3D", NOW.plus(Duration.ofDays(3)), WaiverMatch.any(), "model.owner"))
        .add(waiver("WVR-7D", NOW.plus(Duration.ofDays(7)), WaiverMatch.any(), "model.owner"))
        .add(waiver("WVR-10D", NOW.plus(Duration.ofDays(10)), WaiverMatch.any(), "model.owner"))
        .add(waiver("WVR-GONE", NOW.minus(Duration.ofDays(1)), WaiverMatch.any(), "model.owner"))
        .build();
    // WHEN asked for the next 7 days, for what expired, and what is active
    // THEN the window is exclusive and expired waivers are separate
    assertThat(r.expiringWithin(Duration.ofDays(7), NOW)).extracting(Waiver::id).containsExactly("WVR-3D");
    assertThat(r.expiringWithin(Duration.ofDays(30), NOW)).extracting(Waiver::id)
        .containsExactly("WVR-3D", "WVR-7D", "WVR-10D");
    assertThat(r.expired(NOW)).extracting(Waiver::id).containsExactly("WVR-GONE");
    assertThat(r.expired(NOW.plus(Duration.ofDays(3)))).extracting(Waiver::id).containsExactly("WVR-GONE", "WVR-3D");
    assertThat(r.active(NOW)).extracting(Waiver::id).containsExactly("WVR-3D", "WVR-7D", "WVR-10D");
  }

  @Test
  void a_waiver_applies_exactly_while_now_is_before_its_expiry() {
    // GIVEN a waiver expiring 10 days from NOW
    Instant expiry = NOW.plus(Duration.ofDays(10));
    WaiverResolver r = WaiverResolver.builder().add(waiver("WVR-P", expiry, WaiverMatch.any(), "model.owner"))
        .build();
    qt().forAll(longs().between(-20L * 86_400, 20L * 86_400)).checkAssert(offset -> {
      // WHEN resolved at any instant around the expiry
      Instant at = expiry.plusSeconds(offset);
      WaiverResolver.Resolution res = r.resolve("model.owner", creditScoring(), EvaluationContext.defaults(), at);
      // THEN it applies before the expiry and is reported as expired from the expiry on
      assertThat(res.exempted()).isEqualTo(at.isBefore(expiry));
      assertThat(res.expired().isEmpty()).isEqualTo(at.isBefore(expiry));
    });
  }

  @Test
  void an_uncovered_rule_gets_nothing() {
    // GIVEN a waiver for another rule
    WaiverResolver r = WaiverResolver.builder()
        .add(waiver("WVR-O", NOW.plus(Duration.ofDays(1)), WaiverMatch.any(), "model.other")).build();
    // WHEN resolved for model.owner
    WaiverResolver.Resolution res = r.resolve("model.owner", creditScoring(), EvaluationContext.defaults(), NOW);
    // THEN nothing applies and nothing is reported
    assertThat(res.waiver()).isEmpty();
    assertThat(res.expired()).isEmpty();
    assertThat(res.warnings()).isEmpty();
  }

  @Test
  void without_the_engine_a_waiver_with_an_expression_does_not_apply_and_says_why() {
    // GIVEN a waiver with a CEL match expression
    WaiverResolver r = WaiverResolver.builder()
        .add(waiver("WVR-CEL", NOW.plus(Duration.ofDays(1)), WaiverMatch.any().expression("true"), "model.owner"))
        .build();
    // WHEN resolved without an expression matcher
    WaiverResolver.Resolution res = r.resolve("model.owner", creditScoring(), EvaluationContext.defaults(), NOW);
    // THEN it does not apply and a warning names it
    assertThat(r.hasExpressions()).isTrue();
    assertThat(res.exempted()).isFalse();
    assertThat(res.warnings()).singleElement().asString().contains("waiver WVR-CEL").contains("model.owner");
  }

  @Test
  void an_expression_matcher_decides_for_waivers_with_an_expression() {
    // GIVEN a waiver with an expression and a matcher that accepts it
    WaiverResolver r = WaiverResolver.builder()
        .add(waiver("WVR-CEL", NOW.plus(Duration.ofDays(1)), WaiverMatch.any().expression("x"), "model.owner"))
        .build();
    // WHEN resolved with accepting and rejecting matchers
    WaiverResolver.Resolution yes =
        r.resolve("model.owner", creditScoring(), EvaluationContext.defaults(), NOW, w -> true);
    WaiverResolver.Resolution no =
        r.resolve("model.owner", creditScoring(), EvaluationContext.defaults(), NOW, w -> false);
    // THEN the matcher decides
    assertThat(yes.waiver()).map(Waiver::id).contains("WVR-CEL");
    assertThat(no.waiver()).isEmpty();
    assertThat(no.warnings()).isEmpty();
  }

  @Test
  void the_empty_resolver_has_no_waivers() {
    // GIVEN the empty resolver WHEN inspected THEN it is empty and resolves nothing
    WaiverResolver none = WaiverResolver.none();
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.waivers()).isEmpty();
    assertThat(none.resolve("model.owner", creditScoring(), EvaluationContext.defaults(), NOW).exempted()).isFalse();
  }

  @Test
  void the_expired_warning_names_waiver_instant_and_rule() {
    // GIVEN a waiver WHEN its expiry warning is built THEN it has the documented text
    Waiver w = waiver("WVR-T", Instant.parse("2026-12-20T00:00:00Z"), WaiverMatch.any(), "model.owner");
    assertThat(WaiverResolver.expiredWarning(w, "model.owner"))
        .isEqualTo("waiver WVR-T expired at 2026-12-20T00:00:00Z; rule model.owner is enforced");
  }
}
