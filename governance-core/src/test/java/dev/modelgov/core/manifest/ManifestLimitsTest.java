package dev.modelgov.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.core.json.CanonicalJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile documents: each gets a clear error within the limits, never an OutOfMemoryError or a StackOverflowError. */
class ManifestLimitsTest {

  private static byte[] hugeStringDocument(int chars) {
    byte[] prefix = "{\"apiVersion\":\"modelgov.dev/v1\",\"description\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] doc = new byte[prefix.length + chars + 2];
    System.arraycopy(prefix, 0, doc, 0, prefix.length);
    Arrays.fill(doc, prefix.length, prefix.length + chars, (byte) 'x');
    doc[doc.length - 2] = '"';
    doc[doc.length - 1] = '}';
    return doc;
  }

  private static byte[] nested(int depth, String open, String close) {
    return (open.repeat(depth) + close.repeat(depth)).getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void a_100_mb_string_is_refused_by_the_document_size_limit() {
    // GIVEN a 100 MB string inside a JSON document
    byte[] doc = hugeStringDocument(100 << 20);
    // WHEN / THEN the default codec refuses it before parsing, naming the limit
    assertThatThrownBy(() -> ManifestCodec.defaults().readJson(doc))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("larger than the limit of " + JsonLimits.DEFAULT.maxDocumentBytes() + " bytes");
  }

  @Test
  void a_100_mb_string_is_refused_by_the_string_limit_when_documents_may_be_large() {
    // GIVEN a codec that admits 200 MB documents but strings of at most 1 MiB
    ManifestCodec lenient = ManifestCodec.withLimits(new JsonLimits(200 << 20, 64, 1 << 20, 1000));
    byte[] doc = hugeStringDocument(100 << 20);
    // WHEN / THEN the string limit stops it, naming where
    assertThatThrownBy(() -> lenient.readJson(doc))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("limit exceeded")
        .hasMessageContaining("String value length")
        .hasMessageContaining("line 1");
  }

  @Test
  void a_100_mb_file_is_not_read_into_memory_past_the_limit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("huge.json");
    Files.write(file, hugeStringDocument(100 << 20));
    assertThatThrownBy(() -> ManifestCodec.defaults().read(file))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("larger than the limit");
  }

  @Test
  void ten_thousand_nested_arrays_are_refused_by_the_depth_limit() {
    assertThatThrownBy(() -> ManifestCodec.defaults().readJson(nested(10_000, "[", "]")))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("limit exceeded")
        .hasMessageContaining("nesting depth");
    assertThatThrownBy(() -> ManifestCodec.defaults().readJson(nested(10_000, "{\"a\":", "}")))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void ten_thousand_nested_yaml_sequences_are_refused() {
    assertThatThrownBy(() -> ManifestCodec.defaults().read(nested(10_000, "[", "]"), ManifestCodec.Format.YAML))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("nest");
  }

  @Test
  void yaml_alias_bombs_are_not_expanded() {
    // GIVEN a "billion laughs" document: eleven levels of nine aliases each
    StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        y.append(i > 0 ? ", *" : "*").append(prev);
      }
      y.append("]\n");
      prev = c;
    }
    // WHEN it is read THEN aliases are not expanded: it is refused as an invalid manifest, quickly and in little memory
    assertThatThrownBy(() -> ManifestCodec.defaults().readYaml(y.toString()))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("k: unknown field");
  }

  @Test
  void canonicalization_of_deep_documents_is_refused_the_same_way() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize(nested(10_000, "[", "]")))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void a_long_number_is_refused() {
    byte[] doc = ("{\"a\":" + "9".repeat(5000) + "}").getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> ManifestCodec.defaults().readJson(doc))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("Number value length");
  }

  @Test
  void limits_must_be_positive() {
    assertThatThrownBy(() -> new JsonLimits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(JsonLimits.DEFAULT.maxDepth()).isEqualTo(64);
  }
}
