package dev.modelgov.core.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.DriftSignal;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.FairnessSignal;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.policy.RuntimeSignals;
import dev.modelgov.core.manifest.ManifestCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the CEL activation of one evaluation ({@code manifest}, {@code context}, {@code params}, {@code now}) from the
 * typed manifest and context, and caches what depends only on a manifest instance: its {@link ModelRef} (with the
 * canonical digest) and its wire form as maps and lists.
 *
 * <p>Values are normalised as the CEL runtime needs them: integers are {@link Long}, decimals {@link Double}, absent
 * values and JSON {@code null} map values are left out (so {@code has()} works), and {@code null} list elements are the
 * backend's null value. Every map and list is unmodifiable, so one activation can be shared by threads. For internal
 * use only; may change without notice.
 */
public final class PolicyInputs {

  /** How many manifest instances keep their digest and wire form cached. */
  public static final int MANIFEST_CACHE_SIZE = 64;

  /** The deepest parameter nesting accepted. */
  public static final int MAX_PARAM_DEPTH = 32;

  private final IdentityCache<ModelManifest, ManifestFacts> manifests = new IdentityCache<>(MANIFEST_CACHE_SIZE);

  private static final PolicyInputs SHARED = new PolicyInputs();

  /** Creates an empty cache. */
  public PolicyInputs() {}

  /**
   * The process-wide cache every engine and the built-in Java rules use, so a manifest instance is digested once
   * whichever of them asks first.
   *
   * @return the shared instance
   */
  public static PolicyInputs shared() {
    return SHARED;
  }

  /**
   * The facts of a manifest instance, computed on first use.
   *
   * @param manifest the manifest
   * @return its reference and (lazily) wire form
   */
  public ManifestFacts facts(ModelManifest manifest) {
    return manifests.computeIfAbsent(manifest, m -> new ManifestFacts(ManifestCodec.defaults().ref(m)));
  }

  /** What the engine needs of one manifest instance; thread-safe. */
  public static final class ManifestFacts {
    private final ModelRef ref;
    private final String digest;
    private volatile Map<String, Object> tree;

    ManifestFacts(ModelRef ref) {
      this.ref = ref;
      this.digest = ref.manifestDigest().toString();
    }

    /** @return the manifest's reference, with its canonical digest */
    public ModelRef ref() {
      return ref;
    }

    /** @return the digest as {@code sha256:<hex>} */
    public String digest() {
      return digest;
    }

    /**
     * The manifest's wire form as maps and lists, converted on first use.
     *
     * @param manifest the manifest these facts are about
     * @param nullValue the backend's null value
     * @return the unmodifiable tree
     */
    public Map<String, Object> tree(ModelManifest manifest, Object nullValue) {
      Map<String, Object> t = tree;
      if (t == null) {
        t = manifestTree(manifest, nullValue);
        tree = t;
      }
      return t;
    }
  }

