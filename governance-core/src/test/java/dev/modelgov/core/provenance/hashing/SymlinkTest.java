package dev.modelgov.core.provenance.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.ModelHashingException;
import dev.modelgov.core.provenance.ResourceDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links are refused by default; allowed links to files are hashed by content, links to directories skipped. */
class SymlinkTest {

  @TempDir Path temp;

  @Test
  void a_symlink_is_refused_by_default_naming_its_relative_path() throws IOException {
    // GIVEN a model with a link to a file inside it
    Path model = Files.createDirectories(temp.resolve("model"));
    Trees.write(model, "weights/real.bin", "weights");
    Files.createSymbolicLink(model.resolve("weights/latest.bin"), Path.of("real.bin"));

    // WHEN hashed with the defaults
    // THEN a ModelHashingException names the link
    assertThatThrownBy(() -> ModelHasher.defaults().hash(model))
        .isInstanceOf(ModelHashingException.class)
        .hasMessageContaining("'weights/latest.bin' is a symbolic link")
        .hasMessageContaining("allowSymlinks")
        .satisfies(e -> assertThat(((ModelHashingException) e).relativePath()).isEqualTo("weights/latest.bin"));
  }

  @Test
  void an_allowed_symlink_is_hashed_with_its_targets_content_under_its_own_name() throws IOException {
    // GIVEN a link to a file outside the model
    Path outside = Trees.write(temp, "outside/secret.bin", "outside content");
    Path model = Files.createDirectories(temp.resolve("model"));
    Trees.write(model, "a.bin", "a");
    Files.createSymbolicLink(model.resolve("link.bin"), outside);

    // WHEN hashed with allowSymlinks
    ModelHash hash = ModelHasher.builder().allowSymlinks(true).build().hash(model);

    // THEN the link is a resource named after the link with the target's digest
    assertThat(hash.resources())
        .containsExactly(
            new ResourceDigest("a.bin", Trees.sha256(model.resolve("a.bin"))),
            new ResourceDigest("link.bin", Trees.sha256(outside)));
    assertThat(hash.serialization().allowSymlinks()).isTrue();
  }

  @Test
  void an_allowed_symlink_to_a_directory_is_skipped_like_model_signing_does() throws IOException {
    // GIVEN a link to a directory holding a file
    Path model = Files.createDirectories(temp.resolve("model"));
    Trees.write(model, "real/f", "f");
    Files.createSymbolicLink(model.resolve("alias"), Path.of("real"));

    // WHEN hashed with allowSymlinks
    ModelHash hash = ModelHasher.builder().allowSymlinks(true).build().hash(model);

    // THEN only the real file is listed; the link is neither followed nor listed
    assertThat(hash.resources()).extracting(ResourceDigest::name).containsExactly("real/f");
  }

  @Test
  void symlinks_inside_ignored_directories_do_not_matter() throws IOException {
    // GIVEN a link inside .git, which the defaults ignore
    Path model = Files.createDirectories(temp.resolve("model"));
    Trees.write(model, "f", "f");
    Trees.write(model, ".git/HEAD", "ref: refs/heads/main");
    Files.createSymbolicLink(model.resolve(".git/link"), Path.of("HEAD"));

    // WHEN hashed with the defaults (links refused)
    ModelHash hash = ModelHasher.defaults().hash(model);

    // THEN the ignored subtree is not even listed
    assertThat(hash.resources()).extracting(ResourceDigest::name).containsExactly("f");
  }

  @Test
  void a_model_path_that_is_a_symlink_is_refused_unless_allowed() throws IOException {
    // GIVEN a link to a model directory
    Path model = Files.createDirectories(temp.resolve("model"));
    Trees.write(model, "f", "f");
    Path link = Files.createSymbolicLink(temp.resolve("link"), model);

    // WHEN hashed with the defaults THEN it is refused, named "."
    assertThatThrownBy(() -> ModelHasher.defaults().hash(link))
        .isInstanceOf(ModelHashingException.class)
        .hasMessageContaining("is a symbolic link")
        .satisfies(e -> assertThat(((ModelHashingException) e).relativePath()).isEqualTo("."));

    // WHEN allowed THEN the target directory is hashed, under the link's name
    ModelHash hash = ModelHasher.builder().allowSymlinks(true).build().hash(link);
    assertThat(hash.modelName()).isEqualTo("link");
    assertThat(hash.rootDigest()).isEqualTo(ModelHasher.defaults().hash(model).rootDigest());
  }

  @Test
  void a_broken_symlink_is_an_error_even_when_allowed() throws IOException {
    // GIVEN a dangling link
    Path model = Files.createDirectories(temp.resolve("model"));
    Files.createSymbolicLink(model.resolve("dangling"), Path.of("nowhere"));

    // WHEN hashed with allowSymlinks THEN the error names it
    assertThatThrownBy(() -> ModelHasher.builder().allowSymlinks(true).build().hash(model))
        .isInstanceOf(ModelHashingException.class)
        .hasMessageContaining("'dangling' is a broken symbolic link");
  }

  @Test
  void a_named_pipe_is_refused() throws Exception {
    // GIVEN a FIFO in the model (where mkfifo exists)
    Path model = Files.createDirectories(temp.resolve("model"));
    Path fifo = model.resolve("pipe");
    boolean made;
    try {
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
      made = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      made = false;
    }
    assumeTrue(made, "mkfifo is not available");

    // WHEN hashed THEN it is refused by name, without blocking on the pipe
    assertThatThrownBy(() -> ModelHasher.defaults().hash(model))
        .isInstanceOf(ModelHashingException.class)
        .hasMessageContaining("'pipe' is neither a regular file nor a directory");
  }
}
