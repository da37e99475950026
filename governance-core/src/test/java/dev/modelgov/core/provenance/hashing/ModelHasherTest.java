package dev.modelgov.core.provenance.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.core.provenance.HashingMethod;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.ModelHashingException;
import dev.modelgov.core.provenance.ResourceDigest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is hashed and under which names: single files, ignore paths, empty files, large files, limits. */
class ModelHasherTest {

  @TempDir Path temp;

  @Test
  void a_single_file_model_has_one_resource_named_dot() throws IOException {
    // GIVEN a model that is one file
    Path file = Trees.write(temp, "model.safetensors", "0123456789abcdefghijkl");

    // WHEN hashed by files and by 8-byte shards
    ModelHash byFile = ModelHasher.defaults().hash(file);
    ModelHash byShard = ModelHasher.builder().method(HashingMethod.SHARDS).shardSize(8).build().hash(file);

    // THEN, as model_signing's path.relative_to(path), the resource is "." and the model name is the file name
    assertThat(byFile.modelName()).isEqualTo("model.safetensors");
    assertThat(byFile.resources()).containsExactly(new ResourceDigest(".", Trees.sha256(file)));
    assertThat(byShard.resources()).extracting(ResourceDigest::name).containsExactly(".:0:8", ".:8:16", ".:16:22");
    assertThat(byShard.resources().get(2).digest()).isEqualTo(Trees.sha256("ghijkl".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void ignore_paths_cover_files_and_whole_directories_component_by_component() throws IOException {
    // GIVEN a model with docs, a nested file to ignore, and a sibling whose name extends an ignored one
    for (String name : List.of("docs/a.md", "docs/sub/b.md", "docs2/c.md", "w/x.bin", "w/y.bin", "README.md")) {
      Trees.write(temp, name, name);
    }

    // WHEN docs (a directory), w/x.bin (a file) and a missing path are ignored
    ModelHash hash =
        ModelHasher.builder().ignorePaths(List.of("docs", "w/x.bin", "no/such/path")).build().hash(temp);

    // THEN the whole docs subtree and the one file are gone, docs2 is kept
    assertThat(hash.resources()).extracting(ResourceDigest::name).containsExactly("README.md", "docs2/c.md", "w/y.bin");
    assertThat(hash.serialization().ignorePaths()).containsExactly("docs", "w/x.bin", "no/such/path");
  }

  @Test
  void the_default_ignores_leave_out_git_files_and_the_signature_but_keep_other_hidden_files() throws IOException {
    // GIVEN git metadata, a signature and other hidden files
    for (String name : List.of(".git/HEAD", ".github/workflows/ci.yml", ".gitignore", ".gitattributes", "model.sig",
        ".hidden", "sub/.git/x", "sub/model.sig", "f")) {
      Trees.write(temp, name, name);
    }

    // WHEN hashed with the defaults
    ModelHash hash = ModelHasher.defaults().hash(temp);

    // THEN only root-level ignore paths apply (they are relative to the model root)
    assertThat(hash.resources())
        .extracting(ResourceDigest::name)
        .containsExactly(".hidden", "f", "sub/.git/x", "sub/model.sig");
  }

  @Test
  void empty_files_hash_to_the_empty_digest_by_files_and_have_no_shard() throws IOException {
    // GIVEN an empty file next to a non-empty one
    Trees.write(temp, "empty", "");
    Trees.write(temp, "full", "x");

    // WHEN hashed by files and by shards
    ModelHash byFile = ModelHasher.defaults().hash(temp);
    ModelHash byShard = ModelHasher.builder().method(HashingMethod.SHARDS).build().hash(temp);

    // THEN by files the empty file is sha256(""); by shards it is left out, as model_signing's _get_shards does
    assertThat(byFile.resources().get(0))
        .isEqualTo(new ResourceDigest("empty", Trees.sha256(new byte[0])));
    assertThat(byShard.resources()).extracting(ResourceDigest::name).containsExactly("full:0:1");
  }

  @Test
  void files_larger_than_the_read_buffer_are_hashed_whole_and_shards_cross_buffer_boundaries() throws IOException {
    // GIVEN a 3.5 MiB file of random bytes
    byte[] content = new byte[(7 << 20) / 2];
    new SplittableRandom(7).nextBytes(content);
    Trees.write(temp, "big.bin", content);

    // WHEN hashed whole and in 1,500,000-byte shards
    ModelHash byFile = ModelHasher.defaults().hash(temp);
    ModelHash byShard = ModelHasher.builder().method(HashingMethod.SHARDS).shardSize(1_500_000).build().hash(temp);

    // THEN the digests are those of the bytes
    assertThat(byFile.resources()).containsExactly(new ResourceDigest("big.bin", Trees.sha256(content)));
    assertThat(byShard.resources())
        .containsExactly(
            ResourceDigest.shard("big.bin", 0, 1_500_000, Trees.sha256(Arrays.copyOfRange(content, 0, 1_500_000))),
            ResourceDigest.shard(
                "big.bin", 1_500_000, 3_000_000, Trees.sha256(Arrays.copyOfRange(content, 1_500_000, 3_000_000))),
            ResourceDigest.shard(
                "big.bin", 3_000_000, content.length, Trees.sha256(Arrays.copyOfRange(content, 3_000_000, content.length))));
  }

  @Test
  void the_model_name_is_the_last_component_of_the_normalised_path() throws IOException {
    // GIVEN a path spelled with "." and ".."
    Path model = Files.createDirectories(temp.resolve("bert"));
    Trees.write(model, "f", "f");

    // WHEN hashed through a roundabout spelling
    ModelHash hash = ModelHasher.defaults().hash(model.resolve("sub/../."));

    // THEN the name is the directory's
    assertThat(hash.modelName()).isEqualTo("bert");
  }

  @Test
  void a_missing_model_is_a_no_such_file_exception() {
    assertThatThrownBy(() -> ModelHasher.defaults().hash(temp.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void the_file_limit_is_enforced_with_a_clear_message() throws IOException {
    // GIVEN a model with five files
    for (int i = 0; i < 5; i++) {
      Trees.write(temp, "f" + i, "x" + i);
    }

    // WHEN the limit is exactly five THEN hashing works
    assertThat(ModelHasher.builder().maxFiles(5).build().hash(temp).resources()).hasSize(5);

    // WHEN the limit is four THEN it fails naming the limit
    assertThatThrownBy(() -> ModelHasher.builder().maxFiles(4).build().hash(temp))
        .isInstanceOf(ModelHashingException.class)
        .hasMessageContaining("the model has more than 4 files (maxFiles)");

    // WHEN shards would exceed it THEN it fails too
    assertThatThrownBy(() -> ModelHasher.builder().method(HashingMethod.SHARDS).shardSize(1).maxFiles(5).build().hash(temp))
        .isInstanceOf(ModelHashingException.class)
        .hasMessageContaining("more than 5 shards");
  }

  @Test
  void the_path_length_limit_is_enforced_with_a_clear_message() throws IOException {
    // GIVEN a file whose relative name has 13 chars
    Trees.write(temp, "dir/name.bin1", "x");

    // WHEN the limit is 13 THEN it is accepted; WHEN it is 12 THEN the error names the file and both lengths
    assertThat(ModelHasher.builder().maxPathLength(13).build().hash(temp).resources()).hasSize(1);
    assertThatThrownBy(() -> ModelHasher.builder().maxPathLength(12).build().hash(temp))
        .isInstanceOf(ModelHashingException.class)
        .hasMessage("the name 'dir/name.bin1' has 13 chars, more than maxPathLength 12")
        .satisfies(e -> assertThat(((ModelHashingException) e).relativePath()).isEqualTo("dir/name.bin1"));
  }

  @Test
  void names_with_a_colon_are_refused_by_shards_only() throws IOException {
    // GIVEN a file name with ':' which model_signing cannot parse back from 'path:start:end'
    Trees.write(temp, "a:b", "x");

    // THEN files accept it and shards refuse it by name
    assertThat(ModelHasher.defaults().hash(temp).resources()).extracting(ResourceDigest::name).containsExactly("a:b");
    assertThatThrownBy(() -> ModelHasher.builder().method(HashingMethod.SHARDS).build().hash(temp))
        .isInstanceOf(ModelHashingException.class)
        .hasMessageContaining("'a:b' contains ':'");
  }
}
