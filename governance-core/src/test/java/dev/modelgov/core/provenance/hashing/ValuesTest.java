package dev.modelgov.core.provenance.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.core.provenance.HashingMethod;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.ResourceDigest;
import dev.modelgov.core.provenance.Serialization;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The value types validate what they hold: names cannot escape the model, serializations are consistent. */
class ValuesTest {

  private static final Digest D = Trees.sha256(new byte[0]);

  @ParameterizedTest
  @ValueSource(strings = {"..", "../x", "a/../b", "a/..", "/etc/passwd", "/", "", "a//b", "a/", "./a", "a/./b", "a\0b"})
  void a_resource_name_that_could_escape_or_is_not_canonical_is_impossible(String name) {
    // GIVEN a name with '..', an absolute path, NUL, or a non-canonical spelling
    // WHEN a resource is made from it THEN it is rejected with a message saying why
    assertThatThrownBy(() -> new ResourceDigest(name, D))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("resource name must");
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "f", "d0/f00", "d0/f00:0:8", ".hidden/x", "a..b", "...", "a b/ü"})
  void canonical_relative_names_are_accepted(String name) {
    assertThat(new ResourceDigest(name, D).name()).isEqualTo(name);
  }

  @Test
  void shard_resources_are_named_path_start_end() {
    // GIVEN / WHEN a shard resource is made
    ResourceDigest shard = ResourceDigest.shard("d0/f00", 8, 16, D);

    // THEN it is named like model_signing's shards, and bad ranges or paths are rejected
    assertThat(shard.name()).isEqualTo("d0/f00:8:16");
    assertThat(ResourceDigest.shard(".", 0, 22, D).name()).isEqualTo(".:0:22");
    assertThatThrownBy(() -> ResourceDigest.shard("f", 8, 8, D)).hasMessageContaining("start < end");
    assertThatThrownBy(() -> ResourceDigest.shard("f", -1, 8, D)).hasMessageContaining("start < end");
    assertThatThrownBy(() -> ResourceDigest.shard("a:b", 0, 8, D)).hasMessageContaining("':'");
    assertThatThrownBy(() -> ResourceDigest.shard("../f", 0, 8, D)).hasMessageContaining("'..'");
  }

  @Test
  void null_arguments_are_named() {
    assertThatThrownBy(() -> new ResourceDigest(null, D)).hasMessage("name must not be null");
    assertThatThrownBy(() -> new ResourceDigest("f", null)).hasMessage("digest must not be null");
    assertThatThrownBy(() -> ModelHasher.defaults().hash(null)).hasMessage("model must not be null");
    assertThatThrownBy(() -> ModelHash.rootOf(null)).hasMessage("resources must not be null");
    assertThatThrownBy(() -> ModelHasher.forSerialization(null)).hasMessage("serialization must not be null");
    assertThatThrownBy(() -> HashingMethod.fromWireName(null)).hasMessage("wireName must not be null");
    assertThatThrownBy(() -> ModelHasher.builder().ignorePaths(Arrays.asList("a", null)))
        .hasMessage("ignore path must not be null");
  }

  @Test
  void hashing_methods_have_model_signings_wire_names() {
    assertThat(HashingMethod.FILES.wireName()).isEqualTo("files");
    assertThat(HashingMethod.SHARDS.wireName()).isEqualTo("shards");
    assertThat(HashingMethod.fromWireName("files")).isEqualTo(HashingMethod.FILES);
    assertThat(HashingMethod.fromWireName("shards")).isEqualTo(HashingMethod.SHARDS);
    assertThatThrownBy(() -> HashingMethod.fromWireName("FILES")).hasMessageContaining("unknown serialization method");
  }

  @Test
  void a_serialization_must_be_consistent() {
    // GIVEN valid serializations THEN their resource algorithm is model_signing's
    assertThat(new Serialization(HashingMethod.FILES, "sha256", false, List.of(), OptionalLong.empty()).resourceAlgorithm())
        .isEqualTo("sha256");
    assertThat(new Serialization(HashingMethod.SHARDS, "sha256", true, List.of(".git"), OptionalLong.of(8)).resourceAlgorithm())
        .isEqualTo("sha256-sharded-8");

    // WHEN a shard size is missing, misplaced or not positive, or the hash type or an ignore path is bad
    // THEN construction fails naming the problem
    assertThatThrownBy(() -> new Serialization(HashingMethod.SHARDS, "sha256", false, List.of(), OptionalLong.empty()))
        .hasMessage("shardSize must be set for method shards");
    assertThatThrownBy(() -> new Serialization(HashingMethod.SHARDS, "sha256", false, List.of(), OptionalLong.of(0)))
        .hasMessage("shardSize must be positive, was 0");
    assertThatThrownBy(() -> new Serialization(HashingMethod.FILES, "sha256", false, List.of(), OptionalLong.of(8)))
        .hasMessageContaining("shardSize is only for method shards");
    assertThatThrownBy(() -> new Serialization(HashingMethod.FILES, "SHA256", false, List.of(), OptionalLong.empty()))
        .hasMessageContaining("hashType must be");
    assertThatThrownBy(() -> new Serialization(HashingMethod.FILES, "sha256", false, List.of("../x"), OptionalLong.empty()))
        .hasMessage("ignore path must not contain '..': '../x'");
    assertThatThrownBy(() -> new Serialization(HashingMethod.FILES, "sha256", false, List.of("/abs"), OptionalLong.empty()))
        .hasMessageContaining("must be relative");
    assertThatThrownBy(() -> new Serialization(HashingMethod.FILES, "sha256", false, List.of(".git/"), OptionalLong.empty()))
        .hasMessageContaining("empty component");
  }

  @Test
  void a_model_hash_rejects_duplicate_and_malformed_shard_names() {
    Serialization files = ModelHasher.defaults().serialization();
    Serialization shards = ModelHasher.builder().method(HashingMethod.SHARDS).build().serialization();
    List<ResourceDigest> twice = List.of(new ResourceDigest("f", D), new ResourceDigest("f", D));
    assertThatThrownBy(() -> new ModelHash("m", ModelHash.rootOf(twice), twice, files))
        .hasMessage("resource 'f' is listed twice");
    List<ResourceDigest> notShards = List.of(new ResourceDigest("f", D));
    assertThatThrownBy(() -> new ModelHash("m", ModelHash.rootOf(notShards), notShards, shards))
        .hasMessageContaining("shard name must be 'path:start:end'");
    List<ResourceDigest> empty = List.of(new ResourceDigest("f:8:8", D));
    assertThatThrownBy(() -> new ModelHash("m", ModelHash.rootOf(empty), empty, shards))
        .hasMessageContaining("start < end");
  }

  @Test
  void the_root_of_nothing_is_the_sha256_of_nothing_and_order_matters() {
    assertThat(ModelHash.rootOf(List.of()).hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ResourceDigest a = new ResourceDigest("a", Trees.sha256(new byte[] {1}));
    ResourceDigest b = new ResourceDigest("b", Trees.sha256(new byte[] {2}));
    byte[] concat = new byte[64];
    System.arraycopy(a.digest().bytes(), 0, concat, 0, 32);
    System.arraycopy(b.digest().bytes(), 0, concat, 32, 32);
    assertThat(ModelHash.rootOf(List.of(a, b))).isEqualTo(Trees.sha256(concat));
    assertThat(ModelHash.rootOf(List.of(b, a))).isNotEqualTo(ModelHash.rootOf(List.of(a, b)));
  }

  @Test
  void the_defaults_are_model_signings() {
    // GIVEN the default hasher
    Serialization s = ModelHasher.defaults().serialization();

    // THEN files, sha256, no symlinks, the git paths and model.sig ignored in model_signing's recorded order
    assertThat(s)
        .isEqualTo(
            new Serialization(
                HashingMethod.FILES,
                "sha256",
                false,
                List.of(".git", "model.sig", ".gitattributes", ".gitignore", ".github"),
                OptionalLong.empty()));
    assertThat(ModelHasher.defaults().parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(ModelHasher.builder().method(HashingMethod.SHARDS).build().serialization().shardSize())
        .hasValue(1_000_000_000L);
  }

  @Test
  void the_builder_normalises_ignore_paths_and_rejects_bad_settings() {
    // GIVEN user spellings of ignore paths
    ModelHasher h = ModelHasher.builder().ignorePaths(List.of("./.git/", "docs//README.md", ".git")).build();

    // THEN they are recorded in canonical form, once
    assertThat(h.serialization().ignorePaths()).containsExactly(".git", "docs/README.md");

    // AND bad values or conflicting settings are rejected with the value
    assertThatThrownBy(() -> ModelHasher.builder().addIgnorePath("../outside")).hasMessageContaining("'..'");
    assertThatThrownBy(() -> ModelHasher.builder().addIgnorePath("/abs")).hasMessageContaining("not absolute");
    assertThatThrownBy(() -> ModelHasher.builder().addIgnorePath("./")).hasMessageContaining("inside the model");
    assertThatThrownBy(() -> ModelHasher.builder().parallelism(0)).hasMessage("parallelism must be at least 1, was 0");
    assertThatThrownBy(() -> ModelHasher.builder().maxFiles(0)).hasMessage("maxFiles must be at least 1, was 0");
    assertThatThrownBy(() -> ModelHasher.builder().maxPathLength(0)).hasMessage("maxPathLength must be at least 1, was 0");
    assertThatThrownBy(() -> ModelHasher.builder().shardSize(0)).hasMessage("shardSize must be positive, was 0");
    assertThatThrownBy(() -> ModelHasher.builder().shardSize(8).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shardSize was set to 8 but method is FILES");
  }

  @Test
  void for_serialization_copies_the_predicate_and_refuses_other_hash_types() {
    // GIVEN a predicate's serialization
    Serialization s = new Serialization(HashingMethod.SHARDS, "sha256", true, List.of("x", "y/z"), OptionalLong.of(64));

    // THEN the hasher records exactly it, and toBuilder keeps it
    assertThat(ModelHasher.forSerialization(s).serialization()).isEqualTo(s);
    assertThat(ModelHasher.forSerialization(s).toBuilder().parallelism(1).build().serialization()).isEqualTo(s);

    // AND a hash type the JDK path cannot compute is refused
    Serialization blake = new Serialization(HashingMethod.FILES, "blake2b", false, List.of(), OptionalLong.empty());
    assertThatThrownBy(() -> ModelHasher.forSerialization(blake))
        .hasMessage("hash type 'blake2b' is not supported; only sha256 is");
  }
}
