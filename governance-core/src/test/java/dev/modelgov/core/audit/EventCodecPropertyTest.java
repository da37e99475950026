package dev.modelgov.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.core.audit.internal.event.EventCodec;
import dev.modelgov.core.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** Generated attributes, strings and numbers always encode to canonical JSON that reads back as the same values. */
class EventCodecPropertyTest {

  private static final Instant TS = Instant.parse("2026-03-01T12:00:00Z");
  private static final long MAX_EXACT = 1L << 53;
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @TempDir Path dir;

  @Test
  void generated_attribute_maps_are_canonical_and_read_back_as_the_same_values() {
    qt().withExamples(500).forAll(attributeMaps()).checkAssert(attrs -> {
      // GIVEN an event with generated attributes
      CustomEvent.Builder b = CustomEvent.builder("acme.generated").timestamp(TS);
      attrs.forEach(b::attribute);
      CustomEvent e = b.build();
      // WHEN encoded
      byte[] out = EventCodec.encode(e, null);
      // THEN the bytes are canonical, and parse back to the attributes
      assertThat(canonicalize(out)).isEqualTo(out);
      JsonNode tree = read(out);
      assertThat(tree.get("type").textValue()).isEqualTo("acme.generated");
      if (attrs.isEmpty()) {
        assertThat(tree.has("attributes")).isFalse();
      } else {
        assertSameJson(e.attributes(), tree.get("attributes"), "attributes");
      }
    });
  }

  @Test
  void any_string_is_either_rejected_for_a_lone_surrogate_or_round_trips_exactly() {
    qt().withExamples(2000).forAll(strings(true)).checkAssert(s -> {
      // GIVEN an event with the string as value and as nested key
      CustomEvent e = CustomEvent.builder("acme.s").timestamp(TS).attribute("v", List.of(s, Map.of(s, s))).build();
      boolean lone = hasLoneSurrogate(s);
      // WHEN
      AuditLogException ex = catchThrowableOfType(AuditLogException.class, () -> EventCodec.encode(e, null));
      // THEN
      if (lone) {
        assertThat(ex).isNotNull().hasMessageContaining("lone surrogate");
        return;
      }
      assertThat(ex).isNull();
      byte[] out = EventCodec.encode(e, null);
      assertThat(canonicalize(out)).isEqualTo(out);
      JsonNode v = read(out).get("attributes").get("v");
      assertThat(v.get(0).textValue()).isEqualTo(s);
      assertThat(v.get(1).get(s).textValue()).isEqualTo(s);
    });
  }

  @Test
  void any_finite_double_is_written_as_its_canonical_number_and_reads_back_exactly() {
    qt().withExamples(3000).forAll(doubles().any()).assuming(Double::isFinite).checkAssert(d -> {
      // GIVEN
      CustomEvent e = CustomEvent.builder("acme.d").timestamp(TS).attribute("d", d).build();
      // WHEN
      byte[] out = EventCodec.encode(e, null);
      // THEN
      String json = new String(out, UTF_8);
      assertThat(json).startsWith("{\"attributes\":{\"d\":" + CanonicalJson.number(d) + "}");
      assertThat(canonicalize(out)).isEqualTo(out);
      assertThat(read(out).get("attributes").get("d").doubleValue()).isEqualTo(d == 0 ? 0.0 : d);
    });
  }

  @Test
  void integers_are_exact_within_2_pow_53_and_rejected_beyond() {
    qt().withExamples(3000).forAll(longs().all()).checkAssert(n -> {
      // GIVEN
      CustomEvent e = CustomEvent.builder("acme.n").timestamp(TS).attribute("n", n)
          .attribute("b", BigInteger.valueOf(n)).build();
      // WHEN
      AuditLogException ex = catchThrowableOfType(AuditLogException.class, () -> EventCodec.encode(e, null));
      // THEN
      if (n > MAX_EXACT || n < -MAX_EXACT) {
        assertThat(ex).isNotNull().hasMessageEndingWith("integer beyond 2^53; pass it as a string");
      } else {
        assertThat(ex).isNull();
        JsonNode attrs = read(EventCodec.encode(e, null)).get("attributes");
        assertThat(attrs.get("n").longValue()).isEqualTo(n);
        assertThat(attrs.get("b").longValue()).isEqualTo(n);
      }
    });
  }

