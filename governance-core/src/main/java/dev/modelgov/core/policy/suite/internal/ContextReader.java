package dev.modelgov.core.policy.suite.internal;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.policy.DriftSignal;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.FairnessSignal;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.policy.RuntimeSignals;
import dev.modelgov.core.policy.suite.PolicyDocumentException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads an {@link EvaluationContext} from a tree, strictly. For internal use only; may change without notice.
 */
public final class ContextReader {

  /** The word that stands for the digest of the manifest under test in {@code provenance.signedManifestDigest}. */
  public static final String SELF = "self";

  /** The API version a standalone context file may declare. */
  public static final String API_VERSION = "policy.modelgov.dev/v1alpha1";

  /** The kind a standalone context file may declare. */
  public static final String KIND = "EvaluationContext";

  /** The most deployed images, drift signals or fairness signals in one context. */
  public static final int MAX_LIST = 10_000;

  /** The deepest parameter nesting. */
  public static final int MAX_PARAM_DEPTH = 32;

  /** The fields of a context. */
  public static final Set<String> FIELDS = Set.of("apiVersion", "kind", "point", "environment", "now", "previousStage",
      "provenance", "deployedImages", "signals", "params");

  private static final Set<String> PROVENANCE = Set.of("present", "verified", "signedManifestDigest", "keyId",
      "failure");
  private static final Set<String> SIGNALS = Set.of("errorRate", "requests", "drift", "fairness");
  private static final Set<String> DRIFT = Set.of("feature", "method", "value", "threshold", "detected",
      "windowSamples");
  private static final Set<String> FAIRNESS = Set.of("attribute", "metric", "value", "threshold", "breached");

  private ContextReader() {}

