package dev.modelgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.k8s.admission.AnnotationManifestResolver;
import dev.modelgov.k8s.gitops.GitOpsRenderer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance k8s admit}: the response review, exit codes 0/1/2, keys, stdin, and errors naming the file. */
class K8sAdmitCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static String vector(String name) {
    Path shared = System.getProperty("modelgov.shared") != null
        ? Path.of(System.getProperty("modelgov.shared"))
        : Cli.root().resolveSibling("shared");
    return shared.resolve("vectors/k8s").resolve(name).toString();
  }

  /** Writes a CREATE review of the rendered credit-scoring Deployment, signed with a new key, and its public key. */
  private Path[] signedReview() throws Exception {
    ManifestCodec codec = ManifestCodec.defaults();
    ModelManifest manifest = codec.read(Path.of(Cli.example("credit-scoring.yaml")));
    Digest digest = codec.digest(manifest);
    SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
    byte[] payload = InTotoStatements.statement("model", new Digest("sha256", "cd".repeat(32)),
        PredicateType.GOVERNANCE.uri(), InTotoStatements.governancePredicate(manifest));
    byte[] envelope = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(key)).toJson();
    Deployment d = GitOpsRenderer.builder().namespace("ml-serving").build().render(manifest, digest).stream()
        .filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
    d.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
    d.getMetadata().getAnnotations().put(AnnotationManifestResolver.MANIFEST,
        AnnotationManifestResolver.encodeManifest(codec, manifest));
    d.getMetadata().getAnnotations().put(AnnotationManifestResolver.PROVENANCE,
        AnnotationManifestResolver.encodeProvenance(envelope));
    ObjectNode request = JSON.createObjectNode().put("uid", "cli-1").put("operation", "CREATE")
        .put("namespace", "ml-serving").put("name", d.getMetadata().getName());
    request.putObject("kind").put("group", "apps").put("version", "v1").put("kind", "Deployment");
    request.set("object", new KubernetesSerialization().convertValue(d, JsonNode.class));
    Path review = tmp.resolve("review.json");
    Files.writeString(review, request.toString(), StandardCharsets.UTF_8); // a bare request: wrapped
    Path pub = tmp.resolve("release.pub.pem");
    Files.writeString(pub, key.verificationKey().toSpkiPem(), StandardCharsets.UTF_8);
    return new Path[] {review, pub};
  }

  @Test
  void the_privileged_pod_is_denied_and_exits_1() throws Exception {
    // WHEN the kubewarden privileged Pod request is admitted with the built-in pack
    Cli.Result result = Cli.run("k8s", "admit", "--policy", "builtin",
        vector("admissionrequest-pod-create-privileged.kubewarden.json"));
    // THEN the response review is printed: denied, the uid copied, privileged named
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    JsonNode out = JSON.readTree(result.out());
    assertThat(out.get("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(out.at("/response/allowed").asBoolean()).isFalse();
    assertThat(out.at("/response/uid").asText()).isNotEmpty();
    assertThat(out.at("/response/status/message").asText()).contains("privileged: ");
  }

  @Test
  void a_signed_governed_deployment_is_allowed_with_the_key_and_denied_without() throws Exception {
    // GIVEN a review of a governed Deployment signed with a key whose public half is on disk
    Path[] files = signedReview();
    // WHEN admitted with the key, and without it
    Cli.Result trusted = Cli.run("k8s", "admit", "--policy", "builtin", "--pub", files[1].toString(),
        "--environment", "prod", files[0].toString());
    Cli.Result untrusted = Cli.run("k8s", "admit", "--policy", "builtin", files[0].toString());
    // THEN with the key it is allowed (exit 0) with a label patch; without, denied naming the provenance rule
    assertThat(trusted.exitCode()).as(trusted.out() + trusted.err()).isZero();
    JsonNode allowed = JSON.readTree(trusted.out());
    assertThat(allowed.at("/response/uid").asText()).isEqualTo("cli-1");
    assertThat(allowed.at("/response/patchType").asText()).isEqualTo("JSONPatch");
    assertThat(untrusted.exitCode()).isEqualTo(1);
    assertThat(JSON.readTree(untrusted.out()).at("/response/status/message").asText())
        .contains("model.provenance.signed");
  }

  @Test
  void a_review_is_read_from_standard_input() throws Exception {
    // GIVEN the kube-review Deployment on standard input
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(
          Files.readAllBytes(Path.of(vector("admissionreview-v1-deployment-create.kube-review.json")))));
      // WHEN admitted from "-"
      Cli.Result result = Cli.run("k8s", "admit", "--policy", "builtin-cel", "-");
      // THEN it is answered: the uid copied and denied for its posture
      assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
      assertThat(JSON.readTree(result.out()).at("/response/uid").asText())
          .isEqualTo("2024ee9c-c374-413c-838d-e62bcb4826be");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void a_malformed_review_exits_2_naming_the_file() throws Exception {
    // GIVEN a body that is not JSON, and one that breaks after its uid
    Path garbage = tmp.resolve("garbage.json");
    Files.writeString(garbage, "not json", StandardCharsets.UTF_8);
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\"request\":{\"uid\":\"u-9\",\"object\":", StandardCharsets.UTF_8);
    // WHEN admitted
    Cli.Result none = Cli.run("k8s", "admit", "--policy", "builtin", garbage.toString());
    Cli.Result withUid = Cli.run("k8s", "admit", "--policy", "builtin", broken.toString());
    // THEN both exit 2 with one line naming the file; the second also prints the 400 response
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err().strip()).startsWith(garbage + ": malformed AdmissionReview").doesNotContain("\n\tat ");
    assertThat(withUid.exitCode()).isEqualTo(2);
    assertThat(JSON.readTree(withUid.out()).at("/response/status/code").asInt()).isEqualTo(400);
    assertThat(withUid.err()).contains(broken.toString());
  }

  @Test
  void bad_options_exit_2() {
    // WHEN the profile is unknown, or the file is missing
    Cli.Result profile = Cli.run("k8s", "admit", "--policy", "builtin", "--profile", "lax",
        vector("admissionrequest-pod-create-privileged.kubewarden.json"));
    Cli.Result missing = Cli.run("k8s", "admit", "--policy", "builtin", tmp.resolve("nope.json").toString());
    // THEN each exits 2 with a message naming the option or the file
    assertThat(profile.exitCode()).isEqualTo(2);
    assertThat(profile.err()).contains("--profile");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.json");
  }
}
