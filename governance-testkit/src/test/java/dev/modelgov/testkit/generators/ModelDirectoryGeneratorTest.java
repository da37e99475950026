package dev.modelgov.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.modelgov.api.Digest;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.ResourceDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties of {@link ModelDirectoryGenerator} with the core {@link ModelHasher}. */
class ModelDirectoryGeneratorTest {

  private static final ModelDirectoryGenerator SMALL =
      ModelDirectoryGenerator.builder().maxFileBytes(16 * 1024).maxFiles(12).maxDepth(4).build();

  @TempDir Path tmp;
  private int dirs;

  private Path write(ModelDirectoryGenerator gen, long seed) {
    Path dir = tmp.resolve("m" + (++dirs));
    try {
      gen.write(dir, seed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private static ModelHash hash(Path dir) {
    try {
      return ModelHasher.defaults().hash(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> filesBelow(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    }
  }

  @Test
  void hashing_is_deterministic_and_changes_when_one_byte_changes() {
    qt().withExamples(60).forAll(longs().all(), longs().all()).checkAssert((seed, flipSeed) -> {
      // GIVEN two directories written from the same seed
      Path a = write(SMALL, seed);
      Path b = write(SMALL, seed);

      // WHEN both are hashed
      ModelHash ha = hash(a);
      ModelHash hb = hash(b);

      // THEN the hashes are equal, resource by resource
      assertThat(hb.resources()).isEqualTo(ha.resources());
      assertThat(hb.rootDigest()).isEqualTo(ha.rootDigest());

      // WHEN one byte of one file changes
      String changed;
      try {
        changed = ModelDirectoryGenerator.flipOneByte(b, flipSeed);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ModelHash after = hash(b);

      // THEN the root digest and exactly that file's digest differ
      assertThat(after.rootDigest()).isNotEqualTo(ha.rootDigest());
      List<String> differing = after.resources().stream().filter(r -> !ha.resources().contains(r))
          .map(ResourceDigest::name).toList();
      assertThat(differing).containsExactly(changed);
    });
  }

  @Test
  void the_returned_paths_are_the_files_written_within_the_limits() throws IOException {
    for (long seed = 0; seed < 20; seed++) {
      // GIVEN a directory written with the defaults
      Path dir = tmp.resolve("d" + seed);
      List<String> paths = ModelDirectoryGenerator.defaults().write(dir, seed);

      // WHEN the tree is listed
      List<String> onDisk = filesBelow(dir);

      // THEN it holds exactly the returned files, within the size, count and depth limits, one not empty
      assertThat(onDisk).containsExactlyInAnyOrderElementsOf(paths);
      assertThat(paths).hasSizeBetween(1, ModelDirectoryGenerator.DEFAULT_MAX_FILES);
      long nonEmpty = 0;
      for (String p : paths) {
        long size = Files.size(dir.resolve(p));
        assertThat(size).isBetween(0L, (long) ModelDirectoryGenerator.DEFAULT_MAX_FILE_BYTES);
        assertThat(p.chars().filter(c -> c == '/').count()).isLessThanOrEqualTo(ModelDirectoryGenerator.DEFAULT_MAX_DEPTH);
        assertThat(ModelHasher.DEFAULT_IGNORE_PATHS).doesNotContain(p.split("/"));
        nonEmpty += size > 0 ? 1 : 0;
      }
      assertThat(nonEmpty).isPositive();
    }
  }

  @Test
  void different_seeds_give_different_models() {
    // GIVEN directories from 30 seeds
    // WHEN they are hashed
    // THEN their root digests all differ
    List<Digest> roots = java.util.stream.LongStream.range(0, 30).mapToObj(s -> hash(write(SMALL, s)).rootDigest())
        .toList();
    assertThat(roots).doesNotHaveDuplicates();
  }

  @Test
  void an_existing_file_is_never_overwritten() throws IOException {
    // GIVEN a directory already written from a seed
    Path dir = tmp.resolve("twice");
    ModelDirectoryGenerator.defaults().write(dir, 5L);

    // WHEN the same seed is written into it again
    // THEN it refuses instead of overwriting
    assertThatThrownBy(() -> ModelDirectoryGenerator.defaults().write(dir, 5L))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void flipping_needs_a_non_empty_file_the_hasher_reads() throws IOException {
    // GIVEN a tree with an empty file and a non-empty file under .git, which the hasher ignores
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    Files.createFile(dir.resolve("empty.bin"));
    Files.write(Files.createDirectories(dir.resolve(".git")).resolve("HEAD"), new byte[] {1, 2, 3});

    // WHEN a byte is to be flipped
    // THEN it says why it cannot
    assertThatThrownBy(() -> ModelDirectoryGenerator.flipOneByte(dir, 1L))
        .isInstanceOf(IOException.class).hasMessageContaining("no non-empty regular file");
  }

  @Test
  void the_builder_names_an_option_out_of_range() {
    // GIVEN options out of range
    // WHEN the builder builds
    // THEN it names the option and the value
    assertThatThrownBy(() -> ModelDirectoryGenerator.builder().maxFiles(0).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("maxFiles must be in 1..10000, got 0");
    assertThatThrownBy(() -> ModelDirectoryGenerator.builder().maxFileBytes(0).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("maxFileBytes");
    assertThatThrownBy(() -> ModelDirectoryGenerator.builder().maxDepth(-1).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("maxDepth");
  }
}
