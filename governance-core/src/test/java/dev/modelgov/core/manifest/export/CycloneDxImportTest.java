package dev.modelgov.core.manifest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ManifestProblem;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CycloneDxImportTest {

  private static final CycloneDxImport IMPORT = CycloneDxImport.defaults();

  static Stream<Arguments> manifests() {
    return Stream.of(
        Arguments.of("credit-scoring", Manifests.creditScoring()),
        Arguments.of("minimal", Manifests.minimal()),
        Arguments.of("tricky", Manifests.tricky()));
  }

  private static Path example(String name) {
    return CycloneDxSchema.dir().resolve(name);
  }

  private static List<String> paths(CycloneDxImport.Result result) {
    return result.unmappedFields().stream().map(LostField::path).collect(Collectors.toList());
  }

  private static List<String> problemPaths(CycloneDxImport.Result result) {
    return result.builder().validate().stream().map(ManifestProblem::path).collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void our_export_imports_back_to_an_equal_manifest(String name, ModelManifest original) throws Exception {
    // GIVEN a manifest exported as CycloneDX
    byte[] bom = ManifestExporter.defaults().export(original, ExportFormat.CYCLONEDX).content();
    // WHEN the BOM is imported
    CycloneDxImport.Result result = IMPORT.read(bom);
    // THEN nothing is unmapped, the builder is complete, and the manifest equals the original (so has its digest)
    assertThat(result.unmappedFields()).isEmpty();
    assertThat(result.builder().validate()).isEmpty();
    ModelManifest imported = result.builder().build();
    assertThat(imported).isEqualTo(original);
    assertThat(ManifestCodec.defaults().digest(imported)).isEqualTo(ManifestCodec.defaults().digest(original));
  }

  @Test
  void the_manifest_tree_is_the_manifest_document() throws Exception {
    // GIVEN the exported credit-scoring BOM
    ModelManifest original = Manifests.creditScoring();
    byte[] bom = ManifestExporter.defaults().export(original, ExportFormat.CYCLONEDX).content();
    // WHEN it is imported
    ObjectNode tree = IMPORT.read(bom).manifestTree();
    // THEN the tree reads back, through the codec, as the original
    assertThat(ManifestCodec.defaults().fromTree(tree)).isEqualTo(original);
  }

  @Test
  void official_ml_example_maps_the_model_and_lists_what_it_could_not() throws Exception {
    // GIVEN the official CycloneDX 1.6 ML-BOM test vector
    // WHEN it is imported
    CycloneDxImport.Result result = IMPORT.read(example("examples/valid-machine-learning-1.6.json"));
    ObjectNode tree = result.manifestTree();
    // THEN the model component's group, name and version are found; the group is lowercased to form the id
    assertThat(tree.path("id").textValue()).isEqualTo("compvis/stable-diffusion");
    assertThat(tree.path("version").textValue()).isEqualTo("1.4");
    assertThat(tree.path("supplier").textValue()).isEqualTo("Acme Inc");
    assertThat(tree.path("task").textValue()).isEqualTo("task goes here");
    assertThat(problemPaths(result)).doesNotContain("id", "version", "description", "supplier", "task");
    // AND the considerations are mapped
    assertThat(tree.path("intendedUse").path("users")).hasSize(2);
    assertThat(tree.path("risk").path("risks").get(0).path("name").textValue()).isEqualTo("The name of the risk");
    assertThat(tree.path("evaluation").path("fairnessAssessments")).hasSize(1);
    assertThat(tree.path("datasets").get(0).path("uri").textValue()).isEqualTo("https://example.com/path/to/dataset");
    // AND the metric is found but, its value being prose, listed as unmapped with graphics, approach and properties
    String prefix = "components[0].modelCard.";
    assertThat(paths(result))
        .contains(
            "components[0].group",
            prefix + "modelParameters.approach",
            prefix + "modelParameters.architectureFamily",
            prefix + "quantitativeAnalysis.performanceMetrics[0]",
            prefix + "quantitativeAnalysis.graphics",
            prefix + "considerations.useCases[1]",
            prefix + "properties");
    assertThat(result.unmappedFields())
        .filteredOn(f -> f.path().endsWith("performanceMetrics[0]"))
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("not a decimal"));
  }

  @Test
  void official_environmental_example_maps_the_model_and_lists_energy_as_unmapped() throws Exception {
    // GIVEN the official example with environmental considerations
    // WHEN it is imported
    CycloneDxImport.Result result = IMPORT.read(example("examples/valid-machine-learning-considerations-env-1.6.json"));
    ObjectNode tree = result.manifestTree();
    // THEN the model and its distribution are found
    assertThat(tree.path("id").textValue()).isEqualTo("meta-llama/llama-2-7b");
    assertThat(tree.path("supplier").textValue()).isEqualTo("Hugging Face");
    assertThat(tree.path("artifacts").get(0).path("uri").textValue()).isEqualTo("https://huggingface.co/meta-llama/Llama-2-7b");
    // AND the energy consumption, the publisher and the name normalisation are listed
    assertThat(paths(result))
        .containsExactly(
            "components[0].name",
            "components[0].publisher",
            "components[0].modelCard.considerations.environmentalConsiderations");
    // AND the builder says what the BOM did not: the version, for one
    assertThat(problemPaths(result)).contains("version", "risk", "lifecycle");
  }

  @Test
  void project_sample_maps_metrics_datasets_images_run_and_approval() throws Exception {
    // GIVEN the research sample BOM, written by hand in the intended shape
    // WHEN it is imported
    CycloneDxImport.Result result = IMPORT.read(example("project-samples/manifest-mapping-sample-1.6.json"));
    ObjectNode tree = result.manifestTree();
    // THEN its metrics are read with decimal values, slices and confidence intervals
    assertThat(tree.path("evaluation").path("metrics")).hasSize(3);
    assertThat(tree.path("evaluation").path("metrics").get(0).path("name").textValue()).isEqualTo("roc_auc");
    assertThat(tree.path("evaluation").path("metrics").get(0).path("value").decimalValue()).isEqualByComparingTo(new BigDecimal("0.871"));
    assertThat(tree.path("evaluation").path("metrics").get(0).path("ci").path("low").decimalValue()).isEqualByComparingTo("0.864");
    assertThat(tree.path("evaluation").path("metrics").get(1).path("slice").path("attribute").textValue()).isEqualTo("sex");
    // AND its datasets, training image (found as a workflow input), run and approval
    assertThat(tree.path("datasets").get(0).path("digest").textValue()).startsWith("sha256:0a1b2c3d");
    assertThat(tree.path("datasets").get(0).path("containsPersonalData").booleanValue()).isTrue();
    assertThat(tree.path("build").path("trainingImage").textValue())
        .isEqualTo("registry.example.com/risk/trainer@sha256:4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b");
    assertThat(tree.path("build").path("trainingRun").path("id").textValue()).isEqualTo("a1b2c3d4e5f6");
    assertThat(tree.path("lifecycle").path("approvals").get(0).path("at").textValue()).isEqualTo("2026-01-15T09:55:00Z");
    // AND its own example: properties, lifecycles and authors are listed as unmapped
    assertThat(paths(result))
        .contains("metadata.lifecycles", "metadata.component.authors", "metadata.component.properties");
  }

  @Test
  void strict_parse_rejects_duplicate_keys() {
    // GIVEN a BOM with a duplicate key
    byte[] bom = "{\"bomFormat\":\"CycloneDX\",\"bomFormat\":\"CycloneDX\"}".getBytes(StandardCharsets.UTF_8);
    // WHEN it is imported
    ManifestFormatException e = catchThrowableOfType(ManifestFormatException.class, () -> IMPORT.read(bom));
    // THEN it is rejected with the position of the problem
    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).containsIgnoringCase("duplicate"));
  }

  @Test
  void rejects_documents_that_are_not_cyclonedx_or_have_no_model() {
    // GIVEN an SPDX document and a CycloneDX BOM without a machine-learning model
    byte[] spdx = ManifestExporter.defaults().export(Manifests.minimal(), ExportFormat.SPDX).content();
    byte[] noModel =
        "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\",\"name\":\"x\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    // WHEN they are imported
    // THEN both are refused with a problem naming the field
    assertThatThrownBy(() -> IMPORT.read(spdx))
        .isInstanceOfSatisfying(
            ManifestFormatException.class, e -> assertThat(e.problems().get(0).path()).isEqualTo("bomFormat"));
    assertThatThrownBy(() -> IMPORT.read(noModel))
        .isInstanceOfSatisfying(
            ManifestFormatException.class, e -> assertThat(e.problems().get(0).message()).contains("machine-learning-model"));
  }

  @Test
  void unknown_modelgov_properties_are_listed_not_dropped() throws Exception {
    // GIVEN our BOM with a property naming no manifest field, and one that is not a manifest path
    ObjectNode bom = (ObjectNode) CycloneDxSchema.read(
        ManifestExporter.defaults().export(Manifests.minimal(), ExportFormat.CYCLONEDX).content());
    ObjectNode model = (ObjectNode) bom.path("metadata").path("component");
    model.withArrayProperty("properties").addObject().put("name", "modelgov:nonsense").put("value", "x");
    model.withArrayProperty("properties").addObject().put("name", "modelgov:bad..path").put("value", "x");
    // WHEN it is imported
    CycloneDxImport.Result result = IMPORT.read(bom.toString().getBytes(StandardCharsets.UTF_8));
    // THEN both are reported, and everything else still maps
    assertThat(paths(result)).contains("nonsense");
    assertThat(result.unmappedFields()).anySatisfy(f -> assertThat(f.reason()).contains("not a ModelGov manifest path"));
    assertThat(problemPaths(result)).isEmpty();
  }

  @Test
  void a_large_foreign_bom_imports_in_reasonable_time() {
    // GIVEN a BOM with 20,000 components besides the model, none of which maps
    StringBuilder sb = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[");
    sb.append("{\"type\":\"machine-learning-model\",\"bom-ref\":\"m\",\"group\":\"g\",\"name\":\"n\"}");
    for (int i = 0; i < 20_000; i++) {
      sb.append(",{\"type\":\"library\",\"bom-ref\":\"c").append(i).append("\",\"name\":\"lib").append(i).append("\"}");
    }
    byte[] bom = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    // WHEN it is imported
    // THEN it takes well under the time a quadratic walk would, and lists every component once
    CycloneDxImport.Result result =
        assertTimeout(Duration.ofSeconds(10), () -> IMPORT.read(bom));
    assertThat(result.unmappedFields()).hasSize(20_000);
    assertThat(result.manifestTree().path("id").textValue()).isEqualTo("g/n");
  }

  @Test
  void null_arguments_are_refused_with_their_name() {
    // GIVEN the importer
    // WHEN it is given null
    // THEN the message names the argument
    assertThatThrownBy(() -> IMPORT.read((byte[]) null)).hasMessage("document must not be null");
    assertThatThrownBy(() -> IMPORT.read((Path) null)).hasMessage("file must not be null");
  }

  @Test
  void result_to_string_has_counts_only() throws Exception {
    // GIVEN an imported BOM with an approver
    byte[] bom = ManifestExporter.defaults().export(Manifests.creditScoring(), ExportFormat.CYCLONEDX).content();
    // WHEN the result is printed
    String text = IMPORT.read(bom).toString();
    // THEN no value appears
    assertThat(text).isEqualTo("CycloneDxImport.Result[0 unmapped fields, 0 manifest problems]");
  }
}
