package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.k8s.gitops.GitOpsRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance k8s render}: the library's YAML, options, --out, --json and errors. */
class K8sRenderCommandTest {

  @TempDir Path tmp;

  @Test
  void the_output_is_what_the_library_renders() throws Exception {
    // GIVEN the credit-scoring manifest as the library reads it
    ManifestCodec codec = ManifestCodec.defaults();
    ModelManifest manifest = codec.read(Path.of(Cli.example("credit-scoring.yaml")));
    String expected = GitOpsRenderer.builder().namespace("ml-serving").argoCdApplication("credit")
        .fluxKustomization("models", "flux-system").build().renderYaml(manifest, codec.digest(manifest));
    // WHEN
    Cli.Result result = Cli.run("k8s", "render", Cli.example("credit-scoring.yaml"), "--namespace", "ml-serving",
        "--argocd", "credit", "--flux", "models");
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo(expected);
  }

  @Test
  void the_namespace_defaults_to_the_model_namespace_and_the_output_is_stable() {
    // WHEN
    Cli.Result first = Cli.run("k8s", "render", Cli.example("credit-scoring.yaml"));
    Cli.Result second = Cli.run("k8s", "render", Cli.example("credit-scoring.yaml"));
    // THEN
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("  namespace: risk\n").contains("kind: HorizontalPodAutoscaler\n");
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  void inferenceservice_kind_renders_a_kserve_inference_service() {
    // WHEN
    Cli.Result result = Cli.run("k8s", "render", Cli.example("credit-scoring.yaml"), "--kind", "inferenceservice");
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n")
        .doesNotContain("kind: Deployment\n").doesNotContain("kind: HorizontalPodAutoscaler\n");
  }

  @Test
  void out_writes_the_file_and_json_lists_the_objects() throws Exception {
    // GIVEN
    Path file = tmp.resolve("credit.yaml");
    // WHEN
    Cli.Result written = Cli.run("k8s", "render", Cli.example("credit-scoring.yaml"), "--out", file.toString());
    Cli.Result json = Cli.run("k8s", "render", "--json", Cli.example("credit-scoring.yaml"));
    Cli.Result plain = Cli.run("k8s", "render", Cli.example("credit-scoring.yaml"));
    // THEN
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(written.out()).startsWith("wrote 8 objects (NetworkPolicy, ServiceAccount, PodDisruptionBudget, "
        + "GovernedModel, Service, Deployment, HorizontalPodAutoscaler) to ");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(plain.out());
    assertThat(json.exitCode()).isZero();
    JsonNode objects = json.json().get("objects");
    assertThat(objects).hasSize(8);
    assertThat(objects.get(6).at("/spec/template/spec/containers/0/image").asText())
        .endsWith("@sha256:" + "5".repeat(64));
  }

  @Test
  void a_manifest_without_serving_image_is_an_error_naming_the_field() {
    // WHEN
    Cli.Result result = Cli.run("k8s", "render", Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith(Cli.example("minimal.yaml") + ": servingImage: ");
    assertNoStackTrace(result.err());
  }

  @Test
  void bad_options_and_an_invalid_manifest_are_usage_errors() {
    Cli.Result kind = Cli.run("k8s", "render", Cli.example("credit-scoring.yaml"), "--kind", "statefulset");
    assertThat(kind.exitCode()).isEqualTo(2);
    assertThat(kind.err()).contains("--kind: unknown kind 'statefulset'");
    Cli.Result namespace = Cli.run("k8s", "render", Cli.example("credit-scoring.yaml"), "--namespace", "Bad_NS");
    assertThat(namespace.exitCode()).isEqualTo(2);
    assertThat(namespace.err()).contains("--namespace: namespace must be a DNS-1123 label");
    Cli.Result invalid = Cli.run("k8s", "render", Cli.example("invalid/missing-fields.yaml"));
    assertThat(invalid.exitCode()).isEqualTo(2);
    assertNoStackTrace(invalid.err());
  }
}
