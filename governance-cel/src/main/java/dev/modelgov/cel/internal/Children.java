package dev.modelgov.cel.internal;

import dev.cel.common.ast.CelExpr;
import java.util.function.Consumer;

/** The direct children of a CEL AST node, in source order. For internal use only; may change without notice. */
final class Children {

  private Children() {}

  static void forEach(CelExpr e, Consumer<CelExpr> action) {
    switch (e.getKind()) {
      case SELECT:
        action.accept(e.select().operand());
        break;
      case CALL:
        e.call().target().ifPresent(action);
        e.call().args().forEach(action);
        break;
      case LIST:
        e.list().elements().forEach(action);
        break;
      case MAP:
        e.map().entries().forEach(en -> {
          action.accept(en.key());
          action.accept(en.value());
        });
        break;
      case STRUCT:
        e.struct().entries().forEach(en -> action.accept(en.value()));
        break;
      case COMPREHENSION:
        CelExpr.CelComprehension c = e.comprehension();
        action.accept(c.iterRange());
        action.accept(c.accuInit());
        action.accept(c.loopCondition());
        action.accept(c.loopStep());
        action.accept(c.result());
        break;
      default:
        break;
    }
  }
}
