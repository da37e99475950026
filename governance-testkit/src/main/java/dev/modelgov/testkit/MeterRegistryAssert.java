package dev.modelgov.testkit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Micrometer {@link MeterRegistry}, such as the one {@code ModelMetrics} is bound to. Tags are given
 * as key/value pairs ({@code "outcome", "success"}) and match when the meter has at least those tags. Failures list
 * the meters found: those with the expected name and their tags, or every meter when none has the name.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * assertThat(registry)
 *     .hasMeter("model.inference", "outcome", "success")
 *     .hasTimerWithCount("model.inference", 3, "outcome", "success")
 *     .hasCounterWithValue("model.predictions", 2, "output", "approve")
 *     .doesNotHaveMeter("model.inference", "outcome", "timeout");
 * }</pre>
 */
@SuppressWarnings("exports") // Micrometer is a deliberate API dependency of the testkit.
public final class MeterRegistryAssert extends AbstractAssert<MeterRegistryAssert, MeterRegistry> {

  MeterRegistryAssert(MeterRegistry actual) {
    super(actual, MeterRegistryAssert.class);
  }

  /**
   * Checks that a meter of this name exists, whatever its tags.
   *
   * <pre>{@code
   * assertThat(registry).hasMeter("model.inference");   // passes once ModelMetrics is bound
   * assertThat(registry).hasMeter("model.latency");
   * // fails: "Expected a meter named <model.latency> but found none.
   * //   Found: [model.inference{error.type=none,model=credit,model.version=2.4.0,outcome=success}, ...]"
   * }</pre>
   *
   * @param name the meter name, must not be {@code null}
   * @return this assertion
   */
  public MeterRegistryAssert hasMeter(String name) {
    return hasMeter(name, new String[0]);
  }

  /**
   * Checks that a meter of this name has at least these tags.
   *
   * <pre>{@code
   * assertThat(registry).hasMeter("model.predictions", "output", "approve");   // passes
   * assertThat(registry).hasMeter("model.predictions", "output", "maybe");
   * // fails: "Expected a meter named <model.predictions> with tags [output=maybe] but found none.
   * //   Found: [model.predictions{model=credit,model.version=2.4.0,output=approve}, ...]"
   * }</pre>
   *
   * @param name the meter name, must not be {@code null}
   * @param tagKeyValues tag keys and values, alternating; an even number, none {@code null}
   * @return this assertion
   * @throws IllegalArgumentException if the tags are not key/value pairs
   */
  public MeterRegistryAssert hasMeter(String name, String... tagKeyValues) {
    find(name, tagKeyValues);
    return this;
  }

  /**
   * Checks that no meter of this name exists.
   *
   * <pre>{@code
   * assertThat(registry).doesNotHaveMeter("model.latency");   // passes
   * assertThat(registry).doesNotHaveMeter("model.inference");
   * // fails: "Expected no meter named <model.inference> but found
   * //   [model.inference{error.type=none,model=credit,model.version=2.4.0,outcome=success}]"
   * }</pre>
   *
   * @param name the meter name, must not be {@code null}
   * @return this assertion
   */
  public MeterRegistryAssert doesNotHaveMeter(String name) {
    return doesNotHaveMeter(name, new String[0]);
  }

  /**
   * Checks that no meter of this name has all these tags.
   *
   * <pre>{@code
   * assertThat(registry).doesNotHaveMeter("model.inference", "outcome", "timeout");   // passes
   * assertThat(registry).doesNotHaveMeter("model.inference", "outcome", "success");
   * // fails: "Expected no meter named <model.inference> with tags [outcome=success] but found
   * //   [model.inference{error.type=none,model=credit,model.version=2.4.0,outcome=success}]"
   * }</pre>
   *
   * @param name the meter name, must not be {@code null}
   * @param tagKeyValues tag keys and values, alternating; an even number, none {@code null}
   * @return this assertion
   * @throws IllegalArgumentException if the tags are not key/value pairs
   */
  public MeterRegistryAssert doesNotHaveMeter(String name, String... tagKeyValues) {
    Objects.requireNonNull(name, "name must not be null");
    Tags tags = tags(tagKeyValues);
    isNotNull();
    Collection<Meter> found = actual.find(name).tags(tags).meters();
    if (!found.isEmpty()) {
      failWithMessage("Expected no meter named <%s>%s but found %s", name, withTags(tags), ids(found));
    }
    return this;
  }

  /**
   * Checks the number of events recorded by the timers of this name and tags, summed over every matching timer (so
   * partial tags count a group: {@code "outcome", "error"} sums every error type).
   *
   * <pre>{@code
   * assertThat(registry).hasTimerWithCount("model.inference", 3, "outcome", "success");   // passes after 3 successes
   * assertThat(registry).hasTimerWithCount("model.inference", 5, "outcome", "success");
   * // fails: "Expected timers named <model.inference> with tags [outcome=success] to have count 5 but the count
   * //   was 3. Matching timers: [model.inference{error.type=none,...,outcome=success} count=3]"
   * }</pre>
   *
   * @param name the timer name, must not be {@code null}
   * @param count the expected count
   * @param tagKeyValues tag keys and values, alternating; an even number, none {@code null}
   * @return this assertion
   * @throws IllegalArgumentException if the tags are not key/value pairs
   */
  public MeterRegistryAssert hasTimerWithCount(String name, long count, String... tagKeyValues) {
    Tags tags = tags(tagKeyValues);
    Collection<Meter> found = find(name, tagKeyValues);
    List<Meter> timers = found.stream().filter(m -> m instanceof Timer || m instanceof FunctionTimer)
        .collect(Collectors.toList());
    if (timers.isEmpty()) {
      failWithMessage(
          "Expected a timer named <%s>%s but the matching meters are not timers: %s", name, withTags(tags),
          ids(found));
    }
    long total = 0;
    List<String> each = new ArrayList<>();
    for (Meter m : timers) {
      long c = m instanceof Timer t ? t.count() : (long) ((FunctionTimer) m).count();
      total += c;
      each.add(Texts.meter(m.getId()) + " count=" + c);
    }
    if (total != count) {
      failWithMessage(
          "Expected timers named <%s>%s to have count %d but the count was %d.\nMatching timers: %s", name,
          withTags(tags), count, total, each);
    }
    return this;
  }

