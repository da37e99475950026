package dev.modelgov.core.provenance.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.modelgov.api.Digest;
import dev.modelgov.core.provenance.HashingMethod;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Properties over generated small trees: hashing is deterministic, and any one changed byte changes the root. */
class ModelHashPropertiesTest {

  private static final String[] NAMES = {"a", "b", "a.txt", "a-b", "d0", "f00", ".h", "x y", "Z"};

  @Test
  void hashing_is_deterministic() {
    qt().withExamples(60)
        .forAll(longs().all(), integers().between(0, 12), integers().between(1, 4))
        .checkAssert((seed, files, threads) -> withTree(seed, files, (dir, written) -> {
          // GIVEN a generated tree
          // WHEN it is hashed twice, on different thread counts and by files and shards
          ModelHash a = hash(dir, ModelHasher.builder().parallelism(1).build());
          ModelHash b = hash(dir, ModelHasher.builder().parallelism(threads).build());
          ModelHasher shards = ModelHasher.builder().method(HashingMethod.SHARDS).shardSize(16).parallelism(threads).build();
          // THEN the results are equal and the root is the root of the resources
          assertThat(b).isEqualTo(a);
          assertThat(hash(dir, shards)).isEqualTo(hash(dir, shards));
          assertThat(a.rootDigest()).isEqualTo(ModelHash.rootOf(a.resources()));
          assertThat(a.resources()).hasSize(written.size());
        }));
  }

  @Test
  void any_single_byte_change_changes_the_root() {
    qt().withExamples(60)
        .forAll(longs().all(), integers().between(1, 12), integers().between(0, Integer.MAX_VALUE - 1))
        .checkAssert((seed, files, pick) -> withTree(seed, files, (dir, written) -> {
          // GIVEN a generated tree with at least one non-empty file, and its roots by files and by shards
          List<Path> nonEmpty = new ArrayList<>();
          for (Path p : written) {
            if (size(p) > 0) {
              nonEmpty.add(p);
            }
          }
          if (nonEmpty.isEmpty()) {
            return;
          }
          ModelHasher byFile = ModelHasher.builder().parallelism(2).build();
          ModelHasher byShard = ModelHasher.builder().method(HashingMethod.SHARDS).shardSize(7).parallelism(2).build();
          Digest fileRoot = hash(dir, byFile).rootDigest();
          Digest shardRoot = hash(dir, byShard).rootDigest();

          // WHEN one byte of one file is changed
          Path victim = nonEmpty.get(pick % nonEmpty.size());
          byte[] content = read(victim);
          int offset = (pick / nonEmpty.size()) % content.length;
          content[offset] ^= (byte) (1 + (pick & 0x7f));
          write(victim, content);

          // THEN both roots change
          assertThat(hash(dir, byFile).rootDigest()).isNotEqualTo(fileRoot);
          assertThat(hash(dir, byShard).rootDigest()).isNotEqualTo(shardRoot);
        }));
  }

  /** Receives a generated tree. */
  private interface TreeCheck {
    void check(Path dir, List<Path> written) throws IOException;
  }

  /** Generates up to {@code files} files of 0-200 bytes under names built from {@link #NAMES}, then checks. */
  private static void withTree(long seed, int files, TreeCheck check) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("modelgov-hash-prop");
      SplittableRandom random = new SplittableRandom(seed);
      List<Path> written = new ArrayList<>();
      for (int i = 0; i < files; i++) {
        int depth = random.nextInt(1, 4);
        StringBuilder name = new StringBuilder();
        for (int d = 0; d < depth; d++) {
          name.append(d == 0 ? "" : "/").append(NAMES[random.nextInt(NAMES.length)]);
        }
        Path p = dir.resolve(name.toString());
        if (clashes(dir, p)) {
          continue;
        }
        byte[] content = new byte[random.nextInt(0, 201)];
        random.nextBytes(content);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        written.add(p);
      }
      check.check(dir, written);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        delete(dir);
      }
    }
  }

  /** Whether the path or one of its parents already exists with the other kind (file vs directory). */
  private static boolean clashes(Path root, Path p) {
    if (Files.exists(p)) {
      return true;
    }
    for (Path q = p.getParent(); q != null && !q.equals(root); q = q.getParent()) {
      if (Files.isRegularFile(q)) {
        return true;
      }
    }
    return false;
  }

  private static ModelHash hash(Path dir, ModelHasher hasher) {
    try {
      return hasher.hash(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, byte[] content) {
    try {
      Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
