package dev.modelgov.k8s.admission.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Computes the JSON Patch that adds labels to an object's metadata and pod templates, only where missing, never
 * overwriting. For internal use only; may change without notice.
 */
public final class LabelPatch {

  private LabelPatch() {}

  /**
   * The patch adding the labels.
   *
   * @param object the object as admitted
   * @param labelPaths JSON Pointers of the label maps to fill, for example {@code /metadata/labels}
   * @param labels the labels to add where missing
   * @return the RFC 6902 patch ({@code add} operations only), an empty array when nothing is missing
   */
  public static JsonNode diff(ObjectNode object, List<String> labelPaths, Map<String, String> labels) {
    ObjectNode target = object.deepCopy();
    for (String path : labelPaths) {
      ObjectNode map = ensure(target, path);
      if (map == null) {
        continue;
      }
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (!map.has(e.getKey())) {
          map.put(e.getKey(), e.getValue());
        }
      }
    }
    return JsonDiff.asJson(object, target, EnumSet.of(DiffFlags.OMIT_COPY_OPERATION, DiffFlags.OMIT_MOVE_OPERATION));
  }

  /** Walks a pointer of plain segments, creating missing objects; {@code null} when a segment is not an object. */
  private static ObjectNode ensure(ObjectNode root, String pointer) {
    ObjectNode node = root;
    for (String raw : pointer.substring(1).split("/")) {
      String segment = raw.replace("~1", "/").replace("~0", "~");
      JsonNode child = node.get(segment);
      if (child == null || child.isNull()) {
        ObjectNode created = JsonNodeFactory.instance.objectNode();
        node.set(segment, created);
        node = created;
      } else if (child.isObject()) {
        node = (ObjectNode) child;
      } else {
        return null;
      }
    }
    return node;
  }
}
