package dev.modelgov.core.provenance.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelgov.core.provenance.HashingMethod;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.ResourceDigest;
import dev.modelgov.core.provenance.internal.hashing.ModelPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * model_signing sorts resources by {@code pathlib} keys: path components, then shard start. The golden fixtures cannot
 * tell that from plain string order; these cases can.
 */
class OrderingTest {

  @TempDir Path temp;

  @Test
  void a_directory_sorts_before_a_file_that_extends_its_name() throws IOException {
    // GIVEN a.txt and a/b: plain string order puts "a.txt" first ('.' < '/'), pathlib puts "a/b" first ("a" < "a.txt")
    Trees.write(temp, "a.txt", "1");
    Trees.write(temp, "a/b", "2");
    List<String> plain = new ArrayList<>(List.of("a/b", "a.txt"));
    plain.sort(String::compareTo);
    assertThat(plain).containsExactly("a.txt", "a/b");

    // WHEN the model is hashed
    ModelHash hash = ModelHasher.defaults().hash(temp);

    // THEN the resources come in model_signing's order, and the root is over that order
    assertThat(hash.resources()).extracting(ResourceDigest::name).containsExactly("a/b", "a.txt");
    assertThat(hash.rootDigest()).isEqualTo(ModelHash.rootOf(hash.resources()));
    List<ResourceDigest> stringOrder = List.of(hash.resources().get(1), hash.resources().get(0));
    assertThat(ModelHash.rootOf(stringOrder)).isNotEqualTo(hash.rootDigest());
  }

  @Test
  void more_component_cases_follow_pathlib() throws IOException {
    // GIVEN names where component order and string order disagree in several ways
    for (String name : List.of("a-b", "a/c", "a0", "ab/x", "a/b/c", "a.b/z", "b", "A")) {
      Trees.write(temp, name, name);
    }

    // WHEN hashed
    ModelHash hash = ModelHasher.defaults().hash(temp);

    // THEN each component is compared on its own: "a" < "a-b" < "a.b" < "a0" < "ab"; uppercase before lowercase
    assertThat(hash.resources())
        .extracting(ResourceDigest::name)
        .containsExactly("A", "a/b/c", "a/c", "a-b", "a.b/z", "a0", "ab/x", "b");
  }

  @Test
  void shards_sort_by_numeric_start_not_by_name() throws IOException {
    // GIVEN a 20-byte file cut into 8-byte shards: "f:16:20" sorts before "f:8:16" as a string
    Trees.write(temp, "f", "0123456789abcdefghij");

    // WHEN hashed by shards
    ModelHash hash = ModelHasher.builder().method(HashingMethod.SHARDS).shardSize(8).build().hash(temp);

    // THEN shards come by start offset, and the last one is shorter
    assertThat(hash.resources()).extracting(ResourceDigest::name).containsExactly("f:0:8", "f:8:16", "f:16:20");
    assertThat(hash.resources().get(2).digest()).isEqualTo(Trees.sha256("ghij".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void components_compare_by_code_point_like_python_not_by_utf16_unit() throws IOException {
    // GIVEN U+E000 and U+1F600: UTF-16 order puts the emoji (0xD83D...) first, code point order puts U+E000 first
    assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")), "file names need UTF-8");
    String privateUse = "\uE000";
    String emoji = new String(Character.toChars(0x1F600));
    assertThat(emoji.compareTo(privateUse)).isNegative();
    assertThat(ModelPaths.compareCodePoints(emoji, privateUse)).isPositive();
    Files.writeString(temp.resolve(privateUse), "p");
    Files.writeString(temp.resolve(emoji), "e");

    // WHEN hashed
    ModelHash hash = ModelHasher.defaults().hash(temp);

    // THEN the order is Python's
    assertThat(hash.resources()).extracting(ResourceDigest::name).containsExactly(privateUse, emoji);
  }
}
