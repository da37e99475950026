package dev.modelgov.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.Autonomy;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.ConfidenceInterval;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.Evaluation;
import dev.modelgov.api.manifest.FairnessAssessment;
import dev.modelgov.api.manifest.Framework;
import dev.modelgov.api.manifest.IntendedUse;
import dev.modelgov.api.manifest.IoField;
import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.MetricCategory;
import dev.modelgov.api.manifest.MetricName;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.Owner;
import dev.modelgov.api.manifest.PersonalData;
import dev.modelgov.api.manifest.RiskAssessment;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.manifest.RiskItem;
import dev.modelgov.api.manifest.RiskScheme;
import dev.modelgov.api.manifest.SourceRef;
import dev.modelgov.api.manifest.Threshold;
import dev.modelgov.api.manifest.TrainingRun;
import dev.modelgov.core.json.CanonicalJson;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.manifest.ManifestCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the manifest digest (RFC 8785 canonical JSON + SHA-256) against a plain Jackson serialisation + SHA-256
 * of the same tree, measured in the same run.
 *
 * <p>Two pairs give two ratios:
 *
 * <ul>
 *   <li>{@link #canonicalDigest} vs {@link #baselinePlainJacksonDigest}: the whole path from a {@link ModelManifest}
 *       to a {@link Digest}. Both build the wire tree ({@link ManifestCodec#toTree}), serialise it, hash it with a
 *       fresh {@code MessageDigest} and format the {@link Digest}; only the serialiser differs. Target: at most 2x.
 *   <li>{@link #canonicalOnlyFromTree} vs {@link #plainOnlyFromTree}: the serialiser alone, from a prebuilt tree to
 *       bytes, with no tree building and no hashing.
 * </ul>
 *
 * <p>{@link #toTreeOnly} and {@link #sha256Only} measure the two shared steps, to show where the time goes.
 *
 * <p>The manifest is built in code so that the jar is self-contained. It is a high-risk credit-scoring model with
 * three datasets, ten metrics, fairness assessments and approvals, about 5 KB of canonical JSON; {@link #setUp}
 * fails if it is not between 4 and 6 KB. Run with {@code scripts/bench.sh}; see {@code benchmarks/README.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ManifestDigestBenchmark {

  /** The smallest canonical size accepted for the benchmark manifest, in bytes. */
  static final int MIN_CANONICAL_BYTES = 4 * 1024;

  /** The largest canonical size accepted for the benchmark manifest, in bytes. */
  static final int MAX_CANONICAL_BYTES = 6 * 1024;

  private static final ManifestCodec CODEC = ManifestCodec.defaults();

  /** A plain mapper: compact output, no features changed. */
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private ModelManifest manifest;
  private ObjectNode tree;
  private byte[] canonicalBytes;

  /** Builds the manifest and its tree once, and checks the manifest's canonical size. */
  @Setup(Level.Trial)
  public void setUp() {
    manifest = manifest();
    tree = CODEC.toTree(manifest);
    canonicalBytes = CODEC.canonicalBytes(manifest);
    int size = canonicalBytes.length;
    if (size < MIN_CANONICAL_BYTES || size > MAX_CANONICAL_BYTES) {
      throw new IllegalStateException(
          "the benchmark manifest has " + size + " canonical bytes; it must have " + MIN_CANONICAL_BYTES + "-"
              + MAX_CANONICAL_BYTES);
    }
    if (!CODEC.digest(manifest).equals(CanonicalJson.sha256(canonicalBytes))) {
      throw new IllegalStateException("the codec digest is not sha256 of the canonical bytes");
    }
  }

  /**
   * The library's digest: manifest to tree, tree to canonical bytes, SHA-256.
   *
   * @return the digest
   */
  @Benchmark
  public Digest canonicalDigest() {
    return CODEC.digest(manifest);
  }

  /**
   * The baseline: the same tree building and hashing as {@link #canonicalDigest}, with a plain Jackson writer
   * instead of the canonical one.
   *
   * @return the digest of the plain bytes
   * @throws JsonProcessingException never, the tree is in memory
   */
  @Benchmark
  public Digest baselinePlainJacksonDigest() throws JsonProcessingException {
    ObjectNode t = CODEC.toTree(manifest);
    byte[] bytes = PLAIN.writeValueAsBytes(t);
    return Digest.sha256(sha256(bytes));
  }

  /**
   * The canonical writer alone, from a prebuilt tree.
   *
   * @return the canonical bytes
   * @throws JsonFormatException never, the tree holds only canonicalisable values
   */
  @Benchmark
  public byte[] canonicalOnlyFromTree() throws JsonFormatException {
    return CanonicalJson.canonicalize(tree);
  }

  /**
   * The plain Jackson writer alone, from the same prebuilt tree.
   *
   * @return the plain bytes
   * @throws JsonProcessingException never, the tree is in memory
   */
  @Benchmark
  public byte[] plainOnlyFromTree() throws JsonProcessingException {
    return PLAIN.writeValueAsBytes(tree);
  }

  /**
   * The step both digests share first: manifest to wire tree.
   *
   * @return the tree
   */
  @Benchmark
  public ObjectNode toTreeOnly() {
    return CODEC.toTree(manifest);
  }

  /**
   * The step both digests share last: SHA-256 over about 5 KB (the canonical bytes) and the {@link Digest} value.
   *
   * @return the digest
   */
  @Benchmark
  public Digest sha256Only() {
    return Digest.sha256(sha256(canonicalBytes));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      // A fresh instance per call, as CanonicalJson.sha256 does, so that both paths pay the same.
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The benchmark manifest

  /**
   * A realistic high-risk manifest of about 5 KB canonical JSON: the credit-scoring example, grown with a validation
   * dataset, more performance, robustness and per-slice fairness metrics, a second fairness assessment and more
   * hyperparameters.
   *
   * @return the manifest
   */
  static ModelManifest manifest() {
    Instant created = Instant.parse("2026-11-19T08:12:00Z");
    List<Dataset> datasets =
        List.of(
            dataset("applications", DatasetRole.TRAIN, '1', "s3://ml-data/credit/applications/2025q4-v7/"),
            dataset("applications-validation", DatasetRole.VALIDATION, '2', "s3://ml-data/credit/validation/2025q4-v7/"),
            dataset("applications-holdout", DatasetRole.TEST, '3', "s3://ml-data/credit/holdout/2025q4-v7/"));
    return ModelManifest.builder()
        .id("risk/credit-scoring")
        .version("2.4.0")
        .description("Logistic-regression score for consumer credit applications.")
        .owner(new Owner("credit-risk-ml", Optional.of("credit-ml@bank.example")))
        .supplier("Example Bank plc")
        .license("LicenseRef-Proprietary")
        .task("binary-classification")
        .framework(Framework.of("scikit-learn", "1.5.2"))
        .tags(List.of("credit", "tabular", "eu", "annex-iii"))
        .languages(List.of("en", "de", "fr"))
        .intendedUse(
            new IntendedUse(
                "Pre-screen consumer credit applications; a credit officer decides.",
                List.of("credit officers", "credit risk analysts"),
                List.of("employment decisions", "insurance pricing", "business loans"),
                List.of("consumer-credit"),
                Optional.of("A credit officer reviews every decline before it is sent."),
                Optional.of(Autonomy.HUMAN_IN_THE_LOOP),
                List.of(
                    io("income", "number", "EUR/year"),
                    io("debt_ratio", "number", null),
                    io("employment_years", "number", "years"),
                    io("region", "category", null)),
                List.of(
                    new IoField(
                        "score",
                        "number",
                        Optional.empty(),
                        List.of(BigDecimal.ZERO, BigDecimal.ONE),
                        List.of(),
                        Optional.of("Probability of default within 12 months")),
                    new IoField(
                        "decision",
                        "category",
                        Optional.empty(),
                        List.of(),
                        List.of("approve", "review", "decline"),
                        Optional.empty()))))
        .risk(
            new RiskAssessment(
                RiskClass.HIGH,
                RiskScheme.EU_AI_ACT,
                List.of("EU-AI-Act Annex III 5(b)", "GDPR", "CCD2"),
                List.of("ISO/IEC 42001", "ISO/IEC 23894"),
                Optional.of(
                    new PersonalData(
                        true,
                        List.of("financial", "demographic"),
                        Optional.of("GDPR Art. 6(1)(b)"),
                        Optional.of("DPIA-2026-014"))),
                List.of(
                    new RiskItem(
                        "proxy discrimination through region",
                        Optional.of("region grouped to 4 zones; quarterly fairness review"),
                        Optional.of("LOW")))))
        .datasets(datasets)
        .build(
            new BuildProvenance(
                new SourceRef("https://git.bank.example/ml/credit-scoring", "3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"),
                ImageRef.parse("registry.bank.example/ml/credit-train@sha256:" + "3".repeat(64)),
                new TrainingRun(
                    "mlflow",
                    "8c1f3e5a7b9d4f2e",
                    Optional.of("https://mlflow.bank.example/#/experiments/4/runs/8c1f3e5a7b9d4f2e"),
                    Optional.of(Instant.parse("2026-11-18T22:00:00Z")),
                    Optional.of(Instant.parse("2026-11-18T23:41:07Z"))),
                hyperparameters()))
        .addArtifact(
            new Artifact(
                "s3://ml-models/credit-scoring/2.4.0/",
                Optional.of("model_signing-directory"),
                Optional.of(18_273L),
                digest('a')))
        .servingImage(ImageRef.parse("registry.bank.example/ml/credit-serve@sha256:" + "5".repeat(64)))
        .evaluation(
            new Evaluation(
                metrics(),
                List.of(
                    new FairnessAssessment(
                        "applicants over 60",
                        Optional.empty(),
                        Optional.of("higher decline rate"),
                        Optional.of("age removed as feature; monitored monthly")),
                    new FairnessAssessment(
                        "applicants from rural regions",
                        Optional.of("faster decisions"),
                        Optional.of("thin credit files"),
                        Optional.of("manual review of every decline"))),
                List.of("Not validated for business loans", "Trained on EU applications only"),
                List.of("Recall on declines traded for a lower false-decline rate"),
                Optional.of("SHAP values per decision, shown to the credit officer")))
        .lifecycle(
            new Lifecycle(
                LifecycleStage.PRODUCTION,
                List.of("champion"),
                List.of(
                    Approval.of(
                        "a.martin@bank.example",
                        "model-owner",
                        ApprovalDecision.APPROVED,
                        LifecycleStage.PRODUCTION,
                        Instant.parse("2026-11-20T10:00:00Z")),
                    Approval.of(
                        "r.okafor@bank.example",
                        "risk-officer",
                        ApprovalDecision.APPROVED,
                        LifecycleStage.PRODUCTION,
                        Instant.parse("2026-11-21T15:30:00Z"))),
                Optional.of("https://wiki.bank.example/ml/credit-scoring/monitoring"),
                Optional.of("2.3.1"),
                created))
        .build();
  }

  private static Dataset dataset(String name, DatasetRole role, char digit, String uri) {
    return new Dataset(
        name,
        "2025q4-v7",
        role,
        Optional.of(uri),
        digest(digit),
        true,
        Optional.of("confidential"),
        Optional.empty());
  }

  private static Digest digest(char hexDigit) {
    return Digest.parse("sha256:" + String.valueOf(hexDigit).repeat(64));
  }

  private static IoField io(String name, String type, String unit) {
    return new IoField(name, type, Optional.ofNullable(unit), List.of(), List.of(), Optional.empty());
  }

  private static Map<String, Object> hyperparameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("C", new BigDecimal("0.5"));
    h.put("penalty", "l2");
    h.put("class_weight", "balanced");
    h.put("max_iter", new BigDecimal("500"));
    h.put("solver", "lbfgs");
    h.put("fit_intercept", Boolean.TRUE);
    return h;
  }

  private static List<Metric> metrics() {
    List<Metric> m = new ArrayList<>();
    m.add(
        new Metric(
            MetricName.AUC,
            new BigDecimal("0.912"),
            MetricCategory.PERFORMANCE,
            Optional.of("applications-holdout"),
            Map.of(),
            Optional.of(Threshold.atLeast(new BigDecimal("0.85"))),
            Optional.of(new ConfidenceInterval(new BigDecimal("0.901"), new BigDecimal("0.923")))));
    m.add(performance(MetricName.ACCURACY, "0.874"));
    m.add(performance(MetricName.PRECISION, "0.811"));
    m.add(performance(MetricName.RECALL, "0.768"));
    m.add(performance(MetricName.F1, "0.789"));
    m.add(
        Metric.of(MetricName.of("psi"), new BigDecimal("0.042"), MetricCategory.ROBUSTNESS)
            .onDataset("applications-validation")
            .withThreshold(Threshold.atMost(new BigDecimal("0.1"))));
    for (String attribute : List.of("sex", "age_band")) {
      m.add(
          fairness(MetricName.DEMOGRAPHIC_PARITY_RATIO, "0.91", attribute)
              .withThreshold(Threshold.atLeast(new BigDecimal("0.8"))));
      m.add(
          fairness(MetricName.EQUAL_OPPORTUNITY_DIFFERENCE, "0.03", attribute)
              .withThreshold(Threshold.atMost(new BigDecimal("0.05"))));
    }
    return m;
  }

  private static Metric performance(MetricName name, String value) {
    return Metric.of(name, new BigDecimal(value), MetricCategory.PERFORMANCE).onDataset("applications-holdout");
  }

  private static Metric fairness(MetricName name, String value, String attribute) {
    return Metric.of(name, new BigDecimal(value), MetricCategory.FAIRNESS)
        .onDataset("applications-holdout")
        .onSlice(Map.of("attribute", attribute));
  }

  /**
   * One line describing the benchmark manifest: coordinates, canonical and plain sizes, digest.
   *
   * @return the description
   */
  static String describeManifest() {
    ModelManifest m = manifest();
    try {
      return m.coordinates() + ": " + CODEC.canonicalBytes(m).length + " canonical bytes, "
          + PLAIN.writeValueAsBytes(CODEC.toTree(m)).length + " plain Jackson bytes, digest " + CODEC.digest(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a tree to memory cannot fail", e);
    }
  }

  /**
   * Prints the benchmark manifest's canonical JSON and a line describing it, to inspect what is measured.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println(new String(CODEC.canonicalBytes(manifest()), StandardCharsets.UTF_8));
    System.out.println("# " + describeManifest());
  }
}
