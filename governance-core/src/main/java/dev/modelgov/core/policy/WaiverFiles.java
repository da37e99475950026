package dev.modelgov.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.api.policy.WaiverMatch;
import dev.modelgov.core.internal.json.StrictJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads waivers from a YAML or JSON {@code WaiverList}, strictly: duplicate keys, unknown fields, missing fields,
 * values of the wrong type and documents over {@link PolicyLimits#maxDocumentBytes()} are errors that name the file and
 * the field path. Quote versions and tickets that look like numbers.
 *
 * <pre>{@code
 * apiVersion: policy.modelgov.dev/v1alpha1
 * kind: WaiverList
 * waivers:
 *   - id: WVR-2026-017
 *     rules: [model.fairness.thresholds]
 *     match: {models: [risk/credit-scoring], versions: ["2.4.*"], environments: [prod], points: [promotion]}
 *     reason: fairness re-evaluation on the Q4 holdout is in progress
 *     ticket: GOV-1234
 *     approver: r.okafor@bank.example
 *     createdAt: 2026-11-20T00:00:00Z
 *     expiresAt: 2026-12-20T00:00:00Z
 * }</pre>
 *
 * <pre>{@code
 * List<Waiver> waivers = WaiverFiles.read(Path.of("waivers.yaml"));
 * WaiverResolver resolver = WaiverResolver.builder().addAll(waivers).build();
 * }</pre>
 */
public final class WaiverFiles {

  /** The {@code apiVersion} of a waiver file. */
  public static final String API_VERSION = "policy.modelgov.dev/v1alpha1";

  /** The {@code kind} of a waiver file. */
  public static final String KIND = "WaiverList";

  private static final Set<String> TOP_FIELDS = Set.of("apiVersion", "kind", "waivers");
  private static final Set<String> WAIVER_FIELDS =
      Set.of("id", "rules", "match", "reason", "ticket", "approver", "createdAt", "expiresAt");
  private static final Set<String> MATCH_FIELDS = Set.of("models", "versions", "environments", "points", "expression");
  private static final int MAX_DEPTH = 16;
  private static final int MAX_STRING_LENGTH = 64 * 1024;

  private static final StrictJson DEFAULT_PARSER = parser(PolicyLimits.defaults());

  private WaiverFiles() {}

  /**
   * Reads a waiver file under the default limits; {@code .json} files are JSON, others YAML.
   *
   * @param file the file, must not be {@code null}
   * @return the waivers, in file order
   * @throws WaiverFormatException naming the file and field path of the first problem
   * @throws IOException when the file cannot be read
   */
  public static List<Waiver> read(Path file) throws WaiverFormatException, IOException {
    return read(file, PolicyLimits.defaults());
  }

  /**
   * Reads a waiver file; {@code .json} files are JSON, others YAML. Only up to the size limit is read.
   *
   * @param file the file, must not be {@code null}
   * @param limits the limits ({@link PolicyLimits#maxDocumentBytes()}), must not be {@code null}
   * @return the waivers, in file order
   * @throws WaiverFormatException naming the file and field path of the first problem
   * @throws IOException when the file cannot be read
   */
  public static List<Waiver> read(Path file, PolicyLimits limits) throws WaiverFormatException, IOException {
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(limits.maxDocumentBytes() + 1);
    }
    return parse(bytes, file.toString(), limits);
  }

  /**
   * Parses a waiver document under the default limits.
   *
   * @param document the UTF-8 bytes, must not be {@code null}
   * @param sourceName the file name for messages; a name ending in {@code .json} is parsed as JSON, others as YAML
   * @return the waivers, in document order
   * @throws WaiverFormatException naming the source and field path of the first problem
   */
  public static List<Waiver> parse(byte[] document, String sourceName) throws WaiverFormatException {
    return parse(document, sourceName, PolicyLimits.defaults());
  }

  /**
   * Parses a waiver document.
   *
   * @param document the UTF-8 bytes, must not be {@code null}
   * @param sourceName the file name for messages; a name ending in {@code .json} is parsed as JSON, others as YAML
   * @param limits the limits ({@link PolicyLimits#maxDocumentBytes()}), must not be {@code null}
   * @return the waivers, in document order
   * @throws WaiverFormatException naming the source and field path of the first problem
   */
  public static List<Waiver> parse(byte[] document, String sourceName, PolicyLimits limits)
      throws WaiverFormatException {
    Objects.requireNonNull(document, "document must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
    String source = sourceName == null || sourceName.isBlank() ? "waivers" : sourceName;
    if (document.length > limits.maxDocumentBytes()) {
      throw new WaiverFormatException(source, "", "document is larger than the limit of "
          + limits.maxDocumentBytes() + " bytes");
    }
    StrictJson parser = limits.maxDocumentBytes() == PolicyLimits.defaults().maxDocumentBytes()
        ? DEFAULT_PARSER : parser(limits);
    JsonNode root;
    try {
      root = source.toLowerCase(Locale.ROOT).endsWith(".json")
          ? parser.readJson(document) : parser.readYaml(document);
    } catch (JsonFormatException e) {
      throw new WaiverFormatException(source, "", e.getMessage());
    }
    return new Reader(source).list(root);
  }

  private static StrictJson parser(PolicyLimits limits) {
    return new StrictJson(new JsonLimits(limits.maxDocumentBytes(), MAX_DEPTH, MAX_STRING_LENGTH, 100));
  }

  /** Walks one document, naming each problem's path. */
  private static final class Reader {
    private final String source;

    Reader(String source) {
      this.source = source;
    }

    List<Waiver> list(JsonNode root) throws WaiverFormatException {
      object(root, "", TOP_FIELDS);
      String apiVersion = text(root, "", "apiVersion");
      if (!API_VERSION.equals(apiVersion)) {
        throw error("apiVersion", "must be " + API_VERSION);
      }
      if (!KIND.equals(text(root, "", "kind"))) {
        throw error("kind", "must be " + KIND);
      }
      JsonNode items = required(root, "", "waivers");
      if (!items.isArray()) {
        throw error("waivers", "must be a list");
      }
      List<Waiver> out = new ArrayList<>(items.size());
      Map<String, Integer> ids = new HashMap<>();
      for (int i = 0; i < items.size(); i++) {
        String path = "waivers[" + i + "]";
        Waiver w = waiver(items.get(i), path);
        Integer previous = ids.putIfAbsent(w.id(), i);
        if (previous != null) {
          throw error(path + ".id", "waiver id " + w.id() + " is already used by waivers[" + previous + "]");
        }
        out.add(w);
      }
      return List.copyOf(out);
    }

    private Waiver waiver(JsonNode node, String path) throws WaiverFormatException {
      object(node, path, WAIVER_FIELDS);
      String id = text(node, path, "id");
      List<String> rules = texts(node, path, "rules", true);
      if (rules.isEmpty()) {
        throw error(path + ".rules", "must name at least one rule id");
      }
      WaiverMatch match = node.has("match") ? match(node.get("match"), path + ".match") : WaiverMatch.any();
      Waiver.Builder b = Waiver.builder(id)
          .rules(rules.toArray(new String[0]))
          .match(match)
          .reason(text(node, path, "reason"))
          .ticket(text(node, path, "ticket"))
          .approver(text(node, path, "approver"))
          .createdAt(instant(node, path, "createdAt"))
          .expiresAt(instant(node, path, "expiresAt"));
      try {
        return b.build();
      } catch (IllegalArgumentException e) {
        throw error(path, e.getMessage());
      }
    }

    private WaiverMatch match(JsonNode node, String path) throws WaiverFormatException {
      object(node, path, MATCH_FIELDS);
      Set<EnforcementPoint> points = new LinkedHashSet<>();
      List<String> pointNames = texts(node, path, "points", false);
      for (int i = 0; i < pointNames.size(); i++) {
        try {
          points.add(EnforcementPoint.parse(pointNames.get(i)));
        } catch (IllegalArgumentException e) {
          throw error(path + ".points[" + i + "]", "must be one of ci, promotion, admission, runtime");
        }
      }
      Optional<String> expression = Optional.empty();
      if (node.has("expression")) {
        expression = Optional.of(text(node, path, "expression"));
      }
      return new WaiverMatch(
          new LinkedHashSet<>(texts(node, path, "models", false)),
          new LinkedHashSet<>(texts(node, path, "versions", false)),
          new LinkedHashSet<>(texts(node, path, "environments", false)),
          points,
          expression);
    }

    private void object(JsonNode node, String path, Set<String> allowed) throws WaiverFormatException {
      if (node == null || !node.isObject()) {
        throw error(path, "must be a mapping");
      }
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        if (!allowed.contains(f.getKey())) {
          throw error(join(path, f.getKey()), "unknown field (expected one of " + String.join(", ", sorted(allowed))
              + ")");
        }
      }
    }

    private JsonNode required(JsonNode node, String path, String field) throws WaiverFormatException {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw error(join(path, field), "is required");
      }
      return value;
    }

    private String text(JsonNode node, String path, String field) throws WaiverFormatException {
      JsonNode value = required(node, path, field);
      if (!value.isTextual()) {
        throw error(join(path, field), "must be a string, got " + kind(value) + " (quote it)");
      }
      if (value.textValue().isBlank()) {
        throw error(join(path, field), "must not be blank");
      }
      return value.textValue();
    }

    private List<String> texts(JsonNode node, String path, String field, boolean mandatory)
        throws WaiverFormatException {
      JsonNode value = node.get(field);
      if (value == null || (value.isNull() && !mandatory)) {
        if (mandatory) {
          throw error(join(path, field), "is required");
        }
        return List.of();
      }
      if (!value.isArray()) {
        throw error(join(path, field), "must be a list of strings, got " + kind(value));
      }
      List<String> out = new ArrayList<>(value.size());
      for (int i = 0; i < value.size(); i++) {
        JsonNode e = value.get(i);
        String at = join(path, field) + "[" + i + "]";
        if (!e.isTextual()) {
          throw error(at, "must be a string, got " + kind(e) + " (quote it)");
        }
        if (e.textValue().isBlank()) {
          throw error(at, "must not be blank");
        }
        out.add(e.textValue());
      }
      return out;
    }

    private Instant instant(JsonNode node, String path, String field) throws WaiverFormatException {
      String text = text(node, path, field);
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw error(join(path, field), "must be an RFC 3339 timestamp with an offset, such as 2026-12-20T00:00:00Z");
      }
    }

    private WaiverFormatException error(String path, String detail) {
      return new WaiverFormatException(source, path, detail);
    }

    private static String join(String path, String field) {
      return path.isEmpty() ? field : path + "." + field;
    }

    private static String kind(JsonNode value) {
      if (value.isNull()) {
        return "null";
      }
      if (value.isNumber()) {
        return "a number";
      }
      if (value.isBoolean()) {
        return "a boolean";
      }
      if (value.isArray()) {
        return "a list";
      }
      if (value.isObject()) {
        return "a mapping";
      }
      return "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static List<String> sorted(Set<String> values) {
      List<String> out = new ArrayList<>(values);
      out.sort(null);
      return out;
    }
  }
}
