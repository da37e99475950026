package dev.modelgov.k8s.vap.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import dev.cel.parser.CelStandardMacro;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;

/**
 * The free identifiers of a CEL expression, found on its parsed AST (macros expanded, comprehension variables bound),
 * plus the {@code variables.<name>} and {@code <root>.<field>} selections it makes. For internal use only; may change
 * without notice.
 *
 * @param roots the free identifiers, for example {@code object} or {@code manifest}
 * @param variables the names selected from {@code variables}
 * @param rootFields {@code root.field} pairs selected directly on a free identifier, for example {@code
 *     context.provenance}
 */
public record CelReferences(Set<String> roots, Set<String> variables, Set<String> rootFields) {

  private static final CelParser PARSER =
      CelParserFactory.standardCelParserBuilder()
          .setOptions(CelOptions.current().enableOptionalSyntax(true).build())
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(CelOptionalLibrary.INSTANCE)
          .build();

  /** A copy of the sets. */
  public CelReferences {
    roots = Set.copyOf(roots);
    variables = Set.copyOf(variables);
    rootFields = Set.copyOf(rootFields);
  }

  /**
   * Parses an expression and collects its references.
   *
   * @param expression the CEL source
   * @return the references
   * @throws IllegalArgumentException when the expression does not parse (the message is the parser's)
   */
  public static CelReferences of(String expression) {
    CelAbstractSyntaxTree ast;
    try {
      ast = PARSER.parse(expression).getAst();
    } catch (CelValidationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Set<String> roots = new TreeSet<>();
    Set<String> variables = new TreeSet<>();
    Set<String> fields = new TreeSet<>();
    walk(ast.getExpr(), new ArrayDeque<>(), roots, variables, fields);
    return new CelReferences(roots, variables, fields);
  }

  private static void walk(
      CelExpr e, Deque<String> bound, Set<String> roots, Set<String> variables, Set<String> fields) {
    switch (e.getKind()) {
      case IDENT -> {
        String name = e.ident().name();
        if (!bound.contains(name)) {
          roots.add(name);
        }
      }
      case SELECT -> {
        CelExpr operand = e.select().operand();
        if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT && !bound.contains(operand.ident().name())) {
          String root = operand.ident().name();
          fields.add(root + "." + e.select().field());
          if (root.equals("variables")) {
            variables.add(e.select().field());
          }
        }
        walk(operand, bound, roots, variables, fields);
      }
      case CALL -> {
        e.call().target().ifPresent(t -> walk(t, bound, roots, variables, fields));
        for (CelExpr arg : e.call().args()) {
          walk(arg, bound, roots, variables, fields);
        }
        // variables[?'x'] / variables['x'] name a variable too
        if ((e.call().function().equals("_[_]") || e.call().function().equals("_[?_]"))
            && e.call().args().size() == 2
            && e.call().args().get(0).getKind() == CelExpr.ExprKind.Kind.IDENT
            && e.call().args().get(0).ident().name().equals("variables")
            && !bound.contains("variables")
            && e.call().args().get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
          variables.add(e.call().args().get(1).constant().stringValue());
        }
      }
      case LIST -> {
        for (CelExpr el : e.list().elements()) {
          walk(el, bound, roots, variables, fields);
        }
      }
      case MAP -> {
        for (CelExpr.CelMap.Entry entry : e.map().entries()) {
          walk(entry.key(), bound, roots, variables, fields);
          walk(entry.value(), bound, roots, variables, fields);
        }
      }
      case STRUCT -> {
        for (CelExpr.CelStruct.Entry entry : e.struct().entries()) {
          walk(entry.value(), bound, roots, variables, fields);
        }
      }
      case COMPREHENSION -> {
        CelExpr.CelComprehension c = e.comprehension();
        walk(c.iterRange(), bound, roots, variables, fields);
        walk(c.accuInit(), bound, roots, variables, fields);
        int pushed = 0;
        for (String v : new String[] {c.accuVar(), c.iterVar(), c.iterVar2()}) {
          if (v != null && !v.isEmpty()) {
            bound.push(v);
            pushed++;
          }
        }
        walk(c.loopCondition(), bound, roots, variables, fields);
        walk(c.loopStep(), bound, roots, variables, fields);
        walk(c.result(), bound, roots, variables, fields);
        for (int i = 0; i < pushed; i++) {
          bound.pop();
        }
      }
      default -> {
        // constants and unset nodes reference nothing
      }
    }
  }
}
