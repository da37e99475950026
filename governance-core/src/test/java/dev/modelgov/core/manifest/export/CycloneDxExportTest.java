package dev.modelgov.core.manifest.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.manifest.ModelManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CycloneDxExportTest {

  private static final ManifestExporter EXPORTER = ManifestExporter.defaults();

  static Stream<Arguments> manifests() {
    return Stream.of(
        Arguments.of("credit-scoring", Manifests.creditScoring()),
        Arguments.of("minimal", Manifests.minimal()),
        Arguments.of("tricky", Manifests.tricky()));
  }

  private static JsonNode export(ModelManifest m) {
    return CycloneDxSchema.read(EXPORTER.export(m, ExportFormat.CYCLONEDX).content());
  }

  private static JsonNode property(JsonNode component, String name) {
    for (JsonNode p : component.path("properties")) {
      if (name.equals(p.path("name").textValue())) {
        return p.path("value");
      }
    }
    return null;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void export_validates_against_the_official_1_6_schema(String name, ModelManifest m) {
    // GIVEN an example manifest
    // WHEN it is exported
    JsonNode bom = export(m);
    // THEN the BOM is valid CycloneDX 1.6
    assertThat(CycloneDxSchema.errors(bom, "1.6")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void export_also_validates_against_the_1_7_schema(String name, ModelManifest m) {
    // GIVEN an exported BOM
    JsonNode bom = export(m);
    // WHEN it is checked as a 1.7 BOM (modelCard and componentData are unchanged in 1.7)
    List<String> errors = CycloneDxSchema.errorsAs17(bom);
    // THEN it is valid
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "examples/valid-machine-learning-1.6.json",
        "examples/valid-machine-learning-considerations-env-1.6.json",
        "examples/valid-component-data-1.6.json",
        "project-samples/manifest-mapping-sample-1.6.json"
      })
  void harness_accepts_the_official_examples(String file) {
    // GIVEN an official CycloneDX 1.6 test vector
    JsonNode bom = CycloneDxSchema.read(CycloneDxSchema.dir().resolve(file));
    // WHEN it is validated with the same harness
    List<String> errors = CycloneDxSchema.errors(bom, "1.6");
    // THEN it passes, so the offline $ref mapping to spdx.schema.json and jsf-0.82.schema.json works
    assertThat(errors).isEmpty();
  }

  @Test
  void harness_accepts_the_official_1_7_example() {
    // GIVEN the official 1.7 ML-BOM test vector
    JsonNode bom = CycloneDxSchema.read(CycloneDxSchema.dir().resolve("examples/valid-machine-learning-1.7.json"));
    // WHEN it is validated against 1.7, which also refers to cryptography-defs.schema.json
    // THEN it passes
    assertThat(CycloneDxSchema.errors(bom, "1.7")).isEmpty();
  }

  @Test
  void harness_rejects_an_invalid_bom() {
    // GIVEN our BOM with a learning approach CycloneDX does not know and a license id not in the SPDX list
    ObjectNode bom = (ObjectNode) export(Manifests.minimal());
    ObjectNode params = (ObjectNode) bom.path("metadata").path("component").path("modelCard").path("modelParameters");
    params.putObject("approach").put("type", "magic");
    // WHEN it is validated
    List<String> errors = CycloneDxSchema.errors(bom, "1.6");
    // THEN the harness reports the error, so the passing tests above are meaningful
    assertThat(errors).anySatisfy(e -> assertThat(e).contains("approach"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void export_is_deterministic_pretty_json_with_a_trailing_newline(String name, ModelManifest m) {
    // GIVEN a manifest
    // WHEN it is exported twice
    byte[] first = EXPORTER.export(m, ExportFormat.CYCLONEDX).content();
    byte[] second = EXPORTER.export(m, ExportFormat.CYCLONEDX).content();
    // THEN the bytes are equal, indented with two spaces, with \n line ends and a final newline
    assertThat(first).isEqualTo(second);
    String text = new String(first, StandardCharsets.UTF_8);
    assertThat(text).startsWith("{\n  \"$schema\": ").endsWith("}\n").doesNotContain("\r");
  }

  @Test
  void serial_number_is_a_version_8_uuid_derived_from_the_manifest_digest() {
    // GIVEN two manifests that differ in one field
    ModelManifest m = Manifests.creditScoring();
    ModelManifest other = m.toBuilder().description("changed").build();
    // WHEN both are exported
    String serial = export(m).path("serialNumber").textValue();
    String otherSerial = export(other).path("serialNumber").textValue();
    // THEN each serial number is a name-based UUID v8 with the RFC 4122 variant, and differs with the digest
    UUID uuid = UUID.fromString(serial.substring("urn:uuid:".length()));
    assertThat(uuid.version()).isEqualTo(8);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(otherSerial).isNotEqualTo(serial);
    assertThat(export(m).path("serialNumber").textValue()).isEqualTo(serial);
  }

  @Test
  void metadata_timestamp_is_the_manifest_creation_time_not_now() {
    // GIVEN the credit-scoring manifest, created 2026-11-19T08:12:00Z
    // WHEN it is exported
    JsonNode bom = export(Manifests.creditScoring());
    // THEN the BOM timestamp is that time
    assertThat(bom.path("metadata").path("timestamp").textValue()).isEqualTo("2026-11-19T08:12:00Z");
  }

  @Test
  void model_component_carries_identity_supplier_license_hashes_and_references() {
    // GIVEN the credit-scoring manifest
    // WHEN it is exported
    JsonNode model = export(Manifests.creditScoring()).path("metadata").path("component");
    // THEN the model is a machine-learning-model component with native identity fields
    assertThat(model.path("type").textValue()).isEqualTo("machine-learning-model");
    assertThat(model.path("bom-ref").textValue()).isEqualTo("model:risk/credit-scoring@2.4.0");
    assertThat(model.path("group").textValue()).isEqualTo("risk");
    assertThat(model.path("name").textValue()).isEqualTo("credit-scoring");
    assertThat(model.path("version").textValue()).isEqualTo("2.4.0");
    assertThat(model.path("description").textValue()).startsWith("Logistic-regression");
    assertThat(model.path("supplier").path("name").textValue()).isEqualTo("Example Bank plc");
    assertThat(model.path("manufacturer").path("name").textValue()).isEqualTo("credit-risk-ml");
    assertThat(model.path("licenses").get(0).path("expression").textValue()).isEqualTo("LicenseRef-Proprietary");
    assertThat(model.path("hashes").get(0).path("alg").textValue()).isEqualTo("SHA-256");
    assertThat(model.path("hashes").get(0).path("content").textValue()).isEqualTo("4".repeat(64));
    // AND the artifact and source repository are external references, the commit is in the pedigree
    assertThat(model.path("externalReferences").get(0).path("type").textValue()).isEqualTo("distribution");
    assertThat(model.path("externalReferences").get(0).path("url").textValue()).isEqualTo("s3://ml-models/credit-scoring/2.4.0/");
    assertThat(model.path("externalReferences").get(1).path("type").textValue()).isEqualTo("vcs");
    assertThat(model.path("pedigree").path("commits").get(0).path("uid").textValue())
        .isEqualTo("3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39");
    assertThat(model.path("tags").toString()).isEqualTo("[\"credit\",\"tabular\"]");
  }

  @Test
  void model_card_holds_parameters_metrics_and_considerations() {
    // GIVEN the credit-scoring manifest
    // WHEN it is exported
    JsonNode card = export(Manifests.creditScoring()).path("metadata").path("component").path("modelCard");
    // THEN the model parameters name the task, the datasets by bom-ref and the input/output formats
    JsonNode params = card.path("modelParameters");
    assertThat(params.path("task").textValue()).isEqualTo("binary-classification");
    assertThat(params.path("datasets").get(0).path("ref").textValue())
        .isEqualTo("dataset:risk/credit-scoring@2.4.0/applications");
    assertThat(params.path("inputs").get(0).path("format").textValue()).isEqualTo("number");
    assertThat(params.path("outputs").get(1).path("format").textValue()).isEqualTo("category");
    // AND metric values are strings, with slice and confidence interval
    JsonNode metrics = card.path("quantitativeAnalysis").path("performanceMetrics");
    assertThat(metrics.get(0).path("type").textValue()).isEqualTo("auc");
    assertThat(metrics.get(0).path("value").isTextual()).isTrue();
    assertThat(metrics.get(0).path("value").textValue()).isEqualTo("0.912");
    assertThat(metrics.get(0).path("confidenceInterval").path("lowerBound").textValue()).isEqualTo("0.901");
    assertThat(metrics.get(1).path("slice").textValue()).isEqualTo("attribute=sex");
    // AND the considerations hold users, use case, limitations, risks and fairness assessments
    JsonNode cons = card.path("considerations");
    assertThat(cons.path("users").get(0).textValue()).isEqualTo("credit officers");
    assertThat(cons.path("useCases").get(0).textValue()).startsWith("Pre-screen consumer credit");
    assertThat(cons.path("technicalLimitations")).hasSize(2);
    assertThat(cons.path("ethicalConsiderations").get(0).path("mitigationStrategy").textValue()).startsWith("region grouped");
    assertThat(cons.path("fairnessAssessments").get(0).path("groupAtRisk").textValue()).isEqualTo("applicants over 60");
  }

  @Test
  void datasets_and_images_are_separate_components_and_the_run_is_a_workflow() {
    // GIVEN the credit-scoring manifest
    // WHEN it is exported
    JsonNode bom = export(Manifests.creditScoring());
    JsonNode components = bom.path("components");
    // THEN each dataset is a data component with version, hash and a dataset entry
    JsonNode train = components.get(0);
    assertThat(train.path("type").textValue()).isEqualTo("data");
    assertThat(train.path("version").textValue()).isEqualTo("2025q4-v7");
    assertThat(train.path("hashes").get(0).path("content").textValue()).isEqualTo("1".repeat(64));
    assertThat(train.path("data").get(0).path("type").textValue()).isEqualTo("dataset");
    assertThat(train.path("data").get(0).path("contents").path("url").textValue())
        .isEqualTo("s3://ml-data/credit/applications/2025q4-v7/");
    assertThat(train.path("data").get(0).path("sensitiveData").get(0).textValue()).isEqualTo("personal data");
    // AND training and serving images are container components pinned by digest
    assertThat(components.get(2).path("type").textValue()).isEqualTo("container");
    assertThat(components.get(2).path("name").textValue()).isEqualTo("registry.bank.example/ml/credit-train");
    assertThat(components.get(2).path("hashes").get(0).path("content").textValue()).isEqualTo("3".repeat(64));
    assertThat(property(components.get(3), "modelgov:image.role").textValue()).isEqualTo("serving");
    // AND the training run is a formulation workflow from training data and image to the model
    JsonNode wf = bom.path("formulation").get(0).path("workflows").get(0);
    assertThat(wf.path("uid").textValue()).isEqualTo("8c1f3e5a7b9d4f2e");
    assertThat(wf.path("inputs").toString()).contains("dataset:risk/credit-scoring@2.4.0/applications\"")
        .doesNotContain("applications-holdout");
    assertThat(wf.path("outputs").get(0).path("resource").path("ref").textValue())
        .isEqualTo("model:risk/credit-scoring@2.4.0");
  }

  @Test
  void fields_without_a_native_slot_are_modelgov_properties_and_nothing_is_lost() {
    // GIVEN the credit-scoring manifest
    // WHEN it is exported
    ExportResult result = EXPORTER.export(Manifests.creditScoring(), ExportFormat.CYCLONEDX);
    JsonNode model = CycloneDxSchema.read(result.content()).path("metadata").path("component");
    // THEN risk class, stage and the rest are properties in the modelgov: namespace
    assertThat(property(model, "modelgov:risk.class").textValue()).isEqualTo("HIGH");
    assertThat(property(model, "modelgov:lifecycle.stage").textValue()).isEqualTo("PRODUCTION");
    assertThat(property(model, "modelgov:evaluation.metrics[0].threshold.min").textValue()).isEqualTo("0.85");
    assertThat(property(model, "modelgov:build.hyperparameters.C").textValue()).isEqualTo("0.5");
    List<String> names = new ArrayList<>();
    model.path("properties").forEach(p -> names.add(p.path("name").textValue()));
    assertThat(names).allSatisfy(n -> assertThat(n).startsWith("modelgov:"));
    // AND no field is reported lost
    assertThat(result.lostFields()).isEmpty();
  }

  @Test
  void approvals_are_annotations_on_the_model() {
    // GIVEN the credit-scoring manifest with two approvals
    // WHEN it is exported
    JsonNode annotations = export(Manifests.creditScoring()).path("annotations");
    // THEN each approval is an annotation on the model with its time
    assertThat(annotations).hasSize(2);
    assertThat(annotations.get(1).path("subjects").get(0).textValue()).isEqualTo("model:risk/credit-scoring@2.4.0");
    assertThat(annotations.get(1).path("timestamp").textValue()).isEqualTo("2026-11-21T15:30:00Z");
    assertThat(annotations.get(1).path("text").textValue()).isEqualTo("APPROVED for PRODUCTION by role risk-officer");
  }

  @Test
  void values_that_are_not_urls_are_carried_as_properties() {
    // GIVEN a manifest whose second artifact and one dataset URI contain spaces
    ModelManifest m = Manifests.tricky();
    // WHEN it is exported
    JsonNode bom = export(m);
    JsonNode model = bom.path("metadata").path("component");
    // THEN the URIs are properties rather than url fields (which must be IRI references), and the BOM stays valid
    assertThat(property(model, "modelgov:artifacts[1].uri").textValue())
        .isEqualTo("s3://ml-models/credit scoring/2.4.0/model.onnx");
    assertThat(property(model, "modelgov:datasets[2].uri").textValue()).isEqualTo("s3://bucket/with space/");
    assertThat(bom.toString()).doesNotContain("\"url\":\"s3://bucket/with space/\"");
    assertThat(CycloneDxSchema.errors(bom, "1.6")).isEmpty();
  }

  @Test
  void text_that_reads_as_a_number_is_quoted_in_its_property() {
    // GIVEN hyperparameters with the text "42", the text "true" and the number 0.5
    ModelManifest m = Manifests.tricky();
    // WHEN exported
    JsonNode model = export(m).path("metadata").path("component");
    // THEN text that would read back as a number or boolean is a quoted JSON string; numbers are plain
    assertThat(property(model, "modelgov:build.hyperparameters.seed").textValue()).isEqualTo("\"42\"");
    assertThat(property(model, "modelgov:build.hyperparameters.flag").textValue()).isEqualTo("\"true\"");
    assertThat(property(model, "modelgov:build.hyperparameters.C").textValue()).isEqualTo("0.5");
    assertThat(property(model, "modelgov:build.hyperparameters[\"a.b[0]\"]").textValue()).isEqualTo("true");
  }

  @Test
  void the_project_sample_shape_is_followed() {
    // GIVEN the saved research sample of the intended export shape
    Path sample = CycloneDxSchema.dir().resolve("project-samples/manifest-mapping-sample-1.6.json");
    JsonNode expected = CycloneDxSchema.read(sample);
    // WHEN our export of a comparable manifest is produced
    JsonNode bom = export(Manifests.creditScoring());
    // THEN it uses the same top-level sections
    List<String> sections = new ArrayList<>();
    expected.properties().forEach(e -> sections.add(e.getKey()));
    List<String> ours = new ArrayList<>();
    bom.properties().forEach(e -> ours.add(e.getKey()));
    assertThat(ours).containsAll(sections);
  }
}
