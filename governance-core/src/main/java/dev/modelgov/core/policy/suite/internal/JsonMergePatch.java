package dev.modelgov.core.policy.suite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 7386 JSON merge patch on Jackson trees: objects merge member by member, a {@code null} member removes the
 * target's member, and everything else (arrays, scalars, an object over a non-object) replaces. For internal use only;
 * may change without notice.
 */
public final class JsonMergePatch {

  private JsonMergePatch() {}

  /**
   * Applies a merge patch. Neither argument is changed.
   *
   * @param target the document, must not be {@code null}
   * @param patch the patch, must not be {@code null}
   * @return a new tree: the patched document
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(patch, "patch must not be null");
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        JsonNode current = result.get(member.getKey());
        result.set(member.getKey(), apply(current == null ? result.nullNode() : current, member.getValue()));
      }
    }
    return result;
  }
}
