package dev.modelgov.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.k8s.admission.AdmissionHandler;
import dev.modelgov.k8s.admission.AdmissionReviewException;
import dev.modelgov.k8s.admission.AnnotationManifestResolver;
import dev.modelgov.k8s.gitops.GitOpsRenderer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The latency of answering one admission request for a typical governed model Deployment: {@link #k8sAdmission} hands
 * {@link AdmissionHandler#handle(byte[])} the AdmissionReview JSON of a hardened Deployment rendered by {@link
 * GitOpsRenderer} from the benchmark manifest, annotated with the manifest (base64 JSON), its digest and an Ed25519
 * signed DSSE envelope, and gets the response JSON back. Each operation parses and decodes the review, runs the
 * governance-strict posture checks, decodes and digests the manifest, verifies the envelope, evaluates the built-in
 * pack at admission and computes the label patch. Target: p50 at most 1 ms (at least 1,000 reviews/s on the {@code
 * k8sAdmission@p50} key). Run with {@code java -jar benchmarks/target/benchmarks.jar K8sAdmission}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class K8sAdmissionBenchmark {

  private AdmissionHandler handler;
  private byte[] review;

  /**
   * Renders, annotates and signs the Deployment, builds the handler and checks the review is allowed with a patch
   * (so the whole path is measured).
   *
   * @throws Exception if the fixture cannot be built or the review is not allowed
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    ManifestCodec codec = ManifestCodec.defaults();
    ModelManifest manifest = ManifestDigestBenchmark.manifest();
    Digest digest = codec.digest(manifest);
    SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
    byte[] payload = InTotoStatements.statement("model", new Digest("sha256", "ab".repeat(32)),
        PredicateType.GOVERNANCE.uri(), InTotoStatements.governancePredicate(manifest));
    byte[] envelope = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(key)).toJson();
    Deployment d = GitOpsRenderer.builder().namespace("ml-serving").build().render(manifest, digest).stream()
        .filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
    d.getMetadata().getLabels().remove("app.kubernetes.io/managed-by"); // something for the patch to add
    d.getMetadata().getAnnotations().put(AnnotationManifestResolver.MANIFEST,
        AnnotationManifestResolver.encodeManifest(codec, manifest));
    d.getMetadata().getAnnotations().put(AnnotationManifestResolver.PROVENANCE,
        AnnotationManifestResolver.encodeProvenance(envelope));
    review = review(d);
    handler = AdmissionHandler.builder()
        .policy(BuiltinPolicy.deployGate(), PolicyEngine.builder().build())
        .trustRoot(TrustRoot.builder().trust("release", key.verificationKey()).build())
        .environment("prod")
        .build();
    JsonNode response = new ObjectMapper().readTree(handler.handle(review)).path("response");
    if (!response.path("allowed").asBoolean() || !response.has("patch")) {
      throw new IllegalStateException("the benchmark review is not allowed with a patch: " + response);
    }
  }

  private static byte[] review(Deployment d) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode request = mapper.createObjectNode().put("uid", "705ab4f5-6393-11e8-b7cc-42010a800002")
        .put("operation", "CREATE").put("namespace", d.getMetadata().getNamespace())
        .put("name", d.getMetadata().getName()).put("dryRun", false);
    request.putObject("kind").put("group", "apps").put("version", "v1").put("kind", "Deployment");
    request.putObject("resource").put("group", "apps").put("version", "v1").put("resource", "deployments");
    ObjectNode user = request.putObject("userInfo").put("username", "system:serviceaccount:argocd:argocd-controller");
    user.putArray("groups").add("system:serviceaccounts").add("system:authenticated");
    request.set("object", new KubernetesSerialization().convertValue(d, JsonNode.class));
    ObjectNode root = mapper.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    root.set("request", request);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Answers the review.
   *
   * @return the response JSON
   * @throws AdmissionReviewException never for this review
   */
  @Benchmark
  public byte[] k8sAdmission() throws AdmissionReviewException {
    return handler.handle(review);
  }
}
