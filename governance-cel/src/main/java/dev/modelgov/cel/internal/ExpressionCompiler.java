package dev.modelgov.cel.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.modelgov.core.policy.PolicyCompileException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Parses, type-checks and plans one expression, turning every problem into a {@link PolicyCompileException} with the
 * line and column inside the expression. Also checks what cel-java cannot: {@code variables.x} must name a variable
 * declared before, and match and waiver conditions must not use {@code variables} (as in ValidatingAdmissionPolicy).
 * For internal use only; may change without notice.
 */
final class ExpressionCompiler {

  /** What an expression must yield. */
  enum Expect {
    /** A rule, match condition or waiver condition: {@code bool} (or {@code dyn}, checked when it runs). */
    BOOL,
    /** A message expression: {@code string} (or {@code dyn}). */
    STRING,
    /** A variable: anything. */
    ANY
  }

  private ExpressionCompiler() {}

  /**
   * Compiles one expression.
   *
   * @param env the environment
   * @param source the policy file or id, for errors
   * @param owner the rule id, {@code matchConditions[name]} or {@code variables[name]}, for errors
   * @param part prefix of the error detail ({@code messageExpression: }) or empty
   * @param label what the expression is, for run-time errors
   * @param expression the CEL source
   * @param expect what it must yield
   * @param visibleVariables the variables it may use, or {@code null} when it may not use {@code variables} at all
   * @param maxLength the most characters allowed
   * @return the compiled expression
   * @throws PolicyCompileException naming the owner, line and column
   */
  static CompiledExpression compile(
      CelEnvironment env,
      String source,
      String owner,
      String part,
      String label,
      String expression,
      Expect expect,
      Set<String> visibleVariables,
      int maxLength)
      throws PolicyCompileException {
    if (expression.length() > maxLength) {
      throw new PolicyCompileException(source, owner, 0, 0,
          part + "expression is " + expression.length() + " characters, longer than the limit of " + maxLength);
    }
    CelValidationResult result;
    try {
      result = env.compiler().compile(expression);
    } catch (RuntimeException | StackOverflowError e) {
      throw new PolicyCompileException(source, owner, 0, 0, part + "expression cannot be compiled ("
          + e.getClass().getSimpleName() + ")");
    }
    if (result.hasError()) {
      CelIssue issue = result.getErrors().get(0);
      int line = Math.max(issue.getSourceLocation().getLine(), 0);
      int column = line > 0 ? issue.getSourceLocation().getColumn() + 1 : 0;
      throw new PolicyCompileException(source, owner, line, column, part + CompiledExpression.oneLine(issue.getMessage()));
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = result.getAst();
    } catch (CelValidationException e) {
      throw new PolicyCompileException(source, owner, 0, 0, part + CompiledExpression.oneLine(e.getMessage()));
    }
    SourceText text = new SourceText(expression, ast.getSource().getPositionsMap());
    checkResultType(ast, expect, source, owner, part, text);
    checkVariables(ast.getExpr(), visibleVariables, source, owner, part, text);
    try {
      return new CompiledExpression(label, expression, ast, env.runtime().createProgram(ast));
    } catch (CelEvaluationException e) {
      throw new PolicyCompileException(source, owner, 0, 0, part + CompiledExpression.oneLine(e.getMessage()));
    }
  }

  private static void checkResultType(
      CelAbstractSyntaxTree ast, Expect expect, String source, String owner, String part, SourceText text)
      throws PolicyCompileException {
    if (expect == Expect.ANY) {
      return;
    }
    CelType type = ast.getResultType();
    CelKind kind = type.kind();
    CelKind wanted = expect == Expect.BOOL ? CelKind.BOOL : CelKind.STRING;
    if (kind == wanted || kind == CelKind.DYN) {
      return;
    }
    int[] lc = text.lineColumn(ast.getExpr());
    throw new PolicyCompileException(source, owner, lc[0], lc[1], part + "expression yields " + type.name()
        + ", expected " + (expect == Expect.BOOL ? "bool" : "string"));
  }

  private static void checkVariables(
      CelExpr root, Set<String> visible, String source, String owner, String part, SourceText text)
      throws PolicyCompileException {
    Deque<CelExpr> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      CelExpr e = todo.pop();
      Children.forEach(e, todo::push);
      if (visible == null) {
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT && e.ident().name().equals(CelEnvironment.VARIABLES)) {
          int[] lc = text.lineColumn(e);
          throw new PolicyCompileException(source, owner, lc[0], lc[1],
              part + "'variables' is not available here; only validations and message expressions may use them");
        }
        continue;
      }
      String name = referencedVariable(e);
      if (name != null && !visible.contains(name)) {
        int[] lc = text.lineColumn(e);
        throw new PolicyCompileException(source, owner, lc[0], lc[1], part + "undeclared variable '" + name
            + "': declare it under spec.variables (a variable may use only those declared before it)");
      }
    }
  }

  /** The name in {@code variables.x}, {@code has(variables.x)}, {@code variables['x']} or {@code variables.?x}. */
  private static String referencedVariable(CelExpr e) {
    if (e.getKind() == CelExpr.ExprKind.Kind.SELECT && isVariablesIdent(e.select().operand())) {
      return e.select().field();
    }
    if (e.getKind() == CelExpr.ExprKind.Kind.CALL) {
      CelExpr.CelCall call = e.call();
      String fn = call.function();
      if ((fn.equals("_[_]") || fn.equals("_[?_]") || fn.equals("_?._"))
          && call.args().size() == 2
          && isVariablesIdent(call.args().get(0))
          && call.args().get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT
          && call.args().get(1).constant().getKind() == CelConstant.Kind.STRING_VALUE) {
        return call.args().get(1).constant().stringValue();
      }
    }
    return null;
  }

  private static boolean isVariablesIdent(CelExpr e) {
    return e.getKind() == CelExpr.ExprKind.Kind.IDENT && e.ident().name().equals(CelEnvironment.VARIABLES);
  }
}
