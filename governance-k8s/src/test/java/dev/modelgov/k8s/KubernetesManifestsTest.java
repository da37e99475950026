package dev.modelgov.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelgov.core.TestFiles;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading manifests: files, folders, multi-document YAML, JSON, and every kind of bad input. */
class KubernetesManifestsTest {

  private static final Path MANIFESTS = TestFiles.shared().resolve("vectors/k8s/manifests");

  @TempDir Path tmp;

  private static final String POD = """
      apiVersion: v1
      kind: Pod
      metadata: {name: %s}
      spec:
        containers: [{name: app, image: nginx}]
      """;

  @Test
  void the_vector_folder_loads_in_file_order_with_typed_and_generic_objects() throws ManifestLoadException {
    // WHEN
    List<HasMetadata> objects = KubernetesManifests.load(MANIFESTS);
    // THEN files sorted by name, documents in order; unknown kinds are generic
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly(
        "PrometheusRule", "Deployment", "PersistentVolume", "Deployment", "HorizontalPodAutoscaler", "Deployment",
        "Secret", "InferenceService", "InferenceService", "InferenceService", "InferenceService", "ClusterRole");
    assertThat(objects.get(0)).isInstanceOf(GenericKubernetesResource.class);
    assertThat(objects.get(1)).isInstanceOf(Deployment.class);
    assertThat(objects.get(2)).isInstanceOf(PersistentVolume.class);
    assertThat(objects.get(4)).isInstanceOf(HorizontalPodAutoscaler.class);
    assertThat(objects.get(6)).isInstanceOf(Secret.class);
    assertThat(objects.get(7)).isInstanceOf(GenericKubernetesResource.class);
    assertThat(objects.get(11)).isInstanceOf(ClusterRole.class);
    assertThat(objects.get(7).getMetadata().getName()).isEqualTo("rollout-strategy-example");
  }

  @Test
  void empty_documents_are_skipped_and_counted() throws ManifestLoadException {
    // GIVEN a leading separator, an empty document, a comment-only document and a trailing separator
    String yaml = "---\n" + POD.formatted("a") + "---\n---\n# only a comment\n---\n" + POD.formatted("b") + "---\n";
    // WHEN
    List<HasMetadata> objects = KubernetesManifests.parse(yaml, "pods.yaml");
    // THEN
    assertThat(objects).extracting(o -> o.getMetadata().getName()).containsExactly("a", "b");
    assertThat(objects).allSatisfy(o -> assertThat(o).isInstanceOf(Pod.class));
  }

  @Test
  void a_list_yields_its_items() throws ManifestLoadException {
    String yaml = """
        apiVersion: v1
        kind: List
        items:
          - {apiVersion: v1, kind: ServiceAccount, metadata: {name: a}}
          - {apiVersion: example.com/v1, kind: Widget, metadata: {name: b}}
        """;
    List<HasMetadata> objects = KubernetesManifests.parse(yaml, "list.yaml");
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("ServiceAccount", "Widget");
    assertThat(objects.get(1)).isInstanceOf(GenericKubernetesResource.class);
  }

  @Test
  void json_is_read_as_one_document() throws ManifestLoadException {
    String json = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"j\"},\"spec\":{}}";
    assertThat(KubernetesManifests.parse(json, "pod.json")).singleElement().isInstanceOf(Pod.class);
    ManifestLoadException e = catchThrowableOfType(ManifestLoadException.class,
        () -> KubernetesManifests.parse(json + "\n" + json, "two.json"));
    assertThat(e).hasMessage("two.json: document 2 (line 2, column 1): trailing content after the JSON document");
  }

  @Test
  void unknown_kind_loads_as_a_generic_resource() throws ManifestLoadException {
    HasMetadata object = KubernetesManifests.parse("""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, namespace: ns}
        spec: {size: 3}
        """, "w.yaml").get(0);
    assertThat(object).isInstanceOf(GenericKubernetesResource.class);
    assertThat(((GenericKubernetesResource) object).<Integer>get("spec", "size")).isEqualTo(3);
  }

