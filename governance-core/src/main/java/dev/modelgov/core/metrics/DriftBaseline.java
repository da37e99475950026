package dev.modelgov.core.metrics;

import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.metrics.internal.BaselineCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The frozen reference distribution of each drift feature, fitted once from training data: numeric features binned at
 * reference quantiles (deciles by default, outer bins open to ±∞, plus a missing bin for NaN and {@code null}),
 * categorical features as the top-K reference categories plus {@code __other__} and {@code __missing__}. A monitor
 * then only counts samples per bin, so its memory is O(features × bins) however many samples it sees.
 *
 * <p>A baseline can be written as JSON and shipped with the model (next to its manifest), then read back strictly:
 * duplicate keys, unknown fields, wrong types and inconsistent bins are errors that name the JSON path.
 *
 * <pre>{@code
 * DriftBaseline baseline = DriftBaseline.builder()
 *     .numeric("income", trainingIncome)
 *     .categorical("region", trainingRegion)
 *     .numeric("score", Direction.OUTPUT, trainingScores)
 *     .bins(10)
 *     .topK(20)
 *     .build();
 * Files.write(Path.of("model/drift-baseline.json"), baseline.toJson());
 * DriftBaseline again = DriftBaseline.read(Path.of("model/drift-baseline.json"));
 * }</pre>
 */
public final class DriftBaseline {

  /** The bin every categorical value outside the top-K reference categories goes to. */
  public static final String OTHER = "__other__";
  /** The bin {@code null} values (and NaN for numeric features) go to. */
  public static final String MISSING = "__missing__";
  /** The longest feature or category name accepted. */
  public static final int MAX_NAME_LENGTH = 256;
  /** The most bins per numeric feature. */
  public static final int MAX_BINS = 100;
  /** The most categories kept per categorical feature. */
  public static final int MAX_TOP_K = 1_000;
  /** The most features per baseline. */
  public static final int MAX_FEATURES = 10_000;

  private final List<Feature> features;
  private final Map<String, Feature> byName;

  private DriftBaseline(List<Feature> features) {
    this.features = List.copyOf(features);
    Map<String, Feature> map = new LinkedHashMap<>();
    for (Feature f : features) {
      map.put(f.name(), f);
    }
    this.byName = Collections.unmodifiableMap(map);
  }

  /**
   * A builder that fits a baseline from training arrays.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Assembles a baseline from already-fitted features (as the JSON reader does).
   *
   * @param features the features, at least one, unique names
   * @return the baseline
   * @throws IllegalArgumentException if the list is empty or two features share a name
   */
  public static DriftBaseline of(List<Feature> features) {
    Objects.requireNonNull(features, "features must not be null");
    if (features.isEmpty()) {
      throw new IllegalArgumentException("features must not be empty");
    }
    if (features.size() > MAX_FEATURES) {
      throw new IllegalArgumentException("features: at most " + MAX_FEATURES + " features, got " + features.size());
    }
    Set<String> seen = new HashSet<>();
    for (Feature f : features) {
      if (!seen.add(Objects.requireNonNull(f, "feature must not be null").name())) {
        throw new IllegalArgumentException("features: duplicate feature '" + f.name() + "'");
      }
    }
    return new DriftBaseline(features);
  }

  /**
   * The features, in the order they were added.
   *
   * @return the features
   */
  public List<Feature> features() {
    return features;
  }

