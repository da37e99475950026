package dev.modelgov.core.manifest.export.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.core.manifest.export.LostField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tracks which fields of a manifest's wire tree an export has written, so that nothing is dropped silently: every
 * leaf is either {@linkplain #cover(String) covered} by a native slot, {@linkplain #lose(String, String) lost} with a
 * reason, or left over for the exporter to carry another way or to report. For internal use only; may change without
 * notice.
 */
public final class Residual {

  /**
   * A scalar field of the wire tree.
   *
   * @param path its path
   * @param value its value: text, number or boolean
   */
  public record Leaf(String path, JsonNode value) {}

  private final JsonNode tree;
  private final Map<String, JsonNode> leaves = new LinkedHashMap<>();
  private final NavigableMap<String, Boolean> sorted = new TreeMap<>();
  private final Map<String, Integer> order = new HashMap<>();
  private final Set<String> covered = new HashSet<>();
  private final List<LostField> lost = new ArrayList<>();

  /**
   * @param tree the manifest's wire tree
   */
  public Residual(JsonNode tree) {
    this.tree = tree;
    flatten(tree, "");
  }

  private void flatten(JsonNode node, String path) {
    order.put(path, order.size());
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        flatten(e.getValue(), WirePath.key(path, e.getKey()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(node.get(i), WirePath.index(path, i));
      }
    } else {
      leaves.put(path, node);
      sorted.put(path, Boolean.TRUE);
    }
  }

  /**
   * Marks a field and everything below it as written. Absent paths are ignored.
   *
   * @param path the field's path
   */
  public void cover(String path) {
    if (path.isEmpty()) {
      covered.addAll(leaves.keySet());
      return;
    }
    if (leaves.containsKey(path)) {
      covered.add(path);
    }
    // Leaves below `path` start with `path.` or `path[`; each group is one contiguous range of the sorted keys.
    covered.addAll(sorted.subMap(path + ".", true, path + ".\uffff", true).keySet());
    covered.addAll(sorted.subMap(path + "[", true, path + "[\uffff", true).keySet());
  }

  /**
   * Records a field as not (fully) representable, and covers it. Absent paths are ignored.
   *
   * @param path the field's path
   * @param reason why the format cannot hold it
   */
  public void lose(String path, String reason) {
    if (!order.containsKey(path)) {
      return;
    }
    cover(path);
    lost.add(new LostField(path, reason));
  }

  private boolean hasLeafBelow(String path) {
    return !sorted.subMap(path + ".", true, path + ".\uffff", true).isEmpty()
        || !sorted.subMap(path + "[", true, path + "[\uffff", true).isEmpty();
  }

  /** @return the scalar fields nobody covered, in document order */
  public List<Leaf> leftovers() {
    List<Leaf> out = new ArrayList<>();
    leaves.forEach(
        (p, v) -> {
          if (!covered.contains(p)) {
            out.add(new Leaf(p, v));
          }
        });
    return out;
  }

  /**
   * The explicitly lost fields plus every left-over field, each reported at the highest path whose fields are all
   * left over, in document order.
   *
   * @param reason the reason given for left-over fields
   * @return the lost fields
   */
  public List<LostField> lostFields(String reason) {
    List<LostField> out = new ArrayList<>(lost);
    collect(tree, "", reason, out);
    // An empty container has no leaves to cover; it carries no value either.
    out.removeIf(f -> !leaves.containsKey(f.path()) && !hasLeafBelow(f.path()));
    out.sort(Comparator.comparingInt((LostField f) -> order.getOrDefault(f.path(), Integer.MAX_VALUE)));
    return out;
  }

  /**
   * Reports the left-over subtrees below a node.
   *
   * @return whether every leaf at or below the node is left over (and so reported by the caller, at a higher path)
   */
  private boolean collect(JsonNode node, String path, String reason, List<LostField> out) {
    if (!node.isContainerNode()) {
      return !covered.contains(path);
    }
    List<String> childPaths = new ArrayList<>();
    List<Boolean> childAll = new ArrayList<>();
    List<LostField> below = new ArrayList<>();
    boolean all = true;
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String p = WirePath.key(path, e.getKey());
        boolean a = collect(e.getValue(), p, reason, below);
        childPaths.add(p);
        childAll.add(a);
        all &= a;
      }
    } else {
      for (int i = 0; i < node.size(); i++) {
        String p = WirePath.index(path, i);
        boolean a = collect(node.get(i), p, reason, below);
        childPaths.add(p);
        childAll.add(a);
        all &= a;
      }
    }
    if (all && !path.isEmpty()) {
      return true;
    }
    for (int i = 0; i < childPaths.size(); i++) {
      if (childAll.get(i)) {
        out.add(new LostField(childPaths.get(i), reason));
      }
    }
    out.addAll(below);
    return false;
  }
}
