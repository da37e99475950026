package dev.modelgov.core.provenance.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.provenance.HashingMethod;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers from model_signing: the six golden in-toto payloads of {@code tests/_signing/testdata}, recomputed from
 * fixture trees regenerated as {@code tests/conftest.py} describes them (see the vectors README).
 */
class GoldenPayloadsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("sample_model_folder.json", "sample_model"),
        Arguments.of("sample_model_folder_shard.json", "sample_model"),
        Arguments.of("sample_model_folder_small_shards.json", "sample_model"),
        Arguments.of("deep_model_folder.json", "deep_model"),
        Arguments.of("empty_model_folder.json", "empty_folder_model"),
        Arguments.of("model_folder_with_empty_file.json", "empty_file_inside_model"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void the_golden_payload_is_recomputed_exactly(String golden, String model) throws IOException {
    // GIVEN the fixture tree and its golden statement
    JsonNode statement = JSON.readTree(goldenDir().resolve(golden).toFile());
    Path dir = fixture(model);
    Serialization expected = Trees.serialization(statement);

    // WHEN the tree is re-hashed the way the statement's serialization says
    ModelHash hash = ModelHasher.forSerialization(expected).hash(dir);

    // THEN resources (names, digests and order), algorithm, serialization, name and root all match
    assertThat(hash.resources()).containsExactlyElementsOf(Trees.resources(statement));
    assertThat(Trees.algorithms(statement)).allMatch(a -> a.equals(hash.serialization().resourceAlgorithm()));
    assertThat(hash.serialization()).isEqualTo(expected);
    assertThat(hash.modelName()).isEqualTo(Trees.subjectName(statement));
    assertThat(hash.rootDigest()).isEqualTo(Trees.subjectDigest(statement));
    assertThat(ModelHash.rootOf(hash.resources())).isEqualTo(hash.rootDigest());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void the_builder_reproduces_the_golden_serialization(String golden, String model) throws IOException {
    // GIVEN the golden statement, made with allow_symlinks=true and no ignore paths
    JsonNode statement = JSON.readTree(goldenDir().resolve(golden).toFile());
    Serialization expected = Trees.serialization(statement);
    ModelHasher.Builder builder =
        ModelHasher.builder().method(expected.method()).allowSymlinks(true).ignorePaths(List.of());
    expected.shardSize().ifPresent(builder::shardSize);

    // WHEN the fixture is hashed with an equivalent builder, on one thread
    ModelHash hash = builder.parallelism(1).build().hash(fixture(model));

    // THEN the serialization and root are the golden ones
    assertThat(hash.serialization()).isEqualTo(expected);
    assertThat(hash.rootDigest()).isEqualTo(Trees.subjectDigest(statement));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void shard_size_is_read_leniently_from_a_float(String golden, String model) throws IOException {
    // GIVEN a golden statement whose shard_size, if any, is written as a float (8.0, 1000000000.0)
    JsonNode statement = JSON.readTree(goldenDir().resolve(golden).toFile());
    JsonNode shardSize = statement.path("predicate").path("serialization").path("shard_size");

    // THEN it parses into the integral shard size model_signing meant
    Serialization s = Trees.serialization(statement);
    if (shardSize.isMissingNode()) {
      assertThat(s.method()).isEqualTo(HashingMethod.FILES);
      assertThat(s.shardSize()).isEmpty();
    } else {
      assertThat(shardSize.isFloatingPointNumber()).isTrue();
      assertThat(s.shardSize()).isEqualTo(OptionalLong.of((long) shardSize.asDouble()));
    }
  }

  private static Path goldenDir() {
    return TestFiles.shared().resolve("vectors/provenance/model_signing/golden-payloads");
  }

  /** The fixture trees of model_signing's {@code tests/conftest.py}; ASCII content without trailing newline. */
  private Path fixture(String model) throws IOException {
    Path dir = Files.createDirectories(temp.resolve(model));
    switch (model) {
      case "sample_model":
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 3; j++) {
            Trees.write(dir, "d" + i + "/f" + i + j, "This is file f" + i + j + " in d" + i + ".");
          }
        }
        for (int i = 0; i < 4; i++) {
          Trees.write(dir, "f" + i, "This is file f" + i + " in root.");
        }
        break;
      case "deep_model":
        for (int i = 0; i < 4; i++) {
          Trees.write(dir, "d0/d1/d2/d3/d4/f" + i, "This is file f" + i + ".");
        }
        break;
      case "empty_folder_model":
        break;
      case "empty_file_inside_model":
        Trees.write(dir, "empty_file", "");
        break;
      default:
        throw new IllegalArgumentException(model);
    }
    return dir;
  }
}
