package dev.modelgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.k8s.crd.GovernedModelCrd;
import org.junit.jupiter.api.Test;

/** {@code governance k8s crd}: the committed CRD, as YAML or JSON. */
class K8sCrdCommandTest {

  @Test
  void prints_the_committed_crd() {
    // WHEN
    Cli.Result result = Cli.run("k8s", "crd");
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(GovernedModelCrd.yaml());
    assertThat(result.out()).contains("name: \"governedmodels.governance.modelgov.dev\"");
  }

  @Test
  void json_prints_the_same_document() {
    // WHEN
    Cli.Result result = Cli.run("k8s", "crd", "--json");
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.json().at("/spec/names/kind").asText()).isEqualTo("GovernedModel");
    assertThat(result.json().at("/spec/versions/0/subresources/status").isObject()).isTrue();
  }
}
