package dev.modelgov.core.manifest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelgov.core.manifest.export.internal.CycloneDxExport;
import dev.modelgov.core.manifest.export.internal.Json;
import dev.modelgov.core.manifest.export.internal.WirePath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The encoding of {@code modelgov:} property names and values, which the CycloneDX round trip relies on. */
class PropertyEncodingTest {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static Stream<JsonNode> scalars() {
    return Stream.of(
        F.textNode("l2"),
        F.textNode("42"),
        F.textNode("-1.5e3"),
        F.textNode("true"),
        F.textNode("null"),
        F.textNode("\"quoted\""),
        F.textNode("2.3.1"),
        F.textNode(""),
        F.numberNode(new BigDecimal("0.5")),
        F.numberNode(new BigDecimal("1E-12")),
        F.numberNode(new BigDecimal("1E+300")),
        F.numberNode(18273L),
        F.booleanNode(false));
  }

  @ParameterizedTest
  @MethodSource("scalars")
  void values_decode_to_what_was_encoded(JsonNode value) {
    // GIVEN a scalar of the wire tree
    // WHEN it is encoded as a property value and decoded again
    JsonNode back = Json.decode(Json.encode(value));
    // THEN type and value survive
    assertThat(back.getNodeType()).isEqualTo(value.getNodeType());
    if (value.isNumber()) {
      assertThat(back.decimalValue()).isEqualByComparingTo(value.decimalValue());
      assertThat(back.isIntegralNumber()).isEqualTo(value.isIntegralNumber());
    } else {
      assertThat(back).isEqualTo(value);
    }
  }

  @Test
  void plain_text_is_written_as_is() {
    // GIVEN text that cannot be mistaken for a number or boolean
    // WHEN it is encoded
    // THEN it is not quoted
    assertThat(Json.encode(F.textNode("EU-AI-Act Annex III 5(b)"))).isEqualTo("EU-AI-Act Annex III 5(b)");
    assertThat(Json.encode(F.textNode("42"))).isEqualTo("\"42\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"C", "a.b", "a[0]", "with space", "\"q\"", "", "tab\there", "é"})
  void keys_of_any_text_round_trip_through_a_path(String key) {
    // GIVEN a hyperparameter named by any text
    String path = WirePath.key("build.hyperparameters", key);
    // WHEN the path is parsed
    List<Object> steps = WirePath.parse(path);
    // THEN the key comes back whole
    assertThat(steps).containsExactly("build", "hyperparameters", key);
  }

  @Test
  void paths_with_indexes_parse() {
    // GIVEN a path with array indexes
    // WHEN it is parsed
    // THEN keys and indexes alternate as written
    assertThat(WirePath.parse("evaluation.metrics[12].slice.attribute"))
        .containsExactly("evaluation", "metrics", 12, "slice", "attribute");
    assertThatThrownBy(() -> WirePath.parse("a..b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WirePath.parse("a[01]")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void slices_round_trip_unless_ambiguous() {
    // GIVEN a plain slice and one whose value holds the separator
    Map<String, String> plain = Map.of("attribute", "sex");
    Map<String, String> ambiguous = Map.of("group", "a, b");
    // WHEN formatted and parsed
    // THEN the plain one comes back, the ambiguous one does not (so the exporter also writes properties)
    assertThat(CycloneDxExport.Slices.parse(CycloneDxExport.Slices.format(plain))).isEqualTo(Optional.of(plain));
    assertThat(CycloneDxExport.Slices.parse(CycloneDxExport.Slices.format(ambiguous))).isNotEqualTo(Optional.of(ambiguous));
  }

  @Test
  void iri_references_are_recognised() {
    // GIVEN URIs
    // WHEN checked
    // THEN spaces, quotes and bad escapes are not IRI references; other schemes are
    assertThat(CycloneDxExport.isIriReference("s3://bucket/key/")).isTrue();
    assertThat(CycloneDxExport.isIriReference("file:models/iris/1.0.0/")).isTrue();
    assertThat(CycloneDxExport.isIriReference("https://mlflow.example/#/runs/1")).isTrue();
    assertThat(CycloneDxExport.isIriReference("s3://bucket/with space/")).isFalse();
    assertThat(CycloneDxExport.isIriReference("https://x/%zz")).isFalse();
    assertThat(CycloneDxExport.isIriReference("a#b#c")).isFalse();
  }
}
