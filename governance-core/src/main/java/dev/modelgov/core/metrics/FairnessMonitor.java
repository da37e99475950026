package dev.modelgov.core.metrics;

import dev.modelgov.api.policy.FairnessSignal;
import dev.modelgov.api.policy.RuntimeSignals;
import dev.modelgov.core.metrics.internal.FairnessMath;
import dev.modelgov.core.metrics.internal.GroupCounters;
import dev.modelgov.core.metrics.internal.OutcomeBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Streaming group fairness from counters: per (attribute, group) the predictions, positive predictions, and — once
 * labels arrive — the confusion matrix, all {@link LongAdder}s, so memory is O(attributes × groups) and every metric
 * follows exactly from the counts. Labels that arrive later are joined to their prediction by id through a buffer
 * bounded in size and age ({@link FairnessConfig#maxPendingOutcomes()}, {@link FairnessConfig#outcomeTtl()});
 * predictions evicted before their label are counted, as are labels whose prediction is unknown.
 *
 * <p>Counters are cumulative from {@link Builder#build()} or the last {@link #reset()}. Metrics are withheld while a
 * group is below {@link FairnessConfig#minGroupSize()} (see {@link WithheldMetric}). Each attribute keeps at most
 * {@link FairnessConfig#maxGroupsPerAttribute()} groups; later values share {@value DriftBaseline#OTHER}, and a
 * missing value counts as {@value DriftBaseline#MISSING}. Thread-safe.
 *
 * <pre>{@code
 * FairnessMonitor fairness = FairnessMonitor.builder()
 *     .attribute("sex", "male")                // privileged group, for the AIF360 metrics
 *     .attribute("age_band")                   // Fairlearn metrics only
 *     .config(cfg.fairness())
 *     .build();
 * fairness.recordPrediction(requestId, Map.of("sex", "female", "age_band", "30-39"), approved);
 * // hours later, when the outcome is known
 * fairness.recordOutcome(requestId, repaid);
 * FairnessReport report = fairness.report();
 * }</pre>
 */
public final class FairnessMonitor {

  /** The longest prediction id or group value accepted. */
  public static final int MAX_VALUE_LENGTH = 256;

  private final FairnessConfig config;
  private final Clock clock;
  private final List<String> attributes;
  private final Map<String, Set<String>> privileged;
  private final Attribute[] state;
  private final OutcomeBuffer buffer;
  private final LongAdder predictions = new LongAdder();
  private final LongAdder unmatched = new LongAdder();
  private final BiConsumer<String, String> newGroupListener;

  private FairnessMonitor(Builder b) {
    this.config = b.config;
    this.clock = b.clock;
    this.attributes = List.copyOf(b.attributes.keySet());
    Map<String, Set<String>> p = new LinkedHashMap<>();
    b.attributes.forEach((k, v) -> p.put(k, Set.copyOf(v)));
    this.privileged = Map.copyOf(p);
    this.newGroupListener = b.listener;
    this.state = new Attribute[attributes.size()];
    for (int i = 0; i < state.length; i++) {
      state[i] = new Attribute(attributes.get(i));
      for (String g : b.attributes.get(attributes.get(i))) {
        state[i].group(g);
      }
    }
    this.buffer = new OutcomeBuffer(config.maxPendingOutcomes(), config.outcomeTtl().toMillis());
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The config.
   *
   * @return the fairness config
   */
  public FairnessConfig config() {
    return config;
  }

  /**
   * The protected attributes, in declaration order.
   *
   * @return the names
   */
  public List<String> attributes() {
    return attributes;
  }

  /**
   * The privileged groups of an attribute (empty: only Fairlearn metrics).
   *
   * @param attribute the attribute
   * @return the groups
   */
  public Set<String> privilegedGroups(String attribute) {
    return privileged.getOrDefault(attribute, Set.of());
  }

  /**
   * The groups seen so far for an attribute (privileged groups are there from the start).
   *
   * @param attribute the attribute
   * @return the group values, in creation order
   */
  public List<String> groups(String attribute) {
    for (Attribute a : state) {
      if (a.name.equals(attribute)) {
        synchronized (a.order) {
          return List.copyOf(a.order);
        }
      }
    }
    return List.of();
  }

  /**
   * Counts a prediction, and keeps it for a later label when it has an id.
   *
   * @param predictionId the id the label will carry, or {@code null} if no label will come
   * @param groups attribute to group value; absent or {@code null} values count as missing; other keys are ignored
   * @param predicted whether the prediction is positive (ŷ = 1, the favourable outcome)
   * @throws IllegalArgumentException if the id or a group value is longer than {@value #MAX_VALUE_LENGTH}
   */
  public void recordPrediction(String predictionId, Map<String, String> groups, boolean predicted) {
    GroupCounters[] g = resolve(groups);
    checkId(predictionId);
    for (GroupCounters c : g) {
      c.prediction(predicted);
    }
    predictions.increment();
    if (predictionId != null) {
      long now = clock.millis();
      buffer.put(predictionId, new OutcomeBuffer.Pending(g, predicted, now), now);
    }
  }

  /**
   * Joins a delayed label to its prediction and counts it in the confusion matrix.
   *
   * @param predictionId the id given to {@link #recordPrediction}
   * @param actual whether the true outcome is positive (y = 1)
   * @return true if the prediction was found; false if unknown, evicted or expired (counted as unmatched)
   */
  public boolean recordOutcome(String predictionId, boolean actual) {
    Objects.requireNonNull(predictionId, "predictionId must not be null");
    OutcomeBuffer.Pending p = buffer.take(predictionId, clock.millis());
    if (p == null) {
      unmatched.increment();
      return false;
    }
    for (GroupCounters c : p.groups()) {
      c.outcome(p.predicted(), actual);
    }
    return true;
  }

  /**
   * Counts a labelled prediction given whole. If the id is still waiting from {@link #recordPrediction}, this is a
   * join (the prediction and groups recorded then are used, so nothing is counted twice); otherwise the prediction
   * and its outcome are both counted now.
   *
   * @param predictionId the prediction id, may be {@code null}
   * @param groups attribute to group value
   * @param predicted ŷ
   * @param actual y
   */
  public void recordOutcome(String predictionId, Map<String, String> groups, boolean predicted, boolean actual) {
    checkId(predictionId);
    if (predictionId != null) {
      OutcomeBuffer.Pending p = buffer.take(predictionId, clock.millis());
      if (p != null) {
        for (GroupCounters c : p.groups()) {
          c.outcome(p.predicted(), actual);
        }
        return;
      }
    }
    GroupCounters[] g = resolve(groups);
    for (GroupCounters c : g) {
      c.prediction(predicted);
      c.outcome(predicted, actual);
    }
    predictions.increment();
  }

  private static void checkId(String id) {
    if (id != null && id.length() > MAX_VALUE_LENGTH) {
      throw new IllegalArgumentException("predictionId is longer than " + MAX_VALUE_LENGTH + " characters");
    }
  }

  private GroupCounters[] resolve(Map<String, String> groups) {
    Objects.requireNonNull(groups, "groups must not be null");
    GroupCounters[] out = new GroupCounters[state.length];
    for (int i = 0; i < state.length; i++) {
      String v = groups.get(state[i].name);
      if (v != null && v.length() > MAX_VALUE_LENGTH) {
        throw new IllegalArgumentException("group value of '" + state[i].name + "' is longer than "
            + MAX_VALUE_LENGTH + " characters");
      }
      out[i] = state[i].group(v);
    }
    return out;
  }

  /**
   * Computes the report from the counters now.
   *
   * @return the report
   */
  public FairnessReport report() {
    List<GroupRates> all = new ArrayList<>();
    List<FairnessResult> results = new ArrayList<>();
    List<WithheldMetric> withheld = new ArrayList<>();
    for (Attribute a : state) {
      List<GroupRates> rates = new ArrayList<>();
      for (GroupCounters c : a.groups.values()) {
        rates.add(c.rates());
      }
      rates.sort(Comparator.comparing(GroupRates::group));
      all.addAll(rates);
      FairnessMath.evaluate(a.name, rates, privilegedGroups(a.name), config, results, withheld);
    }
    return new FairnessReport(clock.instant(), all, results, withheld);
  }

  /**
   * One group's rates now.
   *
   * @param attribute the attribute
   * @param group the group value
   * @return the rates, all zero if the group was never seen
   */
  public GroupRates rates(String attribute, String group) {
    for (Attribute a : state) {
      if (a.name.equals(attribute)) {
        GroupCounters c = a.groups.get(group);
        if (c != null) {
          return c.rates();
        }
      }
    }
    return new GroupRates(attribute, group, 0, 0, 0, 0, 0, 0);
  }

  /**
   * The computed metrics as policy signals.
   *
   * @return the signals
   */
  public List<FairnessSignal> fairnessSignals() {
    return report().toSignals();
  }

  /**
   * The metrics as runtime signals: fairness only, no error rate, {@code requests} = predictions counted.
   *
   * @return the signals
   */
  public RuntimeSignals signals() {
    return new RuntimeSignals(OptionalDouble.empty(), predictions.sum(), List.of(), fairnessSignals());
  }

  /**
   * Predictions counted since build or reset.
   *
   * @return the count
   */
  public long predictions() {
    return predictions.sum();
  }

  /**
   * Predictions waiting for their label.
   *
   * @return the count
   */
  public int pendingOutcomes() {
    return buffer.size();
  }

  /**
   * Predictions evicted (buffer full, too old, or replaced by a new prediction with the same id) before their label.
   *
   * @return the count
   */
  public long evictedPredictions() {
    return buffer.evicted();
  }

  /**
   * Labels whose prediction was not waiting (unknown, evicted or expired).
   *
   * @return the count
   */
  public long unmatchedOutcomes() {
    return unmatched.sum();
  }

  /** Sets every counter to zero and drops the waiting predictions; groups and their meters stay. */
  public void reset() {
    for (Attribute a : state) {
      a.groups.values().forEach(GroupCounters::reset);
    }
    buffer.clear();
    predictions.reset();
    unmatched.reset();
  }

  @Override
  public String toString() {
    return "FairnessMonitor[attributes=" + attributes + ", predictions=" + predictions.sum() + "]";
  }

  private final class Attribute {

    final String name;
    final ConcurrentHashMap<String, GroupCounters> groups = new ConcurrentHashMap<>();
    final List<String> order = new ArrayList<>();
    int distinct;

    Attribute(String name) {
      this.name = name;
    }

    GroupCounters group(String value) {
      String key = value == null ? DriftBaseline.MISSING : value;
      GroupCounters c = groups.get(key);
      if (c != null) {
        return c;
      }
      GroupCounters created;
      synchronized (this) {
        c = groups.get(key);
        if (c != null) {
          return c;
        }
        boolean special = key.equals(DriftBaseline.MISSING) || key.equals(DriftBaseline.OTHER);
        if (!special && distinct >= config.maxGroupsPerAttribute()) {
          return group(DriftBaseline.OTHER);
        }
        if (!special) {
          distinct++;
        }
        created = new GroupCounters(name, key);
        groups.put(key, created);
        synchronized (order) {
          order.add(key);
        }
      }
      if (newGroupListener != null) {
        try {
          newGroupListener.accept(name, key);
        } catch (RuntimeException e) {
          // A listener must never break the recording thread.
        }
      }
      return created;
    }
  }

  /**
   * Builds a {@link FairnessMonitor}.
   *
   * <pre>{@code
   * FairnessMonitor.builder().attribute("region").config(FairnessConfig.defaults()).build();
   * }</pre>
   */
  public static final class Builder {

    private final Map<String, Set<String>> attributes = new LinkedHashMap<>();
    private FairnessConfig config = FairnessConfig.defaults();
    private Clock clock = Clock.systemUTC();
    private BiConsumer<String, String> listener;
    private String problem;

    private Builder() {}

    /**
     * Declares a protected attribute and, optionally, its privileged groups (needed for the AIF360 metrics).
     *
     * @param name the attribute name
     * @param privilegedGroups the privileged group values
     * @return this builder
     */
    public Builder attribute(String name, String... privilegedGroups) {
      if (name == null || name.isBlank() || name.length() > MAX_VALUE_LENGTH) {
        problem = "attribute name must not be blank or longer than " + MAX_VALUE_LENGTH + " characters";
        return this;
      }
      if (attributes.containsKey(name)) {
        problem = "attribute '" + name + "' is declared twice";
        return this;
      }
      Set<String> p = new LinkedHashSet<>();
      for (String g : privilegedGroups == null ? new String[0] : privilegedGroups) {
        if (g == null || g.isEmpty() || g.length() > MAX_VALUE_LENGTH) {
          problem = "attribute '" + name + "': privileged group values must not be empty or too long";
          return this;
        }
        p.add(g);
      }
      attributes.put(name, p);
      return this;
    }

    /**
     * The fairness config (default {@link FairnessConfig#defaults()}).
     *
     * @param config the config
     * @return this builder
     */
    public Builder config(FairnessConfig config) {
      this.config = config;
      return this;
    }

    /**
     * The clock for label expiry and report times (default the system UTC clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * A callback run once for each new (attribute, group), on the recording thread, for example to register meters.
     * Exceptions it throws are ignored.
     *
     * @param listener receives the attribute and the group value
     * @return this builder
     */
    public Builder onNewGroup(BiConsumer<String, String> listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Builds the monitor.
     *
     * @return the monitor
     * @throws IllegalArgumentException naming the invalid field
     */
    public FairnessMonitor build() {
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      if (attributes.isEmpty()) {
        throw new IllegalArgumentException("attributes: declare at least one protected attribute");
      }
      if (config == null) {
        throw new IllegalArgumentException("config must be set");
      }
      if (clock == null) {
        throw new IllegalArgumentException("clock must be set");
      }
      for (Map.Entry<String, Set<String>> e : attributes.entrySet()) {
        if (e.getValue().size() >= config.maxGroupsPerAttribute()) {
          throw new IllegalArgumentException("attribute '" + e.getKey() + "': more privileged groups than "
              + "fairness.maxGroupsPerAttribute allows");
        }
      }
      return new FairnessMonitor(this);
    }
  }
}
