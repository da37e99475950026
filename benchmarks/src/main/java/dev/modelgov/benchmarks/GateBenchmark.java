package dev.modelgov.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelGate;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.AuditRecords;
import dev.modelgov.core.json.CanonicalJson;
import dev.modelgov.core.metrics.DriftBaseline;
import dev.modelgov.core.metrics.ModelMetrics;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.Provenance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request cost of {@link ModelGate} against the same work done by hand, in the same run.
 *
 * <ul>
 *   <li>{@link #gate}: what the example server does per request: {@code begin}, subject, 5 features, a fairness group
 *       and {@code succeeded(outputClass, output)}, which records the timer, observes the features for drift (windows
 *       of 1,000), records the prediction for fairness, digests the features' canonical JSON and appends a
 *       {@code prediction} event to an audit log that does what a {@code DurableAuditLog} does on the caller's
 *       thread and no more: the subject pseudonymised (HMAC) and the event encoded as its canonical record
 *       ({@link AuditRecords#encode}) and leaf-hashed. The disk and the writer thread are left out, so that the
 *       figure is the CPU a request costs and the ratio is not drowned by fsync and queue noise.
 *   <li>{@link #baselineByHand}: the same calls made directly on a second {@link ModelMetrics} and the same audit log,
 *       with the same event and the same input digest: the floor that any facade pays.
 * </ul>
 *
 * <p>Target (BenchSummary): {@code gate / baselineByHand} at most 1.1x: the facade may add at most 10%.
 *
 * <pre>{@code
 * scripts/bench.sh Gate
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GateBenchmark {

  private static final int RING = 1024;
  private static final String[] FEATURES = {"income", "debt_ratio", "age", "credit_history_years", "loan_amount"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path dir;
  private Governance governance;
  private ModelGate gate;
  private ModelMetrics byHand;
  private AuditLog audit;
  private ModelRef ref;
  private Clock clock;
  private List<Map<String, Object>> requests;
  private String[] applicants;
  private String[] sexes;
  private int cursor;
  private long sequence;

  /** Signs a small model, opens the gate with drift and fairness, and prepares the request ring. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("modelgov-gate-bench");
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{\"intercept\":-1.2,\"weights\":[0.8,-2.1,0.1,0.3,-0.5]}");
    ModelManifest manifest = ManifestDigestBenchmark.manifest();
    governance = Governance.builder().demoMode().auditLog(new EncodingOnlyLog())
        .meterRegistry(new SimpleMeterRegistry()).build();
    byte[] envelope = governance.provenance().signModel(model, manifest,
        List.of(governance.keys().signingKey(KeyRing.RELEASE).orElseThrow()), Provenance.Format.DSSE);
    SplittableRandom random = new SplittableRandom(20261128L);
    DriftBaseline.Builder baseline = DriftBaseline.builder();
    for (String feature : FEATURES) {
      baseline.numeric(feature, random.doubles(10_000).map(x -> x * 100).toArray());
    }
    DriftBaseline drift = baseline.build();
    gate = governance.gate(manifest).modelDirectory(model).provenance(envelope).promotedFrom(LifecycleStage.STAGING)
        .metrics(governance.metrics(manifest).drift(drift).fairness("sex", "m").build()).open();
    byHand = ModelMetrics.builder("bench/by-hand", "1.0.0").drift(drift).fairness("sex", "m").build();
    byHand.bindTo(governance.meterRegistry());
    audit = governance.audit();
    ref = gate.model();
    clock = governance.clock();
    requests = new java.util.ArrayList<>(RING);
    applicants = new String[RING];
    sexes = new String[RING];
    for (int i = 0; i < RING; i++) {
      Map<String, Object> features = new LinkedHashMap<>();
      for (String feature : FEATURES) {
        features.put(feature, random.nextDouble() * 100);
      }
      requests.add(features);
      applicants[i] = "A-" + (100_000 + i);
      sexes[i] = random.nextBoolean() ? "m" : "f";
    }
  }

  /** An audit log that encodes and hashes each event as the durable log does, and keeps only a count. */
  static final class EncodingOnlyLog implements AuditLog {
    private final AuditPrivacy privacy = AuditPrivacy.ephemeral();
    private final AtomicLong size = new AtomicLong();

    @Override
    public AuditReceipt append(AuditEvent event) {
      byte[] record = AuditRecords.encode(event, privacy);
      return new AuditReceipt(size.getAndIncrement(), AuditRecords.leafHash(record));
    }

    @Override
    public AuditReceipt eraseSubject(String subjectId, String reason) {
      return append(AuditRecords.eraseSubject(privacy, subjectId, reason, Instant.now()));
    }

    @Override
    public void flush() {}

    @Override
    public long size() {
      return size.get();
    }

    @Override
    public Durability durability() {
      return Durability.ASYNC;
    }

    @Override
    public void close() {}
  }

  /** Closes the gate and the log, and deletes the files. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    gate.close();
    byHand.unregister();
    governance.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * One request through the gate.
   *
   * @return the receipt
   */
  @Benchmark
  public AuditReceipt gate() {
    int i = cursor++ & (RING - 1);
    boolean approved = (i & 1) == 0;
    return gate.begin("req-" + sequence++).subject(applicants[i]).features(requests.get(i)).group("sex", sexes[i])
        .positive(approved).succeeded(approved ? "approve" : "decline", approved);
  }

  /**
   * The same request recorded by hand.
   *
   * @return the receipt
   * @throws Exception never: the features always have a canonical form
   */
  @Benchmark
  public AuditReceipt baselineByHand() throws Exception {
    int i = cursor++ & (RING - 1);
    boolean approved = (i & 1) == 0;
    String requestId = "req-" + sequence++;
    long start = System.nanoTime();
    Map<String, Object> features = requests.get(i);
    long nanos = System.nanoTime() - start;
    byHand.recordSuccess(nanos, approved ? "approve" : "decline");
    byHand.observe(features);
    byHand.recordPrediction(requestId, Map.of("sex", sexes[i]), approved);
    return audit.append(PredictionEvent.builder().model(ref).requestId(requestId).timestamp(clock.instant())
        .latency(Duration.ofNanos(nanos)).subject(applicants[i])
        .inputDigest(CanonicalJson.sha256(CanonicalJson.canonicalize(JSON.valueToTree(features))))
        .output(approved).build());
  }
}
