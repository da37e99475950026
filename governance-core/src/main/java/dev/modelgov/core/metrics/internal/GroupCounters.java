package dev.modelgov.core.metrics.internal;

import dev.modelgov.core.metrics.GroupRates;
import java.util.concurrent.atomic.LongAdder;

/** Striped counters of one (attribute, group). For internal use only. */
public final class GroupCounters {

  private final String attribute;
  private final String group;
  private final LongAdder predictions = new LongAdder();
  private final LongAdder selected = new LongAdder();
  private final LongAdder tp = new LongAdder();
  private final LongAdder fp = new LongAdder();
  private final LongAdder tn = new LongAdder();
  private final LongAdder fn = new LongAdder();

  /**
   * @param attribute the attribute
   * @param group the group value
   */
  public GroupCounters(String attribute, String group) {
    this.attribute = attribute;
    this.group = group;
  }

  /** @return the attribute */
  public String attribute() {
    return attribute;
  }

  /** @return the group value */
  public String group() {
    return group;
  }

  /**
   * Counts a prediction.
   *
   * @param predicted ŷ
   */
  public void prediction(boolean predicted) {
    predictions.increment();
    if (predicted) {
      selected.increment();
    }
  }

  /**
   * Counts a labelled prediction in the confusion matrix.
   *
   * @param predicted ŷ
   * @param actual y
   */
  public void outcome(boolean predicted, boolean actual) {
    if (predicted) {
      (actual ? tp : fp).increment();
    } else {
      (actual ? fn : tn).increment();
    }
  }

  /**
   * Reads the counters (not an atomic snapshot across counters).
   *
   * @return the rates
   */
  public GroupRates rates() {
    return new GroupRates(attribute, group, predictions.sum(), selected.sum(), tp.sum(), fp.sum(), tn.sum(),
        fn.sum());
  }

  /** Sets every counter to zero. */
  public void reset() {
    predictions.reset();
    selected.reset();
    tp.reset();
    fp.reset();
    tn.reset();
    fn.reset();
  }
}
