package dev.modelgov.core.provenance.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.Digest;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.ResourceDigest;
import dev.modelgov.core.provenance.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model signed by model_signing v1.1.0 with an EC key ({@code scripts/tests/v1.1.0-elliptic-key}): re-hashing
 * the directory must give the resources and root digest inside its {@code model.sig} bundle. Only the payload is
 * decoded here; the signature is checked elsewhere.
 */
class EllipticKeyVectorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = "92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4";

  @TempDir Path temp;

  private Path model;
  private JsonNode statement;

  @BeforeEach
  void copyTheVector() throws IOException {
    Path source = TestFiles.shared().resolve("vectors/provenance/model_signing/v1.1.0-elliptic-key");
    model = Files.createDirectories(temp.resolve("v1.1.0-elliptic-key"));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, model.resolve(f.getFileName().toString()));
      }
    }
    JsonNode bundle = JSON.readTree(model.resolve("model.sig").toFile());
    byte[] payload = Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText());
    statement = JSON.readTree(payload);
  }

  @Test
  void re_hashing_as_the_predicate_says_gives_the_signed_resources_and_root() throws IOException {
    // GIVEN the predicate's serialization (which ignores model.sig and ignore-me)
    Serialization signed = Trees.serialization(statement);
    assertThat(signed.ignorePaths())
        .containsExactly(".git", "model.sig", "ignore-me", ".gitattributes", ".gitignore", ".github");

    // WHEN the copied directory is re-hashed with it
    ModelHash hash = ModelHasher.forSerialization(signed).hash(model);

    // THEN resources, root, serialization and name are the signed ones
    assertThat(hash.resources()).containsExactlyElementsOf(Trees.resources(statement));
    assertThat(hash.resources())
        .extracting(ResourceDigest::name)
        .containsExactly("signme-1", "signme-2");
    assertThat(hash.rootDigest()).isEqualTo(new Digest("sha256", ROOT));
    assertThat(hash.rootDigest()).isEqualTo(Trees.subjectDigest(statement));
    assertThat(hash.serialization()).isEqualTo(signed);
    assertThat(hash.modelName()).isEqualTo(Trees.subjectName(statement));
  }

  @Test
  void defaults_plus_the_extra_ignore_path_give_the_same_root() throws IOException {
    // GIVEN the default hasher (which ignores model.sig) plus the CLI's --ignore-paths ignore-me
    ModelHasher hasher = ModelHasher.defaults().toBuilder().addIgnorePath("ignore-me").build();

    // WHEN the directory is hashed
    ModelHash hash = hasher.hash(model);

    // THEN the root is the signed one, and the recorded ignore paths are the same set
    assertThat(hash.rootDigest()).isEqualTo(new Digest("sha256", ROOT));
    assertThat(hash.serialization().ignorePaths())
        .containsExactlyInAnyOrderElementsOf(Trees.serialization(statement).ignorePaths());
  }

  @Test
  void without_the_ignore_path_the_root_differs() throws IOException {
    // GIVEN the default hasher, which does not know about ignore-me
    // WHEN the directory is hashed
    ModelHash hash = ModelHasher.defaults().hash(model);

    // THEN the empty file ignore-me is a resource and the root is not the signed one
    assertThat(hash.resources())
        .extracting(ResourceDigest::name)
        .containsExactly("ignore-me", "signme-1", "signme-2");
    assertThat(hash.resources().get(0).digest()).isEqualTo(Trees.sha256(new byte[0]));
    assertThat(hash.rootDigest()).isNotEqualTo(new Digest("sha256", ROOT));
    assertThat(ModelHash.rootOf(hash.resources().subList(1, 3))).isEqualTo(new Digest("sha256", ROOT));
    assertThat(hash.resources().subList(1, 3)).isEqualTo(List.copyOf(Trees.resources(statement)));
  }
}
