package dev.modelgov.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The public strict reader: the core codecs' rules for anyone reading untrusted JSON or YAML. */
class StrictJsonReaderTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void reads_a_well_formed_document() throws Exception {
    assertThat(StrictJsonReader.defaults().readJson(utf8("{\"a\":[1,2.5,\"x\"]}")).path("a").get(1).decimalValue())
        .isEqualByComparingTo("2.5");
    assertThat(StrictJsonReader.defaults().readYaml(utf8("a: 1\n")).path("a").asInt()).isEqualTo(1);
  }

  @Test
  void a_duplicate_key_is_refused_with_its_offset_and_without_echoing_values() {
    assertThatThrownBy(() -> StrictJsonReader.defaults().readJson(utf8("{\"id\":\"secret-1\",\"id\":\"secret-2\"}")))
        .isInstanceOf(JsonFormatException.class).hasMessageContaining("id").hasMessageContaining("offset")
        .hasMessageNotContaining("secret-2");
  }

  @Test
  void limits_bound_size_and_depth_and_empty_or_trailing_input_is_refused() {
    StrictJsonReader small = StrictJsonReader.withLimits(new JsonLimits(64, 3, 32, 16));
    assertThat(small.limits().maxDepth()).isEqualTo(3);
    assertThatThrownBy(() -> small.readJson(new byte[65])).hasMessageContaining("larger than the limit of 64");
    assertThatThrownBy(() -> small.readJson(utf8("[[[[1]]]]"))).isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("depth");
    assertThatThrownBy(() -> small.readJson(new byte[0])).hasMessageContaining("empty");
    assertThatThrownBy(() -> small.readJson(utf8("{} {}"))).isInstanceOf(JsonFormatException.class);
  }
}
