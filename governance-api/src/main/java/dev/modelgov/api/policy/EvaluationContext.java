package dev.modelgov.api.policy;

import dev.modelgov.api.manifest.LifecycleStage;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a policy evaluation reads besides the manifest: the enforcement point, the environment, the instant used
 * for waiver expiry, the stage the model is promoted from, the provenance facts, the images actually deployed, the
 * runtime signals and parameter overrides. Immutable.
 *
 * <pre>{@code
 * EvaluationContext ctx = EvaluationContext.builder()
 *     .point(EnforcementPoint.PROMOTION)
 *     .environment("prod")
 *     .previousStage(LifecycleStage.STAGING)
 *     .provenance(ProvenanceFacts.verified(signedDigest, "release-2026"))
 *     .param("maxErrorRate", 0.02)
 *     .build();
 * }</pre>
 */
public final class EvaluationContext {

  private static final EvaluationContext DEFAULT = builder().build();

  private final EnforcementPoint point;
  private final String environment;
  private final Instant now;
  private final LifecycleStage previousStage;
  private final ProvenanceFacts provenance;
  private final List<String> deployedImages;
  private final RuntimeSignals signals;
  private final Map<String, Object> params;
  private final AdmissionInput admission;

  private EvaluationContext(Builder b) {
    this.point = b.point;
    this.environment = b.environment;
    this.now = b.now;
    this.previousStage = b.previousStage;
    this.provenance = b.provenance;
    this.deployedImages = List.copyOf(b.deployedImages);
    this.signals = b.signals;
    this.params = Collections.unmodifiableMap(new TreeMap<>(b.params));
    this.admission = b.admission;
  }

  /**
   * A context at the {@link EnforcementPoint#CI} point with nothing else set.
   *
   * @return the default context
   */
  public static EvaluationContext defaults() {
    return DEFAULT;
  }

  /**
   * A context at the given point with nothing else set.
   *
   * @param point the enforcement point
   * @return the context
   */
  public static EvaluationContext at(EnforcementPoint point) {
    return builder().point(point).build();
  }

  /**
   * A new builder, at the CI point.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this context's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.point = point;
    b.environment = environment;
    b.now = now;
    b.previousStage = previousStage;
    b.provenance = provenance;
    b.deployedImages = new java.util.ArrayList<>(deployedImages);
    b.signals = signals;
    b.params = new LinkedHashMap<>(params);
    b.admission = admission;
    return b;
  }

  /**
   * Where the policy is evaluated.
   *
   * @return the point
   */
  public EnforcementPoint point() {
    return point;
  }

  /**
   * The environment name, for example {@code prod}.
   *
   * @return the environment, if set
   */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /**
   * The instant the evaluation treats as now (waiver expiry, approval age); when empty the engine's clock is read once
   * per evaluation.
   *
   * @return the fixed instant, if set
   */
  public Optional<Instant> now() {
    return Optional.ofNullable(now);
  }

  /**
   * The stage the model is promoted from, at {@link EnforcementPoint#PROMOTION}; {@code model.stage.order} reads it.
   *
   * @return the previous stage, if known
   */
  public Optional<LifecycleStage> previousStage() {
    return Optional.ofNullable(previousStage);
  }

  /**
   * What the caller established about the signed provenance.
   *
   * @return the facts; {@link ProvenanceFacts#absent()} by default
   */
  public ProvenanceFacts provenance() {
    return provenance;
  }

  /**
   * Images of the workload actually deployed (at admission), to be checked for digest pinning.
   *
   * @return image references as written in the workload; empty when unknown
   */
  public List<String> deployedImages() {
    return deployedImages;
  }

  /**
   * Runtime signals for the {@link EnforcementPoint#RUNTIME} re-check.
   *
   * @return the signals; {@link RuntimeSignals#none()} by default
   */
  public RuntimeSignals signals() {
    return signals;
  }

