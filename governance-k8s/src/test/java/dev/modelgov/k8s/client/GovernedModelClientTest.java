package dev.modelgov.k8s.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.k8s.crd.GovernedModel;
import dev.modelgov.k8s.crd.GovernedModelCrd;
import dev.modelgov.k8s.crd.GovernedModelFixtures;
import dev.modelgov.k8s.crd.GovernedModelPhase;
import dev.modelgov.k8s.crd.GovernedModels;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link GovernedModelClient} against fabric8's CRUD mock API server, with the GovernedModel CRD created first so that
 * the status is a subresource. Only what the mock emulates is used: create, get, update, JSON merge patch and the
 * status subresource (no server-side apply, strategic merge or set-based selectors; see {@link
 * GovernedModelClientApplyTest} for server-side apply). The mock serves plain HTTP: its HTTPS certificate generation
 * needs a newer BouncyCastle than the one the project pins.
 */
@EnableKubernetesMockClient(https = false, crud = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GovernedModelClientTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final String NS = "ml-serving";

  private final ModelManifest manifest = GovernedModelFixtures.creditScoring();

  @BeforeEach
  void installCrd() {
    if (client.apiextensions().v1().customResourceDefinitions().withName(GovernedModel.CRD_NAME).get() == null) {
      client.apiextensions().v1().customResourceDefinitions().resource(GovernedModelCrd.definition()).create();
    }
  }

  private GovernedModel desired(String name) {
    GovernedModel gm = GovernedModels.from(manifest, GovernedModelFixtures.digest(manifest), null);
    gm.getMetadata().setNamespace(NS);
    gm.getMetadata().setName(name);
    return gm;
  }

  private GovernedModelClient models() {
    return GovernedModelClient.builder(client).applyStrategy(ApplyStrategy.MERGE_PATCH).build();
  }

  @Test
  void a_created_model_reads_back_with_server_fields_and_no_status() {
    // GIVEN
    GovernedModel gm = desired("created");
    // WHEN
    GovernedModel created = models().create(gm);
    GovernedModel read = models().get(NS, "created").orElseThrow();
    // THEN
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(read.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(read.getSpec()).isEqualTo(gm.getSpec());
    assertThat(read.getStatus()).isNull();
    assertThat(models().get(NS, "absent")).isEmpty();
  }

  @Test
  void a_second_create_conflicts() {
    // GIVEN
    models().create(desired("twice"));
    // WHEN / THEN
    assertThatThrownBy(() -> models().create(desired("twice"))).isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
  }

  @Test
  void update_status_records_the_decision_without_touching_spec_or_generation() {
    // GIVEN
    models().create(desired("decided"));
    // WHEN a denial is recorded
    GovernedModel updated = models().updateStatus(NS, "decided", GovernedModelFixtures.decision(manifest,
        Instant.parse("2026-11-22T08:00:00Z"), EnforcementMode.ENFORCE, "model.image.digest"));
    GovernedModel read = models().get(NS, "decided").orElseThrow();
    // THEN the status holds it, through the subresource, and the spec is unchanged
    assertThat(updated.getStatus().getPhase()).isEqualTo(GovernedModelPhase.DENIED);
    assertThat(read.getStatus().getPhase()).isEqualTo(GovernedModelPhase.DENIED);
    assertThat(read.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(read.getStatus().getLastDecision().getDeniedRules()).containsExactly("model.image.digest");
    assertThat(read.getStatus().getConditions()).singleElement()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
    assertThat(read.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(read.getSpec()).isEqualTo(desired("decided").getSpec());
  }

  @Test
  void a_merge_patch_changes_the_spec_bumps_the_generation_and_keeps_the_status() {
    // GIVEN a model with a status
    models().create(desired("patched"));
    models().updateStatus(NS, "patched",
        GovernedModelFixtures.decision(manifest, Instant.parse("2026-11-22T08:00:00Z"), EnforcementMode.ENFORCE));
    // WHEN
    GovernedModel patched = models().mergePatch(NS, "patched", "{\"spec\":{\"stage\":\"RETIRED\"}}");
    // THEN
    assertThat(patched.getSpec().getStage()).isEqualTo(LifecycleStage.RETIRED);
    assertThat(patched.getSpec().getModelId()).isEqualTo("risk/credit-scoring");
    GovernedModel read = models().get(NS, "patched").orElseThrow();
    assertThat(read.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(read.getStatus().getPhase()).isEqualTo(GovernedModelPhase.APPROVED);
    assertThat(read.getStatus().getObservedGeneration()).isEqualTo(1L);
  }

  @Test
  void a_merge_patch_must_be_a_json_object_without_status() {
    GovernedModelClient models = models();
    assertThatThrownBy(() -> models.mergePatch(NS, "x", "{\"status\":{}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status");
    assertThatThrownBy(() -> models.mergePatch(NS, "x", "[1]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> models.mergePatch(NS, "x", "{oops"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> models.mergePatch(NS, "x", "{\"spec\":{},\"spec\":{}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> models.mergePatch(NS, "x", "[".repeat(100) + "]".repeat(100)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
  }

  @Test
  void an_update_from_a_stale_copy_conflicts() {
    // GIVEN two copies of the same version, one updated first
    models().create(desired("stale"));
    GovernedModel first = models().get(NS, "stale").orElseThrow();
    GovernedModel second = models().get(NS, "stale").orElseThrow();
    first.getSpec().setStage(LifecycleStage.ARCHIVED);
    models().update(first);
    // WHEN the second copy is written
    second.getSpec().setStage(LifecycleStage.RETIRED);
    // THEN optimistic locking refuses it
    assertThatThrownBy(() -> models().update(second)).isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
    assertThat(models().get(NS, "stale").orElseThrow().getSpec().getStage()).isEqualTo(LifecycleStage.ARCHIVED);
  }

  @Test
  void apply_by_merge_patch_creates_then_converges_on_the_desired_spec_and_labels() {
    // GIVEN a desired model with an annotation, applied once
    GovernedModel gm = desired("applied");
    gm.getMetadata().getAnnotations().put("example.com/ticket", "CHG-1");
    models().apply(gm);
    // WHEN the desired state changes: a new stage, the annotation gone, a label added
    GovernedModel next = desired("applied");
    next.getSpec().setStage(LifecycleStage.ARCHIVED);
    next.getMetadata().getLabels().put("app.kubernetes.io/managed-by", "modelgov");
    models().apply(next);
    // THEN the live object matches it
    GovernedModel read = models().get(NS, "applied").orElseThrow();
    assertThat(read.getSpec()).isEqualTo(next.getSpec());
    // (the mock keeps a merge patch's null as a null value; an API server removes the key)
    assertThat(read.getMetadata().getAnnotations().get("example.com/ticket")).isNull();
    assertThat(read.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "modelgov");
    // AND applying it again changes nothing
    String version = read.getMetadata().getResourceVersion();
    assertThat(models().apply(next).getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void update_status_of_an_absent_model_is_not_found() {
    assertThatThrownBy(() -> models().updateStatus(NS, "absent",
        GovernedModelFixtures.decision(manifest, Instant.parse("2026-11-22T08:00:00Z"), EnforcementMode.ENFORCE)))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
  }

  @Test
  void the_builder_names_a_bad_field() {
    assertThatThrownBy(() -> GovernedModelClient.builder(client).fieldManager("bad manager").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fieldManager");
    assertThatThrownBy(() -> GovernedModelClient.builder(client).applyStrategy(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("applyStrategy");
    GovernedModel noNamespace = GovernedModels.from(manifest, GovernedModelFixtures.digest(manifest));
    assertThatThrownBy(() -> models().create(noNamespace))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model.metadata.namespace");
  }
}
