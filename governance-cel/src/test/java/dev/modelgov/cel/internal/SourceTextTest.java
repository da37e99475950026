package dev.modelgov.cel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Source text of sub-expressions, recovered from cel-java's per-node offsets. */
class SourceTextTest {

  private static final CelEnvironment ENV = new CelEnvironment(1000);

  private static CelAbstractSyntaxTree compile(String expression) throws Exception {
    return ENV.compiler().compile(expression).getAst();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "has(manifest.owner.contact) && manifest.lifecycle.approvals.size() >= 2",
      "size(manifest.tags) > 0",
      "manifest.datasets.all(d, d.digest.startsWith('sha256:'))",
      "(manifest.a == 'x)' || manifest.b == \"(\") && manifest.c == 1",
      "!has(manifest.owner)",
      "manifest.x > -1.5e3 ? manifest.tags[0] == 'a' : manifest.m['k'] != null",
      "manifest.?owner.?contact.orValue('') != ''",
      "[1, 2, 3].exists(i, i == manifest.n) || {'a': 1}.size() == 1",
      "timestamp(manifest.lifecycle.createdAt) < now - duration('24h')",
      "'''multi (line\n' text''' != r'raw\\(' && true",
      "manifest.id.matches('^[a-z]+/[a-z-]+$')"
  })
  void the_root_text_is_the_whole_expression(String expression) throws Exception {
    // GIVEN a compiled expression WHEN the root's text is recovered THEN it is the source
    CelAbstractSyntaxTree ast = compile(expression);
    SourceText text = new SourceText(expression, ast.getSource().getPositionsMap());
    assertThat(text.of(ast.getExpr())).isEqualTo(expression);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "(manifest.a == 'x)' || manifest.b == \"(\") && manifest.c == 1",
      "size(manifest.tags) > 0 && has(manifest.owner) && manifest.datasets.all(d, d.v > 1)"
  })
  void every_sub_expression_text_is_balanced_and_inside_the_source(String expression) throws Exception {
    // GIVEN every node of the AST
    CelAbstractSyntaxTree ast = compile(expression);
    SourceText text = new SourceText(expression, ast.getSource().getPositionsMap());
    List<CelExpr> nodes = new ArrayList<>();
    List<CelExpr> todo = new ArrayList<>(List.of(ast.getExpr()));
    while (!todo.isEmpty()) {
      CelExpr e = todo.remove(todo.size() - 1);
      nodes.add(e);
      Children.forEach(e, todo::add);
    }
    // WHEN / THEN each text is a substring of the source with balanced parentheses
    for (CelExpr e : nodes) {
      String t = text.of(e);
      assertThat(expression).contains(t);
      String unquoted = t.replaceAll("'[^']*'|\"[^\"]*\"", "");
      assertThat(unquoted.chars().filter(c -> c == '(').count())
          .as(t).isEqualTo(unquoted.chars().filter(c -> c == ')').count());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "x"})
  void line_and_column_are_one_based(String source) {
    SourceText text = new SourceText(source, java.util.Map.of());
    assertThat(text.lineColumn(0)).containsExactly(1, 1);
    assertThat(text.lineColumn(source.length() - 1)).containsExactly(source.contains("\n") ? 2 : 1, 1);
  }
}