  /**
   * Checks the value of the counters of this name and tags, summed over every matching counter.
   *
   * <pre>{@code
   * assertThat(registry).hasCounterWithValue("model.predictions", 2, "output", "approve");   // passes
   * assertThat(registry).hasCounterWithValue("model.predictions", 7, "output", "approve");
   * // fails: "Expected counters named <model.predictions> with tags [output=approve] to have value 7.0 but the
   * //   value was 2.0. Matching counters: [model.predictions{model=credit,model.version=2.4.0,output=approve}=2.0]"
   * }</pre>
   *
   * @param name the counter name, must not be {@code null}
   * @param value the expected value (compared within 1e-9)
   * @param tagKeyValues tag keys and values, alternating; an even number, none {@code null}
   * @return this assertion
   * @throws IllegalArgumentException if the tags are not key/value pairs
   */
  public MeterRegistryAssert hasCounterWithValue(String name, double value, String... tagKeyValues) {
    return sumOf(name, value, tagKeyValues, "counter", m -> m instanceof Counter c ? c.count()
        : m instanceof FunctionCounter f ? f.count() : Double.NaN);
  }

  /**
   * Checks the value of the gauge of this name and tags (summed when several match).
   *
   * <pre>{@code
   * assertThat(registry).hasGaugeWithValue("model.drift.threshold", 0.1, "feature", "income", "method", "psi");
   * assertThat(registry).hasGaugeWithValue("model.drift.threshold", 0.2, "feature", "income", "method", "psi");
   * // fails: "Expected gauges named <model.drift.threshold> with tags [feature=income, method=psi] to have value 0.2
   * //   but the value was 0.1. Matching gauges: [model.drift.threshold{...}=0.1]"
   * }</pre>
   *
   * @param name the gauge name, must not be {@code null}
   * @param value the expected value (compared within 1e-9)
   * @param tagKeyValues tag keys and values, alternating; an even number, none {@code null}
   * @return this assertion
   * @throws IllegalArgumentException if the tags are not key/value pairs
   */
  public MeterRegistryAssert hasGaugeWithValue(String name, double value, String... tagKeyValues) {
    return sumOf(name, value, tagKeyValues, "gauge", m -> m instanceof Gauge g ? g.value() : Double.NaN);
  }

  private MeterRegistryAssert sumOf(
      String name, double value, String[] tagKeyValues, String kind, ToDoubleFunction<Meter> read) {
    Tags tags = tags(tagKeyValues);
    Collection<Meter> found = find(name, tagKeyValues);
    List<Meter> matching = found.stream().filter(m -> isKind(m, kind)).collect(Collectors.toList());
    if (matching.isEmpty()) {
      failWithMessage(
          "Expected a %s named <%s>%s but the matching meters are not %ss: %s", kind, name, withTags(tags), kind,
          ids(found));
    }
    double total = 0;
    List<String> each = new ArrayList<>();
    for (Meter m : matching) {
      double v = read.applyAsDouble(m);
      total += v;
      each.add(Texts.meter(m.getId()) + "=" + v);
    }
    if (!(Math.abs(total - value) <= 1e-9)) {
      failWithMessage(
          "Expected %ss named <%s>%s to have value %s but the value was %s.\nMatching %ss: %s", kind, name,
          withTags(tags), value, total, kind, each);
    }
    return this;
  }

  private static boolean isKind(Meter m, String kind) {
    return kind.equals("gauge") ? m instanceof Gauge : m instanceof Counter || m instanceof FunctionCounter;
  }

  private Collection<Meter> find(String name, String... tagKeyValues) {
    Objects.requireNonNull(name, "name must not be null");
    Tags tags = tags(tagKeyValues);
    isNotNull();
    Collection<Meter> found = actual.find(name).tags(tags).meters();
    if (found.isEmpty()) {
      Collection<Meter> sameName = actual.find(name).meters();
      failWithMessage(
          "Expected a meter named <%s>%s but found none.\nFound: %s", name, withTags(tags),
          ids(sameName.isEmpty() ? actual.getMeters() : sameName));
    }
    return found;
  }

  private static Tags tags(String... tagKeyValues) {
    Objects.requireNonNull(tagKeyValues, "tagKeyValues must not be null");
    if (tagKeyValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "tagKeyValues must be key/value pairs, but " + tagKeyValues.length + " strings were given");
    }
    for (int i = 0; i < tagKeyValues.length; i++) {
      if (tagKeyValues[i] == null) {
        throw new IllegalArgumentException("tagKeyValues[" + i + "] must not be null");
      }
    }
    return Tags.of(tagKeyValues);
  }

  private static String withTags(Tags tags) {
    List<String> pairs = new ArrayList<>();
    for (Tag t : tags) {
      pairs.add(t.getKey() + "=" + t.getValue());
    }
    return pairs.isEmpty() ? "" : " with tags " + pairs;
  }

  private static List<String> ids(Collection<Meter> meters) {
    return meters.stream().map(m -> Texts.meter(m.getId())).sorted().collect(Collectors.toList());
  }
}