  /**
   * One feature by name.
   *
   * @param name the feature name
   * @return the feature, if present
   */
  public Optional<Feature> feature(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The numeric features' names in baseline order: the order of the array taken by
   * {@link DriftMonitor#observe(double[], String[])}.
   *
   * @return the names
   */
  public List<String> numericFeatures() {
    return features.stream().filter(f -> f.kind() == FeatureKind.NUMERIC).map(Feature::name).toList();
  }

  /**
   * The categorical features' names in baseline order: the order of the array taken by
   * {@link DriftMonitor#observe(double[], String[])}.
   *
   * @return the names
   */
  public List<String> categoricalFeatures() {
    return features.stream().filter(f -> f.kind() == FeatureKind.CATEGORICAL).map(Feature::name).toList();
  }

  /**
   * Writes the baseline as JSON (UTF-8).
   *
   * @return the document
   */
  public byte[] toJson() {
    return BaselineCodec.write(this);
  }

  /**
   * Reads a baseline written by {@link #toJson()}, strictly, with {@link JsonLimits#DEFAULT} limits.
   *
   * @param json the document, must not be {@code null}
   * @return the baseline
   * @throws JsonFormatException naming the JSON path or byte offset of the first problem
   */
  public static DriftBaseline readJson(byte[] json) throws JsonFormatException {
    return BaselineCodec.read(Objects.requireNonNull(json, "json must not be null"), JsonLimits.DEFAULT);
  }

  /**
   * Reads a baseline file, reading no more than the size limit.
   *
   * @param file the file, must not be {@code null}
   * @return the baseline
   * @throws JsonFormatException naming the JSON path or byte offset of the first problem
   * @throws IOException if the file cannot be read
   */
  public static DriftBaseline read(Path file) throws JsonFormatException, IOException {
    Objects.requireNonNull(file, "file must not be null");
    int limit = JsonLimits.DEFAULT.maxDocumentBytes();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(limit + 1);
    }
    if (bytes.length > limit) {
      throw new JsonFormatException("document is larger than the limit of " + limit + " bytes");
    }
    return readJson(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriftBaseline b && features.equals(b.features);
  }

  @Override
  public int hashCode() {
    return features.hashCode();
  }

  @Override
  public String toString() {
    return "DriftBaseline[features=" + features.stream().map(Feature::name).toList() + "]";
  }

  /**
   * One feature's frozen bins and reference counts.
   *
   * <p>Numeric: {@code edges().length + 1} value bins (bin of {@code x} = number of edges ≤ x) then the missing bin.
   * Categorical: one bin per category, then {@link #OTHER}, then {@link #MISSING}.
   *
   * <pre>{@code
   * Feature income = baseline.feature("income").orElseThrow();
   * int bin = income.binOf(52_000.0);
   * long[] counts = income.counts();     // reference counts per bin, missing last
   * }</pre>
   */
  public static final class Feature {

    private final String name;
    private final FeatureKind kind;
    private final Direction direction;
    private final double[] edges;
    private final double[] centroids;
    private final List<String> categories;
    private final Map<String, Integer> categoryIndex;
    private final long[] counts;
    private final double mean;
    private final double standardDeviation;

    private Feature(String name, FeatureKind kind, Direction direction, double[] edges, double[] centroids,
        List<String> categories, long[] counts, double mean, double standardDeviation) {
      this.name = name;
      this.kind = kind;
      this.direction = direction;
      this.edges = edges;
      this.centroids = centroids;
      this.categories = List.copyOf(categories);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < categories.size(); i++) {
        index.put(categories.get(i), i);
      }
      this.categoryIndex = index;
      this.counts = counts;
      this.mean = mean;
      this.standardDeviation = standardDeviation;
    }

    /**
     * A numeric feature from fitted values.
     *
     * @param name the name (a tag value), not blank
     * @param direction input or output
     * @param edges the strictly increasing finite interior edges
     * @param centroids the reference mean of each value bin ({@code edges.length + 1} values, finite)
     * @param counts the reference count of each value bin then the missing count ({@code edges.length + 2} values)
     * @param mean the reference mean of the non-missing values
     * @param standardDeviation the reference standard deviation (ddof 0), not negative
     * @return the feature
     * @throws IllegalArgumentException naming the field that is inconsistent
     */
    public static Feature numeric(String name, Direction direction, double[] edges, double[] centroids,
        long[] counts, double mean, double standardDeviation) {
      checkName(name, "feature name");
      Objects.requireNonNull(direction, "direction must not be null");
      double[] e = Objects.requireNonNull(edges, "edges must not be null").clone();
      double[] c = Objects.requireNonNull(centroids, "centroids must not be null").clone();
      long[] n = Objects.requireNonNull(counts, "counts must not be null").clone();
      if (e.length > MAX_BINS - 1) {
        throw new IllegalArgumentException(name + ".edges: at most " + (MAX_BINS - 1) + " edges");
      }
      for (int i = 0; i < e.length; i++) {
        if (!Double.isFinite(e[i]) || (i > 0 && e[i] <= e[i - 1])) {
          throw new IllegalArgumentException(name + ".edges[" + i + "] must be finite and above the previous edge");
        }
      }
      if (c.length != e.length + 1) {
        throw new IllegalArgumentException(
            name + ".centroids must hold " + (e.length + 1) + " values (one per bin), got " + c.length);
      }
      for (int i = 0; i < c.length; i++) {
        if (!Double.isFinite(c[i])) {
          throw new IllegalArgumentException(name + ".centroids[" + i + "] must be finite");
        }
      }
      checkCounts(name, n, e.length + 2);
      if (valueTotal(n, 1) == 0) {
        throw new IllegalArgumentException(name + ".counts: the reference must hold at least one non-missing value");
      }
      if (!Double.isFinite(mean)) {
        throw new IllegalArgumentException(name + ".mean must be finite");
      }
      if (!(standardDeviation >= 0) || Double.isInfinite(standardDeviation)) {
        throw new IllegalArgumentException(name + ".std must be finite and not negative");
      }
      return new Feature(name, FeatureKind.NUMERIC, direction, e, c, List.of(), n, mean, standardDeviation);
    }

    /**
     * A categorical feature from fitted counts.
     *
     * @param name the name (a tag value), not blank
     * @param direction input or output
     * @param categories the kept categories, unique, none named {@link #OTHER} or {@link #MISSING}
     * @param counts the reference count of each category, then other, then missing ({@code categories.size() + 2})
     * @return the feature
     * @throws IllegalArgumentException naming the field that is inconsistent
     */
    public static Feature categorical(String name, Direction direction, List<String> categories, long[] counts) {
      checkName(name, "feature name");
      Objects.requireNonNull(direction, "direction must not be null");
      List<String> cats = List.copyOf(Objects.requireNonNull(categories, "categories must not be null"));
      if (cats.size() > MAX_TOP_K) {
        throw new IllegalArgumentException(name + ".categories: at most " + MAX_TOP_K + " categories");
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < cats.size(); i++) {
        String c = cats.get(i);
        checkName(c, name + ".categories[" + i + "]");
        if (c.equals(OTHER) || c.equals(MISSING)) {
          throw new IllegalArgumentException(name + ".categories[" + i + "]: '" + c + "' is a reserved bin name");
        }
        if (!seen.add(c)) {
          throw new IllegalArgumentException(name + ".categories[" + i + "]: duplicate category");
        }
      }
      long[] n = Objects.requireNonNull(counts, "counts must not be null").clone();
      checkCounts(name, n, cats.size() + 2);
      if (valueTotal(n, 0) == 0) {
        throw new IllegalArgumentException(name + ".counts: the reference must hold at least one value");
      }
      return new Feature(name, FeatureKind.CATEGORICAL, direction, new double[0], new double[0], cats, n,
          Double.NaN, Double.NaN);
    }

    private static void checkCounts(String name, long[] n, int expected) {
      if (n.length != expected) {
        throw new IllegalArgumentException(name + ".counts must hold " + expected + " values, got " + n.length);
      }
      for (int i = 0; i < n.length; i++) {
        if (n[i] < 0) {
          throw new IllegalArgumentException(name + ".counts[" + i + "] must not be negative");
        }
      }
    }

    private static long valueTotal(long[] n, int skipLast) {
      long t = 0;
      for (int i = 0; i < n.length - skipLast; i++) {
        t += n[i];
      }
      return t;
    }

    /**
     * The feature name, the {@code feature} tag value.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    /**
     * Numeric or categorical.
     *
     * @return the kind
     */
    public FeatureKind kind() {
      return kind;
    }

    /**
     * Input or output.
     *
     * @return the direction
     */
    public Direction direction() {
      return direction;
    }

    /**
     * The interior edges of a numeric feature (empty for categorical).
     *
     * @return a copy of the edges
     */
    public double[] edges() {
      return edges.clone();
    }

    /**
     * The reference mean of each value bin of a numeric feature, the support points of the binned Wasserstein
     * distance (empty for categorical).
     *
     * @return a copy of the centroids
     */
    public double[] centroids() {
      return centroids.clone();
    }

    /**
     * The kept categories of a categorical feature, most frequent first (empty for numeric).
     *
     * @return the categories
     */
    public List<String> categories() {
      return categories;
    }

    /**
     * The reference count of every bin, missing last.
     *
     * @return a copy of the counts
     */
    public long[] counts() {
      return counts.clone();
    }

    /**
     * How many bins the feature has, the missing bin included.
     *
     * @return the bin count
     */
    public int binCount() {
      return counts.length;
    }

    /**
     * A readable name per bin: intervals such as {@code [9.9, 19.8)} for numeric features, the category names then
     * {@link #OTHER} and {@link #MISSING} for categorical ones.
     *
     * @return one label per bin
     */
    public List<String> binLabels() {
      List<String> labels = new ArrayList<>(counts.length);
      if (kind == FeatureKind.NUMERIC) {
        for (int i = 0; i <= edges.length; i++) {
          String lo = i == 0 ? "-inf" : Double.toString(edges[i - 1]);
          String hi = i == edges.length ? "+inf" : Double.toString(edges[i]);
          labels.add((i == 0 ? "(" : "[") + lo + ", " + hi + ")");
        }
      } else {
        labels.addAll(categories);
        labels.add(OTHER);
      }
      labels.add(MISSING);
      return labels;
    }

    /**
     * The reference sample size, missing values included.
     *
     * @return the count
     */
    public long sampleCount() {
      long t = 0;
      for (long c : counts) {
        t += c;
      }
      return t;
    }

    /**
     * The reference mean of a numeric feature (NaN for categorical).
     *
     * @return the mean
     */
    public double mean() {
      return mean;
    }

    /**
     * The reference standard deviation (ddof 0) of a numeric feature (NaN for categorical).
     *
     * @return the standard deviation
     */
    public double standardDeviation() {
      return standardDeviation;
    }

    /**
     * The bin of a numeric value: the number of edges ≤ value, or the missing bin for NaN.
     *
     * @param value the value
     * @return the bin index
     * @throws IllegalStateException if the feature is categorical
     */
    public int binOf(double value) {
      if (kind != FeatureKind.NUMERIC) {
        throw new IllegalStateException("feature '" + name + "' is categorical");
      }
      return Double.isNaN(value) ? counts.length - 1 : Histograms.upperBound(edges, value);
    }

    /**
     * The bin of a categorical value: its category, {@link #OTHER}, or {@link #MISSING} for {@code null}.
     *
     * @param value the value, may be {@code null}
     * @return the bin index
     * @throws IllegalStateException if the feature is numeric
     */
    public int binOf(String value) {
      if (kind != FeatureKind.CATEGORICAL) {
        throw new IllegalStateException("feature '" + name + "' is numeric");
      }
      if (value == null) {
        return counts.length - 1;
      }
      Integer i = categoryIndex.get(value);
      return i != null ? i : counts.length - 2;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Feature f && name.equals(f.name) && kind == f.kind && direction == f.direction
          && Arrays.equals(edges, f.edges) && Arrays.equals(centroids, f.centroids)
          && categories.equals(f.categories) && Arrays.equals(counts, f.counts)
          && Double.compare(mean, f.mean) == 0 && Double.compare(standardDeviation, f.standardDeviation) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, kind, direction, Arrays.hashCode(edges), categories, Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
      return "Feature[" + name + ", " + kind.tag() + ", " + direction.tag() + ", bins=" + counts.length + "]";
    }
  }

  /**
   * Fits a baseline from training arrays. Arrays are copied when added; fitting happens in {@link #build()}.
   *
   * <pre>{@code
   * DriftBaseline.builder().numeric("age", ages).categorical("country", countries).bins(12).build();
   * }</pre>
   */
  public static final class Builder {

    private final List<Object[]> pending = new ArrayList<>();
    private int bins = 10;
    private int topK = 20;

    private Builder() {}

    /**
     * Adds a numeric input feature.
     *
     * @param name the feature name
     * @param reference the training values; NaN counts as missing
     * @return this builder
     */
    public Builder numeric(String name, double[] reference) {
      return numeric(name, Direction.INPUT, reference);
    }

    /**
     * Adds a numeric feature.
     *
     * @param name the feature name
     * @param direction input or output
     * @param reference the training values; NaN counts as missing
     * @return this builder
     */
    public Builder numeric(String name, Direction direction, double[] reference) {
      pending.add(new Object[] {name, direction, reference == null ? null : reference.clone()});
      return this;
    }

    /**
     * Adds a categorical input feature.
     *
     * @param name the feature name
     * @param reference the training labels; {@code null} counts as missing
     * @return this builder
     */
    public Builder categorical(String name, String[] reference) {
      return categorical(name, Direction.INPUT, reference);
    }

    /**
     * Adds a categorical feature.
     *
     * @param name the feature name
     * @param direction input or output
     * @param reference the training labels; {@code null} counts as missing
     * @return this builder
     */
    public Builder categorical(String name, Direction direction, String[] reference) {
      pending.add(new Object[] {name, direction, reference == null ? null : reference.clone()});
      return this;
    }

    /**
     * The number of quantile bins for numeric features (default 10: deciles). Equal quantiles merge, so a feature may
     * get fewer.
     *
     * @param bins 2 to {@value DriftBaseline#MAX_BINS}
     * @return this builder
     */
    public Builder bins(int bins) {
      this.bins = bins;
      return this;
    }

    /**
     * How many of the most frequent reference categories keep a bin of their own (default 20); the rest share
     * {@link DriftBaseline#OTHER}.
     *
     * @param topK 1 to {@value DriftBaseline#MAX_TOP_K}
     * @return this builder
     */
    public Builder topK(int topK) {
      this.topK = topK;
      return this;
    }

    /**
     * Fits every feature.
     *
     * @return the baseline
     * @throws IllegalArgumentException naming the field that is missing or invalid
     */
    public DriftBaseline build() {
      if (bins < 2 || bins > MAX_BINS) {
        throw new IllegalArgumentException("bins must be between 2 and " + MAX_BINS + ", got " + bins);
      }
      if (topK < 1 || topK > MAX_TOP_K) {
        throw new IllegalArgumentException("topK must be between 1 and " + MAX_TOP_K + ", got " + topK);
      }
      if (pending.isEmpty()) {
        throw new IllegalArgumentException("features: add at least one numeric or categorical feature");
      }
      List<Feature> features = new ArrayList<>();
      for (Object[] p : pending) {
        String name = (String) p[0];
        checkName(name, "feature name");
        if (p[1] == null) {
          throw new IllegalArgumentException(name + ".direction must not be null");
        }
        if (p[2] == null) {
          throw new IllegalArgumentException(name + ": the reference array must not be null");
        }
        Direction direction = (Direction) p[1];
        features.add(p[2] instanceof double[] values ? fitNumeric(name, direction, values)
            : fitCategorical(name, direction, (String[]) p[2]));
      }
      return of(features);
    }

    private Feature fitNumeric(String name, Direction direction, double[] values) {
      long missing = 0;
      for (double v : values) {
        if (Double.isNaN(v)) {
          missing++;
        }
      }
      if (missing == values.length) {
        throw new IllegalArgumentException(name + ": the reference must hold at least one value that is not NaN");
      }
      for (double v : values) {
        if (Double.isInfinite(v)) {
          throw new IllegalArgumentException(name + ": the reference must not hold an infinite value");
        }
      }
      double[] edges = Histograms.quantileEdges(values, bins);
      long[] counts = new long[edges.length + 2];
      double[] sums = new double[edges.length + 1];
      double sum = 0;
      long n = 0;
      for (double v : values) {
        if (Double.isNaN(v)) {
          continue;
        }
        int b = Histograms.upperBound(edges, v);
        counts[b]++;
        sums[b] += v;
        sum += v;
        n++;
      }
      counts[edges.length + 1] = missing;
      double mean = sum / n;
      double var = 0;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          var += (v - mean) * (v - mean);
        }
      }
      double[] centroids = new double[edges.length + 1];
      for (int b = 0; b <= edges.length; b++) {
        if (counts[b] > 0) {
          centroids[b] = sums[b] / counts[b];
        } else if (b == 0) {
          centroids[b] = edges[0];
        } else if (b == edges.length) {
          centroids[b] = edges[edges.length - 1];
        } else {
          centroids[b] = (edges[b - 1] + edges[b]) / 2;
        }
      }
      return Feature.numeric(name, direction, edges, centroids, counts, mean, Math.sqrt(var / n));
    }

    private Feature fitCategorical(String name, Direction direction, String[] values) {
      Map<String, long[]> counts = new HashMap<>();
      long missing = 0;
      for (String v : values) {
        if (v == null) {
          missing++;
        } else {
          counts.computeIfAbsent(v, k -> new long[1])[0]++;
        }
      }
      List<Map.Entry<String, long[]>> sorted = new ArrayList<>(counts.entrySet());
      sorted.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
          .thenComparing(Map.Entry::getKey));
      List<String> kept = new ArrayList<>();
      long other = 0;
      for (Map.Entry<String, long[]> e : sorted) {
        if (kept.size() < topK && !e.getKey().equals(OTHER) && !e.getKey().equals(MISSING)) {
          kept.add(e.getKey());
        } else {
          other += e.getValue()[0];
        }
      }
      long[] n = new long[kept.size() + 2];
      for (int i = 0; i < kept.size(); i++) {
        n[i] = counts.get(kept.get(i))[0];
      }
      n[kept.size()] = other;
      n[kept.size() + 1] = missing;
      return Feature.categorical(name, direction, kept, n);
    }
  }

  static void checkName(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_NAME_LENGTH + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new IllegalArgumentException(what + " must not contain control characters");
      }
    }
  }
}
