package dev.modelgov.k8s.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.k8s.crd.GovernedModel;
import dev.modelgov.k8s.crd.GovernedModelStatus;
import dev.modelgov.k8s.crd.GovernedModels;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code GovernedModel} resources through a fabric8 {@link KubernetesClient}: create, get, update
 * (optimistic, by {@code resourceVersion}), a JSON merge patch of the spec or metadata, the status subresource from a
 * policy decision, and {@link #apply} by an {@link ApplyStrategy}.
 *
 * <p>The GovernedModel CRD must be installed ({@code GovernedModelCrd}); the status is a subresource, so {@link
 * #update} and {@link #mergePatch} never change it, and {@link #updateStatus} never changes the spec. Errors of the API
 * server come as fabric8's {@link KubernetesClientException} ({@code getCode()} 409 for a conflict, 404 when absent).
 * The Kubernetes client is the caller's: this class does not close it.
 *
 * <pre>{@code
 * GovernedModelClient models = GovernedModelClient.builder(kubernetesClient).fieldManager("modelgov").build();
 * models.apply(GovernedModels.from(manifest, digest, null));       // server-side apply
 * models.updateStatus("ml-serving", "risk-credit-scoring-2-4-0", decision);
 * }</pre>
 */
public final class GovernedModelClient {

  /** The default field manager of server-side apply. */
  public static final String DEFAULT_FIELD_MANAGER = "modelgov";

  /** How often {@link #updateStatus} re-reads and retries after a conflict. */
  static final int STATUS_ATTEMPTS = 3;

  private static final Pattern FIELD_MANAGER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

  /** The largest merge patch accepted, in chars. */
  public static final int MAX_PATCH_CHARS = 1 << 20;

  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxDocumentLength(MAX_PATCH_CHARS)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build()).build();

  private final KubernetesClient client;
  private final ApplyStrategy strategy;
  private final String fieldManager;

  private GovernedModelClient(Builder b) {
    this.client = b.client;
    this.strategy = b.strategy;
    this.fieldManager = b.fieldManager;
  }

  /**
   * A builder over a Kubernetes client.
   *
   * @param client the client, must not be {@code null}; it stays the caller's to close
   * @return a new builder, with {@link ApplyStrategy#SERVER_SIDE_APPLY} and field manager {@value
   *     #DEFAULT_FIELD_MANAGER}
   */
  public static Builder builder(KubernetesClient client) {
    return new Builder(client);
  }

  /** @return the apply strategy */
  public ApplyStrategy applyStrategy() {
    return strategy;
  }

  /** @return the field manager of server-side apply */
  public String fieldManager() {
    return fieldManager;
  }

  private MixedOperation<GovernedModel, KubernetesResourceList<GovernedModel>, Resource<GovernedModel>> resources() {
    return client.resources(GovernedModel.class);
  }

  private Resource<GovernedModel> resource(String namespace, String name) {
    return resources().inNamespace(requireText(namespace, "namespace")).withName(requireText(name, "name"));
  }

  /**
   * Creates a governed model.
   *
   * @param model the resource, with a namespace and a name, must not be {@code null}
   * @return the created resource as the server returned it (uid, resourceVersion, generation set)
   * @throws KubernetesClientException from the server, 409 when it exists
   */
  public GovernedModel create(GovernedModel model) {
    requireIdentity(model);
    return resources().inNamespace(model.getMetadata().getNamespace()).resource(model).create();
  }

  /**
   * Reads a governed model.
   *
   * @param namespace its namespace
   * @param name its name
   * @return the resource, or empty when there is none
   */
  public Optional<GovernedModel> get(String namespace, String name) {
    return Optional.ofNullable(resource(namespace, name).get());
  }

  /**
   * Replaces a governed model's metadata and spec. The resource's {@code resourceVersion} makes it optimistic: a
   * change by someone else since it was read fails with 409. The status is not written.
   *
   * @param model the resource as read and changed, must not be {@code null}
   * @return the updated resource
   * @throws KubernetesClientException from the server, 409 on a conflict, 404 when absent
   */
  public GovernedModel update(GovernedModel model) {
    requireIdentity(model);
    return resources().inNamespace(model.getMetadata().getNamespace()).resource(model).update();
  }

  /**
   * Applies a JSON merge patch (RFC 7386) to a governed model's metadata and spec, for example {@code
   * {"spec":{"stage":"RETIRED"}}}. A {@code status} member is refused: the status is a subresource.
   *
   * @param namespace its namespace
   * @param name its name
   * @param mergePatch the patch, a JSON object
   * @return the patched resource
   * @throws IllegalArgumentException if the patch is longer than {@value #MAX_PATCH_CHARS} chars, nested deeper than
   *     64, has a duplicate key, is not a JSON object or touches {@code status}
   * @throws KubernetesClientException from the server, 404 when absent
   */
  public GovernedModel mergePatch(String namespace, String name, String mergePatch) {
    Objects.requireNonNull(mergePatch, "mergePatch must not be null");
    if (mergePatch.length() > MAX_PATCH_CHARS) {
      throw new IllegalArgumentException("mergePatch is longer than " + MAX_PATCH_CHARS + " chars");
    }
    JsonNode patch;
    try {
      patch = JSON.readTree(mergePatch);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("mergePatch is not JSON" + (e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    }
    if (patch == null || !patch.isObject()) {
      throw new IllegalArgumentException("mergePatch must be a JSON object");
    }
    if (patch.has("status")) {
      throw new IllegalArgumentException("mergePatch must not contain status; use updateStatus");
    }
    return resource(namespace, name).patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
  }

  /**
   * Records a policy decision in a governed model's status (through the status subresource): phase, condition {@code
   * Approved}, {@code observedGeneration} = the resource's current generation, and the decision summary (see {@link
   * GovernedModels#status}). Reads the resource first and retries up to {@value #STATUS_ATTEMPTS} times when a
   * concurrent writer causes a conflict.
   *
   * @param namespace its namespace
   * @param name its name
   * @param decision the decision, must not be {@code null}
   * @return the resource with its new status
   * @throws KubernetesClientException from the server: 404 when absent, 409 when the conflicts persist
   */
  public GovernedModel updateStatus(String namespace, String name, Decision decision) {
    Objects.requireNonNull(decision, "decision must not be null");
    Resource<GovernedModel> resource = resource(namespace, name);
    for (int attempt = 1; ; attempt++) {
      GovernedModel current = resource.get();
      if (current == null) {
        throw new KubernetesClientException("GovernedModel " + namespace + "/" + name + " not found",
            HttpURLConnection.HTTP_NOT_FOUND, null);
      }
      GovernedModelStatus status =
          GovernedModels.status(decision, current.getMetadata().getGeneration(), current.getStatus());
      current.setStatus(status);
      try {
        return resources().inNamespace(namespace).resource(current).updateStatus();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= STATUS_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Writes a desired governed model by the {@link #applyStrategy()}: server-side apply (forcing conflicts, as the
   * owner of these fields), or create-or-merge-patch. The status is not written.
   *
   * @param desired the desired resource, with a namespace and a name, must not be {@code null}
   * @return the resource as the server returned it
   * @throws KubernetesClientException from the server
   */
  public GovernedModel apply(GovernedModel desired) {
    requireIdentity(desired);
    String namespace = desired.getMetadata().getNamespace();
    if (strategy == ApplyStrategy.SERVER_SIDE_APPLY) {
      GovernedModel body = copyWithoutStatus(desired);
      return resources().inNamespace(namespace).resource(body).fieldManager(fieldManager).forceConflicts()
          .serverSideApply();
    }
    Resource<GovernedModel> resource = resource(namespace, desired.getMetadata().getName());
    GovernedModel live = resource.get();
    if (live == null) {
      return resources().inNamespace(namespace).resource(copyWithoutStatus(desired)).create();
    }
    ObjectNode patch = mergePatchFromTo(writable(live), writable(desired));
    if (patch.isEmpty()) {
      return live;
    }
    return resource.patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
  }

  private static GovernedModel copyWithoutStatus(GovernedModel model) {
    GovernedModel copy = JSON.convertValue(JSON.valueToTree(model), GovernedModel.class);
    copy.setStatus(null);
    return copy;
  }

  /** The parts of a resource a merge patch writes: labels, annotations and spec. */
  private static ObjectNode writable(GovernedModel model) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ObjectNode metadata = node.putObject("metadata");
    metadata.set("labels", present(model.getMetadata().getLabels()));
    metadata.set("annotations", present(model.getMetadata().getAnnotations()));
    node.set("spec", model.getSpec() == null ? JsonNodeFactory.instance.objectNode() : JSON.valueToTree(model.getSpec()));
    return node;
  }

  /** The entries of a label or annotation map with a value: a {@code null} value counts as absent. */
  private static ObjectNode present(Map<String, String> map) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (map != null) {
      new java.util.TreeMap<>(map).forEach((k, v) -> {
        if (v != null) {
          node.put(k, v);
        }
      });
    }
    return node;
  }

  /**
   * The JSON merge patch that turns {@code from} into {@code to}: changed and new members as in {@code to}, removed
   * members as {@code null}, nested objects recursively, anything else replaced whole.
   */
  static ObjectNode mergePatchFromTo(JsonNode from, JsonNode to) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    for (Iterator<String> it = from.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!to.has(field)) {
        patch.putNull(field);
      }
    }
    for (Map.Entry<String, JsonNode> e : to.properties()) {
      JsonNode old = from.get(e.getKey());
      JsonNode now = e.getValue();
      if (old != null && old.isObject() && now.isObject()) {
        ObjectNode nested = mergePatchFromTo(old, now);
        if (!nested.isEmpty()) {
          patch.set(e.getKey(), nested);
        }
      } else if (!now.equals(old)) {
        patch.set(e.getKey(), now);
      }
    }
    return patch;
  }

  private static void requireIdentity(GovernedModel model) {
    Objects.requireNonNull(model, "model must not be null");
    if (model.getMetadata() == null) {
      throw new IllegalArgumentException("model.metadata is not set");
    }
    requireText(model.getMetadata().getNamespace(), "model.metadata.namespace");
    requireText(model.getMetadata().getName(), "model.metadata.name");
  }

  private static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is not set");
    }
    return value;
  }

  /**
   * Builds a {@link GovernedModelClient}.
   *
   * <pre>{@code
   * GovernedModelClient c = GovernedModelClient.builder(client).applyStrategy(ApplyStrategy.MERGE_PATCH).build();
   * }</pre>
   */
  public static final class Builder {

    private final KubernetesClient client;
    private ApplyStrategy strategy = ApplyStrategy.SERVER_SIDE_APPLY;
    private String fieldManager = DEFAULT_FIELD_MANAGER;

    private Builder(KubernetesClient client) {
      this.client = Objects.requireNonNull(client, "client must not be null");
    }

    /**
     * @param value how {@link #apply} writes; default {@link ApplyStrategy#SERVER_SIDE_APPLY}
     * @return this builder
     */
    public Builder applyStrategy(ApplyStrategy value) {
      this.strategy = value;
      return this;
    }

    /**
     * @param value the field manager of server-side apply; default {@value #DEFAULT_FIELD_MANAGER}
     * @return this builder
     */
    public Builder fieldManager(String value) {
      this.fieldManager = value;
      return this;
    }

    /**
     * @return the client
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public GovernedModelClient build() {
      if (strategy == null) {
        throw new IllegalArgumentException("applyStrategy is not set");
      }
      if (fieldManager == null || !FIELD_MANAGER.matcher(fieldManager).matches()) {
        throw new IllegalArgumentException(
            "fieldManager must be 1-128 letters, digits, '.', '_', ':', '/' or '-', starting with a letter or digit");
      }
      return new GovernedModelClient(this);
    }
  }
}
