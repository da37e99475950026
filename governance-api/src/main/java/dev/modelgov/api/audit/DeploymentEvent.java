package dev.modelgov.api.audit;

import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelRef;
import java.util.Objects;
import java.util.Optional;

/**
 * A model version was deployed, promoted, rolled back, scaled or retired.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * DeploymentEvent.builder()
 *     .model(modelRef)
 *     .action(DeploymentEvent.Action.DEPLOYED)
 *     .image(ImageRef.parse("registry.example/credit@sha256:..."))
 *     .environment("prod")
 *     .build();
 * }</pre>
 */
public final class DeploymentEvent extends AuditEvent {

  /** The event type. */
  public static final String TYPE = "deployment";

  /** What happened to the deployment. */
  public enum Action {
    /** A version went live. */
    DEPLOYED,
    /** A version moved to a later stage (for example staging to production). */
    PROMOTED,
    /** A previous version was restored. */
    ROLLED_BACK,
    /** The number of replicas changed. */
    SCALED,
    /** A version was taken out of service. */
    RETIRED
  }

  private final ModelRef model;
  private final Action action;
  private final ImageRef image;
  private final String environment;
  private final Integer replicas;

  private DeploymentEvent(Builder b) {
    super(b);
    this.model = b.model;
    this.action = b.action;
    this.image = b.image;
    this.environment = b.environment;
    this.replicas = b.replicas;
  }

  /**
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * @return the model version
   */
  public ModelRef model() {
    return model;
  }

  /**
   * @return what happened
   */
  public Action action() {
    return action;
  }

  /**
   * @return the container image, pinned by digest, if recorded
   */
  public Optional<ImageRef> image() {
    return Optional.ofNullable(image);
  }

  /**
   * @return the environment or cluster/namespace, if recorded
   */
  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  /**
   * @return the number of replicas, if recorded
   */
  public Optional<Integer> replicas() {
    return Optional.ofNullable(replicas);
  }

  /** Builds a {@link DeploymentEvent}; {@code model} and {@code action} are required. */
  public static final class Builder extends AuditEvent.Builder<Builder> {
    private ModelRef model;
    private Action action;
    private ImageRef image;
    private String environment;
    private Integer replicas;

    private Builder() {}

    /**
     * @param model the model version, must not be {@code null}
     * @return this builder
     */
    public Builder model(ModelRef model) {
      this.model = Objects.requireNonNull(model, "model must not be null");
      return this;
    }

    /**
     * @param action what happened, must not be {@code null}
     * @return this builder
     */
    public Builder action(Action action) {
      this.action = Objects.requireNonNull(action, "action must not be null");
      return this;
    }

    /**
     * @param image the container image, must not be {@code null}
     * @return this builder
     */
    public Builder image(ImageRef image) {
      this.image = Objects.requireNonNull(image, "image must not be null");
      return this;
    }

    /**
     * @param environment the environment, must not be blank
     * @return this builder
     */
    public Builder environment(String environment) {
      this.environment = requireText(environment, "environment");
      return this;
    }

    /**
     * @param replicas the number of replicas, at least 0
     * @return this builder
     */
    public Builder replicas(int replicas) {
      if (replicas < 0) {
        throw new IllegalArgumentException("replicas must be >= 0, got " + replicas);
      }
      this.replicas = replicas;
      return this;
    }

    /**
     * @return the event
     * @throws IllegalStateException naming the first missing required field
     */
    public DeploymentEvent build() {
      if (model == null) {
        throw new IllegalStateException("model is required");
      }
      if (action == null) {
        throw new IllegalStateException("action is required");
      }
      return new DeploymentEvent(this);
    }
  }
}
