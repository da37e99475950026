package dev.modelgov.cel.internal;

import dev.cel.common.ast.CelExpr;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The source of one CEL expression, for locating errors and quoting sub-expressions. cel-java records one code-point
 * offset per node (an identifier's start, a select's dot, a call's operator or opening parenthesis); the text of a
 * sub-expression runs from the smallest offset in its subtree to the end of the last token, widened until its brackets
 * balance. Immutable. For internal use only; may change without notice.
 */
final class SourceText {

  private final int[] cps;
  private final Map<Long, Integer> positions;

  SourceText(String source, Map<Long, Integer> positions) {
    this.cps = source.codePoints().toArray();
    this.positions = positions;
  }

  /**
   * The 1-based line and column of a code-point offset.
   *
   * @param offset the offset, clamped into the source
   * @return {@code {line, column}}
   */
  int[] lineColumn(int offset) {
    int end = Math.max(0, Math.min(offset, cps.length));
    int line = 1;
    int column = 1;
    for (int i = 0; i < end; i++) {
      if (cps[i] == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }

  /**
   * The 1-based line and column where a node starts.
   *
   * @param expr the node
   * @return {@code {line, column}}, {@code {1, 1}} when the node has no recorded position
   */
  int[] lineColumn(CelExpr expr) {
    int start = start(expr);
    return start < 0 ? new int[] {1, 1} : lineColumn(start);
  }

  /**
   * The source text of a sub-expression.
   *
   * @param expr a node of this source's AST
   * @return its text, trimmed; empty when it has no recorded position
   */
  String of(CelExpr expr) {
    int start = Integer.MAX_VALUE;
    int end = -1;
    Deque<CelExpr> todo = new ArrayDeque<>();
    todo.push(expr);
    while (!todo.isEmpty()) {
      CelExpr e = todo.pop();
      Integer p = positions.get(e.id());
      if (p != null && p >= 0 && p < cps.length) {
        if (p < start) {
          start = p;
        }
        end = Math.max(end, tokenEnd(e, p));
      }
      Children.forEach(e, todo::push);
    }
    if (end < 0) {
      return "";
    }
    boolean startsAtParen = cps[start] == '(';
    // Widen to the left over openers the text closes (a parenthesised operand: "(a || b) && c").
    int need = -minimumDepth(start, end);
    int j = start - 1;
    while (need > 0 && j >= 0) {
      int c = cps[j];
      if (Character.isWhitespace(c)) {
        j--;
      } else if (c == '(' || c == '[' || c == '{') {
        need--;
        start = j;
        j--;
      } else {
        break;
      }
    }
    // A call or macro is positioned at its parenthesis: take the function name before it ("size(x)", "has(x.y)").
    if (startsAtParen) {
      int k = start - 1;
      while (k >= 0 && (isIdentPart(cps[k]) || cps[k] == '.')) {
        k--;
      }
      start = k + 1;
    }
    // Widen to the right until every opener is closed.
    int depth = depthAt(start, end);
    int i = end;
    while (depth > 0 && i < cps.length) {
      int c = cps[i];
      if (c == '"' || c == '\'') {
        i = skipString(i);
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
      i++;
    }
    end = Math.max(end, i);
    return new String(cps, start, end - start).strip();
  }

  private int start(CelExpr expr) {
    int start = Integer.MAX_VALUE;
    Deque<CelExpr> todo = new ArrayDeque<>();
    todo.push(expr);
    while (!todo.isEmpty()) {
      CelExpr e = todo.pop();
      Integer p = positions.get(e.id());
      if (p != null && p >= 0 && p < start) {
        start = p;
      }
      Children.forEach(e, todo::push);
    }
    return start == Integer.MAX_VALUE ? -1 : start;
  }

  private int minimumDepth(int start, int end) {
    int depth = 0;
    int min = 0;
    for (int i = start; i < end; i++) {
      int c = cps[i];
      if (c == '"' || c == '\'') {
        i = skipString(i) - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        min = Math.min(min, depth);
      }
    }
    return min;
  }

  private int depthAt(int start, int end) {
    int depth = 0;
    for (int i = start; i < end; i++) {
      int c = cps[i];
      if (c == '"' || c == '\'') {
        i = skipString(i) - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
    }
    return depth;
  }

  private int tokenEnd(CelExpr e, int p) {
    int c = cps[p];
    switch (e.getKind()) {
      case SELECT:
        if (c == '.') {
          int q = p + 1;
          if (q < cps.length && cps[q] == '?') {
            q++;
          }
          while (q < cps.length && Character.isWhitespace(cps[q])) {
            q++;
          }
          return scanIdent(q);
        }
        return p + 1;
      case CONSTANT:
        return scanLiteral(p);
      default:
        if (isIdentStart(c)) {
          return scanIdent(p);
        }
        if (p + 1 < cps.length && isTwoCharOperator(c, cps[p + 1])) {
          return p + 2;
        }
        return p + 1;
    }
  }

  private static boolean isTwoCharOperator(int a, int b) {
    return (b == '=' && (a == '=' || a == '!' || a == '<' || a == '>'))
        || (a == '&' && b == '&')
        || (a == '|' && b == '|');
  }

  private int scanLiteral(int p) {
    int q = p;
    if (cps[q] == '-') {
      q++;
    }
    // String and bytes literals, with r/b prefixes.
    int r = q;
    while (r < cps.length && r - q < 2 && "rRbB".indexOf(cps[r]) >= 0) {
      r++;
    }
    if (r < cps.length && (cps[r] == '"' || cps[r] == '\'')) {
      return skipString(r);
    }
    if (q < cps.length && Character.isDigit(cps[q])) {
      int i = q;
      boolean hex = i + 1 < cps.length && cps[i] == '0' && (cps[i + 1] == 'x' || cps[i + 1] == 'X');
      if (hex) {
        i += 2;
        while (i < cps.length && Character.digit(cps[i], 16) >= 0) {
          i++;
        }
      } else {
        while (i < cps.length && (Character.isDigit(cps[i]) || cps[i] == '.')) {
          i++;
        }
        if (i < cps.length && (cps[i] == 'e' || cps[i] == 'E')) {
          i++;
          if (i < cps.length && (cps[i] == '+' || cps[i] == '-')) {
            i++;
          }
          while (i < cps.length && Character.isDigit(cps[i])) {
            i++;
          }
        }
      }
      if (i < cps.length && (cps[i] == 'u' || cps[i] == 'U')) {
        i++;
      }
      return i;
    }
    return isIdentStart(cps[q]) ? scanIdent(q) : q + 1;
  }

  /** The index just after the string literal whose opening quote is at {@code p}. */
  private int skipString(int p) {
    int quote = cps[p];
    boolean raw = p > 0 && (cps[p - 1] == 'r' || cps[p - 1] == 'R');
    boolean triple = p + 2 < cps.length && cps[p + 1] == quote && cps[p + 2] == quote;
    int i = p + (triple ? 3 : 1);
    while (i < cps.length) {
      int c = cps[i];
      if (c == '\\' && !raw) {
        i += 2;
        continue;
      }
      if (c == quote) {
        if (!triple) {
          return i + 1;
        }
        if (i + 2 < cps.length && cps[i + 1] == quote && cps[i + 2] == quote) {
          return i + 3;
        }
      }
      i++;
    }
    return cps.length;
  }

  private int scanIdent(int p) {
    int i = p;
    while (i < cps.length && isIdentPart(cps[i])) {
      i++;
    }
    return Math.max(i, Math.min(p + 1, cps.length));
  }

  private static boolean isIdentStart(int c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isIdentPart(int c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }
}