  /**
   * The manifest's wire form ({@link ManifestCodec#toTree}) as maps and lists.
   *
   * @param manifest the manifest
   * @param nullValue the backend's null value
   * @return the unmodifiable tree
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> manifestTree(ModelManifest manifest, Object nullValue) {
    return (Map<String, Object>) fromJson(ManifestCodec.defaults().toTree(manifest), nullValue);
  }

  /**
   * Converts a JSON tree.
   *
   * @param node the node
   * @param nullValue what a {@code null} list element becomes
   * @return a {@link Map}, {@link List}, {@link String}, {@link Long}, {@link Double}, {@link Boolean} or
   *     {@code nullValue}
   */
  public static Object fromJson(JsonNode node, Object nullValue) {
    switch (node.getNodeType()) {
      case OBJECT: {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
          if (!f.getValue().isNull() && !f.getValue().isMissingNode()) {
            out.put(f.getKey(), fromJson(f.getValue(), nullValue));
          }
        }
        return Collections.unmodifiableMap(out);
      }
      case ARRAY: {
        List<Object> out = new ArrayList<>(node.size());
        for (JsonNode e : node) {
          out.add(e.isNull() ? nullValue : fromJson(e, nullValue));
        }
        return Collections.unmodifiableList(out);
      }
      case NUMBER:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return node.longValue();
        }
        return node.doubleValue();
      case BOOLEAN:
        return node.booleanValue();
      case NULL:
      case MISSING:
        return nullValue;
      default:
        return node.asText();
    }
  }

  /**
   * The {@code context} variable: point (wire name), environment, previousStage, manifestDigest, provenance,
   * deployedImages and signals. Absent optional values are left out.
   *
   * @param context the evaluation context
   * @param manifestDigest the manifest's digest, {@code sha256:<hex>}
   * @return the unmodifiable map
   */
  public static Map<String, Object> contextMap(EvaluationContext context, String manifestDigest) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("point", context.point().wireName());
    context.environment().ifPresent(e -> c.put("environment", e));
    context.previousStage().ifPresent(s -> c.put("previousStage", s.name()));
    c.put("manifestDigest", manifestDigest);
    c.put("provenance", provenanceMap(context.provenance()));
    c.put("deployedImages", List.copyOf(context.deployedImages()));
    c.put("signals", signalsMap(context.signals()));
    return Collections.unmodifiableMap(c);
  }

  private static Map<String, Object> provenanceMap(ProvenanceFacts p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("present", p.present());
    m.put("verified", p.verified());
    p.signedManifestDigest().ifPresent(d -> m.put("signedManifestDigest", d.toString()));
    p.keyId().ifPresent(k -> m.put("keyId", k));
    p.failure().ifPresent(f -> m.put("failure", f));
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, Object> signalsMap(RuntimeSignals s) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (s.errorRate().isPresent()) {
      m.put("errorRate", s.errorRate().getAsDouble());
    }
    m.put("requests", s.requests());
    List<Object> drift = new ArrayList<>(s.drift().size());
    for (DriftSignal d : s.drift()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("feature", d.feature());
      e.put("method", d.method());
      e.put("value", d.value());
      e.put("threshold", d.threshold());
      e.put("detected", d.detected());
      e.put("windowSamples", d.windowSamples());
      drift.add(Collections.unmodifiableMap(e));
    }
    m.put("drift", Collections.unmodifiableList(drift));
    List<Object> fairness = new ArrayList<>(s.fairness().size());
    for (FairnessSignal f : s.fairness()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("attribute", f.attribute());
      e.put("metric", f.metric());
      e.put("value", f.value());
      e.put("threshold", f.threshold());
      e.put("breached", f.breached());
      fairness.add(Collections.unmodifiableMap(e));
    }
    m.put("fairness", Collections.unmodifiableList(fairness));
    return Collections.unmodifiableMap(m);
  }

  /**
   * Normalises parameters: integers to {@link Long}, {@code Float}/{@code BigDecimal} to {@link Double}, nested maps
   * and lists copied; a {@code null} map value is left out and a {@code null} list element becomes {@code nullValue}.
   *
   * @param params the parameters
   * @param nullValue the backend's null value
   * @return the unmodifiable normalised map
   * @throws IllegalArgumentException naming the parameter path ({@code params.limits[2]}) of an unsupported value
   */
  public static Map<String, Object> normalizeParams(Map<String, ?> params, Object nullValue) {
    return normalizeMap(params, "params", nullValue, 0);
  }

  /**
   * The policy's normalised defaults overridden by the context's parameters (top-level names replace defaults).
   *
   * @param defaults normalised defaults
   * @param overrides the context's parameters, not yet normalised
   * @param nullValue the backend's null value
   * @return the unmodifiable merged map
   * @throws IllegalArgumentException naming the parameter path of an unsupported value
   */
  public static Map<String, Object> mergeParams(
      Map<String, Object> defaults, Map<String, ?> overrides, Object nullValue) {
    if (overrides.isEmpty()) {
      return defaults;
    }
    Map<String, Object> merged = new LinkedHashMap<>(defaults);
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      String path = "params." + e.getKey();
      if (e.getValue() == null) {
        merged.remove(e.getKey());
      } else {
        merged.put(e.getKey(), normalize(e.getValue(), path, nullValue, 1));
      }
    }
    return Collections.unmodifiableMap(merged);
  }

  private static Map<String, Object> normalizeMap(Map<?, ?> map, String path, Object nullValue, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException(path + ": map keys must be strings, got "
            + (e.getKey() == null ? "null" : e.getKey().getClass().getSimpleName()));
      }
      if (e.getValue() != null) {
        out.put(key, normalize(e.getValue(), path + "." + key, nullValue, depth + 1));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object normalize(Object value, String path, Object nullValue, int depth) {
    if (depth > MAX_PARAM_DEPTH) {
      throw new IllegalArgumentException(path + ": nested deeper than " + MAX_PARAM_DEPTH + " levels");
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (value instanceof BigInteger i) {
      if (i.bitLength() < 64) {
        return i.longValue();
      }
      return i.doubleValue();
    }
    if (value instanceof Map<?, ?> m) {
      return normalizeMap(m, path, nullValue, depth);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        Object element = list.get(i);
        out.add(element == null ? nullValue : normalize(element, path + "[" + i + "]", nullValue, depth + 1));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(path + ": " + value.getClass().getSimpleName()
        + " is not a supported parameter type (use a string, number, boolean, list or map)");
  }

  /**
   * The activation of one evaluation.
   *
   * @param manifest the manifest tree
   * @param context the context map
   * @param params the normalised parameters
   * @param now the evaluation's instant
   * @return the unmodifiable activation
   */
  public static Map<String, Object> activation(
      Map<String, Object> manifest, Map<String, Object> context, Map<String, Object> params, Instant now) {
    return activation(manifest, context, params, now, null, null);
  }

  /**
   * The activation, with the Kubernetes admission request bound as {@code object}, {@code oldObject}, {@code request}
   * and {@code namespaceObject} (the ValidatingAdmissionPolicy names) when there is one.
   *
   * @param manifest the manifest tree
   * @param context the context map
   * @param params the normalised parameters
   * @param now the evaluation instant
   * @param admission the admission request, or {@code null}
   * @param nullValue the backend's null value
   * @return the activation
   * @throws IllegalArgumentException naming the path of a value that is not JSON-like
   */
  public static Map<String, Object> activation(
      Map<String, Object> manifest,
      Map<String, Object> context,
      Map<String, Object> params,
      Instant now,
      dev.modelgov.api.policy.AdmissionInput admission,
      Object nullValue) {
    Map<String, Object> a = new LinkedHashMap<>(12);
    a.put("manifest", manifest);
    a.put("context", context);
    a.put("params", params);
    a.put("now", now);
    if (admission != null) {
      a.put("object", normalizeMap(admission.object(), "object", nullValue, 0));
      admission.oldObject().ifPresent(o -> a.put("oldObject", normalizeMap(o, "oldObject", nullValue, 0)));
      a.put("request", normalizeMap(admission.request(), "request", nullValue, 0));
      admission.namespaceObject()
          .ifPresent(o -> a.put("namespaceObject", normalizeMap(o, "namespaceObject", nullValue, 0)));
    }
    return Collections.unmodifiableMap(a);
  }
}
