package dev.modelgov.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.json.StrictJsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The example's credit-scoring model: a logistic regression whose coefficients are read from {@code model.json}, so
 * the example needs no download and no ML runtime. Numeric features are standardised ({@code (x - mean) / scale}) and
 * weighted; each categorical feature adds the weight of its category (one-hot); the probability is the logistic
 * function of the sum plus the intercept, and an applicant is approved at or above the threshold. Immutable and
 * thread-safe.
 *
 * <p>{@code model.json} (at most 64 KiB) is read strictly: duplicate keys, unknown fields, missing fields, wrong types
 * and inconsistent values are {@link ModelFormatException}s naming the JSON path:
 *
 * <pre>
 * {"format": "modelgov.example/logistic-regression/v1", "threshold": 0.5, "intercept": 0.35,
 *  "numeric": [{"name": "income", "unit": "EUR/year", "min": 0, "max": 10000000,
 *               "mean": 45000, "scale": 18000, "weight": 1.2}, ...],
 *  "categorical": [{"name": "employment", "weights": {"salaried": 0.35, "unemployed": -1.3, ...}}]}
 * </pre>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * CreditScoringModel model = CreditScoringModel.load(Path.of("model/credit-scoring"));
 * Score s = model.score(Map.of("income", 52_000, "debt_ratio", 0.31, "age", 41,
 *     "credit_history_years", 12, "employment", "salaried"));
 * }</pre>
 */
public final class CreditScoringModel {

  /** The {@code format} value of the files this class reads. */
  public static final String FORMAT = "modelgov.example/logistic-regression/v1";

  /** The name of the coefficients file in a model directory. */
  public static final String FILE_NAME = "model.json";

  /** The largest {@code model.json} read, in bytes. */
  public static final int MAX_FILE_BYTES = 64 << 10;

  /** The most features of each kind. */
  static final int MAX_FEATURES = 64;

  /** The most categories per categorical feature. */
  static final int MAX_CATEGORIES = 100;

  private static final Pattern FEATURE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final StrictJsonReader JSON =
      StrictJsonReader.withLimits(new JsonLimits(MAX_FILE_BYTES, 8, 1_000, 100));

  private final double threshold;
  private final double intercept;
  private final List<NumericFeature> numeric;
  private final List<CategoricalFeature> categorical;
  private final List<String> featureNames;

  private CreditScoringModel(double threshold, double intercept, List<NumericFeature> numeric,
      List<CategoricalFeature> categorical) {
    this.threshold = threshold;
    this.intercept = intercept;
    this.numeric = List.copyOf(numeric);
    this.categorical = List.copyOf(categorical);
    List<String> names = new ArrayList<>();
    numeric.forEach(f -> names.add(f.name()));
    categorical.forEach(f -> names.add(f.name()));
    this.featureNames = List.copyOf(names);
  }

