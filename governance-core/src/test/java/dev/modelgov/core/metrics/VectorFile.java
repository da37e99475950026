package dev.modelgov.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.core.TestFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One known-answer file of {@code shared/vectors/}: vectors looked up by id, remembering which were checked. */
final class VectorFile {

  private final JsonNode vectors;
  private final Set<String> checked = new HashSet<>();

  private VectorFile(JsonNode vectors) {
    this.vectors = vectors;
  }

  /**
   * @param relativePath the file under {@code shared/vectors/}
   * @return its {@code vectors} array
   * @throws IOException if it cannot be read
   */
  static VectorFile load(String relativePath) throws IOException {
    return new VectorFile(JsonMapper.builder().build()
        .readTree(TestFiles.shared().resolve("vectors").resolve(relativePath).toFile()).get("vectors"));
  }

  /**
   * @param id a vector id
   * @return the vector, now counted as checked
   */
  JsonNode vector(String id) {
    for (JsonNode v : vectors) {
      if (v.get("id").asText().equals(id)) {
        checked.add(id);
        return v;
      }
    }
    throw new AssertionError("no vector " + id);
  }

  /** Fails unless every vector of the file was looked up by some test. */
  void assertEveryVectorChecked() {
    List<String> ids = new ArrayList<>();
    vectors.forEach(v -> ids.add(v.get("id").asText()));
    assertThat(checked).containsExactlyInAnyOrderElementsOf(ids);
  }
}
