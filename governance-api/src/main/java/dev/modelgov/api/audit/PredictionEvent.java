package dev.modelgov.api.audit;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelRef;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A model served one request. Record digests of inputs and outputs when they may hold personal data; record values
 * when they are safe to keep (a class label, a score).
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * PredictionEvent.builder()
 *     .model(modelRef)
 *     .requestId("req-7f3a")
 *     .inputDigest(Digest.sha256(requestBytes))
 *     .output(Map.of("class", "approve", "score", 0.87))
 *     .latency(Duration.ofMillis(12))
 *     .build();
 * }</pre>
 */
public final class PredictionEvent extends AuditEvent {

  /** The event type. */
  public static final String TYPE = "prediction";

  private final ModelRef model;
  private final String requestId;
  private final Digest inputDigest;
  private final Object input;
  private final Digest outputDigest;
  private final Object output;
  private final Duration latency;

  private PredictionEvent(Builder b) {
    super(b);
    this.model = b.model;
    this.requestId = b.requestId;
    this.inputDigest = b.inputDigest;
    this.input = b.input;
    this.outputDigest = b.outputDigest;
    this.output = b.output;
    this.latency = b.latency;
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
   * @return the model version that served the request
   */
  public ModelRef model() {
    return model;
  }

  /**
   * @return the request id, to join with application logs and traces
   */
  public String requestId() {
    return requestId;
  }

  /**
   * @return the digest of the input, if recorded
   */
  public Optional<Digest> inputDigest() {
    return Optional.ofNullable(inputDigest);
  }

  /**
   * @return the input value, if recorded (a JSON value)
   */
  public Optional<Object> input() {
    return Optional.ofNullable(input);
  }

  /**
   * @return the digest of the output, if recorded
   */
  public Optional<Digest> outputDigest() {
    return Optional.ofNullable(outputDigest);
  }

  /**
   * @return the output value, if recorded (a JSON value)
   */
  public Optional<Object> output() {
    return Optional.ofNullable(output);
  }

  /**
   * @return how long the prediction took, if recorded
   */
  public Optional<Duration> latency() {
    return Optional.ofNullable(latency);
  }

  /** Builds a {@link PredictionEvent}; {@code model} and {@code requestId} are required. */
  public static final class Builder extends AuditEvent.Builder<Builder> {
    private ModelRef model;
    private String requestId;
    private Digest inputDigest;
    private Object input;
    private Digest outputDigest;
    private Object output;
    private Duration latency;

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
     * @param requestId the request id, must not be blank
     * @return this builder
     */
    public Builder requestId(String requestId) {
      this.requestId = requireText(requestId, "requestId");
      return this;
    }

    /**
     * @param inputDigest the digest of the input
     * @return this builder
     */
    public Builder inputDigest(Digest inputDigest) {
      this.inputDigest = Objects.requireNonNull(inputDigest, "inputDigest must not be null");
      return this;
    }

    /**
     * @param input the input as a JSON value
     * @return this builder
     */
    public Builder input(Object input) {
      this.input = jsonValue(Objects.requireNonNull(input, "input must not be null"), "input", 0);
      return this;
    }

    /**
     * @param outputDigest the digest of the output
     * @return this builder
     */
    public Builder outputDigest(Digest outputDigest) {
      this.outputDigest = Objects.requireNonNull(outputDigest, "outputDigest must not be null");
      return this;
    }

    /**
     * @param output the output as a JSON value
     * @return this builder
     */
    public Builder output(Object output) {
      this.output = jsonValue(Objects.requireNonNull(output, "output must not be null"), "output", 0);
      return this;
    }

    /**
     * @param latency how long the prediction took, not negative
     * @return this builder
     */
    public Builder latency(Duration latency) {
      Objects.requireNonNull(latency, "latency must not be null");
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative");
      }
      this.latency = latency;
      return this;
    }

    /**
     * @return the event
     * @throws IllegalStateException naming the first missing required field
     */
    public PredictionEvent build() {
      if (model == null) {
        throw new IllegalStateException("model is required");
      }
      if (requestId == null) {
        throw new IllegalStateException("requestId is required");
      }
      return new PredictionEvent(this);
    }
  }
}
