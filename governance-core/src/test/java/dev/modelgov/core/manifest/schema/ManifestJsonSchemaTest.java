package dev.modelgov.core.manifest.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.json.CanonicalJson;
import dev.modelgov.core.manifest.ManifestCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@code model-manifest-v1.schema.json} against the example manifests, the codec's own output and targeted
 * mutations, and that the schema and the strict reader ({@link ManifestCodec}) agree wherever JSON Schema can state
 * the rule.
 */
class ManifestJsonSchemaTest {

  private static final String SCHEMA_RESOURCE = "/dev/modelgov/core/manifest/model-manifest-v1.schema.json";
  private static final String SCHEMA_ID = "https://modelgov.dev/schemas/model-manifest-v1.schema.json";
  private static final Set<String> UNPARSEABLE = Set.of("truncated.json", "duplicate-key.json");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper YAML =
      new YAMLMapper(YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  private static final ManifestCodec CODEC = ManifestCodec.defaults();

  private static SchemaRegistry registry;
  private static JsonNode schemaNode;
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b ->
                b.schemaRegistryConfig(
                    SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .pathType(PathType.JSON_POINTER)
                        .build()));
    try (InputStream in = ManifestJsonSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      assertThat(in).as("schema resource %s on the class path", SCHEMA_RESOURCE).isNotNull();
      schemaNode = JSON.readTree(in);
    }
    schema = registry.getSchema(SchemaLocation.of(SCHEMA_ID), schemaNode);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The schema itself

  @Test
  void schema_is_valid_under_the_2020_12_meta_schema() {
    // GIVEN the draft 2020-12 meta-schema (bundled with the validator)
    Schema meta = registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    // WHEN the manifest schema is validated against it
    List<Error> errors = meta.validate(schemaNode);

    // THEN it is a well-formed 2020-12 schema with the agreed identity
    assertThat(errors).isEmpty();
    assertThat(schemaNode.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schemaNode.path("$id").asText()).isEqualTo(SCHEMA_ID);
  }

  @Test
  void every_property_has_a_description_and_every_object_is_closed() {
    // GIVEN the schema document
    // WHEN every property schema and every object schema in it is collected
    List<String> undescribed = new ArrayList<>();
    List<String> open = new ArrayList<>();
    walk(schemaNode, "", undescribed, open);

    // THEN each property says what it means, and only hyperparameters and slice take arbitrary keys
    assertThat(undescribed).isEmpty();
    assertThat(open)
        .containsExactlyInAnyOrder(
            "/$defs/build/properties/hyperparameters", "/$defs/metric/properties/slice");
  }

