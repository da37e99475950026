package dev.modelgov.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.TestFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** RFC 8785 known-answer vectors from cyberphone/json-canonicalization, in {@code ../shared/vectors/jcs}. */
class CanonicalJsonVectorsTest {

  private static final Path JCS = TestFiles.shared().resolve("vectors/jcs");

  @TestFactory
  Stream<DynamicTest> every_input_file_canonicalizes_to_the_published_bytes() throws IOException {
    try (Stream<Path> inputs = Files.list(JCS.resolve("input"))) {
      List<Path> files = inputs.sorted().toList();
      assertThat(files).hasSize(6);
      return files.stream()
          .map(
              input ->
                  DynamicTest.dynamicTest(
                      input.getFileName().toString(),
                      () -> {
                        // GIVEN an upstream input document and its expected output, as raw bytes
                        byte[] expected = Files.readAllBytes(JCS.resolve("output").resolve(input.getFileName()));
                        // WHEN it is canonicalized
                        byte[] actual = CanonicalJson.canonicalize(Files.readAllBytes(input));
                        // THEN the bytes are the published ones, which the hex file spells out too
                        assertThat(actual).isEqualTo(expected);
                        assertThat(HexFormat.of().formatHex(actual)).isEqualTo(hexOf(input));
                      }));
    }
  }

  @TestFactory
  Stream<DynamicTest> canonical_output_is_a_fixed_point() throws IOException {
    try (Stream<Path> outputs = Files.list(JCS.resolve("output"))) {
      return outputs
          .sorted()
          .toList()
          .stream()
          .map(
              out ->
                  DynamicTest.dynamicTest(
                      out.getFileName().toString(),
                      () -> {
                        byte[] canonical = Files.readAllBytes(out);
                        assertThat(CanonicalJson.canonicalize(canonical)).isEqualTo(canonical);
                      }));
    }
  }

  @Test
  void all_3000_es6_number_samples_serialize_as_published() throws Exception {
    // GIVEN the 3,000 derived samples: IEEE-754 bit patterns and their ECMAScript Number.toString forms
    List<String> lines = new ArrayList<>();
    lines.addAll(Files.readAllLines(JCS.resolve("numbers/es6-numbers-first1000.txt")));
    lines.addAll(Files.readAllLines(JCS.resolve("numbers/es6-numbers-lines2169-4168.txt")));
    assertThat(lines).hasSize(3000);
    List<String> failures = new ArrayList<>();
    for (String line : lines) {
      int comma = line.indexOf(',');
      double value = Double.longBitsToDouble(Long.parseUnsignedLong(line.substring(0, comma), 16));
      String expected = line.substring(comma + 1);
      // WHEN each is written as canonical JSON, alone and inside a parsed document
      String direct = CanonicalJson.number(value);
      String viaTree = reparsed(expected);
      // THEN both forms match the published one
      if (!direct.equals(expected) || !viaTree.equals(expected)) {
        failures.add(line + " -> " + direct + " / " + viaTree);
      }
    }
    assertThat(failures).isEmpty();
  }

  /** Reads the expected text back as a JSON number (exact decimal) and canonicalizes it: it must be a fixed point. */
  private static String reparsed(String expected) throws JsonFormatException {
    String json = "[" + expected + "]";
    String out = new String(CanonicalJson.canonicalize(json.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
    return out.substring(1, out.length() - 1);
  }

  @Test
  void big_integers_and_long_edges_become_their_nearest_double() throws Exception {
    // GIVEN integers beyond 2^53, where a double cannot hold every value
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("a", 9007199254740993L);
    node.put("b", new BigInteger("18446744073709551616"));
    node.put("c", Long.MAX_VALUE);
    node.put("d", -0.0);
    // WHEN canonicalized
    String out = new String(CanonicalJson.canonicalize(node), StandardCharsets.UTF_8);
    // THEN each is written as the ECMAScript form of its nearest double
    assertThat(out).isEqualTo("{\"a\":9007199254740992,\"b\":18446744073709552000,\"c\":9223372036854775807,\"d\":0}"
        .replace("9223372036854775807", "9223372036854776000"));
  }

  @Test
  void a_lone_surrogate_is_an_error_that_names_its_path() {
    // GIVEN a string that is not well-formed UTF-16
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.putObject("outer").put("text", "ok\uD800");
    // WHEN / THEN canonicalization refuses it, naming where
    assertThatThrownBy(() -> CanonicalJson.canonicalize(node))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("$.outer.text")
        .hasMessageContaining("lone surrogate");
  }

  @Test
  void duplicate_keys_and_trailing_content_are_rejected_with_their_offset() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("'a'")
        .hasMessageContaining("byte offset");
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1} {}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("byte offset");
  }

  @Test
  void canonical_bytes_do_not_depend_on_key_order_or_whitespace() throws Exception {
    // GIVEN the same value written two ways
    byte[] a = "{\"b\":[1.50,{\"y\":true,\"x\":null}],\"a\":\"\\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    byte[] b = "{ \"a\" : \"é\",\n  \"b\" : [ 15e-1 , { \"x\":null , \"y\":true } ] }".getBytes(StandardCharsets.UTF_8);
    // WHEN both are canonicalized THEN the bytes agree
    assertThat(CanonicalJson.canonicalize(a)).isEqualTo(CanonicalJson.canonicalize(b));
    assertThat(new String(CanonicalJson.canonicalize(a), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":\"é\",\"b\":[1.5,{\"x\":null,\"y\":true}]}");
    assertThat(JsonMapper.builder().build().readTree(CanonicalJson.canonicalize(a))).isNotNull();
  }

  private static String hexOf(Path input) throws IOException {
    String name = input.getFileName().toString().replace(".json", ".txt");
    return Files.readString(JCS.resolve("outhex").resolve(name)).replaceAll("\\s+", "");
  }
}
