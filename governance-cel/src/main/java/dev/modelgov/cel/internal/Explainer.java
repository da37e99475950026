package dev.modelgov.cel.internal;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.modelgov.api.policy.Explanation;
import dev.modelgov.api.policy.ObservedValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the trace of a failed evaluation into an {@link Explanation}. From the root, it follows the path that decided
 * the {@code false}: into the first false conjunct of {@code a && b}, the branch a conditional took, and the first
 * element whose predicate was false in an {@code all()}; it stops at any other node ({@code ||}, {@code !},
 * comparisons, {@code exists()}...). The values are those of the sub-expressions under that node in the same
 * evaluation (the same loop iteration), outermost first, without literals and the activation roots. For internal use
 * only; may change without notice.
 */
final class Explainer {

  /** Activation roots whose whole value is noise in an explanation ({@code now} is kept). */
  private static final Set<String> MAP_ROOTS =
      Set.of(CelEnvironment.MANIFEST, CelEnvironment.CONTEXT, CelEnvironment.PARAMS, CelEnvironment.VARIABLES,
          CelEnvironment.OBJECT, CelEnvironment.OLD_OBJECT, CelEnvironment.REQUEST, CelEnvironment.NAMESPACE_OBJECT);

  /** Most observed values in one explanation. */
  static final int MAX_VALUES = 10;

  private Explainer() {}

  static Optional<Explanation> explain(CelExpr root, SourceText text, TraceRecorder trace) {
    if (trace.overflowed()) {
      return Optional.empty();
    }
    int k = trace.lastIn(root.id(), -1, trace.size());
    if (k < 0 || !Boolean.FALSE.equals(trace.value(k))) {
      return Optional.empty();
    }
    CelExpr node = root;
    int from = trace.lastIn(node.id(), -1, k);
    while (true) {
      CelExpr next = null;
      int at = -1;
      if (node.getKind() == CelExpr.ExprKind.Kind.CALL) {
        CelExpr.CelCall call = node.call();
        if (call.function().equals("_&&_")) {
          for (CelExpr arg : call.args()) {
            int i = trace.lastIn(arg.id(), from, k);
            if (i >= 0 && Boolean.FALSE.equals(trace.value(i))) {
              next = arg;
              at = i;
              break;
            }
          }
        } else if (call.function().equals("_?_:_") && call.args().size() == 3) {
          int c = trace.lastIn(call.args().get(0).id(), from, k);
          if (c >= 0 && trace.value(c) instanceof Boolean taken) {
            CelExpr branch = call.args().get(taken ? 1 : 2);
            int i = trace.lastIn(branch.id(), from, k);
            if (i >= 0 && Boolean.FALSE.equals(trace.value(i))) {
              next = branch;
              at = i;
            }
          }
        }
      } else if (node.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
        CelExpr predicate = allPredicate(node.comprehension());
        if (predicate != null) {
          int i = trace.firstFalseIn(predicate.id(), from, k);
          if (i >= 0) {
            next = predicate;
            at = i;
          }
        }
      }
      if (next == null) {
        break;
      }
      node = next;
      k = at;
      from = trace.lastIn(node.id(), -1, k);
    }
    String failed = text.of(node);
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Explanation(failed, observed(node, text, trace, from, k)));
  }

  /** The predicate of an {@code all()} macro expansion, or {@code null} for any other comprehension. */
  private static CelExpr allPredicate(CelExpr.CelComprehension c) {
    CelExpr init = c.accuInit();
    CelExpr step = c.loopStep();
    boolean startsTrue =
        init.getKind() == CelExpr.ExprKind.Kind.CONSTANT
            && init.constant().getKind() == CelConstant.Kind.BOOLEAN_VALUE
            && init.constant().booleanValue();
    if (!startsTrue || step.getKind() != CelExpr.ExprKind.Kind.CALL) {
      return null;
    }
    CelExpr.CelCall call = step.call();
    if (!call.function().equals("_&&_") || call.args().size() != 2) {
      return null;
    }
    CelExpr first = call.args().get(0);
    if (first.getKind() != CelExpr.ExprKind.Kind.IDENT || !first.ident().name().equals(c.accuVar())) {
      return null;
    }
    return call.args().get(1);
  }

  private static List<ObservedValue> observed(CelExpr node, SourceText text, TraceRecorder trace, int from, int to) {
    List<ObservedValue> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(text.of(node));
    Deque<CelExpr> todo = new ArrayDeque<>();
    pushChildren(node, todo);
    while (!todo.isEmpty() && out.size() < MAX_VALUES) {
      CelExpr e = todo.pop();
      pushChildren(e, todo);
      if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT || isRootOrAccumulator(e)) {
        continue;
      }
      int i = trace.lastIn(e.id(), from, to);
      if (i < 0) {
        continue;
      }
      String source = text.of(e);
      if (source.isEmpty() || !seen.add(source)) {
        continue;
      }
      out.add(new ObservedValue(source, Values.render(trace.value(i))));
    }
    return out;
  }

  /** Children in source order onto the stack; of a comprehension only its range (its loop internals are noise). */
  private static void pushChildren(CelExpr e, Deque<CelExpr> todo) {
    if (e.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
      todo.push(e.comprehension().iterRange());
      return;
    }
    List<CelExpr> children = new ArrayList<>();
    Children.forEach(e, children::add);
    for (int i = children.size() - 1; i >= 0; i--) {
      todo.push(children.get(i));
    }
  }

  private static boolean isRootOrAccumulator(CelExpr e) {
    if (e.getKind() != CelExpr.ExprKind.Kind.IDENT) {
      return false;
    }
    String name = e.ident().name();
    return MAP_ROOTS.contains(name) || name.startsWith("@") || name.startsWith("__");
  }
}