  @Test
  void generated_events_read_back_through_audit_entry() {
    AuditPrivacy privacy = AuditPrivacy.builder().pseudonymKey(new byte[32]).keyEncryptionKey(new byte[32])
        .keyStore(dir).build();
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      // GIVEN an event of any type
      AuditEvent e = EventCodecTest.randomEvent(new Random(seed));
      // WHEN recorded and read back
      byte[] out = EventCodec.encode(e, privacy);
      AuditEntry entry = AuditEntry.parse(0, out, privacy);
      // THEN
      assertThat(canonicalize(out)).isEqualTo(out);
      assertThat(entry.type()).isEqualTo(e.type());
      assertThat(entry.timestamp()).isEqualTo(e.timestamp());
      assertThat(entry.subjectPseudonym()).isEqualTo(e.subject().map(privacy::pseudonym));
      Map<String, Optional<String>> expected = new LinkedHashMap<>();
      e.personalData().forEach((k, v) -> expected.put(k, Optional.of(v)));
      assertThat(entry.personalData()).isEqualTo(expected);
      if (!e.attributes().isEmpty()) {
        assertSameJson(e.attributes(), entry.body().get("attributes"), "attributes");
      }
    });
  }

  // --- generators --------------------------------------------------------------------------------------------------

  private static Gen<Map<String, Object>> attributeMaps() {
    return in -> {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = between(in, 0, 5); i > 0; i--) {
        m.put("a" + between(in, 0, 30), value(in, 3));
      }
      return m;
    };
  }

  private static Gen<String> strings(boolean allowLoneSurrogates) {
    return in -> string(in, allowLoneSurrogates);
  }

  private static int between(RandomnessSource in, int min, int max) {
    return (int) in.next(Constraint.between(min, max));
  }

  private static Object value(RandomnessSource in, int depth) {
    switch (between(in, 0, depth > 0 ? 11 : 9)) {
      case 0:
        return null;
      case 1:
        return between(in, 0, 1) == 1;
      case 2:
      case 3:
        return string(in, false);
      case 4:
        return (int) in.next(Constraint.between(Integer.MIN_VALUE, Integer.MAX_VALUE).withShrinkPoint(0));
      case 5:
        return in.next(Constraint.between(-MAX_EXACT, MAX_EXACT).withShrinkPoint(0));
      case 6: {
        double d = Double.longBitsToDouble(in.next(Constraint.between(Long.MIN_VALUE, Long.MAX_VALUE)));
        return Double.isFinite(d) ? d : 0.5;
      }
      case 7:
        return BigDecimal.valueOf(in.next(Constraint.between(-999_999_999_999L, 999_999_999_999L).withShrinkPoint(0)),
            between(in, -30, 30));
      case 8:
        return (float) between(in, -100_000, 100_000) / 64f;
      case 9:
        return BigInteger.valueOf(in.next(Constraint.between(-MAX_EXACT, MAX_EXACT).withShrinkPoint(0)));
      case 10: {
        List<Object> list = new ArrayList<>();
        for (int i = between(in, 0, 4); i > 0; i--) {
          list.add(value(in, depth - 1));
        }
        return list;
      }
      default: {
        Map<String, Object> map = new HashMap<>();
        for (int i = between(in, 0, 4); i > 0; i--) {
          map.put(string(in, false), value(in, depth - 1));
        }
        return map;
      }
    }
  }

  /** Text from every part of UTF-16: controls, ASCII, BMP, surrogate pairs and, if allowed, lone surrogates. */
  private static String string(RandomnessSource in, boolean allowLoneSurrogates) {
    StringBuilder sb = new StringBuilder();
    for (int i = between(in, 0, 12); i > 0; i--) {
      switch (between(in, 0, allowLoneSurrogates ? 6 : 4)) {
        case 0 -> sb.append((char) between(in, 0, 0x1f));
        case 1 -> sb.append((char) between(in, 0x20, 0x7f));
        case 2 -> sb.append((char) between(in, 0x80, 0xd7ff));
        case 3 -> sb.append((char) between(in, 0xe000, 0xffff));
        case 4 -> sb.appendCodePoint(between(in, 0x10000, 0x10ffff));
        case 5 -> sb.append((char) between(in, 0xd800, 0xdbff));
        default -> sb.append((char) between(in, 0xdc00, 0xdfff));
      }
    }
    return sb.toString();
  }

  // --- checks ------------------------------------------------------------------------------------------------------

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] canonicalize(byte[] out) {
    try {
      return CanonicalJson.canonicalize(out);
    } catch (Exception e) {
      throw new AssertionError("not canonicalisable: " + e.getMessage(), e);
    }
  }

  private static JsonNode read(byte[] out) {
    try {
      return MAPPER.readTree(out);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + e.getMessage(), e);
    }
  }

  /** Asserts that a JSON tree holds the Java value, numbers compared as the IEEE doubles (or exact integers). */
  private static void assertSameJson(Object expected, JsonNode actual, String path) {
    assertThat(actual).as(path).isNotNull();
    if (expected == null) {
      assertThat(actual.isNull()).as(path).isTrue();
    } else if (expected instanceof String s) {
      assertThat(actual.textValue()).as(path).isEqualTo(s);
    } else if (expected instanceof Boolean b) {
      assertThat(actual.isBoolean() && actual.booleanValue() == b).as(path).isTrue();
    } else if (expected instanceof Integer || expected instanceof Long || expected instanceof BigInteger) {
      assertThat(actual.isIntegralNumber()).as(path).isTrue();
      assertThat(actual.longValue()).as(path).isEqualTo(((Number) expected).longValue());
    } else if (expected instanceof Number n) {
      assertThat(actual.isNumber()).as(path).isTrue();
      assertThat(actual.doubleValue() == n.doubleValue()).as(path + ": " + actual + " vs " + n).isTrue();
    } else if (expected instanceof List<?> list) {
      assertThat(actual.isArray() && actual.size() == list.size()).as(path).isTrue();
      for (int i = 0; i < list.size(); i++) {
        assertSameJson(list.get(i), actual.get(i), path + "[" + i + "]");
      }
    } else if (expected instanceof Map<?, ?> map) {
      assertThat(actual.isObject() && actual.size() == map.size()).as(path).isTrue();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        assertSameJson(e.getValue(), actual.get((String) e.getKey()), path + "." + e.getKey());
      }
    } else {
      throw new AssertionError(path + ": unexpected " + expected.getClass());
    }
  }
}
