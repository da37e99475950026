package dev.modelgov.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.json.CanonicalJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the manifest's JSON, YAML and canonical forms, over generated manifests. */
class ManifestPropertiesTest {

  private static final ManifestCodec CODEC = ManifestCodec.defaults();

  @Test
  void json_round_trips_are_lossless() {
    qt().withExamples(200).forAll(ManifestGenerators.manifests()).checkAssert(m -> {
      assertThat(read(CODEC.writeJson(m), ManifestCodec.Format.JSON)).isEqualTo(m);
    });
  }

  @Test
  void yaml_round_trips_are_lossless() {
    qt().withExamples(200).forAll(ManifestGenerators.manifests()).checkAssert(m -> {
      assertThat(read(CODEC.write(m, ManifestCodec.Format.YAML), ManifestCodec.Format.YAML)).isEqualTo(m);
    });
  }

  @Test
  void canonicalization_is_idempotent() {
    qt().withExamples(200).forAll(ManifestGenerators.manifests()).checkAssert(m -> {
      byte[] once = CODEC.canonicalBytes(m);
      assertThat(canonicalize(once)).isEqualTo(once);
      assertThat(CODEC.canonicalBytes(read(once, ManifestCodec.Format.JSON))).isEqualTo(once);
    });
  }

  @Test
  void the_digest_is_invariant_under_key_order_whitespace_and_format() {
    qt().withExamples(200).forAll(ManifestGenerators.manifests()).checkAssert(m -> {
      Digest digest = CODEC.digest(m);
      Random random = new Random(digest.hashCode());
      // GIVEN the manifest's tree with keys shuffled at every level, written compact and indented
      JsonNode shuffled = shuffle(CODEC.toTree(m), random);
      byte[] compact = write(shuffled, false);
      byte[] indented = write(shuffled, true);
      // THEN every spelling, and YAML, has the same digest
      assertThat(CODEC.digest(read(compact, ManifestCodec.Format.JSON))).isEqualTo(digest);
      assertThat(CODEC.digest(read(indented, ManifestCodec.Format.JSON))).isEqualTo(digest);
      assertThat(CODEC.digest(read(CODEC.write(m, ManifestCodec.Format.YAML), ManifestCodec.Format.YAML))).isEqualTo(digest);
    });
  }

  @Test
  void every_single_field_change_changes_the_digest() {
    qt().withExamples(40).forAll(ManifestGenerators.manifests()).checkAssert(m -> {
      Digest digest = CODEC.digest(m);
      ObjectNode tree = CODEC.toTree(m);
      List<String> leaves = new ArrayList<>();
      collectLeaves(tree, "", leaves);
      int changed = 0;
      for (String leaf : leaves) {
        // GIVEN a copy of the tree with exactly one leaf changed to another valid value
        ObjectNode copy = tree.deepCopy();
        if (!mutate(copy, leaf)) {
          continue;
        }
        ModelManifest mutated;
        try {
          mutated = CODEC.fromTree(copy);
        } catch (ManifestFormatException e) {
          continue; // that change made the manifest invalid: not a manifest to digest
        }
        // THEN the digest differs
        assertThat(CODEC.digest(mutated)).as("change at %s", leaf).isNotEqualTo(digest);
        changed++;
      }
      assertThat(changed).isGreaterThan(leaves.size() / 2);
    });
  }

  private static ModelManifest read(byte[] bytes, ManifestCodec.Format format) {
    try {
      return CODEC.read(bytes, format);
    } catch (ManifestFormatException e) {
      throw new AssertionError(e.getMessage() + "\n" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8), e);
    }
  }

  private static byte[] canonicalize(byte[] json) {
    try {
      return CanonicalJson.canonicalize(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] write(JsonNode node, boolean indent) {
    try {
      JsonMapper mapper = JsonMapper.builder().build();
      return indent ? mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(node) : mapper.writeValueAsBytes(node);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode shuffle(JsonNode node, Random random) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.shuffle(names, random);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      names.forEach(n -> out.set(n, shuffle(node.get(n), random)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> out.add(shuffle(e, random)));
      return out;
    }
    return node;
  }

  /** Paths of leaves as "/"-separated JSON pointers. */
  private static void collectLeaves(JsonNode node, String pointer, List<String> out) {
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(n -> collectLeaves(node.get(n), pointer + "/" + n.replace("~", "~0").replace("/", "~1"), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectLeaves(node.get(i), pointer + "/" + i, out);
      }
    } else {
      out.add(pointer);
    }
  }

  /** Changes the leaf at a pointer to a different value of the same type; false if there is no such change. */
  private static boolean mutate(ObjectNode root, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    JsonNode leaf = root.at(pointer);
    JsonNode replacement;
    if (leaf.isTextual()) {
      String s = leaf.textValue();
      // Flip one hex digit of digests and commits so they stay valid; elsewhere append a character.
      int colon = s.lastIndexOf(':');
      if (s.matches("(.*@)?sha256:[0-9a-f]{64}") || s.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
        int at = s.length() - 1;
        replacement = JsonNodeFactory.instance.textNode(s.substring(0, at) + (s.charAt(at) == '0' ? '1' : '0'));
      } else if (colon >= 0 && s.endsWith("Z")) {
        replacement = JsonNodeFactory.instance.textNode(s.replace("Z", "+01:00"));
      } else {
        replacement = JsonNodeFactory.instance.textNode(s + "x");
      }
    } else if (leaf.isNumber()) {
      replacement = JsonNodeFactory.instance.numberNode(leaf.decimalValue().add(BigDecimal.ONE));
    } else if (leaf.isBoolean()) {
      replacement = JsonNodeFactory.instance.booleanNode(!leaf.booleanValue());
    } else {
      return false;
    }
    if (parent.isObject()) {
      ((ObjectNode) parent).set(last, replacement);
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(last), replacement);
    }
    return true;
  }
}