  @Test
  void malformed_yaml_names_document_line_and_column_without_content() {
    // GIVEN an unclosed flow sequence in the second document
    String yaml = POD.formatted("a") + "---\napiVersion: v1\nkind: ConfigMap\ndata: [secret-value-1, 2\nx: 1\n";
    // WHEN
    ManifestLoadException e = catchThrowableOfType(ManifestLoadException.class,
        () -> KubernetesManifests.parse(yaml, "bad.yaml"));
    // THEN
    assertThat(e.source()).isEqualTo("bad.yaml");
    assertThat(e.document()).isEqualTo(2);
    assertThat(e.line()).isEqualTo(10);
    assertThat(e.column()).isPositive();
    assertThat(e.getMessage()).startsWith("bad.yaml: document 2 (line 10, column ")
        .contains("flow sequence").doesNotContain("secret-value-1").doesNotContain("\n");
  }

  @Test
  void a_truncated_file_is_an_error() throws IOException {
    // GIVEN the tf-serving Deployment cut in the middle of a quoted string
    String whole = Files.readString(MANIFESTS.resolve("k8s-examples-tf-serving-deployment.yaml"));
    Path truncated =
        Files.writeString(tmp.resolve("truncated.yaml"), whole.substring(0, whole.indexOf("--model_name") + 5));
    // WHEN
    ManifestLoadException e = catchThrowableOfType(ManifestLoadException.class,
        () -> KubernetesManifests.load(truncated));
    // THEN
    assertThat(e.getMessage()).startsWith(truncated + ": document 1 (line ").contains("quoted scalar");
  }

  @Test
  void duplicate_keys_are_rejected() {
    String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nmetadata: {name: b}\n";
    assertThatThrownBy(() -> KubernetesManifests.parse(yaml, "dup.yaml"))
        .isInstanceOf(ManifestLoadException.class)
        .hasMessageStartingWith("dup.yaml: document 1 (line 4")
        .hasMessageContaining("metadata");
  }

  @Test
  void a_document_without_kind_or_api_version_is_an_error() {
    assertThatThrownBy(() -> KubernetesManifests.parse(POD.formatted("a") + "---\napiVersion: v1\nmetadata: {}\n",
        "nokind.yaml"))
        .isInstanceOf(ManifestLoadException.class)
        .hasMessage("nokind.yaml: document 2 (line 7, column 1): kind is missing");
    assertThatThrownBy(() -> KubernetesManifests.parse("kind: Pod\n", "noversion.yaml"))
        .hasMessage("noversion.yaml: document 1 (line 1, column 1): apiVersion is missing");
    assertThatThrownBy(() -> KubernetesManifests.parse("- a\n- b\n", "list.yaml"))
        .hasMessageContaining("expected a Kubernetes object").hasMessageContaining("found a list");
    assertThatThrownBy(() -> KubernetesManifests.parse("apiVersion: v1\nkind: 3\n", "k.yaml"))
        .hasMessageContaining("/kind: expected a non-empty string, found a number");
  }

