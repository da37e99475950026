package dev.modelgov.cel.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One checked CEL expression and its program, with what is needed to run it under a deadline and to describe its
 * errors. Immutable and thread-safe. For internal use only; may change without notice.
 */
final class CompiledExpression {

  private static final Pattern EVAL_ERROR = Pattern.compile("evaluation error at [^:]*:(\\d+): (.*)", Pattern.DOTALL);
  private static final int MAX_ERROR = 300;

  private final String label;
  private final String source;
  private final CelAbstractSyntaxTree ast;
  private final CelRuntime.Program program;
  private final SourceText text;
  private final boolean loops;

  CompiledExpression(String label, String source, CelAbstractSyntaxTree ast, CelRuntime.Program program) {
    this.label = label;
    this.source = source;
    this.ast = ast;
    this.program = program;
    this.text = new SourceText(source, ast.getSource().getPositionsMap());
    this.loops = hasComprehension(ast.getExpr());
  }

  private static boolean hasComprehension(CelExpr root) {
    Deque<CelExpr> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      CelExpr e = todo.pop();
      if (e.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
        return true;
      }
      Children.forEach(e, todo::push);
    }
    return false;
  }

  /** @return what it is, for error messages: {@code matchConditions[governed]}, {@code variables[x]}... */
  String label() {
    return label;
  }

  String source() {
    return source;
  }

  CelAbstractSyntaxTree ast() {
    return ast;
  }

  SourceText text() {
    return text;
  }

  /**
   * Runs the program. An expression without comprehensions cannot loop, so it runs plainly after a clock check; one
   * with comprehensions runs in trace mode with the guard, which reads the clock every few dozen nodes. A {@link
   * TraceRecorder} always runs in trace mode.
   *
   * @param resolver the activation
   * @param guard the listener
   * @return the value, or the error text
   */
  Result run(CelVariableResolver resolver, DeadlineGuard guard) {
    if (guard.expired()) {
      return Result.error(DeadlineExceeded.INSTANCE.getMessage());
    }
    try {
      if (!loops && !(guard instanceof TraceRecorder)) {
        return Result.ok(program.eval(resolver));
      }
      return Result.ok(program.trace(resolver, guard));
    } catch (CelEvaluationException e) {
      return Result.error(describe(e));
    } catch (DeadlineExceeded e) {
      return Result.error(e.getMessage());
    } catch (VariableFailure e) {
      return Result.error(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // cel-java should wrap everything; never let a surprise escape to the engine, and never print a value.
      return Result.error("internal evaluation error (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The error text of a cel-java evaluation error: its position as line:column in this expression, and its message.
   *
   * @param e the error
   * @return for example {@code 1:9: key 'labels' is not present in map.}
   */
  String describe(CelEvaluationException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof DeadlineExceeded || t instanceof VariableFailure) {
        return t.getMessage();
      }
    }
    String message = e.getMessage() == null ? "evaluation failed" : e.getMessage();
    Matcher m = EVAL_ERROR.matcher(message);
    if (m.matches()) {
      int[] lc = text.lineColumn(Integer.parseInt(m.group(1)));
      message = lc[0] + ":" + lc[1] + ": " + m.group(2);
    }
    return oneLine(message);
  }

  static String oneLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > MAX_ERROR ? line.substring(0, MAX_ERROR) + "..." : line;
  }

  /** A value or an error text. */
  record Result(Object value, String error) {
    static Result ok(Object value) {
      return new Result(value, null);
    }

    static Result error(String error) {
      return new Result(null, error);
    }

    boolean failed() {
      return error != null;
    }
  }
}
