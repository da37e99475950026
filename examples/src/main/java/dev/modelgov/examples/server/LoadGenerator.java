package dev.modelgov.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.json.StrictJsonReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Sends a realistic stream of credit applications to an {@link ExampleServer}'s {@code POST /predict}, optionally
 * with drift injected from a given request on, so that drift and fairness signals become visible. The applicants are
 * drawn from a seeded distribution of incomes, debt ratios, ages, credit histories and employment (the one the shipped
 * {@code drift-baseline.json} was fitted from): the same seed gives the same applicants, in the same order, whatever
 * the concurrency. From {@code driftFrom} on, incomes fall by 30 %
 * and debt ratios rise by 0.12, enough for PSI above 0.25 on both within a window of a few hundred requests. The
 * applicant stream has a pay gap between the sex groups {@code f} and {@code m}, so approvals differ by group.
 *
 * <pre>{@code
 * LoadReport report = LoadGenerator.builder()
 *     .target(server.uri())
 *     .requests(600)
 *     .driftFrom(300)
 *     .seed(42)
 *     .concurrency(4)
 *     .progress(done -> System.out.print("\r" + done + " requests"))
 *     .build()
 *     .run();
 * }</pre>
 */
public final class LoadGenerator {

  /** The most requests one run sends. */
  public static final int MAX_REQUESTS = 1_000_000;

  /** The most concurrent senders. */
  public static final int MAX_CONCURRENCY = 64;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StrictJsonReader RESPONSES = StrictJsonReader.withLimits(new JsonLimits(64 << 10, 8, 4_096, 100));
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI predict;
  private final int requests;
  private final int driftFrom;
  private final long seed;
  private final int concurrency;
  private final IntConsumer progress;

  private LoadGenerator(Builder b) {
    this.predict = b.target.resolve("/predict");
    this.requests = b.requests;
    this.driftFrom = b.driftFrom;
    this.seed = b.seed;
    this.concurrency = b.concurrency;
    this.progress = b.progress;
  }