  @Test
  void a_field_of_the_wrong_type_names_its_pointer_not_its_value() {
    String yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          replicas: three-secret-replicas
        """;
    ManifestLoadException e = catchThrowableOfType(ManifestLoadException.class,
        () -> KubernetesManifests.parse(yaml, "d.yaml"));
    assertThat(e).hasMessage("d.yaml: document 1 (line 1, column 1): /spec/replicas: has the wrong type "
        + "(expected Integer)");
  }

  @Test
  void an_admission_review_is_not_a_manifest() throws IOException {
    Path review = TestFiles.shared().resolve("vectors/k8s/admissionreview-v1-deployment-create.kube-review.json");
    assertThatThrownBy(() -> KubernetesManifests.load(review))
        .isInstanceOf(ManifestLoadException.class)
        .hasMessageContaining("kind AdmissionReview (admission.k8s.io/v1) is not a Kubernetes object with metadata");
  }

  @Test
  void a_folder_is_read_recursively_sorted_skipping_hidden_entries_and_other_extensions() throws Exception {
    // GIVEN
    Files.createDirectories(tmp.resolve("b/nested"));
    Files.createDirectories(tmp.resolve(".github/workflows"));
    Files.writeString(tmp.resolve("b/nested/c.yml"), POD.formatted("c"));
    Files.writeString(tmp.resolve("a.yaml"), POD.formatted("a"));
    Files.writeString(tmp.resolve("b/b.json"),
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"b\"}}");
    Files.writeString(tmp.resolve("README.md"), "# not a manifest");
    Files.writeString(tmp.resolve(".hidden.yaml"), "not: [valid");
    Files.writeString(tmp.resolve(".github/workflows/ci.yml"), "on: push\n");
    // WHEN
    List<HasMetadata> objects = KubernetesManifests.load(tmp);
    // THEN
    assertThat(objects).extracting(o -> o.getMetadata().getName()).containsExactly("a", "b", "c");
  }

  @Test
  void a_symbolic_link_out_of_the_folder_is_not_followed() throws Exception {
    // GIVEN a folder with a link to a file outside it
    Path outside = Files.writeString(tmp.resolve("outside.yaml"), POD.formatted("o"));
    Path folder = Files.createDirectories(tmp.resolve("deploy"));
    Files.writeString(folder.resolve("a.yaml"), POD.formatted("a"));
    Path link = Files.createSymbolicLink(folder.resolve("z.yaml"), outside);
    // THEN
    assertThatThrownBy(() -> KubernetesManifests.load(folder))
        .isInstanceOf(ManifestLoadException.class)
        .hasMessageStartingWith(link + ": is a symbolic link to a file outside");
    // AND a link inside the folder is read
    Files.delete(link);
    Files.createSymbolicLink(folder.resolve("z.yaml"), folder.resolve("a.yaml"));
    assertThat(KubernetesManifests.load(folder)).hasSize(2);
  }

  @Test
  void unreadable_inputs_are_one_line_errors() throws IOException {
    Path missing = tmp.resolve("missing.yaml");
    assertThatThrownBy(() -> KubernetesManifests.load(missing)).hasMessage(missing + ": no such file");
    Path latin1 = Files.write(tmp.resolve("latin1.yaml"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> KubernetesManifests.load(latin1)).hasMessage(latin1 + ": is not UTF-8 text");
  }

  @Test
  void files_over_the_size_limit_are_rejected_before_parsing() throws IOException {
    Path big = tmp.resolve("big.yaml");
    try (var out = Files.newOutputStream(big)) {
      byte[] line = "# padding padding padding padding padding padding padding padding padding padding\n"
          .getBytes(StandardCharsets.UTF_8);
      for (long written = 0; written <= KubernetesManifests.MAX_FILE_BYTES; written += line.length) {
        out.write(line);
      }
    }
    assertThatThrownBy(() -> KubernetesManifests.load(big))
        .hasMessage(big + ": is larger than " + KubernetesManifests.MAX_FILE_BYTES + " bytes");
  }

  @Test
  void too_many_documents_are_rejected() {
    String yaml = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n---\n"
        .repeat(KubernetesManifests.MAX_DOCUMENTS + 1);
    assertThatThrownBy(() -> KubernetesManifests.parse(yaml, "many.yaml"))
        .hasMessageContaining("more than " + KubernetesManifests.MAX_DOCUMENTS + " documents");
  }

  @Test
  void deep_nesting_is_a_limit_not_a_crash() {
    String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: " + "[".repeat(500)
        + "]".repeat(500) + "\n";
    assertThatThrownBy(() -> KubernetesManifests.parse(deep, "deep.yaml"))
        .isInstanceOf(ManifestLoadException.class)
        .hasMessage("deep.yaml: document 1: limit exceeded: Document nesting depth (101) exceeds the maximum allowed "
            + "(100)");
  }

  @Test
  void an_alias_bomb_is_not_expanded() throws ManifestLoadException {
    // GIVEN 60 levels of anchors, each aliasing the one before twice (2^60 leaves if expanded)
    StringBuilder yaml = new StringBuilder("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n"
        + "  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 0; i < 60; i++) {
      String previous = i == 0 ? "a" : "b" + (i - 1);
      yaml.append("  b").append(i).append(": &b").append(i).append(" [*").append(previous).append(", *")
          .append(previous).append("]\n");
    }
    // WHEN
    HasMetadata widget = KubernetesManifests.parse(yaml.toString(), "bomb.yaml").get(0);
    // THEN the aliases stay references: the object is as small as the text
    assertThat(new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asJson(widget).length())
        .isLessThan(10 * yaml.length());
  }
}
