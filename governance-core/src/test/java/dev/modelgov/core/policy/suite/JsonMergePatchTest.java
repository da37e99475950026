package dev.modelgov.core.policy.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.policy.suite.internal.JsonMergePatch;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** RFC 7386 JSON merge patch: objects merge, null removes, arrays and scalars replace. */
class JsonMergePatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The examples of RFC 7386 Appendix A. */
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(delimiter = '|', value = {
    "{\"a\":\"b\"}                   | {\"a\":\"c\"}               | {\"a\":\"c\"}",
    "{\"a\":\"b\"}                   | {\"b\":\"c\"}               | {\"a\":\"b\",\"b\":\"c\"}",
    "{\"a\":\"b\"}                   | {\"a\":null}                | {}",
    "{\"a\":\"b\",\"b\":\"c\"}       | {\"a\":null}                | {\"b\":\"c\"}",
    "{\"a\":[\"b\"]}                 | {\"a\":\"c\"}               | {\"a\":\"c\"}",
    "{\"a\":\"c\"}                   | {\"a\":[\"b\"]}             | {\"a\":[\"b\"]}",
    "{\"a\":{\"b\":\"c\"}}           | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
    "{\"a\":[{\"b\":\"c\"}]}         | {\"a\":[1]}                 | {\"a\":[1]}",
    "[\"a\",\"b\"]                   | [\"c\",\"d\"]               | [\"c\",\"d\"]",
    "{\"a\":\"b\"}                   | [\"c\"]                     | [\"c\"]",
    "{\"a\":\"foo\"}                 | null                        | null",
    "{\"a\":\"foo\"}                 | \"bar\"                     | \"bar\"",
    "{\"e\":null}                    | {\"a\":1}                   | {\"e\":null,\"a\":1}",
    "[1,2]                           | {\"a\":\"b\",\"c\":null}    | {\"a\":\"b\"}",
    "{}                              | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}"
  })
  void applies_the_rfc_7386_examples(String target, String patch, String expected) throws Exception {
    // GIVEN a target and a patch
    JsonNode t = JSON.readTree(target);
    JsonNode p = JSON.readTree(patch);
    // WHEN the patch is applied
    JsonNode result = JsonMergePatch.apply(t, p);
    // THEN the result is the RFC's, and neither input changed
    assertThat(result).isEqualTo(JSON.readTree(expected));
    assertThat(t).isEqualTo(JSON.readTree(target));
    assertThat(p).isEqualTo(JSON.readTree(patch));
  }

  @Test
  void applying_a_patch_twice_changes_nothing_more() {
    // GIVEN random flat targets and patches over a few keys, with nulls, numbers and nested objects
    qt().forAll(objects(), objects()).checkAssert((target, patch) -> {
      // WHEN the patch is applied once and twice
      JsonNode once = JsonMergePatch.apply(target, patch);
      JsonNode twice = JsonMergePatch.apply(once, patch);
      // THEN merge patch is idempotent, and every non-null patch member is in the result
      assertThat(twice).isEqualTo(once);
      patch.properties().forEach(e -> {
        if (e.getValue().isNull()) {
          assertThat(once.has(e.getKey())).isFalse();
        } else if (!e.getValue().isObject()) {
          assertThat(once.get(e.getKey())).isEqualTo(e.getValue());
        }
      });
    });
  }

  /** Objects over the keys a..d whose values are null, a number, or an object {x: number|null}. */
  private static Gen<ObjectNode> objects() {
    return lists().of(integers().between(0, 15)).ofSizeBetween(0, 4).map(JsonMergePatchTest::object);
  }

  private static ObjectNode object(List<Integer> codes) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < codes.size(); i++) {
      String key = String.valueOf((char) ('a' + i));
      int code = codes.get(i);
      if (code < 3) {
        o.putNull(key);
      } else if (code < 10) {
        o.put(key, code);
      } else if (code < 13) {
        o.putObject(key).put("x", code);
      } else {
        o.putObject(key).putNull("x");
      }
    }
    return o;
  }
}