  /**
   * A builder: set at least the target.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The applicants a run with this seed sends, in request order.
   *
   * @param seed the seed
   * @param count how many
   * @param driftFrom the index from which applicants are drifted, -1 for none
   * @return the applicants
   */
  static List<Applicant> applicants(long seed, int count, int driftFrom) {
    Random random = new Random(seed);
    int firstId = (int) Math.floorMod(seed * 7_919L, 900_000L);
    List<Applicant> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = String.format(Locale.ROOT, "A-%06d", (firstId + i) % 1_000_000);
      out.add(Applicant.draw(random, id, driftFrom >= 0 && i >= driftFrom));
    }
    return out;
  }

  /**
   * Sends every request and waits for the answers. Each request is one {@code POST /predict}; an answer other than
   * 200 with {@code approved} and {@code auditIndex}, or an I/O error, counts as a failure and the run goes on.
   * {@code progress} is called after each answer with the number answered so far, from the sending threads.
   *
   * @return what was sent and received
   * @throws IOException if no request at all reached the server (the last I/O error is the cause)
   * @throws InterruptedException if the calling thread is interrupted; the senders are stopped
   */
  public LoadReport run() throws IOException, InterruptedException {
    List<Applicant> applicants = applicants(seed, requests, driftFrom);
    Outcome[] outcomes = new Outcome[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<IOException> lastIoError = new AtomicReference<>();
    ExecutorService senders = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "modelgov-load-generator");
      t.setDaemon(true);
      return t;
    });
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(senders.submit(() -> {
          for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
            outcomes[i] = send(client, applicants.get(i), lastIoError);
            progress.accept(done.incrementAndGet());
          }
          return null;
        }));
      }
      for (Future<?> f : workers) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a load generator thread failed", e.getCause());
        }
      }
    } finally {
      senders.shutdownNow();
    }
    return report(applicants, outcomes, lastIoError.get());
  }

  private LoadReport report(List<Applicant> applicants, Outcome[] outcomes, IOException lastIoError)
      throws IOException {
    int succeeded = 0;
    int ioFailures = 0;
    Map<String, Integer> requestsByGroup = new TreeMap<>();
    Map<String, Integer> approvalsByGroup = new TreeMap<>();
    List<Long> auditIndexes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      Applicant a = applicants.get(i);
      ids.add(a.id());
      requestsByGroup.merge(a.sex(), 1, Integer::sum);
      approvalsByGroup.putIfAbsent(a.sex(), 0);
      Outcome o = outcomes[i];
      if (o.succeeded()) {
        succeeded++;
        auditIndexes.add(o.auditIndex());
        if (o.approved()) {
          approvalsByGroup.merge(a.sex(), 1, Integer::sum);
        }
      } else if (o.ioFailure()) {
        ioFailures++;
      }
    }
    if (ioFailures == requests && lastIoError != null) {
      throw new IOException("no request reached " + predict + ": " + lastIoError.getMessage(), lastIoError);
    }
    return new LoadReport(requests, succeeded, requests - succeeded, requestsByGroup, approvalsByGroup, auditIndexes,
        ids);
  }

  private Outcome send(HttpClient client, Applicant a, AtomicReference<IOException> lastIoError)
      throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(predict)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(a)))
        .build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      lastIoError.set(e);
      return Outcome.IO_FAILURE;
    }
    if (response.statusCode() != 200) {
      return Outcome.FAILURE;
    }
    try {
      JsonNode node = RESPONSES.readJson(response.body());
      JsonNode approved = node.get("approved");
      JsonNode index = node.get("auditIndex");
      if (approved == null || !approved.isBoolean() || index == null || !index.canConvertToLong()) {
        return Outcome.FAILURE;
      }
      return new Outcome(true, false, approved.booleanValue(), index.longValue());
    } catch (JsonFormatException e) {
      return Outcome.FAILURE;
    }
  }

  static byte[] body(Applicant a) {
    ObjectNode body = JSON.createObjectNode();
    body.put("applicantId", a.id());
    body.put("sex", a.sex());
    body.set("features", JSON.valueToTree(a.features()));
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree to memory cannot fail", e);
    }
  }

  @Override
  public String toString() {
    return "LoadGenerator[target=" + predict + ", requests=" + requests + ", driftFrom=" + driftFrom
        + ", concurrency=" + concurrency + "]";
  }

  /** The outcome of one request. */
  private record Outcome(boolean succeeded, boolean ioFailure, boolean approved, long auditIndex) {
    static final Outcome FAILURE = new Outcome(false, false, false, -1);
    static final Outcome IO_FAILURE = new Outcome(false, true, false, -1);
  }

  /**
   * Builds a {@link LoadGenerator}; {@link #build()} checks every setting and names the bad one.
   *
   * <pre>{@code
   * LoadGenerator g = LoadGenerator.builder().target(URI.create("http://127.0.0.1:8080/")).requests(100).build();
   * }</pre>
   */
  public static final class Builder {

    private URI target;
    private int requests = 600;
    private int driftFrom = -1;
    private long seed = 42;
    private int concurrency = 4;
    private IntConsumer progress = done -> { };

    private Builder() {}

    /**
     * The server's base URI (required); requests go to its {@code /predict}.
     *
     * @param target an absolute {@code http} or {@code https} URI
     * @return this builder
     */
    public Builder target(URI target) {
      this.target = target;
      return this;
    }

    /**
     * How many requests to send (default 600).
     *
     * @param requests 1 to {@value LoadGenerator#MAX_REQUESTS}
     * @return this builder
     */
    public Builder requests(int requests) {
      this.requests = requests;
      return this;
    }

    /**
     * The index of the first drifted request (default -1: no drift).
     *
     * @param driftFrom -1, or 0 to the number of requests
     * @return this builder
     */
    public Builder driftFrom(int driftFrom) {
      this.driftFrom = driftFrom;
      return this;
    }

    /**
     * The seed of the applicant stream (default 42).
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * How many requests are in flight at once (default 4).
     *
     * @param concurrency 1 to {@value LoadGenerator#MAX_CONCURRENCY}
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Called after each answer with the number of requests answered so far (from the sending threads).
     *
     * @param progress the callback, must not be {@code null}
     * @return this builder
     */
    public Builder progress(IntConsumer progress) {
      this.progress = progress;
      return this;
    }

    /**
     * Checks the settings.
     *
     * @return the generator
     * @throws IllegalStateException naming the setting that is missing or out of range
     */
    public LoadGenerator build() {
      if (target == null) {
        throw new IllegalStateException("target must be set");
      }
      String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
      if (!target.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
        throw new IllegalStateException("target must be an absolute http or https URI with a host");
      }
      if (requests < 1 || requests > MAX_REQUESTS) {
        throw new IllegalStateException("requests must be in [1, " + MAX_REQUESTS + "], was " + requests);
      }
      if (driftFrom < -1 || driftFrom > requests) {
        throw new IllegalStateException("driftFrom must be -1 (no drift) or in [0, " + requests + "], was "
            + driftFrom);
      }
      if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new IllegalStateException("concurrency must be in [1, " + MAX_CONCURRENCY + "], was " + concurrency);
      }
      Objects.requireNonNull(progress, "progress must not be null");
      return new LoadGenerator(this);
    }
  }
}