  /**
   * Reads {@code modelDir/model.json} strictly.
   *
   * @param modelDir the model directory, must not be {@code null}
   * @return the model
   * @throws ModelFormatException if the file is not a valid model, naming the byte offset or the JSON path
   * @throws IOException if the file cannot be read
   */
  public static CreditScoringModel load(Path modelDir) throws IOException {
    Objects.requireNonNull(modelDir, "modelDir must not be null");
    byte[] bytes;
    try (InputStream in = Files.newInputStream(modelDir.resolve(FILE_NAME))) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    }
    return parse(bytes);
  }

  /**
   * Reads a model from the bytes of a {@code model.json}.
   *
   * @param json the document, must not be {@code null}
   * @return the model
   * @throws ModelFormatException if the document is not a valid model, naming the byte offset or the JSON path
   */
  public static CreditScoringModel parse(byte[] json) throws ModelFormatException {
    Objects.requireNonNull(json, "json must not be null");
    JsonNode root;
    try {
      root = JSON.readJson(json);
    } catch (JsonFormatException e) {
      throw new ModelFormatException("", FILE_NAME + ": " + e.getMessage());
    }
    Fields top = Fields.of(root, "", Set.of("format", "threshold", "intercept", "numeric", "categorical"));
    String format = top.text("format");
    if (!FORMAT.equals(format)) {
      throw top.error("format", "must be \"" + FORMAT + "\"");
    }
    double threshold = top.number("threshold");
    if (!(threshold > 0 && threshold < 1)) {
      throw top.error("threshold", "must be between 0 and 1 (exclusive)");
    }
    double intercept = top.number("intercept");
    Set<String> names = new HashSet<>();
    List<NumericFeature> numeric = new ArrayList<>();
    List<JsonNode> numericNodes = top.array("numeric", 1, MAX_FEATURES);
    for (int i = 0; i < numericNodes.size(); i++) {
      Fields f = Fields.of(numericNodes.get(i), "numeric[" + i + "]",
          Set.of("name", "unit", "min", "max", "mean", "scale", "weight"));
      String name = featureName(f, names);
      f.optionalText("unit");
      double min = f.has("min") ? f.number("min") : Double.NEGATIVE_INFINITY;
      double max = f.has("max") ? f.number("max") : Double.POSITIVE_INFINITY;
      if (min > max) {
        throw f.error("min", "must not be above max");
      }
      double mean = f.number("mean");
      double scale = f.number("scale");
      if (!(scale > 0)) {
        throw f.error("scale", "must be a positive number");
      }
      numeric.add(new NumericFeature(name, min, max, mean, scale, f.number("weight")));
    }
    List<CategoricalFeature> categorical = new ArrayList<>();
    List<JsonNode> categoricalNodes = top.has("categorical") ? top.array("categorical", 0, MAX_FEATURES) : List.of();
    for (int i = 0; i < categoricalNodes.size(); i++) {
      Fields f = Fields.of(categoricalNodes.get(i), "categorical[" + i + "]", Set.of("name", "weights"));
      String name = featureName(f, names);
      JsonNode weights = f.object("weights");
      if (weights.isEmpty() || weights.size() > MAX_CATEGORIES) {
        throw f.error("weights", "must hold 1 to " + MAX_CATEGORIES + " categories");
      }
      Map<String, Double> byCategory = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : weights.properties()) {
        String path = f.path("weights") + "." + e.getKey();
        if (!CATEGORY.matcher(e.getKey()).matches()) {
          throw new ModelFormatException(f.path("weights"),
              FILE_NAME + ": " + f.path("weights") + ": category names must match " + CATEGORY.pattern());
        }
        byCategory.put(e.getKey(), finite(e.getValue(), path));
      }
      categorical.add(new CategoricalFeature(name, Collections.unmodifiableMap(byCategory)));
    }
    return new CreditScoringModel(threshold, intercept, numeric, categorical);
  }

  private static String featureName(Fields f, Set<String> seen) throws ModelFormatException {
    String name = f.text("name");
    if (!FEATURE_NAME.matcher(name).matches()) {
      throw f.error("name", "must match " + FEATURE_NAME.pattern());
    }
    if (!seen.add(name)) {
      throw f.error("name", "feature '" + name + "' is declared twice");
    }
    return name;
  }

  private static double finite(JsonNode node, String path) throws ModelFormatException {
    if (node == null || !node.isNumber()) {
      throw new ModelFormatException(path, FILE_NAME + ": " + path + ": must be a number");
    }
    double v = node.doubleValue();
    if (!Double.isFinite(v)) {
      throw new ModelFormatException(path, FILE_NAME + ": " + path + ": must be a finite number");
    }
    return v;
  }

  /**
   * Scores one applicant.
   *
   * @param features every feature of {@link #featureNames()}: numeric ones as {@link Number}s (finite, within the
   *     feature's range), categorical ones as one of the model's categories; no other keys
   * @return the probability and the decision
   * @throws InvalidFeatureException (an {@link IllegalArgumentException}) naming a missing, unknown, mistyped or
   *     out-of-range feature
   */
  public Score score(Map<String, ?> features) {
    Objects.requireNonNull(features, "features must not be null");
    for (String key : features.keySet()) {
      if (!featureNames.contains(key)) {
        throw new InvalidFeatureException(String.valueOf(key), "unknown feature '" + key + "'; the model takes "
            + featureNames);
      }
    }
    double logit = intercept;
    for (NumericFeature f : numeric) {
      logit += f.weight() * (f.value(features.get(f.name())) - f.mean()) / f.scale();
    }
    for (CategoricalFeature f : categorical) {
      logit += f.weight(features.get(f.name()));
    }
    double probability = 1.0 / (1.0 + Math.exp(-logit));
    return new Score(probability, probability >= threshold);
  }

  /**
   * The features the model takes: the numeric ones, then the categorical ones, in file order.
   *
   * @return the names
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * The names of the numeric features, in file order.
   *
   * @return the names
   */
  public List<String> numericFeatures() {
    return numeric.stream().map(NumericFeature::name).toList();
  }

  /**
   * The categories a categorical feature accepts.
   *
   * @param feature a categorical feature's name
   * @return its categories in file order, empty if the model has no such categorical feature
   */
  public Set<String> categories(String feature) {
    return categorical.stream().filter(f -> f.name().equals(feature)).findFirst()
        .map(f -> f.weights().keySet()).orElse(Set.of());
  }

  /**
   * The approval threshold on the probability.
   *
   * @return the threshold, in (0, 1)
   */
  public double threshold() {
    return threshold;
  }

  @Override
  public String toString() {
    return "CreditScoringModel[features=" + featureNames + ", threshold=" + threshold + "]";
  }

  private record NumericFeature(String name, double min, double max, double mean, double scale, double weight) {

    double value(Object v) {
      if (v == null) {
        throw new InvalidFeatureException(name, "feature '" + name + "' is missing");
      }
      if (!(v instanceof Number)) {
        throw new InvalidFeatureException(name, "feature '" + name + "' must be a number, got a "
            + v.getClass().getSimpleName());
      }
      double x = ((Number) v).doubleValue();
      if (!Double.isFinite(x)) {
        throw new InvalidFeatureException(name, "feature '" + name + "' must be a finite number");
      }
      if (x < min || x > max) {
        // The value is personal data: the message gives the range only.
        throw new InvalidFeatureException(name, "feature '" + name + "' must be in [" + plain(min) + ", "
            + plain(max) + "]");
      }
      return x;
    }
  }

  private record CategoricalFeature(String name, Map<String, Double> weights) {

    double weight(Object v) {
      if (v == null) {
        throw new InvalidFeatureException(name, "feature '" + name + "' is missing");
      }
      if (!(v instanceof CharSequence)) {
        throw new InvalidFeatureException(name, "feature '" + name + "' must be a string, got a "
            + v.getClass().getSimpleName());
      }
      Double w = weights.get(v.toString());
      if (w == null) {
        throw new InvalidFeatureException(name, "feature '" + name + "' must be one of " + weights.keySet());
      }
      return w;
    }
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** The fields of one JSON object, with the path for messages. */
  private static final class Fields {

    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
      this.node = node;
      this.path = path;
    }

    static Fields of(JsonNode node, String path, Set<String> allowed) throws ModelFormatException {
      if (node == null || !node.isObject()) {
        String where = path.isEmpty() ? "the document" : path;
        throw new ModelFormatException(path, FILE_NAME + ": " + where + ": must be an object");
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String n = e.getKey();
        if (!allowed.contains(n)) {
          String p = path.isEmpty() ? n : path + "." + n;
          throw new ModelFormatException(p, FILE_NAME + ": " + p + ": unknown field");
        }
      }
      return new Fields(node, path);
    }

    String path(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }

    ModelFormatException error(String field, String problem) {
      return new ModelFormatException(path(field), FILE_NAME + ": " + path(field) + ": " + problem);
    }

    boolean has(String field) {
      return node.has(field);
    }

    private JsonNode required(String field) throws ModelFormatException {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        throw error(field, "is missing");
      }
      return v;
    }

    String text(String field) throws ModelFormatException {
      JsonNode v = required(field);
      if (!v.isTextual()) {
        throw error(field, "must be a string");
      }
      return v.asText();
    }

    void optionalText(String field) throws ModelFormatException {
      if (node.has(field) && !node.get(field).isTextual()) {
        throw error(field, "must be a string");
      }
    }

    double number(String field) throws ModelFormatException {
      return finite(required(field), path(field));
    }

    JsonNode object(String field) throws ModelFormatException {
      JsonNode v = required(field);
      if (!v.isObject()) {
        throw error(field, "must be an object");
      }
      return v;
    }

    List<JsonNode> array(String field, int min, int max) throws ModelFormatException {
      JsonNode v = required(field);
      if (!v.isArray()) {
        throw error(field, "must be an array");
      }
      if (v.size() < min || v.size() > max) {
        throw error(field, "must hold " + min + " to " + max + " entries, has " + v.size());
      }
      List<JsonNode> out = new ArrayList<>();
      v.forEach(out::add);
      return out;
    }
  }
}