  private static void walk(JsonNode node, String at, List<String> undescribed, List<String> open) {
    if (!node.isObject()) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), at + "/" + i, undescribed, open);
        }
      }
      return;
    }
    if (node.has("properties")) {
      node.get("properties")
          .properties()
          .forEach(
              e -> {
                if (!e.getValue().has("description")) {
                  undescribed.add(at + "/properties/" + e.getKey());
                }
              });
    }
    if ("object".equals(node.path("type").asText()) && !node.path("additionalProperties").isBoolean()) {
      open.add(at);
    }
    if (node.path("additionalProperties").isBoolean() && node.path("additionalProperties").asBoolean()) {
      open.add(at);
    }
    node.properties().forEach(e -> walk(e.getValue(), at + "/" + e.getKey(), undescribed, open));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Valid documents

  @ParameterizedTest
  @ValueSource(strings = {"credit-scoring.yaml", "minimal.yaml"})
  void example_manifests_are_valid(String name) throws IOException {
    // GIVEN an example manifest read as a YAML tree
    JsonNode tree = YAML.readTree(TestFiles.manifest(name).toFile());

    // WHEN it is validated
    List<Error> errors = schema.validate(tree);

    // THEN the schema accepts it, as does the library
    assertThat(errors).as(describe(errors)).isEmpty();
    assertThatCode(() -> CODEC.read(TestFiles.manifest(name))).doesNotThrowAnyException();
  }

  @Test
  void shared_example_is_valid() throws IOException {
    // GIVEN the recommended wire shape kept next to the repository, when present
    Path example = TestFiles.root().resolveSibling("shared").resolve("docs/manifest-example.yaml");
    assertThat(example).isRegularFile();
    JsonNode tree = YAML.readTree(example.toFile());

    // WHEN it is validated
    List<Error> errors = schema.validate(tree);

    // THEN the schema accepts it unchanged
    assertThat(errors).as(describe(errors)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"credit-scoring.yaml", "minimal.yaml"})
  void codec_written_json_and_yaml_are_valid(String name) throws Exception {
    // GIVEN a manifest read by the codec
    ModelManifest manifest = CODEC.read(TestFiles.manifest(name));

    // WHEN the codec writes it as JSON and as YAML
    JsonNode json = JSON.readTree(CODEC.writeJson(manifest));
    JsonNode yaml = YAML.readTree(CODEC.writeYaml(manifest));

    // THEN both written forms validate
    assertThat(schema.validate(json)).as(describe(schema.validate(json))).isEmpty();
    assertThat(schema.validate(yaml)).as(describe(schema.validate(yaml))).isEmpty();
  }

  @Test
  void a_correct_top_level_digest_is_valid() throws Exception {
    // GIVEN the credit-scoring manifest with its own digest added at the top level
    ModelManifest manifest = CODEC.read(TestFiles.manifest("credit-scoring.yaml"));
    ObjectNode tree = creditScoring();
    tree.put("digest", CODEC.digest(manifest).toString());

    // WHEN it is validated and read
    List<Error> errors = schema.validate(tree);

    // THEN both the schema and the codec accept it
    assertThat(errors).as(describe(errors)).isEmpty();
    assertThat(CODEC.fromTree(tree)).isEqualTo(manifest);
  }

  @ParameterizedTest
  @ValueSource(strings = {"credit-scoring.yaml", "minimal.yaml"})
  void documented_digest_recipe_matches_the_codec(String name) throws Exception {
    // GIVEN a manifest and its codec-written JSON (which never holds a digest field)
    ModelManifest manifest = CODEC.read(TestFiles.manifest(name));
    byte[] written = CODEC.writeJson(manifest);
    assertThat(JSON.readTree(written).has("digest")).isFalse();

    // WHEN the written JSON is canonicalized (RFC 8785) and hashed with SHA-256, as docs/manifest-schema.md says
    Digest recipe = CanonicalJson.sha256(CanonicalJson.canonicalize(written));

    // THEN the result is the codec's manifest digest
    assertThat(recipe).isEqualTo(CODEC.digest(manifest));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Invalid documents

  static Stream<Path> invalidFiles() throws IOException {
    try (Stream<Path> files = Files.list(TestFiles.manifest("invalid"))) {
      List<Path> list =
          files
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
              .sorted()
              .collect(Collectors.toList());
      assertThat(list).isNotEmpty();
      return list.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void every_invalid_example_is_rejected(Path file) {
    // GIVEN an example the library rejects
    assertThatThrownBy(() -> CODEC.read(file)).isInstanceOf(ManifestFormatException.class);
    String name = file.getFileName().toString();

    // WHEN it is parsed and validated
    JsonNode tree;
    try {
      tree = parse(file);
    } catch (JsonProcessingException e) {
      // THEN a document that does not even parse (strictly) must be one of the known syntax cases
      assertThat(UNPARSEABLE).as("%s does not parse: %s", name, e.getOriginalMessage()).contains(name);
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Error> errors = schema.validate(tree);

    // THEN every document that parses is invalid under the schema as well
    assertThat(UNPARSEABLE).as("%s was expected not to parse", name).doesNotContain(name);
    assertThat(errors).as("%s must be invalid under the schema", name).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"truncated.json", "duplicate-key.json"})
  void malformed_examples_do_not_parse(String name) {
    // GIVEN a syntactically broken example
    Path file = TestFiles.manifest("invalid/" + name);

    // WHEN it is parsed strictly THEN parsing fails before any schema could see it
    assertThatThrownBy(() -> parse(file)).isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void invalid_examples_are_rejected_where_the_reader_rejects_them() throws IOException {
    // GIVEN the three parseable invalid examples
    // WHEN they are validated
    Set<String> missing = locations(schema.validate(parse(TestFiles.manifest("invalid/missing-fields.yaml"))));
    Set<String> unknown = locations(schema.validate(parse(TestFiles.manifest("invalid/unknown-field.json"))));
    Set<String> types = locations(schema.validate(parse(TestFiles.manifest("invalid/wrong-types.yaml"))));

    // THEN the schema reports the same places as the reader
    assertThat(missing).contains("/description required", "/supplier required", "/datasets/1/digest required");
    assertThat(unknown).contains("/colour additionalProperties", "/risk/riskOwner additionalProperties");
    assertThat(types)
        .contains(
            "/version type",
            "/risk/class enum",
            "/datasets/0/digest pattern",
            "/datasets/0/containsPersonalData type",
            "/build/source/commit pattern",
            "/build/trainingImage pattern",
            "/artifacts/0/size type",
            "/evaluation/metrics/0/value type",
            "/lifecycle/createdAt pattern");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Mutations of a valid manifest: the schema and the reader both reject each

  /** A named change to the credit-scoring tree. */
  record Mutation(String name, Consumer<ObjectNode> change) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Mutation> mutationsBothReject() {
    return Stream.of(
        new Mutation("remove id", t -> t.remove("id")),
        new Mutation("remove apiVersion", t -> t.remove("apiVersion")),
        new Mutation("remove kind", t -> t.remove("kind")),
        new Mutation("remove supplier", t -> t.remove("supplier")),
        new Mutation("remove owner.team", t -> obj(t, "/owner").remove("team")),
        new Mutation("remove risk.scheme", t -> obj(t, "/risk").remove("scheme")),
        new Mutation("remove personalData.contains", t -> obj(t, "/risk/personalData").remove("contains")),
        new Mutation("remove datasets[0].digest", t -> obj(t, "/datasets/0").remove("digest")),
        new Mutation("remove build.trainingRun", t -> obj(t, "/build").remove("trainingRun")),
        new Mutation("remove artifacts[0].digest", t -> obj(t, "/artifacts/0").remove("digest")),
        new Mutation("remove metric category", t -> obj(t, "/evaluation/metrics/0").remove("category")),
        new Mutation("remove ci.high", t -> obj(t, "/evaluation/metrics/0/ci").remove("high")),
        new Mutation("remove approval at", t -> obj(t, "/lifecycle/approvals/0").remove("at")),
        new Mutation("remove lifecycle.createdAt", t -> obj(t, "/lifecycle").remove("createdAt")),
        new Mutation("apiVersion v2", t -> t.put("apiVersion", "modelgov.dev/v2")),
        new Mutation("kind Model", t -> t.put("kind", "Model")),
        new Mutation("id without namespace", t -> t.put("id", "credit-scoring")),
        new Mutation("id uppercase", t -> t.put("id", "Risk/credit-scoring")),
        new Mutation("version with space", t -> t.put("version", "2.4 beta")),
        new Mutation("version as a number", t -> t.put("version", new BigDecimal("2.4"))),
        new Mutation("blank description", t -> t.put("description", "   ")),
        new Mutation("empty tag", t -> arr(t, "/tags").add("")),
        new Mutation("uppercase dataset digest", t -> obj(t, "/datasets/0").put("digest", "sha256:" + "AB".repeat(32))),
        new Mutation("uppercase artifact digest", t -> obj(t, "/artifacts/0").put("digest", "sha256:" + "CD".repeat(32))),
        new Mutation("uppercase algorithm", t -> obj(t, "/datasets/0").put("digest", "SHA256:" + "ab".repeat(32))),
        new Mutation("uppercase top-level digest", t -> t.put("digest", "sha256:" + "A".repeat(64))),
        new Mutation("sha512 digest", t -> obj(t, "/datasets/0").put("digest", "sha512:" + "1".repeat(128))),
        new Mutation("short digest", t -> obj(t, "/datasets/0").put("digest", "sha256:1111")),
        new Mutation("image with tag", t -> obj(t, "/build").put("trainingImage", "registry.example/ml/train:latest")),
        new Mutation(
            "image with tag and digest",
            t -> obj(t, "/build").put("trainingImage", "registry.example/ml/train:v1@sha256:" + "3".repeat(64))),
        new Mutation(
            "image uppercase repository",
            t -> t.put("servingImage", "Registry.example/ml/serve@sha256:" + "5".repeat(64))),
        new Mutation("short commit", t -> obj(t, "/build/source").put("commit", "3f2a9c0")),
        new Mutation("uppercase commit", t -> upper(obj(t, "/build/source"), "commit")),
        new Mutation("branch as commit", t -> obj(t, "/build/source").put("commit", "main")),
        new Mutation("unknown top-level field", t -> t.put("colour", "blue")),
        new Mutation("unknown owner field", t -> obj(t, "/owner").put("manager", "someone")),
        new Mutation("unknown dataset field", t -> obj(t, "/datasets/0").put("rows", 1000)),
        new Mutation("unknown trainingRun field", t -> obj(t, "/build/trainingRun").put("gpu", "a100")),
        new Mutation("unknown metric field", t -> obj(t, "/evaluation/metrics/0").put("note", "x")),
        new Mutation("unknown threshold field", t -> obj(t, "/evaluation/metrics/0/threshold").put("target", 1)),
        new Mutation("unknown approval field", t -> obj(t, "/lifecycle/approvals/0").put("signature", "x")),
        new Mutation("risk class lowercase", t -> obj(t, "/risk").put("class", "high")),
        new Mutation("risk class unknown", t -> obj(t, "/risk").put("class", "SEVERE")),
        new Mutation("risk scheme with space", t -> obj(t, "/risk").put("scheme", "EU AI ACT")),
        new Mutation("dataset role lowercase", t -> obj(t, "/datasets/0").put("role", "train")),
        new Mutation("stage lowercase", t -> obj(t, "/lifecycle").put("stage", "production")),
        new Mutation("approval decision unknown", t -> obj(t, "/lifecycle/approvals/0").put("decision", "OK")),
        new Mutation("approval scope unknown", t -> obj(t, "/lifecycle/approvals/0").put("scope", "PROD")),
        new Mutation("metric category lowercase", t -> obj(t, "/evaluation/metrics/0").put("category", "fairness")),
        new Mutation("autonomy uppercase", t -> obj(t, "/intendedUse").put("autonomy", "HUMAN-IN-THE-LOOP")),
        new Mutation("autonomy enum name", t -> obj(t, "/intendedUse").put("autonomy", "HUMAN_IN_THE_LOOP")),
        new Mutation(
            "baseModel relation uppercase",
            t -> arr(t, "/baseModels").addObject().put("ref", "hf/base").put("relation", "FINETUNE")),
        new Mutation("metric name uppercase", t -> obj(t, "/evaluation/metrics/0").put("name", "AUC")),
        new Mutation("metric name with digit first", t -> obj(t, "/evaluation/metrics/0").put("name", "1auc")),
        new Mutation("metric value as text", t -> obj(t, "/evaluation/metrics/0").put("value", "0.912")),
        new Mutation("no datasets", t -> arr(t, "/datasets").removeAll()),
        new Mutation("no artifacts", t -> arr(t, "/artifacts").removeAll()),
        new Mutation("no metrics", t -> arr(t, "/evaluation/metrics").removeAll()),
        new Mutation("negative size", t -> obj(t, "/artifacts/0").put("size", -1)),
        new Mutation("size above 2^53", t -> obj(t, "/artifacts/0").put("size", (1L << 53) + 1)),
        new Mutation("containsPersonalData as text", t -> obj(t, "/datasets/0").put("containsPersonalData", "yes")),
        new Mutation("createdAt without offset", t -> obj(t, "/lifecycle").put("createdAt", "2026-11-19T08:12:00")),
        new Mutation("createdAt as a date", t -> obj(t, "/lifecycle").put("createdAt", "2026-11-19")),
        new Mutation("approval at as text", t -> obj(t, "/lifecycle/approvals/0").put("at", "yesterday")),
        new Mutation("startedAt invalid", t -> obj(t, "/build/trainingRun").put("startedAt", "2026-13-01T00:00:00Z")),
        new Mutation("hyperparameter as object", t -> obj(t, "/build/hyperparameters").putObject("grid")),
        new Mutation("hyperparameter as list", t -> obj(t, "/build/hyperparameters").putArray("Cs").add(1)),
        new Mutation("hyperparameter blank text", t -> obj(t, "/build/hyperparameters").put("penalty", " ")),
        new Mutation("slice value as number", t -> obj(t, "/evaluation/metrics/1/slice").put("attribute", 3)),
        new Mutation("empty threshold", t -> obj(t, "/evaluation/metrics/0").putObject("threshold")),
        new Mutation("range with one bound", t -> obj(t, "/intendedUse/outputs/0").putArray("range").add(0)),
        new Mutation("range with three bounds", t -> arr(t, "/intendedUse/outputs/0/range").add(2)),
        new Mutation("range bound as text", t -> arr(t, "/intendedUse/outputs/0/range").set(0, F.textNode("0"))),
        new Mutation("owner as text", t -> t.put("owner", "credit-risk-ml")),
        new Mutation("datasets as object", t -> t.putObject("datasets")),
        new Mutation("tags as text", t -> t.put("tags", "credit")),
        new Mutation("only apiVersion left", t -> {
          t.removeAll();
          t.put("apiVersion", "modelgov.dev/v1");
        }));
  }

  @ParameterizedTest
  @MethodSource("mutationsBothReject")
  void schema_rejects_what_the_reader_rejects(Mutation mutation) {
    // GIVEN the valid credit-scoring manifest, changed in one place
    ObjectNode tree = creditScoring();
    mutation.change().accept(tree);

    // WHEN it is validated
    List<Error> errors = schema.validate(tree);

    // THEN the schema rejects it, and so does the reader
    assertThat(errors).as("schema errors for '%s'", mutation).isNotEmpty();
    assertThatThrownBy(() -> CODEC.fromTree(tree))
        .as("the reader for '%s'", mutation)
        .isInstanceOf(ManifestFormatException.class);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Documented deviations (docs/manifest-schema.md), pinned so that the documentation stays true

  static Stream<Mutation> schemaStricterThanReader() {
    return Stream.of(
        new Mutation("null optional object", t -> t.putNull("framework")),
        new Mutation("null optional text", t -> obj(t, "/owner").putNull("contact")),
        new Mutation("null list", t -> t.putNull("tags")),
        new Mutation("null slice value", t -> obj(t, "/evaluation/metrics/1/slice").putNull("attribute")),
        new Mutation("timestamp without seconds", t -> obj(t, "/lifecycle").put("createdAt", "2026-11-19T08:12Z")));
  }

  @ParameterizedTest
  @MethodSource("schemaStricterThanReader")
  void schema_is_stricter_than_the_reader_on_nulls_and_short_timestamps(Mutation mutation) {
    // GIVEN the valid credit-scoring manifest with a null or an ISO 8601 timestamp without seconds
    ObjectNode tree = creditScoring();
    mutation.change().accept(tree);

    // WHEN it is validated and read
    List<Error> errors = schema.validate(tree);

    // THEN the schema flags it although the reader accepts it
    assertThat(errors).as("schema errors for '%s'", mutation).isNotEmpty();
    assertThatCode(() -> CODEC.fromTree(tree)).as("the reader for '%s'", mutation).doesNotThrowAnyException();
  }

  static Stream<Mutation> onlyTheReaderRejects() {
    return Stream.of(
        new Mutation(
            "duplicate dataset name",
            t -> obj(t, "/datasets/1").put("name", obj(t, "/datasets/0").get("name").asText())),
        new Mutation("metric names no dataset", t -> obj(t, "/evaluation/metrics/0").put("dataset", "nope")),
        new Mutation(
            "duplicate input name", t -> obj(t, "/intendedUse/inputs/1").put("name", "income")),
        new Mutation(
            "threshold min above max", t -> obj(t, "/evaluation/metrics/0/threshold").put("max", 0.1)),
        new Mutation(
            "ci low above high", t -> obj(t, "/evaluation/metrics/0/ci").put("low", 0.99)),
        new Mutation(
            "range min above max",
            t -> arr(t, "/intendedUse/outputs/0/range").removeAll().add(1).add(0)),
        new Mutation(
            "endedAt before startedAt",
            t ->
                obj(t, "/build/trainingRun")
                    .put("startedAt", "2026-11-02T00:00:00Z")
                    .put("endedAt", "2026-11-01T00:00:00Z")),
        new Mutation(
            "16 significant digits",
            t -> obj(t, "/evaluation/metrics/0").put("value", new BigDecimal("0.9123456789012345"))),
        new Mutation("stale top-level digest", t -> t.put("digest", "sha256:" + "0".repeat(64))),
        new Mutation("size written as 1.0", t -> obj(t, "/artifacts/0").put("size", new BigDecimal("18273.0"))));
  }

  @ParameterizedTest
  @MethodSource("onlyTheReaderRejects")
  void rules_json_schema_cannot_state_are_left_to_the_reader(Mutation mutation) {
    // GIVEN the valid credit-scoring manifest, broken in a way JSON Schema cannot express
    ObjectNode tree = creditScoring();
    mutation.change().accept(tree);

    // WHEN it is validated and read
    List<Error> errors = schema.validate(tree);

    // THEN the schema accepts it and the reader rejects it
    assertThat(errors).as(describe(errors)).isEmpty();
    assertThatThrownBy(() -> CODEC.fromTree(tree))
        .as("the reader for '%s'", mutation)
        .isInstanceOf(ManifestFormatException.class);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers

  private static JsonNode parse(Path file) throws IOException {
    ObjectMapper mapper = file.toString().endsWith(".json") ? JSON : YAML;
    JsonNode node = mapper.readTree(file.toFile());
    if (node == null || node.isMissingNode()) {
      throw new JsonParseException(null, "empty document");
    }
    return node;
  }

  private static ObjectNode creditScoring() {
    try {
      return (ObjectNode) YAML.readTree(TestFiles.manifest("credit-scoring.yaml").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode obj(ObjectNode root, String pointer) {
    JsonNode n = root.at(pointer);
    assertThat(n.isObject()).as("%s is an object", pointer).isTrue();
    return (ObjectNode) n;
  }

  private static ArrayNode arr(ObjectNode root, String pointer) {
    JsonNode n = root.at(pointer);
    assertThat(n.isArray()).as("%s is an array", pointer).isTrue();
    return (ArrayNode) n;
  }

  private static void upper(ObjectNode o, String field) {
    String upper = o.get(field).asText().toUpperCase(Locale.ROOT);
    assertThat(upper).as("%s has letters to uppercase", field).isNotEqualTo(o.get(field).asText());
    o.put(field, upper);
  }

  /** Each error as "{instance pointer}[/{property}] {keyword}". */
  private static Set<String> locations(List<Error> errors) {
    return errors.stream().map(ManifestJsonSchemaTest::location).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String location(Error e) {
    String at = e.getInstanceLocation().toString();
    String keyword = e.getKeyword();
    if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && e.getProperty() != null) {
      at = (at.equals("/") ? "" : at) + "/" + e.getProperty();
    }
    return at + " " + keyword;
  }

  private static String describe(List<Error> errors) {
    return errors.stream().map(e -> location(e) + ": " + e.getMessage()).collect(Collectors.joining("\n"));
  }
}
