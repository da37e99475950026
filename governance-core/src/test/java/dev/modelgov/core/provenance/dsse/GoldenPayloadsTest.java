package dev.modelgov.core.provenance.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.provenance.HashingMethod;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our model_signing predicate for the fixture trees of model-transparency's tests equals the golden payloads in
 * shared/vectors/provenance/model_signing/golden-payloads, compared as JSON trees.
 */
class GoldenPayloadsTest {

  @TempDir Path temp;

  private static Path sampleModel(Path parent) throws Exception {
    Path dir = Files.createDirectories(parent.resolve("sample_model"));
    for (int i = 0; i < 2; i++) {
      Files.createDirectories(dir.resolve("d" + i));
      for (int j = 0; j < 3; j++) {
        write(dir.resolve("d" + i + "/f" + i + j), "This is file f" + i + j + " in d" + i + ".");
      }
    }
    for (int i = 0; i < 4; i++) {
      write(dir.resolve("f" + i), "This is file f" + i + " in root.");
    }
    return dir;
  }

  private static void write(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.US_ASCII);
  }

  private static ModelHasher files() {
    return ModelHasher.builder().method(HashingMethod.FILES).allowSymlinks(true).ignorePaths(List.of()).build();
  }

  private static ModelHasher shards(long size) {
    return ModelHasher.builder()
        .method(HashingMethod.SHARDS)
        .shardSize(size)
        .allowSymlinks(true)
        .ignorePaths(List.of())
        .build();
  }

  private static void assertGolden(String golden, ModelHash hash) {
    // WHEN our model_signing payload is built
    JsonNode ours = normalize(Fixtures.json(InTotoStatements.modelSigningPayload(hash)));
    // THEN it equals the golden statement as a JSON tree (shard_size 8 and 8.0 count as equal)
    JsonNode expected =
        normalize(Fixtures.json(Fixtures.vectors().resolve("model_signing/golden-payloads/" + golden)));
    assertThat(ours).isEqualTo(expected);
  }

  /** Replaces a numeric shard_size (8 or 8.0) by a long, so that int and float spellings compare equal. */
  private static JsonNode normalize(JsonNode statement) {
    JsonNode ser = statement.path("predicate").path("serialization");
    if (ser.isObject() && ser.has("shard_size")) {
      ((ObjectNode) ser).set("shard_size", LongNode.valueOf(ser.get("shard_size").decimalValue().longValueExact()));
    }
    return statement;
  }

  @Test
  void sample_model_folder_by_files() throws Exception {
    // GIVEN the sample model, hashed by files
    assertGolden("sample_model_folder.json", files().hash(sampleModel(temp)));
  }

  @Test
  void sample_model_folder_in_shards_of_8_bytes() throws Exception {
    // GIVEN the sample model, hashed in 8-byte shards
    assertGolden("sample_model_folder_small_shards.json", shards(8).hash(sampleModel(temp)));
  }

  @Test
  void sample_model_folder_in_default_shards() throws Exception {
    // GIVEN the sample model, hashed in 1e9-byte shards
    assertGolden("sample_model_folder_shard.json", shards(1_000_000_000L).hash(sampleModel(temp)));
  }

  @Test
  void deep_model_folder() throws Exception {
    // GIVEN a model five directories deep
    Path dir = Files.createDirectories(temp.resolve("deep_model/d0/d1/d2/d3/d4"));
    for (int i = 0; i < 4; i++) {
      write(dir.resolve("f" + i), "This is file f" + i + ".");
    }
    assertGolden("deep_model_folder.json", files().hash(temp.resolve("deep_model")));
  }

  @Test
  void empty_model_folder() throws Exception {
    // GIVEN a model directory without files
    Path dir = Files.createDirectories(temp.resolve("empty_folder_model"));
    assertGolden("empty_model_folder.json", files().hash(dir));
  }

  @Test
  void model_folder_with_empty_file() throws Exception {
    // GIVEN a model with one empty file
    Path dir = Files.createDirectories(temp.resolve("empty_file_inside_model"));
    write(dir.resolve("empty_file"), "");
    assertGolden("model_folder_with_empty_file.json", files().hash(dir));
  }

  @Test
  void the_payload_is_compact_ascii_json_with_model_signing_key_order() throws Exception {
    // GIVEN the sample model hashed with the defaults (which record ignore paths)
    byte[] payload = InTotoStatements.modelSigningPayload(ModelHasher.defaults().hash(sampleModel(temp)));
    String text = new String(payload, StandardCharsets.US_ASCII);
    // THEN it is one compact line in the documented order
    assertThat(text).doesNotContain("\n", ": ", ", ");
    assertThat(text).startsWith("{\"_type\":\"https://in-toto.io/Statement/v1\","
        + "\"subject\":[{\"name\":\"sample_model\","
        + "\"digest\":{\"sha256\":\"143cc682e555951649f18e2761c3d526d2502996f5e32dc187ef7f8a614f8df7\"}}],"
        + "\"predicateType\":\"https://model_signing/signature/v1.0\",\"predicate\":{\"serialization\":{\"method\":"
        + "\"files\",\"hash_type\":\"sha256\",\"allow_symlinks\":false,\"ignore_paths\":[\".git\",\"model.sig\","
        + "\".gitattributes\",\".gitignore\",\".github\"]},\"resources\":[{\"algorithm\":\"sha256\",\"name\":"
        + "\"d0/f00\",\"digest\":\"fdd8925354242a7fd1515e79534317b800015607a609cd306e0b4dcfe6c92249\"}");
  }

  @Test
  void non_ascii_names_are_escaped() throws Exception {
    // GIVEN a model directory whose name and file names are not ASCII
    Path dir = Files.createDirectories(temp.resolve("modèle-😀"));
    write(dir.resolve("poids"), "x");
    Files.writeString(dir.resolve("données.bin"), "y", StandardCharsets.UTF_8);
    byte[] payload = InTotoStatements.modelSigningPayload(ModelHasher.defaults().hash(dir));
    // THEN every byte is ASCII and the names survive a parse
    for (byte b : payload) {
      assertThat(b & 0xff).isLessThan(0x80);
    }
    JsonNode tree = Fixtures.json(payload);
    assertThat(tree.get("subject").get(0).get("name").asText()).isEqualTo("modèle-😀");
    assertThat(new String(payload, StandardCharsets.US_ASCII)).contains("mod\\u00E8le-\\uD83D\\uDE00");
  }
}
