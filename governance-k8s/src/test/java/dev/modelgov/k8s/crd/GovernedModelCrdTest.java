package dev.modelgov.k8s.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed GovernedModel CRD is the generator's output for the current classes. After changing the beans,
 * regenerate it with {@code mvn -o -Dquick -pl governance-k8s test -Dtest=GovernedModelCrdTest
 * -Dmodelgov.updateGolden=true} and commit the file.
 */
class GovernedModelCrdTest {

  private static final String FILE = "governedmodels.governance.modelgov.dev-v1.yml";

  @TempDir Path tmp;

  static Path committed() {
    return GovernedModelFixtures.root().resolve("governance-k8s/src/main/resources/META-INF/fabric8").resolve(FILE);
  }

  @Test
  void the_committed_crd_is_what_the_generator_makes_of_the_classes() throws IOException {
    // GIVEN the CRD generated now from the GovernedModel classes
    new CRDGenerator()
        .inOutputDir(tmp.toFile())
        .forCRDVersions("v1")
        .withParallelGenerationEnabled(false)
        .customResourceClasses(GovernedModel.class)
        .generate();
    String generated = Files.readString(tmp.resolve(FILE), StandardCharsets.UTF_8);
    if (Boolean.getBoolean("modelgov.updateGolden")) {
      Files.writeString(committed(), generated, StandardCharsets.UTF_8);
    }
    // WHEN the committed file is read
    String golden = Files.readString(committed(), StandardCharsets.UTF_8);
    // THEN they are identical
    assertThat(golden)
        .as("%s is out of date: regenerate it with mvn -o -Dquick -pl governance-k8s test "
            + "-Dtest=GovernedModelCrdTest -Dmodelgov.updateGolden=true, review the diff and commit it", committed())
        .isEqualTo(generated);
  }

  @Test
  void the_jar_serves_the_committed_file() throws IOException {
    // WHEN the CRD is read from the class path
    String yaml = GovernedModelCrd.yaml();
    // THEN it is the committed file, byte for byte
    assertThat(yaml).isEqualTo(Files.readString(committed(), StandardCharsets.UTF_8));
  }

  @Test
  void the_crd_is_namespaced_with_short_name_gm_and_a_status_subresource() {
    // WHEN
    CustomResourceDefinition crd = GovernedModelCrd.definition();
    // THEN
    assertThat(crd.getMetadata().getName()).isEqualTo("governedmodels.governance.modelgov.dev");
    assertThat(crd.getSpec().getGroup()).isEqualTo("governance.modelgov.dev");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo("GovernedModel");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("gm");
    assertThat(crd.getSpec().getVersions()).hasSize(1);
    CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
    assertThat(v.getName()).isEqualTo("v1alpha1");
    assertThat(v.getStorage()).isTrue();
    assertThat(v.getSubresources().getStatus()).isNotNull();
  }

  @Test
  void the_schema_requires_the_identity_and_pins_digests_by_pattern() {
    // GIVEN
    JSONSchemaProps root = GovernedModelCrd.definition().getSpec().getVersions().get(0).getSchema()
        .getOpenAPIV3Schema();
    JSONSchemaProps spec = root.getProperties().get("spec");
    JSONSchemaProps status = root.getProperties().get("status");
    // THEN
    assertThat(spec.getRequired()).containsExactlyInAnyOrder("modelId", "version", "manifestDigest", "riskClass");
    assertThat(spec.getProperties().get("manifestDigest").getPattern()).isEqualTo("^sha256:[0-9a-f]{64}$");
    assertThat(spec.getProperties().get("imageDigest").getPattern()).isEqualTo("^sha256:[0-9a-f]{64}$");
    assertThat(spec.getProperties().get("riskClass").getEnum()).hasSize(4);
    JSONSchemaProps approval = spec.getProperties().get("approvals").getItems().getSchema();
    assertThat(approval.getProperties()).containsKey("approverSha256").doesNotContainKey("approver");
    assertThat(status.getProperties()).containsKeys("phase", "conditions", "observedGeneration", "lastDecision");
    assertThat(status.getProperties().get("phase").getEnum()).extracting(n -> n.asText())
        .containsExactlyInAnyOrder("Pending", "Approved", "Denied", "Retired");
  }
}
