package dev.modelgov.k8s.posture;

import static dev.modelgov.k8s.posture.Findings.keys;
import static dev.modelgov.k8s.posture.Hardened.C;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.policy.Severity;
import dev.modelgov.k8s.Finding;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks governance-strict adds beyond restricted (the context checks are in {@link ContextChecksTest}): each
 * passes on the hardened Deployment and fails, at its path, after one change, and none runs under restricted.
 */
class GovernanceChecksTest {

  private static List<String> strict(Deployment d) {
    return keys(PostureScanner.of(PostureProfile.GOVERNANCE_STRICT).scan(d, ClusterContext.of(Hardened.context())));
  }

  private static List<Finding> strictFindings(Deployment d) {
    return PostureScanner.of(PostureProfile.GOVERNANCE_STRICT).scan(d, ClusterContext.of(Hardened.context()));
  }

  private static List<String> restricted(Deployment d) {
    return keys(PostureScanner.of(PostureProfile.RESTRICTED).scan(d, ClusterContext.of(Hardened.context())));
  }

  private static Deployment withImage(String image) {
    Deployment d = Hardened.deployment();
    Hardened.container(d).setImage(image);
    return d;
  }

  @Test
  void a_tag_without_digest_is_an_image_digest_finding() {
    // GIVEN
    Deployment d = withImage("registry.example/ml/model-server:1.4.2");
    // WHEN
    List<Finding> findings = strictFindings(d);
    // THEN
    assertThat(keys(findings)).containsExactly("image-digest server " + C + "/image");
    assertThat(findings.get(0).message()).contains("registry.example/ml/model-server:1.4.2");
    assertThat(findings.get(0).fix()).contains("registry.example/ml/model-server:1.4.2@sha256:");
    assertThat(restricted(d)).isEmpty();
  }

  @Test
  void latest_or_no_tag_without_digest_is_also_image_tag_latest() {
    for (String image : List.of("nginx", "nginx:latest", "registry.local:5000/ml/server", "docker.io/library/nginx")) {
      assertThat(strict(withImage(image))).as(image).containsExactly(
          "image-digest server " + C + "/image", "image-tag-latest server " + C + "/image");
    }
  }

  @Test
  void a_digest_pins_the_image_whatever_the_tag() {
    for (String image : List.of("nginx:latest@" + Hardened.DIGEST, "nginx@" + Hardened.DIGEST,
        "registry.local:5000/ml/server@sha512:" + "0f".repeat(64))) {
      assertThat(strict(withImage(image))).as(image).isEmpty();
    }
  }

  @Test
  void a_malformed_digest_does_not_pin() {
    for (String image :
        List.of("nginx@sha256:abc", "nginx@sha256:" + "AB".repeat(32), "nginx@md5:" + "ab".repeat(16))) {
      assertThat(strict(withImage(image))).as(image).contains("image-digest server " + C + "/image");
    }
  }

  @Test
  void a_container_without_image_is_an_image_digest_finding() {
    assertThat(strict(withImage(null))).containsExactly("image-digest server " + C + "/image");
  }

  @Test
  void a_writable_root_file_system_is_a_finding() {
    Deployment d = Hardened.deployment();
    Hardened.container(d).getSecurityContext().setReadOnlyRootFilesystem(false);
    List<Finding> findings = strictFindings(d);
    assertThat(keys(findings))
        .containsExactly("read-only-root-fs server " + C + "/securityContext/readOnlyRootFilesystem");
    assertThat(findings.get(0).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(restricted(d)).isEmpty();
  }

  @Test
  void a_limit_stands_in_for_its_missing_request() {
    // GIVEN limits only: Kubernetes sets the requests to the limits
    Deployment d = Hardened.deployment();
    Hardened.container(d).getResources().setRequests(null);
    // THEN
    assertThat(strict(d)).isEmpty();
  }

  @Test
  void missing_requests_and_limits_are_findings_naming_the_resources() {
    // GIVEN no resources at all
    Deployment d = Hardened.deployment();
    Hardened.container(d).setResources(null);
    // WHEN
    List<Finding> findings = strictFindings(d);
    // THEN
    assertThat(keys(findings)).containsExactly(
        "resource-requests server " + C + "/resources/requests",
        "resource-limits server " + C + "/resources/limits");
    assertThat(findings.get(0).message()).contains("cpu or memory request");
    assertThat(findings.get(1).fix()).contains("resources.limits.cpu", "resources.limits.memory");
  }

  @Test
  void one_missing_resource_points_at_it() {
    // GIVEN no memory request and no memory limit, cpu set
    Deployment d = Hardened.deployment();
    Hardened.container(d).getResources().getRequests().remove("memory");
    Hardened.container(d).getResources().getLimits().remove("memory");
    Hardened.container(d).getResources().getLimits().put("nvidia.com/gpu", new Quantity("1"));
    // THEN
    assertThat(strict(d)).containsExactly(
        "resource-requests server " + C + "/resources/requests/memory",
        "resource-limits server " + C + "/resources/limits/memory");
  }

  @Test
  void missing_probes_are_findings() {
    Deployment d = Hardened.deployment();
    Hardened.container(d).setLivenessProbe(null);
    Hardened.container(d).setReadinessProbe(null);
    assertThat(strict(d)).containsExactly(
        "liveness-probe server " + C + "/livenessProbe", "readiness-probe server " + C + "/readinessProbe");
  }

  @Test
  void a_literal_password_is_critical_and_its_value_is_never_printed() {
    // GIVEN
    Deployment d = Hardened.deployment();
    Hardened.container(d).getEnv().add(new EnvVarBuilder().withName("DB_PASSWORD").withValue("hunter2-s3cr3t").build());
    // WHEN
    List<Finding> findings = strictFindings(d);
    // THEN
    assertThat(keys(findings)).containsExactly("secret-env-literal server " + C + "/env/1/value");
    Finding f = findings.get(0);
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.message()).contains("DB_PASSWORD", "server").doesNotContain("hunter2");
    assertThat(f.fix()).doesNotContain("hunter2").contains("secretKeyRef");
    assertThat(f.toString()).doesNotContain("hunter2");
    assertThat(restricted(d)).isEmpty();
  }

