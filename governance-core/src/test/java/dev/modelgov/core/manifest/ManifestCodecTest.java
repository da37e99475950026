package dev.modelgov.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ManifestProblem;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.manifest.ManifestCodec.Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCodecTest {

  private final ManifestCodec codec = ManifestCodec.defaults();

  private ModelManifest creditScoring() throws Exception {
    return codec.read(TestFiles.manifest("credit-scoring.yaml"));
  }

  @Test
  void reads_the_complete_high_risk_example() throws Exception {
    // WHEN the shipped high-risk example is read
    ModelManifest m = creditScoring();
    // THEN its values are all there
    assertThat(m.coordinates()).isEqualTo("risk/credit-scoring@2.4.0");
    assertThat(m.risk().riskClass()).isEqualTo(RiskClass.HIGH);
    assertThat(m.datasets()).extracting(d -> d.name()).containsExactly("applications", "applications-holdout");
    assertThat(m.evaluation().metrics()).hasSize(3);
    assertThat(m.lifecycle().approvals()).hasSize(2);
    assertThat(m.build().hyperparameters()).containsKeys("C", "penalty", "class_weight");
  }

  @Test
  void json_and_yaml_round_trips_are_lossless() throws Exception {
    ModelManifest m = creditScoring();
    assertThat(codec.readJson(codec.writeJson(m))).isEqualTo(m);
    assertThat(codec.readYaml(codec.writeYaml(m))).isEqualTo(m);
    assertThat(codec.read(codec.write(m, Format.YAML), Format.YAML)).isEqualTo(m);
  }

  @Test
  void the_digest_survives_reindenting_reordering_and_format_conversion() throws Exception {
    // GIVEN the example and its digest
    ModelManifest m = creditScoring();
    Digest digest = codec.digest(m);
    // WHEN it is converted YAML -> JSON -> YAML, and its JSON is compacted with keys reversed
    ModelManifest viaJson = codec.readJson(codec.writeJson(m));
    ModelManifest backToYaml = codec.readYaml(codec.writeYaml(viaJson));
    JsonNode reversed = reverseKeys(codec.toTree(m));
    byte[] compact = JsonMapper.builder().build().writeValueAsBytes(reversed);
    // THEN the digest is the same every time
    assertThat(codec.digest(viaJson)).isEqualTo(digest);
    assertThat(codec.digest(backToYaml)).isEqualTo(digest);
    assertThat(codec.digest(codec.readJson(compact))).isEqualTo(digest);
    assertThat(digest.toString()).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void a_declared_digest_must_match_the_canonical_one() throws Exception {
    // GIVEN a manifest that declares its own digest
    ModelManifest m = creditScoring();
    ObjectNode tree = codec.toTree(m);
    tree.put("digest", codec.digest(m).toString());
    // WHEN read back THEN it is accepted
    assertThat(codec.fromTree(tree)).isEqualTo(m);
    // WHEN a field is then edited without updating the digest THEN the stale digest is reported
    tree.put("description", "edited by hand");
    assertThatThrownBy(() -> codec.fromTree(tree))
        .isInstanceOfSatisfying(
            ManifestFormatException.class,
            e -> assertThat(e.problems()).extracting(ManifestProblem::path).containsExactly("digest"));
  }

  @Test
  void ref_carries_coordinates_and_digest() throws Exception {
    ModelManifest m = creditScoring();
    ModelRef ref = codec.ref(m);
    assertThat(ref.coordinates()).isEqualTo("risk/credit-scoring@2.4.0");
    assertThat(ref.manifestDigest()).isEqualTo(codec.digest(m));
  }

  @Test
  void canonical_bytes_are_sorted_compact_json() throws Exception {
    String canonical = new String(codec.canonicalBytes(creditScoring()), StandardCharsets.UTF_8);
    assertThat(canonical).startsWith("{\"apiVersion\":\"modelgov.dev/v1\",\"artifacts\":[");
    assertThat(canonical).doesNotContain("\n").doesNotContain(": ");
  }

  @Test
  void missing_fields_are_all_reported_with_their_paths() {
    assertProblems(
        "invalid/missing-fields.yaml",
        "description: missing",
        "supplier: missing",
        "datasets[1].digest: missing",
        "evaluation.metrics[0].dataset: names no dataset of this manifest");
  }

  @Test
  void wrong_types_are_all_reported_with_their_paths() throws Exception {
    List<String> problems = problems("invalid/wrong-types.yaml");
    assertThat(problems)
        .anyMatch(p -> p.startsWith("version: must be a string"))
        .anyMatch(p -> p.startsWith("risk.class: must be one of MINIMAL, LIMITED, HIGH, PROHIBITED"))
        .anyMatch(p -> p.startsWith("datasets[0].digest: "))
        .anyMatch(p -> p.startsWith("datasets[0].containsPersonalData: must be true or false"))
        .anyMatch(p -> p.startsWith("build.trainingImage: image must be pinned by digest"))
        .anyMatch(p -> p.startsWith("build.source.commit: must be a full commit id"))
        .anyMatch(p -> p.startsWith("artifacts[0].size: must be a whole number"))
        .anyMatch(p -> p.startsWith("evaluation.metrics[0].value: must be a number"))
        .anyMatch(p -> p.startsWith("lifecycle.createdAt: must be an RFC 3339 timestamp"))
        .hasSize(9);
  }

  @Test
  void unknown_fields_are_reported() {
    assertProblems("invalid/unknown-field.json", "risk.riskOwner: unknown field", "colour: unknown field");
  }

  @Test
  void duplicate_keys_are_rejected_with_their_byte_offset() throws Exception {
    List<String> problems = problems("invalid/duplicate-key.json");
    assertThat(problems).singleElement().asString().contains("'version'").contains("line 6").contains("byte offset");
  }

  @Test
  void duplicate_keys_in_yaml_are_rejected_too() {
    String yaml = "apiVersion: modelgov.dev/v1\nkind: ModelManifest\nid: a/b\nid: a/c\n";
    assertThatThrownBy(() -> codec.readYaml(yaml))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("id")
        .hasMessageContaining("line 4");
  }

  @Test
  void a_truncated_document_names_where_it_ends() throws Exception {
    assertThat(problems("invalid/truncated.json"))
        .singleElement()
        .asString()
        .contains("end-of-input")
        .contains("byte offset");
  }

  @Test
  void a_non_object_document_is_rejected() {
    assertThatThrownBy(() -> codec.readJson("[1,2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("must be an object, is an array");
    assertThatThrownBy(() -> codec.readJson(new byte[0]))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void an_unsupported_api_version_is_reported() throws Exception {
    ObjectNode tree = codec.toTree(creditScoring());
    tree.put("apiVersion", "modelgov.dev/v2");
    tree.put("kind", "Model");
    assertThatThrownBy(() -> codec.fromTree(tree))
        .isInstanceOfSatisfying(
            ManifestFormatException.class,
            e -> assertThat(e.problems()).extracting(ManifestProblem::path).containsExactly("apiVersion", "kind"));
  }

  @Test
  void read_picks_the_format_from_the_file_name(@TempDir Path dir) throws Exception {
    ModelManifest m = creditScoring();
    Path json = dir.resolve("m.json");
    Path yml = dir.resolve("m.yml");
    Files.write(json, codec.writeJson(m));
    Files.writeString(yml, codec.writeYaml(m));
    assertThat(codec.read(json)).isEqualTo(m);
    assertThat(codec.read(yml)).isEqualTo(m);
  }

  @Test
  void problems_never_echo_personal_data() throws Exception {
    // GIVEN a manifest whose owner contact (personal data) sits next to an invalid field
    ObjectNode tree = codec.toTree(creditScoring());
    ((ObjectNode) tree.get("owner")).put("contact", "jane.doe@example.com");
    ((ObjectNode) tree.get("owner")).put("phone", "+44 20 7946 0000");
    // WHEN it is read THEN the problem names the field but not the values
    assertThatThrownBy(() -> codec.fromTree(tree))
        .isInstanceOf(ManifestFormatException.class)
        .hasMessageContaining("owner.phone: unknown field")
        .hasMessageNotContaining("jane.doe")
        .hasMessageNotContaining("7946");
  }

  private void assertProblems(String file, String... expected) {
    assertThatThrownBy(() -> codec.read(TestFiles.manifest(file)))
        .isInstanceOfSatisfying(
            ManifestFormatException.class,
            e -> assertThat(e.problems()).map(ManifestProblem::toString).containsExactlyInAnyOrder(expected));
  }

  private List<String> problems(String file) throws Exception {
    try {
      codec.read(TestFiles.manifest(file));
    } catch (ManifestFormatException e) {
      return e.problems().stream().map(ManifestProblem::toString).toList();
    }
    throw new AssertionError(file + " was accepted");
  }

  private static JsonNode reverseKeys(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JsonMapper.builder().build().createObjectNode();
      List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.reverse(names);
      for (String n : names) {
        out.set(n, reverseKeys(node.get(n)));
      }
      return out;
    }
    if (node.isArray()) {
      var arr = JsonMapper.builder().build().createArrayNode();
      node.forEach(e -> arr.add(reverseKeys(e)));
      return arr;
    }
    return node;
  }
}
