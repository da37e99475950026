package dev.modelgov.k8s.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.k8s.gitops.GitOpsRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A governed Deployment rendered from the credit-scoring example, signed with a fresh Ed25519 key, as reviews. */
final class GovernedReviews {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  final ManifestCodec codec = ManifestCodec.defaults();
  final ModelManifest manifest;
  final Digest digest;
  final SigningKey key;
  final byte[] envelope;

  GovernedReviews() throws Exception {
    manifest = codec.read(TestFiles.root().resolve("examples/manifests/credit-scoring.yaml"));
    digest = codec.digest(manifest);
    key = SigningKey.generate(SignatureAlgorithm.ED25519);
    envelope = sign(manifest, key);
  }

  static byte[] sign(ModelManifest manifest, SigningKey key) throws Exception {
    byte[] payload = InTotoStatements.statement("model", new Digest("sha256", "ab".repeat(32)),
        PredicateType.GOVERNANCE.uri(), InTotoStatements.governancePredicate(manifest));
    return DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(key)).toJson();
  }

  TrustRoot trustRoot() {
    return TrustRoot.builder().trust("release", key.verificationKey()).build();
  }

  /** The rendered Deployment, without the manifest and provenance annotations. */
  Deployment deployment() {
    List<HasMetadata> objects = GitOpsRenderer.builder().namespace("ml-serving").build().render(manifest, digest);
    return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
        .orElseThrow();
  }

  /** The rendered Deployment annotated with the manifest, a digest and (when not null) the provenance. */
  Deployment governed(String digestAnnotation, byte[] provenance) {
    Deployment d = deployment();
    d.getMetadata().getAnnotations().put(AnnotationManifestResolver.MANIFEST,
        AnnotationManifestResolver.encodeManifest(codec, manifest));
    d.getMetadata().getAnnotations().put(AnnotationManifestResolver.MANIFEST_DIGEST, digestAnnotation);
    if (provenance != null) {
      d.getMetadata().getAnnotations().put(AnnotationManifestResolver.PROVENANCE,
          AnnotationManifestResolver.encodeProvenance(provenance));
    }
    return d;
  }

  /** A full CREATE review of an object, as the apiserver sends it. */
  static byte[] review(String uid, String operation, HasMetadata object) {
    ObjectNode request = MAPPER.createObjectNode();
    request.put("uid", uid);
    String[] gv = object.getApiVersion().contains("/") ? object.getApiVersion().split("/") :
        new String[] {"", object.getApiVersion()};
    request.putObject("kind").put("group", gv[0]).put("version", gv[1]).put("kind", object.getKind());
    request.put("name", object.getMetadata().getName());
    request.put("namespace", object.getMetadata().getNamespace());
    request.put("operation", operation);
    ObjectNode user = request.putObject("userInfo").put("username", "system:serviceaccount:argocd:argocd");
    user.putArray("groups").add("system:serviceaccounts");
    request.set("object", SERIALIZATION.convertValue(object, JsonNode.class));
    request.put("dryRun", false);
    ObjectNode review = MAPPER.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview").set("request", request);
    return review.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Wraps a bare AdmissionRequest file in an AdmissionReview. */
  static byte[] wrapped(Path bareRequest) throws Exception {
    ObjectNode review = MAPPER.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview")
        .set("request", MAPPER.readTree(Files.readAllBytes(bareRequest)));
    return review.toString().getBytes(StandardCharsets.UTF_8);
  }

  static JsonNode response(byte[] reviewJson) throws Exception {
    JsonNode root = MAPPER.readTree(reviewJson);
    return root.get("response");
  }
}
