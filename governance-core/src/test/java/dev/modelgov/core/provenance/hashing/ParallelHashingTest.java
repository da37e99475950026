package dev.modelgov.core.provenance.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.core.provenance.HashingMethod;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.ResourceDigest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hashing on many threads gives exactly what one thread gives, and what an independent computation gives. */
class ParallelHashingTest {

  @TempDir Path temp;

  private final List<ResourceDigest> expected = new ArrayList<>();

  @BeforeEach
  void mixedSizes() {
    // GIVEN a tree of mixed sizes: a few multi-MiB files, some around the 1 MiB buffer, many small, some empty
    SplittableRandom random = new SplittableRandom(42);
    int[] sizes = {3 << 20, (5 << 20) / 2, 1 << 20, (1 << 20) + 1, (1 << 20) - 1, 0, 0, 1, 4096, 65_537};
    int n = 0;
    for (int size : sizes) {
      write(random, "big/f" + n++, size);
    }
    for (int i = 0; i < 300; i++) {
      write(random, "small/d" + (i % 7) + "/s" + i, random.nextInt(0, 10_000));
    }
  }

  private void write(SplittableRandom random, String name, int size) {
    byte[] content = new byte[size];
    random.nextBytes(content);
    Path p = Trees.write(temp, name, content);
    expected.add(new ResourceDigest(name, Trees.sha256(p)));
  }

  @Test
  void many_threads_equal_one_thread_by_files() throws IOException {
    // WHEN the tree is hashed on 1, 2 and 8 threads
    ModelHash one = ModelHasher.builder().parallelism(1).build().hash(temp);
    ModelHash two = ModelHasher.builder().parallelism(2).build().hash(temp);
    ModelHash eight = ModelHasher.builder().parallelism(8).build().hash(temp);

    // THEN all three are equal, and the resources are the independently computed digests
    assertThat(two).isEqualTo(one);
    assertThat(eight).isEqualTo(one);
    assertThat(one.resources()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(one.rootDigest()).isEqualTo(ModelHash.rootOf(one.resources()));
  }

  @Test
  void many_threads_equal_one_thread_by_shards() throws IOException {
    // WHEN the tree is hashed by 700,000-byte shards on 1 and 4 threads
    ModelHasher.Builder b = ModelHasher.builder().method(HashingMethod.SHARDS).shardSize(700_000);
    ModelHash one = b.parallelism(1).build().hash(temp);
    ModelHash four = b.parallelism(4).build().hash(temp);

    // THEN both are equal; the 3 MiB file has 5 shards
    assertThat(four).isEqualTo(one);
    assertThat(one.resources())
        .extracting(ResourceDigest::name)
        .contains("big/f0:0:700000", "big/f0:2800000:3145728")
        .noneMatch(name -> name.startsWith("big/f5:") || name.startsWith("big/f6:"));
  }

  @Test
  void repeated_runs_on_a_shared_hasher_are_identical() throws IOException {
    // GIVEN one hasher used several times (it starts and stops its threads per call)
    ModelHasher hasher = ModelHasher.builder().parallelism(3).build();

    // WHEN it hashes the same tree repeatedly THEN the results are identical
    ModelHash first = hasher.hash(temp);
    for (int i = 0; i < 5; i++) {
      assertThat(hasher.hash(temp)).isEqualTo(first);
    }
  }
}
