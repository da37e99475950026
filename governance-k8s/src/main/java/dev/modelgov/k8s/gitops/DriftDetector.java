package dev.modelgov.k8s.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.k8s.gitops.internal.KubernetesTrees;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares the desired state of Kubernetes objects (rendered, or read from Git) with the live objects, and lists the
 * differences that matter, ignoring what the API server and controllers own or fill in.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Objects are matched by API group, kind, namespace and name (the API version may differ). A desired object
 *       without a live one is {@link DriftType#MISSING}; a live one without a desired one is {@link DriftType#EXTRA}
 *       (so pass only the live objects of the application, for example those with its {@code
 *       app.kubernetes.io/instance} label).
 *   <li>Only paths present in the desired object are compared: a field the desired object does not set is the
 *       server's to default ({@code clusterIP}, {@code terminationMessagePath}, {@code replicas} under an autoscaler...)
 *       and never drift. A desired field that is absent live is MISSING; one with another value is CHANGED. An empty
 *       desired value ({@code null}, {@code {}}, {@code []}) equals an absent one.
 *   <li>Ignored even when desired sets them: {@code status}; {@code metadata.uid}, {@code resourceVersion}, {@code
 *       generation}, {@code creationTimestamp}, {@code managedFields}, {@code selfLink}, {@code deletionTimestamp},
 *       {@code deletionGracePeriodSeconds}; the annotations {@code kubectl.kubernetes.io/last-applied-configuration}
 *       and {@code deployment.kubernetes.io/revision}.
 *   <li>Lists whose desired elements all have a {@code name} (containers, ports, volumes, env) are matched by name: a
 *       live element with another name (an injected sidecar) is EXTRA. Other lists of objects of the same length are
 *       compared element by element; otherwise a list is compared whole.
 *   <li>Numbers compare by value; resource quantities by amount ({@code 1000m} equals {@code 1}).
 *   <li>The values of a Secret's {@code data} and {@code stringData} are compared but shown as {@code "<redacted>"}.
 * </ul>
 *
 * <pre>{@code
 * List<DriftItem> drift = DriftDetector.diff(renderer.render(manifest, digest), liveObjects);
 * drift.forEach(System.out::println);  // CHANGED Deployment ml/risk-credit-scoring /spec/template/spec/containers/0/image ...
 * }</pre>
 */
public final class DriftDetector {

  private static final int MAX_VALUE_CHARS = 512;
  private static final String REDACTED = "\"<redacted>\"";
  private static final Pattern QUANTITY =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?");

  private DriftDetector() {}

  /**
   * The differences between desired and live objects, desired objects first (in rendering order, each object's
   * differences in document order), then the extra live objects.
   *
   * @param desired the desired objects, must not be {@code null}
   * @param live the live objects, must not be {@code null}
   * @return the differences; empty when the live state matches
   * @throws IllegalArgumentException if either list has the same object twice
   */
  public static List<DriftItem> diff(List<? extends HasMetadata> desired, List<? extends HasMetadata> live) {
    Objects.requireNonNull(desired, "desired must not be null");
    Objects.requireNonNull(live, "live must not be null");
    Map<Key, HasMetadata> desiredByKey = index(desired, "desired");
    Map<Key, HasMetadata> liveByKey = index(live, "live");
    List<DriftItem> out = new ArrayList<>();
    for (Map.Entry<Key, HasMetadata> e : desiredByKey.entrySet()) {
      Key key = e.getKey();
      HasMetadata liveObject = liveByKey.get(key);
      if (liveObject == null) {
        out.add(new DriftItem(key.kind(), key.namespace(), key.name(), "", Optional.empty(), Optional.empty(),
            DriftType.MISSING));
        continue;
      }
      new Comparison(key, out).objects(KubernetesTrees.tree(e.getValue()), KubernetesTrees.tree(liveObject), "");
    }
    for (Map.Entry<Key, HasMetadata> e : liveByKey.entrySet()) {
      if (!desiredByKey.containsKey(e.getKey())) {
        Key key = e.getKey();
        out.add(new DriftItem(key.kind(), key.namespace(), key.name(), "", Optional.empty(), Optional.empty(),
            DriftType.EXTRA));
      }
    }
    return out;
  }

  private static Map<Key, HasMetadata> index(List<? extends HasMetadata> objects, String side) {
    List<HasMetadata> sorted = new ArrayList<>();
    for (HasMetadata o : objects) {
      sorted.add(Objects.requireNonNull(o, side + " must not contain null"));
    }
    sorted.sort(KubernetesTrees.ORDER);
    Map<Key, HasMetadata> map = new LinkedHashMap<>();
    for (HasMetadata o : sorted) {
      Key key = Key.of(o);
      if (map.put(key, o) != null) {
        throw new IllegalArgumentException(side + " has " + key + " twice");
      }
    }
    return map;
  }

  /** An object's identity: API group, kind, namespace, name. */
  private record Key(String group, String kind, String namespace, String name) {

    static Key of(HasMetadata o) {
      String apiVersion = o.getApiVersion() == null ? "" : o.getApiVersion();
      int slash = apiVersion.indexOf('/');
      String group = slash < 0 ? "" : apiVersion.substring(0, slash);
      String ns = o.getMetadata() == null || o.getMetadata().getNamespace() == null ? ""
          : o.getMetadata().getNamespace();
      String name = o.getMetadata() == null || o.getMetadata().getName() == null ? "" : o.getMetadata().getName();
      return new Key(group, String.valueOf(o.getKind()), ns, name);
    }

    @Override
    public String toString() {
      return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
  }

  /** One object's comparison, collecting its differences. */
  private static final class Comparison {
    private final Key key;
    private final List<DriftItem> out;
    private final boolean secret;

    Comparison(Key key, List<DriftItem> out) {
      this.key = key;
      this.out = out;
      this.secret = key.group().isEmpty() && key.kind().equals("Secret");
    }

    void objects(JsonNode desired, JsonNode live, String path) {
      for (Map.Entry<String, JsonNode> e : desired.properties()) {
        String field = e.getKey();
        if (ignored(path, field)) {
          continue;
        }
        value(e.getValue(), live.get(field), path + "/" + escape(field));
      }
    }

    private static boolean ignored(String path, String field) {
      return switch (path) {
        case "" -> field.equals("status") || field.equals("apiVersion");
        case "/metadata" -> KubernetesTrees.SERVER_METADATA.contains(field);
        case "/metadata/annotations" -> KubernetesTrees.SERVER_ANNOTATIONS.contains(field);
        default -> false;
      };
    }

    private void value(JsonNode desired, JsonNode live, String path) {
      if (empty(desired)) {
        return;
      }
      if (live == null || live.isNull() || live.isMissingNode()) {
        add(path, desired, null, DriftType.MISSING);
      } else if (desired.isObject() && live.isObject()) {
        objects(desired, live, path);
      } else if (desired.isArray() && live.isArray()) {
        arrays(desired, live, path);
      } else if (!same(desired, live, path)) {
        add(path, desired, live, DriftType.CHANGED);
      }
    }

    private void arrays(JsonNode desired, JsonNode live, String path) {
      if (named(desired) && named(live)) {
        Map<String, Integer> liveByName = new LinkedHashMap<>();
        for (int j = 0; j < live.size(); j++) {
          liveByName.putIfAbsent(live.get(j).get("name").asText(), j);
        }
        Set<String> desiredNames = new HashSet<>();
        for (int i = 0; i < desired.size(); i++) {
          String name = desired.get(i).get("name").asText();
          desiredNames.add(name);
          Integer j = liveByName.get(name);
          if (j == null) {
            add(path + "/" + i, desired.get(i), null, DriftType.MISSING);
          } else {
            objects(desired.get(i), live.get(j), path + "/" + i);
          }
        }
        for (Map.Entry<String, Integer> e : liveByName.entrySet()) {
          if (!desiredNames.contains(e.getKey())) {
            add(path + "/" + e.getValue(), null, live.get(e.getValue()), DriftType.EXTRA);
          }
        }
      } else if (desired.size() == live.size() && allObjects(desired) && allObjects(live)) {
        for (int i = 0; i < desired.size(); i++) {
          objects(desired.get(i), live.get(i), path + "/" + i);
        }
      } else if (!same(desired, live, path)) {
        add(path, desired, live, DriftType.CHANGED);
      }
    }

    private void add(String path, JsonNode desired, JsonNode live, DriftType type) {
      boolean redact = secret && (path.startsWith("/data/") || path.startsWith("/stringData/")
          || path.equals("/data") || path.equals("/stringData"));
      out.add(new DriftItem(key.kind(), key.namespace(), key.name(), path, text(desired, redact), text(live, redact),
          type));
    }

    private static Optional<String> text(JsonNode value, boolean redact) {
      if (value == null) {
        return Optional.empty();
      }
      if (redact) {
        return Optional.of(REDACTED);
      }
      String s = value.toString();
      return Optional.of(s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "..." : s);
    }
  }

  private static boolean empty(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() || (node.isContainerNode() && node.isEmpty());
  }

  private static boolean named(JsonNode array) {
    if (array.isEmpty()) {
      return false;
    }
    Set<String> names = new HashSet<>();
    for (JsonNode element : array) {
      JsonNode name = element.get("name");
      if (!element.isObject() || name == null || !name.isTextual() || !names.add(name.asText())) {
        return false;
      }
    }
    return true;
  }

  private static boolean allObjects(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isObject()) {
        return false;
      }
    }
    return true;
  }

  /** Deep equality with numbers by value and quantities by amount. */
  private static boolean same(JsonNode a, JsonNode b, String path) {
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        JsonNode other = b.get(e.getKey());
        if (other == null || !same(e.getValue(), other, path + "/" + e.getKey())) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i), path)) {
          return false;
        }
      }
      return true;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isValueNode() && b.isValueNode() && !a.isContainerNode() && a.asText().equals(b.asText())
        && (a.isTextual() || b.isTextual())) {
      return true;
    }
    if (a.isTextual() && b.isTextual() && quantityPath(path)) {
      return sameQuantity(a.asText(), b.asText());
    }
    return a.equals(b);
  }

  private static boolean quantityPath(String path) {
    return path.contains("/resources/requests/") || path.contains("/resources/limits/") || path.endsWith("/sizeLimit");
  }

  private static boolean sameQuantity(String a, String b) {
    if (!QUANTITY.matcher(a).matches() || !QUANTITY.matcher(b).matches()) {
      return false;
    }
    try {
      BigDecimal x = Quantity.getAmountInBytes(new Quantity(a));
      BigDecimal y = Quantity.getAmountInBytes(new Quantity(b));
      return x.compareTo(y) == 0;
    } catch (ArithmeticException | IllegalArgumentException e) {
      return false;
    }
  }

  /** A JSON Pointer reference token (RFC 6901): {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
