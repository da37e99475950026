package dev.modelgov.core.metrics.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.internal.json.StrictJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.metrics.Direction;
import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.FeatureKind;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and writes {@link DriftBaseline} JSON. For internal use only. */
public final class BaselineCodec {

  /** The value of the {@code format} field. */
  public static final String FORMAT = "modelgov.drift-baseline/v1";

  private static final StrictJson DEFAULT = new StrictJson(JsonLimits.DEFAULT);
  private static final Set<String> ROOT = Set.of("format", "features");
  private static final Set<String> NUMERIC =
      Set.of("name", "kind", "direction", "edges", "centroids", "counts", "missing", "mean", "std");
  private static final Set<String> CATEGORICAL =
      Set.of("name", "kind", "direction", "categories", "counts", "other", "missing");

  private BaselineCodec() {}

  /**
   * Writes a baseline.
   *
   * @param baseline the baseline
   * @return UTF-8 JSON
   */
  public static byte[] write(DriftBaseline baseline) {
    ObjectMapper mapper = DEFAULT.json();
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode features = root.putArray("features");
    for (DriftBaseline.Feature f : baseline.features()) {
      ObjectNode n = features.addObject();
      n.put("name", f.name());
      n.put("kind", f.kind().tag());
      n.put("direction", f.direction().tag());
      long[] counts = f.counts();
      if (f.kind() == FeatureKind.NUMERIC) {
        ArrayNode edges = n.putArray("edges");
        for (double e : f.edges()) {
          edges.add(e);
        }
        ArrayNode centroids = n.putArray("centroids");
        for (double c : f.centroids()) {
          centroids.add(c);
        }
        ArrayNode c = n.putArray("counts");
        for (int i = 0; i < counts.length - 1; i++) {
          c.add(counts[i]);
        }
        n.put("missing", counts[counts.length - 1]);
        n.put("mean", f.mean());
        n.put("std", f.standardDeviation());
      } else {
        ArrayNode cats = n.putArray("categories");
        f.categories().forEach(cats::add);
        ArrayNode c = n.putArray("counts");
        for (int i = 0; i < counts.length - 2; i++) {
          c.add(counts[i]);
        }
        n.put("other", counts[counts.length - 2]);
        n.put("missing", counts[counts.length - 1]);
      }
    }
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a baseline strictly.
   *
   * @param json the document
   * @param limits the parser limits
   * @return the baseline
   * @throws JsonFormatException naming the path of the first problem
   */
  public static DriftBaseline read(byte[] json, JsonLimits limits) throws JsonFormatException {
    StrictJson strict = limits.equals(JsonLimits.DEFAULT) ? DEFAULT : new StrictJson(limits);
    JsonNode root = strict.readJson(json);
    TreeReader.onlyFields(root, "", ROOT);
    String format = TreeReader.text(TreeReader.required(root, "", "format"), "format");
    if (!FORMAT.equals(format)) {
      throw new JsonFormatException("format: expected '" + FORMAT + "'");
    }
    List<JsonNode> nodes =
        TreeReader.array(TreeReader.required(root, "", "features"), "features", DriftBaseline.MAX_FEATURES);
    List<DriftBaseline.Feature> features = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      features.add(feature(nodes.get(i), "features[" + i + "]"));
    }
    try {
      return DriftBaseline.of(features);
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(e.getMessage());
    }
  }

  private static DriftBaseline.Feature feature(JsonNode n, String path) throws JsonFormatException {
    TreeReader.object(n, path);
    String kindText = TreeReader.text(TreeReader.required(n, path, "kind"), path + ".kind");
    FeatureKind kind;
    Direction direction;
    try {
      kind = FeatureKind.ofTag(kindText);
      direction = Direction.ofTag(
          TreeReader.text(TreeReader.required(n, path, "direction"), path + ".direction"));
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path + ": " + e.getMessage());
    }
    TreeReader.onlyFields(n, path, kind == FeatureKind.NUMERIC ? NUMERIC : CATEGORICAL);
    String name = TreeReader.text(TreeReader.required(n, path, "name"), path + ".name");
    List<JsonNode> countNodes =
        TreeReader.array(TreeReader.required(n, path, "counts"), path + ".counts", DriftBaseline.MAX_TOP_K + 2);
    int extra = kind == FeatureKind.NUMERIC ? 1 : 2;
    long[] counts = new long[countNodes.size() + extra];
    for (int i = 0; i < countNodes.size(); i++) {
      counts[i] = TreeReader.integer(countNodes.get(i), path + ".counts[" + i + "]");
    }
    counts[counts.length - 1] = TreeReader.integer(TreeReader.required(n, path, "missing"), path + ".missing");
    try {
      if (kind == FeatureKind.NUMERIC) {
        double[] edges = numbers(n, path, "edges");
        double[] centroids = numbers(n, path, "centroids");
        double mean = TreeReader.number(TreeReader.required(n, path, "mean"), path + ".mean");
        double std = TreeReader.number(TreeReader.required(n, path, "std"), path + ".std");
        return DriftBaseline.Feature.numeric(name, direction, edges, centroids, counts, mean, std);
      }
      counts[counts.length - 2] = TreeReader.integer(TreeReader.required(n, path, "other"), path + ".other");
      List<JsonNode> catNodes = TreeReader.array(
          TreeReader.required(n, path, "categories"), path + ".categories", DriftBaseline.MAX_TOP_K);
      List<String> cats = new ArrayList<>();
      for (int i = 0; i < catNodes.size(); i++) {
        cats.add(TreeReader.text(catNodes.get(i), path + ".categories[" + i + "]"));
      }
      return DriftBaseline.Feature.categorical(name, direction, cats, counts);
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path + ": " + e.getMessage());
    }
  }

  private static double[] numbers(JsonNode n, String path, String field) throws JsonFormatException {
    List<JsonNode> nodes =
        TreeReader.array(TreeReader.required(n, path, field), path + "." + field, DriftBaseline.MAX_BINS);
    double[] out = new double[nodes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = TreeReader.number(nodes.get(i), path + "." + field + "[" + i + "]");
    }
    return out;
  }
}
