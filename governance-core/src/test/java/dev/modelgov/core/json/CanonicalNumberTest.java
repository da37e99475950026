package dev.modelgov.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import org.erdtman.jcs.NumberToJSON;
import org.junit.jupiter.api.Test;

/**
 * {@link CanonicalJson#number(double)} prints what ECMAScript prints, on its fast paths (integers, values with at most
 * six decimals) as on the general one; the reference is the independent ES6 formatter of java-json-canonicalization.
 */
class CanonicalNumberTest {

  @Test
  void values_with_up_to_three_decimals_print_as_ecmascript_does() {
    // GIVEN any k/1000 below 10^9 in magnitude, and its neighbours one ulp away
    qt().withExamples(20_000).forAll(longs().between(-999_999_999_999L, 999_999_999_999L)).checkAssert(k -> {
      double v = k / 1000.0;
      // WHEN printed THEN exactly as the reference prints it
      assertThat(CanonicalJson.number(v)).isEqualTo(reference(v));
      assertThat(CanonicalJson.number(Math.nextUp(v))).isEqualTo(reference(Math.nextUp(v)));
      assertThat(CanonicalJson.number(Math.nextDown(v))).isEqualTo(reference(Math.nextDown(v)));
    });
  }

  @Test
  void values_with_up_to_six_decimals_print_as_ecmascript_does() {
    // GIVEN any k/10^d for d in 1..6 below 10^9 in magnitude
    qt().withExamples(20_000).forAll(longs().between(-999_999_999_999_999L, 999_999_999_999_999L),
        longs().between(1, 6)).checkAssert((k, d) -> {
          double v = k / Math.pow(10, d);
          // WHEN printed THEN exactly as the reference prints it
          assertThat(CanonicalJson.number(v)).isEqualTo(reference(v));
        });
  }

  @Test
  void any_finite_double_prints_as_ecmascript_does() {
    // GIVEN any finite double WHEN printed THEN exactly as the reference prints it
    qt().withExamples(20_000).forAll(doubles().any()).assuming(Double::isFinite)
        .checkAssert(v -> assertThat(CanonicalJson.number(v)).isEqualTo(reference(v)));
  }

  @Test
  void typical_latencies_and_scores_keep_their_short_form() {
    // GIVEN values an audit event carries WHEN printed THEN in their shortest form
    assertThat(CanonicalJson.number(12.5)).isEqualTo("12.5");
    assertThat(CanonicalJson.number(0.873)).isEqualTo("0.873");
    assertThat(CanonicalJson.number(-0.1)).isEqualTo("-0.1");
    assertThat(CanonicalJson.number(999_999_999.999)).isEqualTo("999999999.999");
    assertThat(CanonicalJson.number(0.0001)).isEqualTo("0.0001");
    assertThat(CanonicalJson.number(0.8734)).isEqualTo("0.8734");
    assertThat(CanonicalJson.number(12.345678)).isEqualTo("12.345678");
    assertThat(CanonicalJson.number(0.000001)).isEqualTo("0.000001");
    assertThat(CanonicalJson.number(0.0000001)).isEqualTo("1e-7");
  }

  private static String reference(double v) {
    try {
      return NumberToJSON.serializeNumber(v);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
