package dev.modelgov.core.manifest.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.core.TestFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpdxExportTest {

  private static final ManifestExporter EXPORTER = ManifestExporter.defaults();
  private static final String BASE = "https://modelgov.dev/spdx/risk/credit-scoring/2.4.0/";

  static Stream<Arguments> manifests() {
    return Stream.of(
        Arguments.of("credit-scoring", Manifests.creditScoring()),
        Arguments.of("minimal", Manifests.minimal()),
        Arguments.of("tricky", Manifests.tricky()));
  }

  private static JsonNode export(ModelManifest m) {
    return CycloneDxSchema.read(EXPORTER.export(m, ExportFormat.SPDX).content());
  }

  private static List<JsonNode> ofType(JsonNode doc, String type) {
    List<JsonNode> out = new ArrayList<>();
    doc.path("@graph").forEach(e -> {
      if (type.equals(e.path("type").textValue())) {
        out.add(e);
      }
    });
    return out;
  }

  private static JsonNode model(JsonNode doc) {
    return ofType(doc, "ai_AIPackage").get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void every_element_has_a_type_and_an_id_and_every_reference_resolves(String name, ModelManifest m) {
    // GIVEN a manifest
    // WHEN it is exported as SPDX 3.0.1
    JsonNode doc = export(m);
    // THEN the document is JSON-LD with the SPDX 3.0.1 context and a graph
    assertThat(doc.path("@context").textValue()).isEqualTo("https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
    assertThat(doc.path("@graph").isArray()).isTrue();
    // AND every element has a type and either an spdxId (elements) or an @id (creation infos), all unique
    Set<String> ids = new HashSet<>();
    Set<String> blankNodes = new HashSet<>();
    for (JsonNode e : doc.path("@graph")) {
      assertThat(e.path("type").isTextual()).as("type of %s", e).isTrue();
      if ("CreationInfo".equals(e.path("type").textValue())) {
        assertThat(blankNodes.add(e.path("@id").textValue())).isTrue();
        assertThat(e.path("specVersion").textValue()).isEqualTo("3.0.1");
        assertThat(e.path("created").isTextual()).isTrue();
        assertThat(e.path("createdBy")).isNotEmpty();
      } else {
        assertThat(e.path("spdxId").isTextual()).as("spdxId of %s", e).isTrue();
        assertThat(ids.add(e.path("spdxId").textValue())).as("unique %s", e.path("spdxId")).isTrue();
      }
    }
    // AND every creationInfo, relationship end, agent, root element and annotation subject exists in the graph
    for (JsonNode e : doc.path("@graph")) {
      if (e.has("creationInfo")) {
        assertThat(blankNodes).contains(e.path("creationInfo").textValue());
      }
      List<String> refs = new ArrayList<>();
      e.path("createdBy").forEach(x -> refs.add(x.textValue()));
      e.path("createdUsing").forEach(x -> refs.add(x.textValue()));
      e.path("to").forEach(x -> refs.add(x.textValue()));
      e.path("rootElement").forEach(x -> refs.add(x.textValue()));
      e.path("originatedBy").forEach(x -> refs.add(x.textValue()));
      for (String f : List.of("from", "subject", "suppliedBy")) {
        if (e.has(f)) {
          refs.add(e.path(f).textValue());
        }
      }
      assertThat(ids).as("references of %s", e.path("spdxId")).containsAll(refs);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void ai_package_has_the_properties_the_ai_profile_requires(String name, ModelManifest m) {
    // GIVEN a manifest
    // WHEN it is exported
    JsonNode model = model(export(m));
    // THEN the AI package has releaseTime, suppliedBy, download location, version and primary purpose model
    for (String p :
        List.of("releaseTime", "suppliedBy", "software_downloadLocation", "software_packageVersion", "software_primaryPurpose")) {
      assertThat(model.path(p).isTextual()).as(p).isTrue();
    }
    assertThat(model.path("software_primaryPurpose").textValue()).isEqualTo("model");
    assertThat(model.path("software_packageVersion").textValue()).isEqualTo(m.version());
    assertThat(model.path("releaseTime").textValue()).isEqualTo(m.lifecycle().createdAt().toString());
    assertThat(model.path("ai_safetyRiskAssessment").isTextual()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void dataset_packages_have_the_properties_the_dataset_profile_requires(String name, ModelManifest m) {
    // GIVEN a manifest
    // WHEN it is exported
    List<JsonNode> datasets = ofType(export(m), "dataset_DatasetPackage");
    // THEN there is one dataset package per dataset, each with the required properties and a sha256 hash
    assertThat(datasets).hasSize(m.datasets().size());
    for (JsonNode d : datasets) {
      for (String p : List.of("builtTime", "releaseTime", "software_downloadLocation", "software_primaryPurpose")) {
        assertThat(d.path(p).isTextual()).as(p).isTrue();
      }
      assertThat(d.path("originatedBy")).hasSize(1);
      assertThat(d.path("dataset_datasetType")).isNotEmpty();
      assertThat(d.path("software_primaryPurpose").textValue()).isEqualTo("data");
      assertThat(d.path("verifiedUsing").get(0).path("type").textValue()).isEqualTo("Hash");
      assertThat(d.path("verifiedUsing").get(0).path("algorithm").textValue()).isEqualTo("sha256");
      assertThat(d.path("verifiedUsing").get(0).path("hashValue").textValue()).hasSize(64);
    }
  }

  @Test
  void ai_package_maps_the_manifest_fields() {
    // GIVEN the credit-scoring manifest
    // WHEN it is exported
    JsonNode doc = export(Manifests.creditScoring());
    JsonNode model = model(doc);
    // THEN the AI properties carry the manifest's values
    assertThat(model.path("spdxId").textValue()).isEqualTo(BASE + "model");
    assertThat(model.path("name").textValue()).isEqualTo("risk/credit-scoring");
    assertThat(model.path("suppliedBy").textValue()).isEqualTo(BASE + "agent/supplier");
    assertThat(model.path("software_downloadLocation").textValue()).isEqualTo("s3://ml-models/credit-scoring/2.4.0/");
    assertThat(model.path("verifiedUsing").get(0).path("hashValue").textValue()).isEqualTo("4".repeat(64));
    assertThat(model.path("ai_autonomyType").textValue()).isEqualTo("no");
    assertThat(model.path("ai_domain").get(0).textValue()).isEqualTo("consumer-credit");
    assertThat(model.path("ai_useSensitivePersonalInformation").textValue()).isEqualTo("yes");
    assertThat(model.path("ai_informationAboutApplication").textValue()).startsWith("Pre-screen consumer credit");
    assertThat(model.path("ai_limitation").textValue()).contains("Not validated for business loans", "Out of scope: employment decisions");
    assertThat(model.path("ai_standardCompliance").toString()).contains("ISO/IEC 42001", "EU-AI-Act Annex III 5(b)");
    // AND metrics and thresholds are dictionary entries with matching keys
    JsonNode metric = model.path("ai_metric").get(1);
    assertThat(metric.path("type").textValue()).isEqualTo("DictionaryEntry");
    assertThat(metric.path("key").textValue()).isEqualTo("demographic_parity_ratio[attribute=sex]");
    assertThat(metric.path("value").textValue()).isEqualTo("0.91");
    assertThat(model.path("ai_metricDecisionThreshold").get(1).path("key").textValue()).isEqualTo(metric.path("key").textValue());
    assertThat(model.path("ai_metricDecisionThreshold").get(1).path("value").textValue()).isEqualTo(">= 0.8");
    assertThat(model.path("ai_hyperparameter").get(0).path("key").textValue()).isEqualTo("C");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"PROHIBITED, serious", "HIGH, high", "LIMITED, medium", "MINIMAL, low"})
  void risk_class_maps_to_safety_risk_assessment(RiskClass riskClass, String expected) {
    // GIVEN a manifest of the risk class
    ModelManifest m = Manifests.withRiskClass(Manifests.creditScoring(), riskClass);
    // WHEN it is exported
    JsonNode model = model(export(m));
    // THEN ai_safetyRiskAssessment is mapped as PROHIBITED->serious, HIGH->high, LIMITED->medium, MINIMAL->low
    assertThat(model.path("ai_safetyRiskAssessment").textValue()).isEqualTo(expected);
  }

  @Test
  void datasets_are_linked_by_trained_on_and_tested_on() {
    // GIVEN the credit-scoring manifest with a TRAIN and a TEST dataset
    // WHEN it is exported
    JsonNode doc = export(Manifests.creditScoring());
    // THEN the model is trainedOn the first and testedOn the second
    List<JsonNode> relationships = ofType(doc, "Relationship");
    JsonNode trained = relationships.stream().filter(r -> "trainedOn".equals(r.path("relationshipType").textValue())).findFirst().orElseThrow();
    JsonNode tested = relationships.stream().filter(r -> "testedOn".equals(r.path("relationshipType").textValue())).findFirst().orElseThrow();
    assertThat(trained.path("from").textValue()).isEqualTo(BASE + "model");
    assertThat(trained.path("to").get(0).textValue()).isEqualTo(BASE + "dataset/applications");
    assertThat(tested.path("to").get(0).textValue()).isEqualTo(BASE + "dataset/applications-holdout");
    // AND the license, the build and its inputs are related too
    Set<String> types = relationships.stream().map(r -> r.path("relationshipType").textValue()).collect(Collectors.toSet());
    assertThat(types).contains("hasDeclaredLicense", "hasInput", "hasOutput", "dependsOn");
  }

  @Test
  void agents_build_and_approvals_are_elements() {
    // GIVEN the credit-scoring manifest
    // WHEN it is exported
    JsonNode doc = export(Manifests.creditScoring());
    // THEN owner and supplier are organizations, the training run a build, approvals review annotations
    assertThat(ofType(doc, "Organization")).extracting(o -> o.path("name").textValue())
        .containsExactly("credit-risk-ml", "Example Bank plc");
    JsonNode build = ofType(doc, "build_Build").get(0);
    assertThat(build.path("build_buildId").textValue()).isEqualTo("8c1f3e5a7b9d4f2e");
    assertThat(build.path("build_configSourceDigest").get(0).path("algorithm").textValue()).isEqualTo("sha1");
    List<JsonNode> annotations = ofType(doc, "Annotation");
    assertThat(annotations).hasSize(2);
    assertThat(annotations.get(0).path("annotationType").textValue()).isEqualTo("review");
    assertThat(annotations.get(0).path("statement").textValue()).isEqualTo("APPROVED for PRODUCTION by role model-owner");
    assertThat(ofType(doc, "Person")).hasSize(2);
    assertThat(ofType(doc, "SpdxDocument").get(0).path("profileConformance").toString()).contains("ai", "dataset");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void graph_is_deterministic(String name, ModelManifest m) {
    // GIVEN a manifest
    // WHEN it is exported twice
    ExportResult first = EXPORTER.export(m, ExportFormat.SPDX);
    ExportResult second = EXPORTER.export(m, ExportFormat.SPDX);
    // THEN the bytes and the lost fields are equal, and ids are derived from id@version
    assertThat(first).isEqualTo(second);
    String prefix = "https://modelgov.dev/spdx/" + m.id().namespace() + "/" + m.id().name() + "/" + m.version() + "/";
    assertThat(export(m).path("@graph")).allSatisfy(e -> {
      if (e.has("spdxId")) {
        assertThat(e.path("spdxId").textValue()).startsWith(prefix);
      }
    });
    assertThat(first.text()).endsWith("}\n");
  }

  @Test
  void fields_spdx_cannot_hold_are_lost_fields() {
    // GIVEN the credit-scoring manifest
    // WHEN it is exported
    List<String> lost =
        EXPORTER.export(Manifests.creditScoring(), ExportFormat.SPDX).lostFields().stream()
            .map(LostField::path)
            .collect(Collectors.toList());
    // THEN fairness assessments, risks, the lifecycle stage and metric categories are reported, in manifest order
    assertThat(lost)
        .containsExactly(
            "tags",
            "intendedUse.inputs",
            "intendedUse.outputs",
            "risk.scheme",
            "risk.personalData.categories",
            "risk.personalData.lawfulBasis",
            "risk.risks",
            "artifacts[0].format",
            "artifacts[0].size",
            "evaluation.metrics[0].dataset",
            "evaluation.metrics[0].category",
            "evaluation.metrics[0].ci",
            "evaluation.metrics[1].dataset",
            "evaluation.metrics[1].category",
            "evaluation.metrics[2].dataset",
            "evaluation.metrics[2].category",
            "evaluation.fairnessAssessments",
            "lifecycle.stage",
            "lifecycle.aliases",
            "lifecycle.supersedes");
  }

  @Test
  void approximations_are_lost_fields_with_their_own_reason() {
    // GIVEN a manifest with human-on-the-loop autonomy, two artifacts and a classified dataset
    // WHEN it is exported
    List<LostField> lost = EXPORTER.export(Manifests.tricky(), ExportFormat.SPDX).lostFields();
    // THEN each approximation is reported with why
    assertThat(lost).anySatisfy(f -> {
      assertThat(f.path()).isEqualTo("intendedUse.autonomy");
      assertThat(f.reason()).contains("human-on-the-loop");
    });
    assertThat(lost).anySatisfy(f -> assertThat(f.path()).isEqualTo("artifacts[1]"));
    assertThat(lost).anySatisfy(f -> assertThat(f.path()).isEqualTo("datasets[2].classification"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"simplehtr-ai-example.spdx3.json", "dataset-example01.spdx3.json"})
  void uses_the_element_types_and_property_names_of_the_official_examples(String example) throws Exception {
    // GIVEN an official SPDX 3.0.1 example
    JsonNode official = CycloneDxSchema.read(TestFiles.shared().resolve("schemas/spdx/examples").resolve(example));
    Set<String> officialNames = new HashSet<>();
    official.path("@graph").forEach(e -> e.properties().forEach(p -> officialNames.add(e.path("type").textValue() + "." + p.getKey())));
    // WHEN our export is compared on the types both use
    JsonNode ours = export(Manifests.creditScoring());
    Set<String> sharedTypes = new HashSet<>();
    official.path("@graph").forEach(e -> sharedTypes.add(e.path("type").textValue()));
    // THEN every property we write on those types is one the example also writes, or a documented SPDX 3.0.1 one
    Set<String> known =
        Set.of(
            "ai_AIPackage.description", "ai_AIPackage.originatedBy", "ai_AIPackage.verifiedUsing",
            "ai_AIPackage.externalRef", "ai_AIPackage.ai_limitation", "ai_AIPackage.ai_metricDecisionThreshold",
            "ai_AIPackage.ai_standardCompliance", "ai_AIPackage.ai_useSensitivePersonalInformation",
            "ai_AIPackage.builtTime", "ai_AIPackage.ai_modelExplainability", "dataset_DatasetPackage.verifiedUsing",
            "dataset_DatasetPackage.releaseTime", "dataset_DatasetPackage.software_packageVersion",
            "dataset_DatasetPackage.dataset_hasSensitivePersonalInformation", "Organization.name",
            "Organization.externalIdentifier", "software_Package.software_packageVersion",
            "software_Package.verifiedUsing", "software_Package.software_packageUrl", "software_Package.software_primaryPurpose",
            "Relationship.comment", "CreationInfo.createdUsing", "SpdxDocument.name", "SpdxDocument.comment",
            "SpdxDocument.profileConformance", "software_Sbom.software_sbomType");
    ours.path("@graph").forEach(e -> {
      String type = e.path("type").textValue();
      if (sharedTypes.contains(type)) {
        e.properties().forEach(p -> assertThat(officialNames.contains(type + "." + p.getKey()) || known.contains(type + "." + p.getKey()))
            .as("%s.%s", type, p.getKey()).isTrue());
      }
    });
    assertThat(new String(EXPORTER.export(Manifests.creditScoring(), ExportFormat.SPDX).content(), StandardCharsets.UTF_8))
        .doesNotContain("\r");
  }
}
