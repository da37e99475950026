package dev.modelgov.k8s.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.AdmissionInput;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.policy.Severity;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.policy.CompiledPolicy;
import dev.modelgov.core.policy.DecisionRecords;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyContexts;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.provenance.ProvenanceVerifier;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.admission.internal.BoundedCache;
import dev.modelgov.k8s.admission.internal.LabelPatch;
import dev.modelgov.k8s.admission.internal.ReviewJson;
import dev.modelgov.k8s.gitops.GitOpsRenderer;
import dev.modelgov.k8s.posture.PostureProfile;
import dev.modelgov.k8s.posture.PostureScanner;
import dev.modelgov.k8s.posture.internal.ContainerView;
import dev.modelgov.k8s.posture.internal.PodTarget;
import dev.modelgov.k8s.posture.internal.Workloads;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Answers Kubernetes admission requests for model workloads, without any transport: an {@code admission.k8s.io/v1}
 * AdmissionReview in, its response out. Thread-safe; build one and share it between request threads.
 *
 * <p>For CREATE and UPDATE of a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, KServe
 * InferenceService) the handler:
 *
 * <ol>
 *   <li>runs the posture checks on the object ({@link PostureScanner#scan(HasMetadata)}: no cluster context exists at
 *       admission, so the NetworkPolicy, HPA and PDB checks do not run); findings at or above {@link
 *       Builder#denyAt} deny, lower ones become warnings;
 *   <li>resolves the model ({@link ManifestResolver}, by default the workload's annotations); a workload that names no
 *       model is "not governed": allowed with a warning, or denied with {@code model.governed} when {@link
 *       Builder#requireGovernedModel} is set;
 *   <li>checks the declared manifest digest against the manifest's canonical digest ({@code
 *       model.manifest.digest-match}) and verifies the provenance (no verifier: the facts are {@code absent}; the
 *       outcome for the same envelope bytes is reused for {@link Builder#provenanceCacheTtl}, and decoded manifests
 *       and their digests are kept too, so a model admitted again costs no parse, digest or signature check);
 *   <li>evaluates the policy at {@link EnforcementPoint#ADMISSION} with the workload's images, the request (CEL {@code
 *       object}, {@code oldObject}, {@code request}), the provenance facts and the environment;
 *   <li>answers: allowed iff nothing denied; a 403 status naming each denying rule or finding with its fix (at most
 *       {@value #MAX_MESSAGE_CHARS} characters); warnings for WARN rules and sub-threshold findings; audit
 *       annotations (decision id, effect, policy, model, manifest digest); and, when allowed, a JSON Patch adding the
 *       missing {@code app.kubernetes.io/*} and {@code governance.modelgov.dev/*} labels.
 * </ol>
 *
 * DELETE and CONNECT, and other kinds, are allowed untouched.
 *
 * <pre>{@code
 * AdmissionHandler handler = AdmissionHandler.builder()
 *     .policy(BuiltinPolicy.deployGate(), PolicyEngine.builder().waivers(waivers).build())
 *     .trustRoot(TrustRoot.builder().trust("release", releaseKey).build())
 *     .environment("prod")
 *     .build();
 * byte[] response = handler.handle(requestBody); // AdmissionReviewException -> HTTP 400
 * }</pre>
 */
public final class AdmissionHandler {

  /** The API version answered. */
  public static final String API_VERSION = "admission.k8s.io/v1";

  /** The largest review accepted by default: 8 MiB (an object and its old version). */
  public static final int DEFAULT_MAX_REVIEW_BYTES = 8 << 20;

  /** The longest status message. */
  public static final int MAX_MESSAGE_CHARS = 1024;

  /** The most warnings in one response. */
  public static final int MAX_WARNINGS = 10;

  /** The longest warning. */
  public static final int MAX_WARNING_CHARS = 120;

  /** The kinds the handler governs; others are allowed untouched. */
  public static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "Pod", "DaemonSet",
      "ReplicaSet", "Job", "CronJob", "InferenceService");

  /** How many manifest digests and provenance verifications are kept for reuse. */
  public static final int CACHE_SIZE = 128;

  /** How long a provenance verification outcome is reused by default. */
  public static final Duration DEFAULT_PROVENANCE_CACHE_TTL = Duration.ofSeconds(60);

  /** The value of {@code app.kubernetes.io/managed-by} the patch adds, as {@link GitOpsRenderer} writes it. */
  public static final String MANAGED_BY = "modelgov";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private final CompiledPolicy policy;
  private final ProvenanceVerifier verifier;
  private final PostureScanner scanner;
  private final Severity denyAt;
  private final String environment;
  private final boolean patch;
  private final Clock clock;
  private final AuditLog auditLog;
  private final boolean requireGovernedModel;
  private final ManifestResolver resolver;
  private final ManifestCodec codec;
  private final int maxReviewBytes;
  private final ReviewJson json;
  private final Duration provenanceCacheTtl;
  private final BoundedCache<BoundedCache.Identity, Digest> digests = new BoundedCache<>(CACHE_SIZE);
  private final BoundedCache<ByteBuffer, CachedFacts> verified = new BoundedCache<>(CACHE_SIZE);

  /** A verification outcome and until when it may be reused. */
  private record CachedFacts(ProvenanceFacts facts, Instant until) {}

  private AdmissionHandler(Builder b, CompiledPolicy policy, ProvenanceVerifier verifier, PostureScanner scanner) {
    this.policy = policy;
    this.verifier = verifier;
    this.scanner = scanner;
    this.denyAt = b.denyAt;
    this.environment = b.environment;
    this.patch = b.patch;
    this.clock = b.clock;
    this.auditLog = b.auditLog;
    this.requireGovernedModel = b.requireGovernedModel;
    this.resolver = b.resolver;
    this.codec = b.codec;
    this.maxReviewBytes = b.maxReviewBytes;
    this.json = new ReviewJson(b.maxReviewBytes);
    this.provenanceCacheTtl = b.provenanceCacheTtl;
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the compiled policy evaluated for governed workloads */
  public CompiledPolicy policy() {
    return policy;
  }

  /**
   * Answers a review given as JSON: a full AdmissionReview, or a bare AdmissionRequest (wrapped).
   *
   * @param review the request body, must not be {@code null}
   * @return the response review as JSON (UTF-8); a review whose uid can be read but that is otherwise unusable (bad
   *     JSON further on, a wrong API version, an object that cannot be decoded) gets {@code allowed: false}, code 400
   * @throws AdmissionReviewException when the body is too large, or no request uid can be read from it
   */
  public byte[] handle(byte[] review) throws AdmissionReviewException {
    Objects.requireNonNull(review, "review must not be null");
    if (review.length > maxReviewBytes) {
      throw new AdmissionReviewException("the AdmissionReview is " + review.length + " bytes, over the limit of "
          + maxReviewBytes + " bytes");
    }
    JsonNode root;
    try {
      root = json.read(review);
    } catch (IllegalArgumentException e) {
      String problem = "malformed AdmissionReview: " + e.getMessage();
      String uid = json.salvageUid(review).orElseThrow(() -> new AdmissionReviewException(problem));
      return write(badRequest(uid, problem));
    }
    if (!root.isObject()) {
      throw new AdmissionReviewException("malformed AdmissionReview: the body is JSON " + root.getNodeType()
          .toString().toLowerCase(Locale.ROOT) + ", not an object");
    }
    JsonNode request = root.get("request");
    boolean bare = request == null && root.has("uid");
    if (bare) {
      request = root;
    }
    JsonNode uidNode = request == null || !request.isObject() ? null : request.get("uid");
    if (uidNode == null || !uidNode.isTextual() || uidNode.asText().isEmpty()) {
      throw new AdmissionReviewException("malformed AdmissionReview: request.uid is missing or not a string");
    }
    String uid = uidNode.asText();
    if (!bare) {
      String apiVersion = root.path("apiVersion").asText("");
      String kind = root.path("kind").asText("");
      if (!API_VERSION.equals(apiVersion) || !"AdmissionReview".equals(kind)) {
        return write(badRequest(uid, "unsupported review " + clip(apiVersion, 60) + " " + clip(kind, 60)
            + ": expected apiVersion " + API_VERSION + ", kind AdmissionReview"));
      }
    }
    AdmissionRequest typed;
    try {
      typed = SERIALIZATION.convertValue(request, AdmissionRequest.class);
    } catch (RuntimeException e) {
      return write(badRequest(uid, "request cannot be decoded: " + clip(String.valueOf(rootMessage(e)), 300)));
    }
    return write(answer(typed, node(request.get("object")), node(request.get("oldObject"))));
  }

  /**
   * Answers a review.
   *
   * @param review the review, must not be {@code null} and must have a request with a uid
   * @return the response review
   * @throws IllegalArgumentException if the review has no request or the request no uid
   */
  public AdmissionReview handle(AdmissionReview review) {
    Objects.requireNonNull(review, "review must not be null");
    AdmissionRequest request = review.getRequest();
    if (request == null || request.getUid() == null || request.getUid().isEmpty()) {
      throw new IllegalArgumentException("request.uid: the review has no request uid");
    }
    return answer(request, toNode(request.getObject()), toNode(request.getOldObject()));
  }

  private static ObjectNode node(JsonNode n) {
    return n != null && n.isObject() ? (ObjectNode) n : null;
  }

  private static ObjectNode toNode(Object r) {
    return r == null ? null : node(SERIALIZATION.convertValue(r, JsonNode.class));
  }

  private AdmissionReview answer(AdmissionRequest request, ObjectNode objectNode, ObjectNode oldNode) {
    String uid = request.getUid();
    String operation = request.getOperation() == null ? "" : request.getOperation().toUpperCase(Locale.ROOT);
    if (operation.equals("DELETE") || operation.equals("CONNECT")) {
      return allowed(uid);
    }
    GroupVersionKind gvk = request.getKind();
    String kind = gvk == null ? null : gvk.getKind();
    if (kind == null || !WORKLOAD_KINDS.contains(kind)) {
      return allowed(uid);
    }
    if (!(request.getObject() instanceof HasMetadata object) || objectNode == null) {
      return review(badRequest(uid, "request.object: a " + operation + " of " + kind + " carries no object"));
    }
    Outcome out = new Outcome();
    List<Finding> findings;
    try {
      findings = scanner.scan(object);
    } catch (IllegalArgumentException e) {
      return review(badRequest(uid, "request.object: " + clip(e.getMessage(), 300)));
    }
    for (Finding f : findings) {
      if (f.atLeast(denyAt)) {
        out.deny(f.severity(), f.id(), f.message(), f.fix());
      } else {
        out.warn(f.id() + ": " + f.message());
      }
    }
    out.audit.put("posture-findings", findings.size() + " (" + findings.stream().filter(f -> f.atLeast(denyAt))
        .count() + " at or above " + denyAt + ")");
    Optional<ResolvedModel> model;
    try {
      model = resolver.resolve(object);
    } catch (ManifestResolutionException e) {
      out.deny(Severity.CRITICAL, "model.manifest.unreadable", clip(String.valueOf(e.getMessage()), 300),
          "annotate the workload with " + AnnotationManifestResolver.MANIFEST + " = base64 of the manifest JSON");
      model = Optional.empty();
    } catch (RuntimeException e) {
      out.deny(Severity.CRITICAL, "model.manifest.unreadable",
          "the manifest resolver failed: " + e.getClass().getSimpleName(), "check the manifest resolver");
      model = Optional.empty();
    }
    if (model.isEmpty() && !out.has("model.manifest.unreadable")) {
      if (requireGovernedModel) {
        out.deny(Severity.CRITICAL, "model.governed", kind + " '" + name(object, request) + "' names no model",
            "annotate it with " + AnnotationManifestResolver.MANIFEST + " (base64 manifest JSON), "
                + AnnotationManifestResolver.MANIFEST_DIGEST + " and " + AnnotationManifestResolver.PROVENANCE);
      } else {
        out.warn("not a governed model workload (no " + AnnotationManifestResolver.MANIFEST
            + " annotation): posture checks only");
      }
      out.audit.put("governed", "false");
    }
    if (model.isPresent()) {
      governed(request, object, objectNode, oldNode, model.get(), out);
    }
    AdmissionResponse response = new AdmissionResponse();
    response.setUid(uid);
    boolean allowed = out.denials.isEmpty();
    response.setAllowed(allowed);
    if (!allowed) {
      response.setStatus(new StatusBuilder().withCode(403).withReason("Forbidden").withStatus("Failure")
          .withMessage(message(out.sortedDenials())).build());
    }
    if (!out.warnings.isEmpty()) {
      response.setWarnings(warnings(out.warnings));
    }
    response.setAuditAnnotations(out.audit);
    if (allowed && patch && model.isPresent() && (operation.equals("CREATE") || operation.equals("UPDATE"))) {
      JsonNode diff = LabelPatch.diff(objectNode, labelPaths(object, kind, operation), labels(model.get().manifest()));
      if (diff.size() > 0) {
        response.setPatch(Base64.getEncoder().encodeToString(diff.toString().getBytes(StandardCharsets.UTF_8)));
        response.setPatchType("JSONPatch");
      }
    }
    return review(response);
  }

  private void governed(AdmissionRequest request, HasMetadata object, ObjectNode objectNode, ObjectNode oldNode,
      ResolvedModel model, Outcome out) {
    ModelManifest manifest = model.manifest();
    Digest digest = digests.get(new BoundedCache.Identity(manifest), k -> codec.digest(manifest));
    out.audit.put("model", manifest.coordinates());
    out.audit.put("manifest-digest", digest.toString());
    if (model.declaredDigest().isEmpty()) {
      out.warn(AnnotationManifestResolver.MANIFEST_DIGEST + " is not set: the manifest is not pinned by digest");
    } else if (!model.declaredDigest().get().equals(digest)) {
      out.deny(Severity.CRITICAL, "model.manifest.digest-match", "the " + AnnotationManifestResolver.MANIFEST_DIGEST
          + " annotation " + model.declaredDigest().get() + " is not the manifest's canonical digest " + digest,
          "set the annotation to the manifest's digest (governance digest), or deploy the manifest it names");
    }
    ProvenanceFacts facts = ProvenanceFacts.absent();
    Optional<byte[]> envelope = model.provenance();
    Instant now = clock.instant();
    if (verifier != null && envelope.isPresent()) {
      facts = verify(envelope.get(), now);
    } else if (envelope.isEmpty() && model.provenanceReference().isPresent()) {
      out.warn("provenance is a reference the resolver did not fetch: " + model.provenanceReference().get());
    }
    EvaluationContext.Builder context = EvaluationContext.builder()
        .point(EnforcementPoint.ADMISSION)
        .now(now)
        .provenance(facts)
        .deployedImages(images(object))
        .admission(new AdmissionInput(map(objectNode), Optional.ofNullable(oldNode).map(this::map),
            requestMap(request), Optional.empty()));
    if (environment != null) {
      context.environment(environment);
    }
    Decision decision = policy.evaluate(manifest, context.build());
    for (RuleResult r : decision.denials()) {
      out.deny(r.severity(), r.ruleId(), r.message().orElse(r.title()), r.remediation());
    }
    for (RuleResult r : decision.warningResults()) {
      out.warn(r.ruleId() + ": " + r.message().orElse(r.title()));
    }
    decision.warnings().forEach(out::warn);
    out.audit.put("decision-id", decision.decisionId());
    out.audit.put("effect", decision.effect().name());
    out.audit.put("policy", decision.policy().id() + "@" + decision.policy().version());
    if (auditLog != null) {
      try {
        auditLog.append(DecisionRecords.toAuditEvent(decision));
      } catch (RuntimeException e) {
        out.audit.put("audit-log", "append failed: " + e.getClass().getSimpleName());
      }
    }
  }

  /** Verifies an envelope, reusing an outcome for the same bytes for {@link Builder#provenanceCacheTtl}. */
  private ProvenanceFacts verify(byte[] envelope, Instant now) {
    ByteBuffer key = ByteBuffer.wrap(envelope);
    CachedFacts cached = provenanceCacheTtl.isZero() ? null : verified.get(key);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.facts();
    }
    ProvenanceFacts facts;
    try {
      facts = PolicyContexts.provenanceFacts(verifier.verify(envelope));
    } catch (ProvenanceVerificationException e) {
      facts = PolicyContexts.provenanceFacts(e);
    }
    if (!provenanceCacheTtl.isZero()) {
      verified.put(key, new CachedFacts(facts, now.plus(provenanceCacheTtl)));
    }
    return facts;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(ObjectNode node) {
    return json.mapper().convertValue(node, Map.class);
  }

  private static Map<String, Object> requestMap(AdmissionRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uid", r.getUid());
    m.put("operation", r.getOperation());
    m.put("namespace", r.getNamespace() == null ? "" : r.getNamespace());
    m.put("name", r.getName() == null ? "" : r.getName());
    GroupVersionKind k = r.getKind();
    if (k != null) {
      Map<String, Object> kind = new LinkedHashMap<>();
      kind.put("group", k.getGroup() == null ? "" : k.getGroup());
      kind.put("version", k.getVersion() == null ? "" : k.getVersion());
      kind.put("kind", k.getKind() == null ? "" : k.getKind());
      m.put("kind", kind);
    }
    UserInfo user = r.getUserInfo();
    Map<String, Object> userInfo = new LinkedHashMap<>();
    userInfo.put("username", user == null || user.getUsername() == null ? "" : user.getUsername());
    userInfo.put("groups", user == null || user.getGroups() == null ? List.of() : List.copyOf(user.getGroups()));
    m.put("userInfo", userInfo);
    m.put("dryRun", Boolean.TRUE.equals(r.getDryRun()));
    return m;
  }

  private static List<String> images(HasMetadata object) {
    Set<String> images = new LinkedHashSet<>();
    for (PodTarget t : Workloads.podTargets(object)) {
      for (ContainerView c : t.containers()) {
        if (c.image() != null && !c.image().isEmpty()) {
          images.add(c.image());
        }
      }
    }
    return List.copyOf(images);
  }

  /** The label maps the patch fills: the object's, and its pod templates' (not a Job's template on UPDATE). */
  private static List<String> labelPaths(HasMetadata object, String kind, String operation) {
    List<String> paths = new ArrayList<>();
    paths.add("/metadata/labels");
    boolean immutableTemplate = kind.equals("Job") && operation.equals("UPDATE");
    if (!immutableTemplate) {
      for (PodTarget t : Workloads.podTargets(object)) {
        if (!paths.contains(t.labelsPath())) {
          paths.add(t.labelsPath());
        }
      }
    }
    return paths;
  }

  /**
   * The labels the patch adds where missing, with the names {@link GitOpsRenderer} uses; values that are not valid
   * label values are left out.
   *
   * @param manifest the model's manifest, must not be {@code null}
   * @return the labels, sorted by key
   */
  public static Map<String, String> labels(ModelManifest manifest) {
    Map<String, String> labels = new TreeMap<>();
    putLabel(labels, "app.kubernetes.io/name", manifest.id().name());
    putLabel(labels, "app.kubernetes.io/version", manifest.version());
    labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
    putLabel(labels, GitOpsRenderer.GOVERNANCE_PREFIX + "model", manifest.id().namespace() + "."
        + manifest.id().name());
    putLabel(labels, GitOpsRenderer.GOVERNANCE_PREFIX + "version", manifest.version());
    return labels;
  }

  private static void putLabel(Map<String, String> labels, String key, String value) {
    if (value != null && value.length() <= 63 && LABEL_VALUE.matcher(value).matches()) {
      labels.put(key, value);
    }
  }

  private static String name(HasMetadata object, AdmissionRequest request) {
    if (object.getMetadata() != null && object.getMetadata().getName() != null) {
      return object.getMetadata().getName();
    }
    if (request.getName() != null) {
      return request.getName();
    }
    return object.getMetadata() != null && object.getMetadata().getGenerateName() != null
        ? object.getMetadata().getGenerateName() : "";
  }

  private static String message(List<String> denials) {
    StringBuilder sb = new StringBuilder("denied by modelgov: ");
    int shown = 0;
    for (String d : denials) {
      String sep = shown == 0 ? "" : "; ";
      String more = "; and " + (denials.size() - shown) + " more";
      if (sb.length() + sep.length() + d.length() > MAX_MESSAGE_CHARS - more.length()) {
        if (shown == 0) {
          sb.append(clip(d, MAX_MESSAGE_CHARS - sb.length() - more.length()));
          shown++;
          continue;
        }
        sb.append(more);
        return sb.toString();
      }
      sb.append(sep).append(d);
      shown++;
    }
    return sb.toString();
  }

  private static List<String> warnings(List<String> all) {
    List<String> out = new ArrayList<>();
    for (String w : all) {
      if (out.size() == MAX_WARNINGS - 1 && all.size() > MAX_WARNINGS) {
        out.add("... and " + (all.size() - out.size()) + " more warnings");
        break;
      }
      out.add(clip(w, MAX_WARNING_CHARS));
    }
    return out;
  }

  private static AdmissionResponse badRequest(String uid, String message) {
    AdmissionResponse r = new AdmissionResponse();
    r.setUid(uid);
    r.setAllowed(false);
    Status status = new StatusBuilder().withCode(400).withReason("BadRequest").withStatus("Failure")
        .withMessage(clip(message, MAX_MESSAGE_CHARS)).build();
    r.setStatus(status);
    return r;
  }

  private static AdmissionReview allowed(String uid) {
    AdmissionResponse r = new AdmissionResponse();
    r.setUid(uid);
    r.setAllowed(true);
    return review(r);
  }

  private static AdmissionReview review(AdmissionResponse response) {
    AdmissionReview review = new AdmissionReview();
    review.setApiVersion(API_VERSION);
    review.setKind("AdmissionReview");
    review.setResponse(response);
    return review;
  }

  private static byte[] write(AdmissionResponse response) {
    return write(review(response));
  }

  private static byte[] write(AdmissionReview review) {
    return SERIALIZATION.asJson(review).getBytes(StandardCharsets.UTF_8);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  private static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
  }

  @Override
  public String toString() {
    return "AdmissionHandler[" + policy.policy().id() + "@" + policy.policy().version() + ", posture "
        + scanner.profile().cliName() + " deny at " + denyAt + ", provenance " + (verifier == null ? "absent"
        : "verified") + ", patch " + patch + ", requireGovernedModel " + requireGovernedModel + "]";
  }

  /** One reason to deny, with its severity for ordering. */
  private record Denial(Severity severity, String text) {}

  /** What one answer collects: denial items, warnings, audit annotations. */
  private static final class Outcome {
    final List<Denial> denials = new ArrayList<>();
    final Set<String> denied = new LinkedHashSet<>();
    final List<String> warnings = new ArrayList<>();
    final Map<String, String> audit = new TreeMap<>();

    void deny(Severity severity, String id, String message, String fix) {
      denied.add(id);
      denials.add(new Denial(severity,
          id + ": " + message + (fix == null || fix.isEmpty() ? "" : " (fix: " + fix + ")")));
    }

    /** The denial texts, most severe first (stable within a severity), so the cap keeps the worst. */
    List<String> sortedDenials() {
      return denials.stream().sorted(Comparator.comparing(Denial::severity).reversed()).map(Denial::text).toList();
    }

    void warn(String warning) {
      warnings.add(warning);
    }

    boolean has(String id) {
      return denied.contains(id);
    }
  }

  /**
   * Builds an {@link AdmissionHandler}. The policy is required; everything else has a default.
   *
   * <pre>{@code
   * AdmissionHandler.builder().policy(engine.compile(policy)).profile(PostureProfile.RESTRICTED).build();
   * }</pre>
   */
  public static final class Builder {

    private CompiledPolicy compiled;
    private Policy policy;
    private PolicyEngine engine;
    private ProvenanceVerifier verifier;
    private TrustRoot trustRoot;
    private PostureScanner scanner;
    private PostureProfile profile = PostureProfile.GOVERNANCE_STRICT;
    private Severity denyAt = Severity.HIGH;
    private String environment;
    private boolean patch = true;
    private Clock clock = Clock.systemUTC();
    private AuditLog auditLog;
    private boolean requireGovernedModel;
    private ManifestResolver resolver = AnnotationManifestResolver.defaults();
    private ManifestCodec codec = ManifestCodec.defaults();
    private int maxReviewBytes = DEFAULT_MAX_REVIEW_BYTES;
    private Duration provenanceCacheTtl = DEFAULT_PROVENANCE_CACHE_TTL;

    private Builder() {}

    /**
     * @param value how long the outcome of verifying the same envelope bytes is reused (default 60 s, measured on
     *     {@link #clock}); {@link Duration#ZERO} verifies every request
     * @return this builder
     */
    public Builder provenanceCacheTtl(Duration value) {
      this.provenanceCacheTtl = value;
      return this;
    }

    /**
     * @param value the compiled policy (its engine's waivers apply); replaces {@link #policy(Policy, PolicyEngine)}
     * @return this builder
     */
    public Builder policy(CompiledPolicy value) {
      this.compiled = value;
      this.policy = null;
      this.engine = null;
      return this;
    }

    /**
     * @param value the policy, compiled in {@link #build()}
     * @param withEngine the engine that compiles it, with the one {@code WaiverResolver} of the deployment
     * @return this builder
     */
    public Builder policy(Policy value, PolicyEngine withEngine) {
      this.policy = value;
      this.engine = withEngine;
      this.compiled = null;
      return this;
    }

    /**
     * @param value the provenance verifier; replaces {@link #trustRoot}; {@code null} (and no trust root) makes the
     *     provenance facts {@code absent}
     * @return this builder
     */
    public Builder verifier(ProvenanceVerifier value) {
      this.verifier = value;
      this.trustRoot = null;
      return this;
    }

    /**
     * @param value the trust root of a default verifier; replaces {@link #verifier}
     * @return this builder
     */
    public Builder trustRoot(TrustRoot value) {
      this.trustRoot = value;
      this.verifier = null;
      return this;
    }

    /**
     * @param value the posture profile (default {@link PostureProfile#GOVERNANCE_STRICT}); replaced by {@link
     *     #postureScanner}
     * @return this builder
     */
    public Builder profile(PostureProfile value) {
      this.profile = value;
      this.scanner = null;
      return this;
    }

    /**
     * @param value a configured posture scanner (with included or ignored checks); replaces {@link #profile}
     * @return this builder
     */
    public Builder postureScanner(PostureScanner value) {
      this.scanner = value;
      return this;
    }

    /**
     * @param value the severity at which a posture finding denies (default {@code HIGH}); lower ones warn
     * @return this builder
     */
    public Builder denyAt(Severity value) {
      this.denyAt = value;
      return this;
    }

    /**
     * @param value the environment the cluster is, for example {@code prod}; {@code null} for none
     * @return this builder
     */
    public Builder environment(String value) {
      this.environment = value;
      return this;
    }

    /**
     * @param value whether allowed governed workloads get the label patch (default {@code true})
     * @return this builder
     */
    public Builder patch(boolean value) {
      this.patch = value;
      return this;
    }

    /**
     * @param value the clock of policy evaluation and waiver expiry (default UTC system clock)
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /**
     * @param value where each policy decision is appended (best effort: a failure is noted in the audit
     *     annotations, never denies); {@code null} for none
     * @return this builder
     */
    public Builder auditLog(AuditLog value) {
      this.auditLog = value;
      return this;
    }

    /**
     * @param value whether a workload that names no model is denied ({@code model.governed}); default {@code false}:
     *     allowed with a warning
     * @return this builder
     */
    public Builder requireGovernedModel(boolean value) {
      this.requireGovernedModel = value;
      return this;
    }

    /**
     * @param value how a workload's model is found (default {@link AnnotationManifestResolver#defaults()})
     * @return this builder
     */
    public Builder manifestResolver(ManifestResolver value) {
      this.resolver = value;
      return this;
    }

    /**
     * @param value the codec whose canonical digest the declared digest is checked against (default {@link
     *     ManifestCodec#defaults()})
     * @return this builder
     */
    public Builder codec(ManifestCodec value) {
      this.codec = value;
      return this;
    }

    /**
     * @param value the largest review body {@link #handle(byte[])} accepts, in bytes (default 8 MiB)
     * @return this builder
     */
    public Builder maxReviewBytes(int value) {
      this.maxReviewBytes = value;
      return this;
    }

    /**
     * @return the handler
     * @throws IllegalArgumentException naming the first missing or bad setting, or the policy rule that does not
     *     compile
     */
    public AdmissionHandler build() {
      CompiledPolicy p = compiled;
      if (p == null) {
        if (policy == null) {
          throw new IllegalArgumentException("policy is not set");
        }
        if (engine == null) {
          throw new IllegalArgumentException("policy: the engine is not set");
        }
        try {
          p = engine.compile(policy);
        } catch (PolicyCompileException e) {
          throw new IllegalArgumentException("policy: " + e.getMessage(), e);
        }
      }
      if (denyAt == null) {
        throw new IllegalArgumentException("denyAt is not set");
      }
      if (clock == null) {
        throw new IllegalArgumentException("clock is not set");
      }
      if (resolver == null) {
        throw new IllegalArgumentException("manifestResolver is not set");
      }
      if (codec == null) {
        throw new IllegalArgumentException("codec is not set");
      }
      if (scanner == null && profile == null) {
        throw new IllegalArgumentException("profile is not set");
      }
      if (maxReviewBytes < 1024) {
        throw new IllegalArgumentException("maxReviewBytes must be at least 1024, was " + maxReviewBytes);
      }
      if (provenanceCacheTtl == null || provenanceCacheTtl.isNegative()) {
        throw new IllegalArgumentException("provenanceCacheTtl must be zero or positive");
      }
      if (environment != null && environment.isBlank()) {
        throw new IllegalArgumentException("environment must not be blank");
      }
      ProvenanceVerifier v = verifier != null ? verifier
          : trustRoot != null ? ProvenanceVerifier.builder().trustRoot(trustRoot).build() : null;
      PostureScanner s = scanner != null ? scanner : PostureScanner.of(profile);
      return new AdmissionHandler(this, p, v, s);
    }
  }
}
