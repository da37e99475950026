package dev.modelgov.k8s.gitops.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelgov.k8s.crd.GovernedModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fabric8 objects as JSON trees and deterministic YAML: map entries sorted by key (fields keep the model's order),
 * server-owned fields removed, documents in a fixed kind order. For internal use only; may change without notice.
 */
public final class KubernetesTrees {

  /** The order documents are written in (what must exist first comes first); other kinds follow by name. */
  public static final List<String> KIND_ORDER = List.of("Namespace", "NetworkPolicy", "ServiceAccount", "Secret",
      "ConfigMap", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "PodDisruptionBudget", "GovernedModel",
      "Service", "Deployment", "StatefulSet", "InferenceService", "HorizontalPodAutoscaler");

  /** The metadata fields the API server owns. */
  public static final Set<String> SERVER_METADATA = Set.of("uid", "resourceVersion", "generation",
      "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

  /** The annotations tools and controllers write on live objects. */
  public static final Set<String> SERVER_ANNOTATIONS = Set.of("kubectl.kubernetes.io/last-applied-configuration",
      "deployment.kubernetes.io/revision");

  private static final ObjectMapper SORTED = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private static final KubernetesSerialization SERIALIZATION = serialization();

  private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .stringQuotingChecker(new YamlQuoting())
      .build());

  private KubernetesTrees() {}

  private static KubernetesSerialization serialization() {
    KubernetesSerialization s = new KubernetesSerialization(SORTED, true);
    s.registerKubernetesResource(GovernedModel.class);
    return s;
  }

  /**
   * An object as a JSON tree: maps sorted by key, {@code status} and the server-owned metadata removed (the object is
   * not changed).
   *
   * @param object the object
   * @return a new tree
   */
  public static ObjectNode tree(HasMetadata object) {
    JsonNode node = SERIALIZATION.convertValue(object, JsonNode.class);
    if (!(node instanceof ObjectNode tree)) {
      throw new IllegalArgumentException("a Kubernetes object must serialize to a JSON object");
    }
    tree.remove("status");
    JsonNode metadata = tree.get("metadata");
    if (metadata instanceof ObjectNode m) {
      m.remove(SERVER_METADATA);
    }
    return tree;
  }

  /**
   * A value (a typed fabric8 model part such as a {@code Container}) as a sorted map, for generic resources.
   *
   * @param value the value
   * @return the map
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return SERIALIZATION.convertValue(SORTED.valueToTree(value), Map.class);
  }

  /**
   * Objects as YAML documents, each after a {@code ---} line, in {@link #KIND_ORDER}, then namespace, then name.
   *
   * @param objects the objects
   * @return the YAML text; the same objects always give the same bytes
   */
  public static String yaml(List<? extends HasMetadata> objects) {
    List<HasMetadata> sorted = new ArrayList<>(objects);
    sorted.sort(ORDER);
    StringBuilder sb = new StringBuilder();
    for (HasMetadata object : sorted) {
      sb.append("---\n");
      try {
        sb.append(YAML.writeValueAsString(tree(object)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree cannot fail to be written as YAML", e);
      }
    }
    return sb.toString();
  }

  /** Documents by kind order, namespace and name. */
  public static final Comparator<HasMetadata> ORDER = Comparator
      .comparingInt((HasMetadata o) -> kindRank(o.getKind()))
      .thenComparing(o -> String.valueOf(o.getKind()))
      .thenComparing(o -> o.getMetadata() == null ? "" : String.valueOf(o.getMetadata().getNamespace()))
      .thenComparing(o -> o.getMetadata() == null ? "" : String.valueOf(o.getMetadata().getName()));

  private static int kindRank(String kind) {
    int i = KIND_ORDER.indexOf(kind);
    return i < 0 ? KIND_ORDER.size() : i;
  }
}