  /**
   * Reads a context.
   *
   * @param root the context object; unset means the default context
   * @param manifestDigest the digest {@code self} stands for, or {@code null} when there is no manifest under test
   * @return the context
   * @throws PolicyDocumentException naming the path of the first bad field
   */
  public static EvaluationContext read(Field root, Digest manifestDigest) throws PolicyDocumentException {
    EvaluationContext.Builder b = EvaluationContext.builder();
    if (root.isUnset()) {
      return b.build();
    }
    root.object("an evaluation context", FIELDS);
    Optional<String> apiVersion = root.get("apiVersion").text();
    if (apiVersion.isPresent() && !apiVersion.get().equals(API_VERSION)) {
      throw root.get("apiVersion").error("must be " + API_VERSION);
    }
    Optional<String> kind = root.get("kind").text();
    if (kind.isPresent() && !kind.get().equals(KIND)) {
      throw root.get("kind").error("must be " + KIND);
    }
    Optional<EnforcementPoint> point = root.get("point").enumValue(EnforcementPoint.class, "enforcement point");
    point.ifPresent(b::point);
    Optional<String> environment = root.get("environment").text();
    if (environment.isPresent() && environment.get().isBlank()) {
      throw root.get("environment").error("must not be blank");
    }
    environment.ifPresent(b::environment);
    instant(root.get("now")).ifPresent(b::now);
    root.get("previousStage").enumValue(LifecycleStage.class, "lifecycle stage").ifPresent(b::previousStage);
    Field provenance = root.get("provenance");
    if (!provenance.isUnset()) {
      b.provenance(provenance(provenance, manifestDigest));
    }
    Field images = root.get("deployedImages");
    List<String> deployed = new ArrayList<>();
    for (Field image : images.elements(MAX_LIST)) {
      deployed.add(image.text().orElseThrow(() -> image.error("must be an image reference, not null")));
    }
    b.deployedImages(deployed);
    Field signals = root.get("signals");
    if (!signals.isUnset()) {
      b.signals(signals(signals));
    }
    b.params(params(root.get("params")));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw root.error(e.getMessage());
    }
  }

  /**
   * Parses an instant field.
   *
   * @param f the field
   * @return the instant, empty when unset
   * @throws PolicyDocumentException when it is not an RFC 3339 UTC timestamp
   */
  public static Optional<Instant> instant(Field f) throws PolicyDocumentException {
    Optional<String> text = f.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.get().trim()));
    } catch (DateTimeParseException e) {
      throw f.error("expected an RFC 3339 timestamp such as 2026-11-28T00:00:00Z");
    }
  }

  private static ProvenanceFacts provenance(Field f, Digest manifestDigest) throws PolicyDocumentException {
    f.object("provenance facts", PROVENANCE);
    boolean verified = f.get("verified").bool().orElse(false);
    Optional<String> failure = f.get("failure").text();
    Optional<String> keyId = f.get("keyId").text();
    Field digestField = f.get("signedManifestDigest");
    Optional<Digest> digest = Optional.empty();
    Optional<String> digestText = digestField.text();
    if (digestText.isPresent()) {
      if (digestText.get().equals(SELF)) {
        if (manifestDigest == null) {
          throw digestField.error("'self' stands for the digest of the manifest under test, and there is none here");
        }
        digest = Optional.of(manifestDigest);
      } else {
        try {
          digest = Optional.of(Digest.parse(digestText.get()));
        } catch (IllegalArgumentException e) {
          throw digestField.error(e.getMessage() + " (or 'self' for the manifest under test)");
        }
      }
    }
    boolean present = f.get("present").bool()
        .orElse(verified || failure.isPresent() || digest.isPresent() || keyId.isPresent());
    try {
      return new ProvenanceFacts(present, verified, digest, keyId, failure);
    } catch (IllegalArgumentException e) {
      throw f.error(e.getMessage());
    }
  }

  private static RuntimeSignals signals(Field f) throws PolicyDocumentException {
    f.object("runtime signals", SIGNALS);
    OptionalDouble errorRate = f.get("errorRate").number();
    if (errorRate.isPresent() && (errorRate.getAsDouble() < 0 || errorRate.getAsDouble() > 1)) {
      throw f.get("errorRate").error("must be between 0 and 1");
    }
    long requests = f.get("requests").integer().orElse(0);
    if (requests < 0) {
      throw f.get("requests").error("must not be negative");
    }
    List<DriftSignal> drift = new ArrayList<>();
    for (Field d : f.get("drift").elements(MAX_LIST)) {
      d.object("a drift signal", DRIFT);
      long samples = d.get("windowSamples").integer().orElse(0);
      if (samples < 0) {
        throw d.get("windowSamples").error("must not be negative");
      }
      drift.add(new DriftSignal(d.get("feature").requiredText(), d.get("method").requiredText(),
          d.get("value").requiredNumber(), d.get("threshold").requiredNumber(), d.get("detected").requiredBool(),
          samples));
    }
    List<FairnessSignal> fairness = new ArrayList<>();
    for (Field s : f.get("fairness").elements(MAX_LIST)) {
      s.object("a fairness signal", FAIRNESS);
      fairness.add(new FairnessSignal(s.get("attribute").requiredText(), s.get("metric").requiredText(),
          s.get("value").requiredNumber(), s.get("threshold").requiredNumber(), s.get("breached").requiredBool()));
    }
    return new RuntimeSignals(errorRate, requests, drift, fairness);
  }

  private static Map<String, Object> params(Field f) throws PolicyDocumentException {
    Map<String, Object> out = new LinkedHashMap<>();
    if (f.isUnset()) {
      return out;
    }
    if (!f.node().isObject()) {
      throw f.error("expected parameters (an object), got " + Field.kind(f.node()));
    }
    for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> member : f.node().properties()) {
      Field p = f.get(member.getKey());
      if (member.getKey().isBlank()) {
        throw p.error("a parameter name must not be blank");
      }
      Object value = p.plain(MAX_PARAM_DEPTH);
      if (value != null) {
        out.put(member.getKey(), value);
      }
    }
    return out;
  }
}
