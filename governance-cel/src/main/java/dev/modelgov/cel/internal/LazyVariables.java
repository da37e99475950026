package dev.modelgov.cel.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The {@code variables} map of one evaluation, as in ValidatingAdmissionPolicy: a variable is evaluated the first
 * time an expression reads it, then memoised for the rest of the evaluation. A variable that fails makes every read of
 * it throw {@link VariableFailure}, so only the rules that use it fail. A view shows the variables declared before a
 * given index (what a variable's own expression may see). Used by one thread. For internal use only; may change
 * without notice.
 */
final class LazyVariables extends AbstractMap<String, Object> {

  private final PolicyEvaluation evaluation;
  private final int visible;

  LazyVariables(PolicyEvaluation evaluation, int visible) {
    this.evaluation = evaluation;
    this.visible = visible;
  }

  private int index(Object key) {
    if (!(key instanceof String name)) {
      return -1;
    }
    int i = evaluation.program().variableIndex(name);
    return i < visible ? i : -1;
  }

  @Override
  public boolean containsKey(Object key) {
    return index(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int i = index(key);
    return i < 0 ? null : evaluation.variable(i);
  }

  @Override
  public int size() {
    return visible;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < visible;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= visible) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(evaluation.program().variableName(i), evaluation.variable(i));
          }
        };
      }

      @Override
      public int size() {
        return visible;
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
