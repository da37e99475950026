package dev.modelgov.k8s.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.k8s.crd.GovernedModel;
import dev.modelgov.k8s.crd.GovernedModelFixtures;
import dev.modelgov.k8s.crd.GovernedModelStatus;
import dev.modelgov.k8s.crd.GovernedModels;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server-side apply, the production strategy: the CRUD mock cannot emulate it, so the request is checked against the
 * mock in expectations mode.
 */
@EnableKubernetesMockClient(https = false)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GovernedModelClientApplyTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void server_side_apply_is_a_forced_apply_patch_of_the_object_without_status() throws Exception {
    // GIVEN a desired model carrying a status, and a server expecting the apply request
    ModelManifest manifest = GovernedModelFixtures.creditScoring();
    GovernedModel gm = GovernedModels.from(manifest, GovernedModelFixtures.digest(manifest), null);
    gm.getMetadata().setNamespace("ml-serving");
    gm.setStatus(new GovernedModelStatus());
    String path = "/apis/governance.modelgov.dev/v1alpha1/namespaces/ml-serving/governedmodels/"
        + gm.getMetadata().getName() + "?fieldManager=modelgov-test&force=true";
    server.expect().patch().withPath(path).andReturn(200, gm).once();
    GovernedModelClient models = GovernedModelClient.builder(client).fieldManager("modelgov-test").build();
    // WHEN
    GovernedModel applied = models.apply(gm);
    // THEN
    RecordedRequest request = server.getLastRequest();
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getPath()).isEqualTo(path);
    assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    JsonNode body = new ObjectMapper().readTree(request.getUtf8Body());
    assertThat(body.get("apiVersion").asText()).isEqualTo("governance.modelgov.dev/v1alpha1");
    assertThat(body.get("kind").asText()).isEqualTo("GovernedModel");
    assertThat(body.at("/spec/modelId").asText()).isEqualTo("risk/credit-scoring");
    assertThat(body.has("status")).isFalse();
    assertThat(applied.getSpec()).isEqualTo(gm.getSpec());
    assertThat(models.applyStrategy()).isEqualTo(ApplyStrategy.SERVER_SIDE_APPLY);
  }
}