  /**
   * Parameter overrides; they win over the policy's own defaults. Values are JSON-like: strings, numbers, booleans,
   * lists and maps.
   *
   * @return the overrides, sorted by name
   */
  public Map<String, Object> params() {
    return params;
  }

  /**
   * The Kubernetes admission request, at {@link EnforcementPoint#ADMISSION}: CEL rules read it as {@code object},
   * {@code oldObject}, {@code request} and {@code namespaceObject}.
   *
   * @return the admission input, if any
   */
  public Optional<AdmissionInput> admission() {
    return Optional.ofNullable(admission);
  }

  @Override
  public String toString() {
    return "EvaluationContext[point=" + point + ", environment=" + environment + ", now=" + now + ", previousStage="
        + previousStage + ", provenance=" + provenance + ", deployedImages=" + deployedImages.size()
        + ", params=" + params.keySet() + "]";
  }

  /** Builds an {@link EvaluationContext}; every field is optional. */
  public static final class Builder {
    private EnforcementPoint point = EnforcementPoint.CI;
    private String environment;
    private Instant now;
    private LifecycleStage previousStage;
    private ProvenanceFacts provenance = ProvenanceFacts.absent();
    private List<String> deployedImages = new java.util.ArrayList<>();
    private RuntimeSignals signals = RuntimeSignals.none();
    private Map<String, Object> params = new LinkedHashMap<>();
    private AdmissionInput admission;

    private Builder() {}

    /**
     * Sets the enforcement point.
     *
     * @param value the point
     * @return this builder
     */
    public Builder point(EnforcementPoint value) {
      this.point = Objects.requireNonNull(value, "point");
      return this;
    }

    /**
     * Sets the environment.
     *
     * @param value for example {@code prod}
     * @return this builder
     */
    public Builder environment(String value) {
      this.environment = value;
      return this;
    }

    /**
     * Fixes the instant the evaluation treats as now.
     *
     * @param value the instant
     * @return this builder
     */
    public Builder now(Instant value) {
      this.now = value;
      return this;
    }

    /**
     * Sets the stage the model is promoted from.
     *
     * @param value the previous stage
     * @return this builder
     */
    public Builder previousStage(LifecycleStage value) {
      this.previousStage = value;
      return this;
    }

    /**
     * Sets the provenance facts.
     *
     * @param value the facts
     * @return this builder
     */
    public Builder provenance(ProvenanceFacts value) {
      this.provenance = Objects.requireNonNull(value, "provenance");
      return this;
    }

    /**
     * Sets the images actually deployed.
     *
     * @param values image references
     * @return this builder
     */
    public Builder deployedImages(List<String> values) {
      this.deployedImages = new java.util.ArrayList<>(Objects.requireNonNull(values, "deployedImages"));
      return this;
    }

    /**
     * Sets the runtime signals.
     *
     * @param value the signals
     * @return this builder
     */
    public Builder signals(RuntimeSignals value) {
      this.signals = Objects.requireNonNull(value, "signals");
      return this;
    }

    /**
     * Sets one parameter override.
     *
     * @param name the parameter
     * @param value a string, number, boolean, list or map
     * @return this builder
     */
    public Builder param(String name, Object value) {
      this.params.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Replaces all parameter overrides.
     *
     * @param values the overrides
     * @return this builder
     */
    public Builder params(Map<String, ?> values) {
      this.params = new LinkedHashMap<>(Objects.requireNonNull(values, "params"));
      return this;
    }

    /**
     * Sets the Kubernetes admission request.
     *
     * @param value the admission input, or {@code null}
     * @return this builder
     */
    public Builder admission(AdmissionInput value) {
      this.admission = value;
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     * @throws IllegalArgumentException naming the parameter whose name is blank
     */
    public EvaluationContext build() {
      for (String k : params.keySet()) {
        if (k.isBlank()) {
          throw new IllegalArgumentException("params: a parameter name must not be blank");
        }
      }
      return new EvaluationContext(this);
    }
  }
}