  @Test
  void credential_like_names_with_literals_are_flagged() {
    for (String name : List.of("AWS_SECRET_ACCESS_KEY", "OPENAI_API_KEY", "apiKey", "HF_TOKEN", "GITHUB_TOKEN",
        "client_secret", "PRIVATE_KEY", "DB_PASSWD", "APIKEY", "GOOGLE_APPLICATION_CREDENTIALS", "ssh-passphrase",
        "AWS_ACCESS_KEY_ID")) {
      Deployment d = Hardened.deployment();
      Hardened.container(d).getEnv().add(new EnvVarBuilder().withName(name).withValue("x1y2z3").build());
      assertThat(strict(d)).as(name).containsExactly("secret-env-literal server " + C + "/env/1/value");
    }
  }

  @Test
  void references_and_harmless_names_are_not_flagged() {
    // GIVEN names that hold references, and credential names whose value is empty, a $(VAR) or a file path
    List<EnvVar> env = new ArrayList<>(List.of(
        new EnvVarBuilder().withName("SECRET_NAME").withValue("kserve-webhook-server-cert").build(),
        new EnvVarBuilder().withName("TOKEN_URL").withValue("https://auth.example/token").build(),
        new EnvVarBuilder().withName("PASSWORD_FILE").withValue("run/secrets/db").build(),
        new EnvVarBuilder().withName("MODEL_ID").withValue("google/gemma-3-1b-it").build(),
        new EnvVarBuilder().withName("KEYCLOAK_REALM").withValue("ml").build(),
        new EnvVarBuilder().withName("DB_PASSWORD").withValue("").build(),
        new EnvVarBuilder().withName("API_TOKEN").withValue("$(UPSTREAM_TOKEN)").build(),
        new EnvVarBuilder().withName("GOOGLE_APPLICATION_CREDENTIALS").withValue("/var/secrets/gcp/key.json").build()));
    Deployment d = Hardened.deployment();
    Hardened.container(d).setEnv(env);
    // THEN
    assertThat(strict(d)).isEmpty();
  }

  @Test
  void a_secret_in_env_is_a_low_finding_suggesting_a_mounted_file() {
    // GIVEN env from secretKeyRef and envFrom secretRef
    Deployment d = Hardened.deployment();
    Hardened.container(d).getEnv().add(new EnvVarBuilder().withName("HF_TOKEN").withNewValueFrom()
        .withNewSecretKeyRef().withName("hf-secret").withKey("token").endSecretKeyRef().endValueFrom().build());
    Hardened.container(d).setEnvFrom(List.of(new EnvFromSourceBuilder().withNewSecretRef().withName("db")
        .endSecretRef().build()));
    // WHEN
    List<Finding> findings = strictFindings(d);
    // THEN
    assertThat(keys(findings)).containsExactly(
        "secret-env-ref server " + C + "/env/1/valueFrom/secretKeyRef",
        "secret-env-ref server " + C + "/envFrom/0/secretRef");
    assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    assertThat(findings.get(0).fix()).contains("hf-secret", "file");
  }

  @Test
  void token_automount_is_a_finding_unless_the_pod_or_its_service_account_turns_it_off() {
    // GIVEN the pod does not set automountServiceAccountToken and runs as service account "model"
    Deployment d = Hardened.deployment();
    Hardened.pod(d).setAutomountServiceAccountToken(null);
    Hardened.pod(d).setServiceAccountName("model");
    PostureScanner scanner = PostureScanner.of(PostureProfile.GOVERNANCE_STRICT);
    // THEN a finding without the account in the context
    assertThat(keys(scanner.scan(d, ClusterContext.of(Hardened.context()))))
        .containsExactly("sa-token-automount - /spec/template/spec/automountServiceAccountToken");
    // AND none when the context's account turns it off
    List<HasMetadata> context = new ArrayList<>(Hardened.context());
    context.add(new ServiceAccountBuilder().withNewMetadata().withName("model").withNamespace("ml").endMetadata()
        .withAutomountServiceAccountToken(false).build());
    assertThat(scanner.scan(d, ClusterContext.of(context))).isEmpty();
    // AND again one when the pod turns it on explicitly
    Hardened.pod(d).setAutomountServiceAccountToken(true);
    List<Finding> findings = scanner.scan(d, ClusterContext.of(context));
    assertThat(keys(findings)).containsExactly("sa-token-automount - /spec/template/spec/automountServiceAccountToken");
    assertThat(findings.get(0).message()).contains("model", "automountServiceAccountToken: true");
  }

  @Test
  void every_restricted_finding_has_a_fix_and_a_message() {
    // GIVEN a container with nothing set
    Deployment d = Hardened.deployment();
    Hardened.pod(d).setSecurityContext(null);
    Hardened.container(d).setSecurityContext(null);
    // THEN
    assertThat(strictFindings(d)).isNotEmpty().allSatisfy(f -> {
      assertThat(f.message()).contains("server");
      assertThat(f.fix()).isNotBlank();
      assertThat(f.path()).startsWith(C + "/securityContext/");
      assertThat(f.severity()).isEqualTo(PostureCheck.byId(f.id()).severity());
    });
  }
}
