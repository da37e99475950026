package dev.modelgov.k8s.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.policy.EnforcementMode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.Severity;
import dev.modelgov.cel.CelPolicies;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdmissionHandlerTest {

  private static final Path VECTORS = TestFiles.shared().resolve("vectors/k8s");
  private static GovernedReviews fixture;
  private static AdmissionHandler handler;

  @BeforeAll
  static void setUp() throws Exception {
    fixture = new GovernedReviews();
    handler = AdmissionHandler.builder()
        .policy(BuiltinPolicy.deployGate(), PolicyEngine.builder().build())
        .trustRoot(fixture.trustRoot())
        .environment("prod")
        .build();
  }

  private static JsonNode answer(AdmissionHandler h, byte[] review) throws Exception {
    return GovernedReviews.response(h.handle(review));
  }

  private static String message(JsonNode response) {
    return response.path("status").path("message").asText();
  }

  // ---- the shared vectors ----

  @Test
  void the_privileged_pod_request_is_wrapped_and_denied_naming_privileged() throws Exception {
    // GIVEN the kubewarden bare request: CREATE of a Pod with a privileged container
    Path file = VECTORS.resolve("admissionrequest-pod-create-privileged.kubewarden.json");
    String uid = GovernedReviews.MAPPER.readTree(Files.readAllBytes(file)).get("uid").asText();
    // WHEN handled as the bare request and as the wrapped review
    JsonNode bare = answer(handler, Files.readAllBytes(file));
    JsonNode wrapped = answer(handler, GovernedReviews.wrapped(file));
    // THEN both copy the uid and deny with 403 naming the privileged check
    for (JsonNode r : new JsonNode[] {bare, wrapped}) {
      assertThat(r.get("uid").asText()).isEqualTo(uid);
      assertThat(r.get("allowed").asBoolean()).isFalse();
      assertThat(r.path("status").path("code").asInt()).isEqualTo(403);
      assertThat(message(r)).startsWith("denied by modelgov: ").contains("privileged: ");
    }
  }

  @Test
  void the_kube_review_deployment_create_is_denied_for_root_and_an_unpinned_image() throws Exception {
    // GIVEN the kube-review CREATE of Deployment nginx: image "nginx" (no tag, no digest), no securityContext, no
    // model annotations
    byte[] review = Files.readAllBytes(VECTORS.resolve("admissionreview-v1-deployment-create.kube-review.json"));
    // WHEN handled
    JsonNode r = answer(handler, review);
    // THEN it is denied (uid copied) naming the HIGH posture findings with their fixes, and warns that the workload
    // is not governed
    assertThat(r.get("uid").asText()).isEqualTo("2024ee9c-c374-413c-838d-e62bcb4826be");
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(message(r)).contains("run-as-non-root: ", "image-digest: ", "(fix: ");
    assertThat(message(r).length()).isLessThanOrEqualTo(AdmissionHandler.MAX_MESSAGE_CHARS);
    assertThat(r.get("warnings").toString()).contains("not a governed model workload");
    assertThat(r.has("patch")).isFalse();
  }

  @Test
  void the_update_vector_is_checked_like_a_create() throws Exception {
    // GIVEN the kubewarden UPDATE of a Deployment (object and oldObject)
    Path file = VECTORS.resolve("admissionrequest-deployment-update.kubewarden-echo.json");
    JsonNode request = GovernedReviews.MAPPER.readTree(Files.readAllBytes(file));
    // WHEN handled
    JsonNode r = answer(handler, GovernedReviews.wrapped(file));
    // THEN the uid is copied and the answer reflects the posture of the new object: an ungoverned Deployment without
    // runAsNonRoot is denied
    assertThat(r.get("uid").asText()).isEqualTo(request.get("uid").asText());
    assertThat(request.get("operation").asText()).isEqualTo("UPDATE");
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(message(r)).contains("run-as-non-root");
  }

  @Test
  void the_delete_vector_is_allowed_untouched() throws Exception {
    // GIVEN the kubewarden DELETE of a Deployment (object null)
    Path file = VECTORS.resolve("admissionrequest-deployment-delete.kubewarden-echo.json");
    String uid = GovernedReviews.MAPPER.readTree(Files.readAllBytes(file)).get("uid").asText();
    // WHEN handled
    JsonNode r = answer(handler, GovernedReviews.wrapped(file));
    // THEN it is allowed with no status, warnings or patch
    assertThat(r.get("uid").asText()).isEqualTo(uid);
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(r.has("status") || r.has("patch") || r.has("warnings")).isFalse();
  }

  // ---- governed workloads ----

  @Test
  void a_signed_governed_deployment_is_allowed_with_the_missing_labels_patched() throws Exception {
    // GIVEN the rendered credit-scoring Deployment with its manifest, digest and signed envelope, and without some of
    // the recommended labels
    Deployment d = fixture.governed(fixture.digest.toString(), fixture.envelope);
    d.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
    d.getMetadata().getLabels().remove("governance.modelgov.dev/version");
    d.getMetadata().getLabels().put("app.kubernetes.io/version", "custom");
    d.getSpec().getTemplate().getMetadata().getLabels().remove("governance.modelgov.dev/model");
    // WHEN a CREATE is handled
    JsonNode r = answer(handler, GovernedReviews.review("u-1", "CREATE", d));
    // THEN it is allowed, with audit annotations for the decision and a JSON patch adding only the missing labels
    assertThat(message(r)).isEmpty();
    assertThat(r.get("allowed").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.path("auditAnnotations").path("model").asText()).isEqualTo(fixture.manifest.coordinates());
    assertThat(r.path("auditAnnotations").path("manifest-digest").asText()).isEqualTo(fixture.digest.toString());
    assertThat(r.path("auditAnnotations").path("policy").asText())
        .isEqualTo(BuiltinPolicy.ID + "@" + BuiltinPolicy.VERSION);
    assertThat(r.path("auditAnnotations").path("decision-id").asText()).isNotEmpty();
    assertThat(r.get("patchType").asText()).isEqualTo("JSONPatch");
    JsonNode patch = GovernedReviews.MAPPER.readTree(Base64.getDecoder().decode(r.get("patch").asText()));
    Map<String, String> added = new HashMap<>();
    for (JsonNode op : patch) {
      assertThat(op.get("op").asText()).isEqualTo("add");
      added.put(op.get("path").asText(), op.get("value").asText());
    }
    assertThat(added).containsOnly(
        Map.entry("/metadata/labels/app.kubernetes.io~1managed-by", "modelgov"),
        Map.entry("/metadata/labels/governance.modelgov.dev~1version", fixture.manifest.version()),
        Map.entry("/spec/template/metadata/labels/governance.modelgov.dev~1model",
            fixture.manifest.id().namespace() + "." + fixture.manifest.id().name()));
  }

  @Test
  void with_patching_off_an_allowed_review_has_no_patch() throws Exception {
    // GIVEN a handler with the patch switched off and a governed Deployment lacking a label
    AdmissionHandler noPatch = AdmissionHandler.builder()
        .policy(BuiltinPolicy.deployGate(), PolicyEngine.builder().build())
        .trustRoot(fixture.trustRoot()).patch(false).build();
    Deployment d = fixture.governed(fixture.digest.toString(), fixture.envelope);
    d.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
    // WHEN handled
    JsonNode r = answer(noPatch, GovernedReviews.review("u-2", "CREATE", d));
    // THEN it is allowed without a patch
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(r.has("patch")).isFalse();
  }

  @Test
  void an_unsigned_governed_deployment_is_denied_naming_the_provenance_rule() throws Exception {
    // GIVEN the governed Deployment without a provenance annotation
    Deployment d = fixture.governed(fixture.digest.toString(), null);
    // WHEN handled
    JsonNode r = answer(handler, GovernedReviews.review("u-3", "CREATE", d));
    // THEN it is denied naming model.provenance.signed and its fix, and audited as DENY
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(message(r)).contains("model.provenance.signed: ", "(fix: sign the model");
    assertThat(r.path("auditAnnotations").path("effect").asText()).isEqualTo("DENY");
    assertThat(r.has("patch")).isFalse();
  }

  @Test
  void a_signature_by_an_untrusted_key_is_denied() throws Exception {
    // GIVEN the governed Deployment signed by a key the trust root does not hold
    byte[] other = GovernedReviews.sign(fixture.manifest,
        dev.modelgov.core.provenance.SigningKey.generate(dev.modelgov.api.provenance.SignatureAlgorithm.ED25519));
    Deployment d = fixture.governed(fixture.digest.toString(), other);
    // WHEN handled
    JsonNode r = answer(handler, GovernedReviews.review("u-4", "CREATE", d));
    // THEN provenance did not verify: denied naming model.provenance.signed
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(message(r)).contains("model.provenance.signed: ");
  }

  @Test
  void a_wrong_digest_annotation_is_denied_naming_the_digest_rule() throws Exception {
    // GIVEN the signed governed Deployment whose manifest-digest annotation names another digest
    Deployment d = fixture.governed("sha256:" + "0".repeat(64), fixture.envelope);
    // WHEN handled
    JsonNode r = answer(handler, GovernedReviews.review("u-5", "CREATE", d));
    // THEN it is denied naming model.manifest.digest-match, both digests in the message
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(message(r)).contains("model.manifest.digest-match: ", "sha256:" + "0".repeat(64),
        fixture.digest.toString());
  }

  @Test
  void an_undecodable_manifest_annotation_is_denied_naming_the_annotation() throws Exception {
    // GIVEN a Deployment whose manifest annotation is not base64
    Deployment d = fixture.governed(fixture.digest.toString(), fixture.envelope);
    d.getMetadata().getAnnotations().put(AnnotationManifestResolver.MANIFEST, "{not base64}");
    // WHEN handled
    JsonNode r = answer(handler, GovernedReviews.review("u-6", "CREATE", d));
    // THEN denied naming model.manifest.unreadable and the annotation
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(message(r)).contains("model.manifest.unreadable: governance.modelgov.dev/manifest: not base64");
  }

  @Test
  void a_warn_rule_failure_allows_with_the_warning() throws Exception {
    // GIVEN a policy whose only rule fails in WARN mode at admission
    Policy warnOnly = Policy.named("warn-only").version("1.0.0")
        .rule("k8s.replicas.explicit").title("Replicas are explicit").severity(Severity.LOW)
        .mode(EnforcementMode.WARN)
        .check(m -> false).message("replicas are left to the autoscaler").remediation("set replicas")
        .build();
    AdmissionHandler h = AdmissionHandler.builder().policy(warnOnly, PolicyEngine.builder().build()).build();
    Deployment d = fixture.governed(fixture.digest.toString(), null);
    // WHEN handled
    JsonNode r = answer(h, GovernedReviews.review("u-7", "CREATE", d));
    // THEN allowed, with the rule's warning (each warning at most 120 characters)
    assertThat(r.get("allowed").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.get("warnings").toString()).contains("k8s.replicas.explicit: replicas are left to the autoscaler");
    r.get("warnings").forEach(w -> assertThat(w.asText().length()).isLessThanOrEqualTo(120));
    assertThat(r.path("auditAnnotations").path("effect").asText()).isEqualTo("WARN");
  }

  @Test
  void a_cel_rule_over_object_sees_the_admitted_deployment() throws Exception {
    // GIVEN a CEL policy requiring every container image to be pinned by digest, read from `object`
    Policy cel = CelPolicies.parse("""
        apiVersion: policy.modelgov.dev/v1alpha1
        kind: GovernancePolicy
        metadata: {name: k8s-images}
        spec:
          version: 1.0.0
          validations:
            - id: k8s.images.pinned
              severity: HIGH
              expression: "object.spec.template.spec.containers.all(c, c.image.contains('@sha256:'))"
              message: "a container image is not pinned by digest"
            - id: k8s.request.user
              severity: HIGH
              expression: >-
                request.userInfo.username.startsWith('system:serviceaccount:')
                && request.operation == 'CREATE'
        """, "k8s-images.yaml");
    AdmissionHandler h = AdmissionHandler.builder().policy(cel, PolicyEngine.builder().build()).build();
    Deployment pinned = fixture.governed(fixture.digest.toString(), null);
    Deployment tagged = fixture.governed(fixture.digest.toString(), null);
    tagged.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.bank.example/ml/serve:1.0");
    // WHEN both are handled (image-digest posture ignored, so only the policy decides)
    AdmissionHandler lenient = AdmissionHandler.builder().policy(cel, PolicyEngine.builder().build())
        .postureScanner(dev.modelgov.k8s.posture.PostureScanner.builder().ignore("image-digest").build()).build();
    JsonNode ok = answer(h, GovernedReviews.review("u-8", "CREATE", pinned));
    JsonNode bad = answer(lenient, GovernedReviews.review("u-9", "CREATE", tagged));
    // THEN the pinned one passes and the tagged one is denied by the CEL rule
    assertThat(ok.get("allowed").asBoolean()).as(ok.toString()).isTrue();
    assertThat(bad.get("allowed").asBoolean()).isFalse();
    assertThat(message(bad)).contains("k8s.images.pinned: a container image is not pinned by digest");
  }

  @Test
  void an_ungoverned_workload_is_denied_when_a_governed_model_is_required() throws Exception {
    // GIVEN a handler requiring a governed model, and the rendered Deployment without the manifest annotation
    AdmissionHandler strict = AdmissionHandler.builder()
        .policy(BuiltinPolicy.deployGate(), PolicyEngine.builder().build()).requireGovernedModel(true).build();
    Deployment d = fixture.deployment();
    // WHEN handled by it and by the default handler
    JsonNode denied = answer(strict, GovernedReviews.review("u-10", "CREATE", d));
    JsonNode allowed = answer(handler, GovernedReviews.review("u-11", "CREATE", d));
    // THEN the strict one denies naming model.governed; the default allows with a warning and patches nothing
    assertThat(denied.get("allowed").asBoolean()).isFalse();
    assertThat(message(denied)).contains("model.governed: ");
    assertThat(allowed.get("allowed").asBoolean()).as(allowed.toString()).isTrue();
    assertThat(allowed.get("warnings").toString()).contains("not a governed model workload");
    assertThat(allowed.has("patch")).isFalse();
  }

  @Test
  void a_non_workload_kind_is_allowed_untouched() throws Exception {
    // GIVEN a ConfigMap CREATE
    String review = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"cm-1",
         "kind":{"group":"","version":"v1","kind":"ConfigMap"},"operation":"CREATE","namespace":"ml",
         "object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"b"}}}}""";
    // WHEN handled
    JsonNode r = answer(handler, review.getBytes(StandardCharsets.UTF_8));
    // THEN allowed with nothing else
    assertThat(r.get("uid").asText()).isEqualTo("cm-1");
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(r.has("warnings") || r.has("patch") || r.has("status")).isFalse();
  }

  // ---- malformed input ----

  @Test
  void malformed_json_with_a_readable_uid_gets_a_400_response() throws Exception {
    // GIVEN a review that breaks after the request uid
    byte[] broken = ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
        + "\"request\":{\"uid\":\"abc-1\",\"object\":{").getBytes(StandardCharsets.UTF_8);
    // WHEN handled
    JsonNode r = answer(handler, broken);
    // THEN the response carries the uid, allowed false, code 400 and the byte offset of the problem
    assertThat(r.get("uid").asText()).isEqualTo("abc-1");
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.path("status").path("code").asInt()).isEqualTo(400);
    assertThat(message(r)).startsWith("malformed AdmissionReview: not valid JSON at byte offset ");
  }

  @Test
  void duplicate_keys_are_rejected() throws Exception {
    // GIVEN a review with a duplicated operation key
    byte[] dup = ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"d-1\","
        + "\"operation\":\"DELETE\",\"operation\":\"CREATE\"}}").getBytes(StandardCharsets.UTF_8);
    // WHEN handled
    JsonNode r = answer(handler, dup);
    // THEN a 400 naming the duplicate, not an allowed DELETE
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.path("status").path("code").asInt()).isEqualTo(400);
    assertThat(message(r)).contains("operation");
  }

  @Test
  void malformed_json_without_a_uid_throws_for_the_transport() {
    // GIVEN bodies with no readable uid: garbage, an array, a review without a request uid
    // WHEN handled THEN each throws AdmissionReviewException with a clear message
    assertThatThrownBy(() -> handler.handle("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AdmissionReviewException.class).hasMessageStartingWith("malformed AdmissionReview");
    assertThatThrownBy(() -> handler.handle("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AdmissionReviewException.class).hasMessageContaining("not an object");
    assertThatThrownBy(() -> handler.handle("{\"request\":{}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AdmissionReviewException.class).hasMessageContaining("request.uid");
  }

  @Test
  void a_body_over_the_size_limit_throws() {
    // GIVEN a handler limited to 2 KiB and a 3 KiB body
    AdmissionHandler small = AdmissionHandler.builder()
        .policy(BuiltinPolicy.deployGate(), PolicyEngine.builder().build()).maxReviewBytes(2048).build();
    byte[] big = ("{\"request\":{\"uid\":\"x\",\"pad\":\"" + "a".repeat(3000) + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
    // WHEN handled THEN it throws naming the limit
    assertThatThrownBy(() -> small.handle(big)).isInstanceOf(AdmissionReviewException.class)
        .hasMessageContaining("over the limit of 2048 bytes");
  }

  @Test
  void another_review_version_gets_a_400() throws Exception {
    // GIVEN a v1beta1 review
    byte[] v1beta1 = ("{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":"
        + "\"b-1\",\"operation\":\"CREATE\"}}").getBytes(StandardCharsets.UTF_8);
    // WHEN handled THEN a 400 naming the expected version
    JsonNode r = answer(handler, v1beta1);
    assertThat(r.path("status").path("code").asInt()).isEqualTo(400);
    assertThat(message(r)).contains("expected apiVersion admission.k8s.io/v1");
  }

  // ---- typed API and builder ----

  @Test
  void the_typed_handle_answers_the_same_as_the_bytes() throws Exception {
    // GIVEN the signed governed Deployment as a typed review
    byte[] bytes = GovernedReviews.review("t-1", "CREATE", fixture.governed(fixture.digest.toString(),
        fixture.envelope));
    AdmissionReview typed = GovernedReviews.SERIALIZATION.unmarshal(new String(bytes, StandardCharsets.UTF_8),
        AdmissionReview.class);
    // WHEN handled both ways
    AdmissionReview out = handler.handle(typed);
    JsonNode viaBytes = answer(handler, bytes);
    // THEN both allow with the same uid and the apiVersion admission.k8s.io/v1
    assertThat(out.getApiVersion()).isEqualTo("admission.k8s.io/v1");
    assertThat(out.getResponse().getUid()).isEqualTo("t-1");
    assertThat(out.getResponse().getAllowed()).isEqualTo(viaBytes.get("allowed").asBoolean()).isTrue();
  }

  @Test
  void the_builder_names_the_missing_policy() {
    // GIVEN a builder without a policy WHEN built THEN it names the field
    assertThatThrownBy(() -> AdmissionHandler.builder().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("policy is not set");
    assertThatThrownBy(() -> AdmissionHandler.builder().policy(BuiltinPolicy.deployGate(), null).build())
        .hasMessageContaining("engine");
  }

  @Test
  void sub_threshold_findings_become_warnings_and_the_threshold_moves() throws Exception {
    // GIVEN the signed governed Deployment without its liveness probe (a MEDIUM finding)
    Deployment d = fixture.governed(fixture.digest.toString(), fixture.envelope);
    d.getSpec().getTemplate().getSpec().getContainers().get(0).setLivenessProbe(null);
    AdmissionHandler medium = AdmissionHandler.builder()
        .policy(BuiltinPolicy.deployGate(), PolicyEngine.builder().build()).trustRoot(fixture.trustRoot())
        .denyAt(Severity.MEDIUM).build();
    // WHEN handled with the default threshold (HIGH) and with MEDIUM
    JsonNode warned = answer(handler, GovernedReviews.review("w-1", "CREATE", d));
    JsonNode denied = answer(medium, GovernedReviews.review("w-2", "CREATE", d));
    // THEN HIGH allows with a liveness-probe warning; MEDIUM denies naming it
    assertThat(warned.get("allowed").asBoolean()).as(warned.toString()).isTrue();
    assertThat(warned.get("warnings").toString()).contains("liveness-probe: ");
    assertThat(denied.get("allowed").asBoolean()).isFalse();
    assertThat(message(denied)).contains("liveness-probe: ");
  }

  @Test
  void a_cached_verification_is_reused_only_within_its_ttl() throws Exception {
    // GIVEN a handler and verifier on a clock moved by hand, caching outcomes for 60 s
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-11-20T10:00:00Z"));
    java.time.Clock clock = new java.time.Clock() {
      @Override public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override public java.time.Instant instant() {
        return now.get();
      }
    };
    // a trust root valid for one minute only, so a re-verification after the TTL sees the key expired
    dev.modelgov.core.provenance.TrustRoot shortLived = dev.modelgov.core.provenance.TrustRoot.builder()
        .trust("release", fixture.key.verificationKey(), now.get().minusSeconds(60), now.get().plusSeconds(30))
        .build();
    AdmissionHandler h = AdmissionHandler.builder()
        .policy(BuiltinPolicy.deployGate(), PolicyEngine.builder().build())
        .verifier(dev.modelgov.core.provenance.ProvenanceVerifier.builder().trustRoot(shortLived).clock(clock).build())
        .clock(clock).provenanceCacheTtl(java.time.Duration.ofSeconds(60)).build();
    byte[] review = GovernedReviews.review("c-1", "CREATE", fixture.governed(fixture.digest.toString(),
        fixture.envelope));
    // WHEN admitted now, 45 s later (key expired, cached outcome still fresh) and 2 min later (cache expired)
    JsonNode first = answer(h, review);
    now.set(now.get().plusSeconds(45));
    JsonNode cached = answer(h, review);
    now.set(now.get().plusSeconds(90));
    JsonNode reverified = answer(h, review);
    // THEN the first two are allowed, the third re-verifies, finds the key expired and denies
    assertThat(first.get("allowed").asBoolean()).as(first.toString()).isTrue();
    assertThat(cached.get("allowed").asBoolean()).isTrue();
    assertThat(reverified.get("allowed").asBoolean()).isFalse();
    assertThat(message(reverified)).contains("model.provenance.signed");
  }

  @Test
  void the_point_is_admission() {
    // GIVEN the built-in pack WHEN compiled into a handler THEN the policy is exposed for inspection
    assertThat(handler.policy().policy().id()).isEqualTo(BuiltinPolicy.ID);
    assertThat(EnforcementPoint.ADMISSION.wireName()).isEqualTo("admission");
  }
}
