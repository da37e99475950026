package dev.modelgov.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.core.GateReport;
import dev.modelgov.core.Governance;
import dev.modelgov.core.ModelGate;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.ProofVerificationException;
import dev.modelgov.core.json.JsonFormatException;
import dev.modelgov.core.json.JsonLimits;
import dev.modelgov.core.json.StrictJsonReader;
import dev.modelgov.core.metrics.DriftMonitor;
import dev.modelgov.core.metrics.DriftReport;
import dev.modelgov.core.metrics.DriftResult;
import dev.modelgov.core.metrics.FairnessMonitor;
import dev.modelgov.core.metrics.FairnessReport;
import dev.modelgov.core.metrics.FairnessResult;
import dev.modelgov.core.metrics.GroupRates;
import dev.modelgov.core.metrics.ModelMetrics;
import dev.modelgov.core.metrics.WithheldMetric;
import dev.modelgov.core.policy.DecisionRecords;
import dev.modelgov.k8s.admission.AdmissionHandler;
import dev.modelgov.k8s.admission.AdmissionReviewException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small real HTTP model server, on the JDK's {@code HttpServer} (no framework), serving the {@link
 * CreditScoringModel} with ModelGov embedded. The gate it is given was opened at startup (the model files verified
 * against the signed provenance, the deploy policy allowed); per request the server makes one call through the gate,
 * which records the latency, drift and fairness and appends a {@code prediction} audit event with the applicant id
 * pseudonymised.
 *
 * <ul>
 *   <li>{@code POST /predict} {@code {"applicantId":"A-000123","sex":"f","features":{"income":52000,
 *       "debt_ratio":0.31,"age":41,"credit_history_years":12,"employment":"salaried"}}} answers {@code
 *       {"requestId":"...","approved":true,"probability":0.83,"auditIndex":17}}; bad JSON, a wrong type, a missing or
 *       unknown feature, or a body over {@value #MAX_BODY_BYTES} bytes get 400 with a JSON error naming the field or
 *       the byte offset; 503 when the audit log cannot record the prediction (no answer without a record).
 *   <li>{@code GET /metrics}: the Prometheus scrape, text format 0.0.4, or OpenMetrics when the {@code Accept} header
 *       asks for {@code application/openmetrics-text}.
 *   <li>{@code GET /governance/status}: the model, the startup gate report, a fresh runtime re-check of the deploy
 *       policy with the current signals (audited), the last drift window per feature and method, and fairness.
 *   <li>{@code GET /governance/audit/proof?index=N}: the inclusion proof of audit record N against a fresh signed
 *       checkpoint, as {@code governance audit prove} prints it; 400 for a bad index, 404 beyond the tree, 501 when
 *       the audit log is not a {@link DurableAuditLog}.
 *   <li>{@code POST /admission}: a Kubernetes AdmissionReview answered by the {@link AdmissionHandler}, when one is
 *       configured (404 otherwise).
 * </ul>
 *
 * <p>Errors never carry a stack trace; unexpected ones are logged (System.Logger) and answered 500. The server does
 * not own the governance facade, the gate or the registry: close them after the server.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * try (ExampleServer server = ExampleServer.builder()
 *     .governance(governance).gate(gate).model(model).prometheus(registry)
 *     .port(8080)
 *     .start()) {
 *   System.out.println("serving at " + server.uri());
 *   ...
 * }
 * }</pre>
 */
public final class ExampleServer implements AutoCloseable {

  /** The largest {@code /predict} body accepted, in bytes. */
  public static final int MAX_BODY_BYTES = 64 << 10;

  /** The content type of the Prometheus text format 0.0.4. */
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** The content type of OpenMetrics 1.0. */
  public static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final System.Logger LOG = System.getLogger(ExampleServer.class.getName());
  private static final ObjectMapper COMPACT = new ObjectMapper();
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final StrictJsonReader REQUESTS = StrictJsonReader.withLimits(new JsonLimits(MAX_BODY_BYTES, 8, 1_024, 64));
  private static final Pattern APPLICANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
  private static final Set<String> SEXES = Set.of("f", "m");
  private static final Set<String> PREDICT_FIELDS = Set.of("applicantId", "sex", "features");
  private static final Pattern BYTE_OFFSET = Pattern.compile("\\(byte offset (\\d+)\\)");
  private static final Pattern INDEX_QUERY = Pattern.compile("index=([^&]*)");

  private final Governance governance;
  private final ModelGate gate;
  private final CreditScoringModel model;
  private final PrometheusMeterRegistry prometheus;
  private final AdmissionHandler admission;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI uri;
  private volatile boolean closed;

  private ExampleServer(Builder b) throws IOException {
    this.governance = b.governance;
    this.gate = b.gate;
    this.model = b.model;
    this.prometheus = b.prometheus;
    this.admission = b.admission;
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "modelgov-example-server-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      this.server = HttpServer.create(new InetSocketAddress(b.bindAddress, b.port), 64);
    } catch (IOException e) {
      executor.shutdown();
      throw new IOException("cannot listen on " + b.bindAddress.getHostAddress() + ":" + b.port + ": "
          + e.getMessage(), e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
    InetSocketAddress bound = server.getAddress();
    InetAddress host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound.getAddress();
    String literal = host.getHostAddress();
    this.uri = URI.create("http://" + (literal.contains(":") ? "[" + literal + "]" : literal) + ":" + bound.getPort()
        + "/");
  }

  /**
   * A builder; governance, gate, model and prometheus are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The server's base URI, such as {@code http://127.0.0.1:8080/}.
   *
   * @return the URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * The port the server listens on (the ephemeral one chosen when port 0 was asked for).
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting requests, lets running ones finish (up to a second), and stops the threads. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(1);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "ExampleServer[" + uri + ", model=" + gate.model().coordinates() + "]";
  }

  private void dispatch(HttpExchange exchange) {
    try {
      route(exchange);
    } catch (HttpError e) {
      sendError(exchange, e.status, e.field, e.offset, e.getMessage());
    } catch (IOException e) {
      // The client went away or the body could not be read: nothing more to say to it.
      LOG.log(Level.DEBUG, "I/O error while answering " + exchange.getRequestURI().getPath(), e);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "unexpected error while answering " + exchange.getRequestURI().getPath(), e);
      sendError(exchange, 500, null, -1, "the server failed to answer; see its log");
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    switch (path) {
      case "/predict" -> {
        requireMethod(exchange, "POST");
        predict(exchange);
      }
      case "/metrics" -> {
        requireMethod(exchange, "GET");
        metrics(exchange);
      }
      case "/governance/status" -> {
        requireMethod(exchange, "GET");
        sendJson(exchange, 200, status(), true);
      }
      case "/governance/audit/proof" -> {
        requireMethod(exchange, "GET");
        sendJson(exchange, 200, proof(exchange.getRequestURI().getRawQuery()), true);
      }
      case "/admission" -> {
        if (admission == null) {
          throw new HttpError(404, null, "no admission handler is configured on this server");
        }
        requireMethod(exchange, "POST");
        admission(exchange);
      }
      default -> throw new HttpError(404, null, "no such endpoint; try POST /predict, GET /metrics, "
          + "GET /governance/status, GET /governance/audit/proof?index=N" + (admission == null ? "" : ", POST /admission"));
    }
  }

  private static void requireMethod(HttpExchange exchange, String method) {
    if (!exchange.getRequestMethod().equals(method)) {
      exchange.getResponseHeaders().set("Allow", method);
      throw new HttpError(405, null, exchange.getRequestURI().getPath() + " accepts " + method + " only");
    }
  }

  // ---- POST /predict

  private void predict(HttpExchange exchange) throws IOException {
    byte[] body = readBody(exchange, MAX_BODY_BYTES);
    PredictRequest request = PredictRequest.parse(body);
    String requestId = UUID.randomUUID().toString();
    ModelGate.Prediction prediction = gate.begin(requestId)
        .subject(request.applicantId())
        .features(request.features())
        .group(ExampleSetup.FAIRNESS_ATTRIBUTE, request.sex());
    Score score;
    try {
      score = model.score(request.features());
    } catch (InvalidFeatureException e) {
      // A client error: the model was not run, so nothing is recorded.
      throw new HttpError(400, "features." + e.feature(), e.getMessage());
    } catch (RuntimeException e) {
      prediction.failed(e);
      throw e;
    }
    double probability = Math.round(score.probability() * 10_000) / 10_000.0;
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("approved", score.approved());
    output.put("probability", probability);
    AuditReceipt receipt;
    try {
      receipt = prediction.positive(score.approved())
          .succeeded(score.approved() ? ExampleSetup.APPROVE : ExampleSetup.DECLINE, output);
    } catch (AuditLogException e) {
      LOG.log(Level.ERROR, "the audit log refused a prediction event: " + e.getMessage());
      throw new HttpError(503, null, "the audit log cannot record predictions; no decision is given without a record");
    }
    ObjectNode answer = COMPACT.createObjectNode();
    answer.put("requestId", requestId);
    answer.put("approved", score.approved());
    answer.put("probability", probability);
    answer.put("auditIndex", receipt.index());
    sendJson(exchange, 200, answer, false);
  }

  /** A validated {@code /predict} body. */
  private record PredictRequest(String applicantId, String sex, Map<String, Object> features) {

    @Override
    public String toString() {
      return "PredictRequest[personal data hidden]";
    }

    static PredictRequest parse(byte[] body) {
      JsonNode root;
      try {
        root = REQUESTS.readJson(body);
      } catch (JsonFormatException e) {
        Matcher m = BYTE_OFFSET.matcher(e.getMessage());
        throw new HttpError(400, null, m.find() ? Long.parseLong(m.group(1)) : -1, "malformed JSON: " + e.getMessage());
      }
      if (!root.isObject()) {
        throw new HttpError(400, null, "the body must be a JSON object with applicantId, sex and features");
      }
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        if (!PREDICT_FIELDS.contains(e.getKey())) {
          throw new HttpError(400, e.getKey(), e.getKey() + ": unknown field; expected applicantId, sex and features");
        }
      }
      String applicantId = text(root, "applicantId");
      if (!APPLICANT_ID.matcher(applicantId).matches()) {
        throw new HttpError(400, "applicantId", "applicantId: must be 1 to 64 letters, digits, '.', '_', ':' or '-',"
            + " starting with a letter or digit");
      }
      String sex = text(root, "sex");
      if (!SEXES.contains(sex)) {
        throw new HttpError(400, "sex", "sex: must be \"f\" or \"m\"");
      }
      JsonNode features = root.get("features");
      if (features == null || features.isNull()) {
        throw new HttpError(400, "features", "features: is missing");
      }
      if (!features.isObject()) {
        throw new HttpError(400, "features", "features: must be an object of feature name to value");
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : features.properties()) {
        JsonNode v = e.getValue();
        String field = "features." + e.getKey();
        if (v.isNumber()) {
          values.put(e.getKey(), v.doubleValue());
        } else if (v.isTextual()) {
          values.put(e.getKey(), v.textValue());
        } else {
          throw new HttpError(400, field, field + ": must be a number or a string, was " + kind(v));
        }
      }
      return new PredictRequest(applicantId, sex, values);
    }

    private static String text(JsonNode root, String field) {
      JsonNode v = root.get(field);
      if (v == null || v.isNull()) {
        throw new HttpError(400, field, field + ": is missing");
      }
      if (!v.isTextual()) {
        throw new HttpError(400, field, field + ": must be a string, was " + kind(v));
      }
      return v.textValue();
    }

    private static String kind(JsonNode v) {
      return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }
  }

  // ---- GET /metrics

  private void metrics(HttpExchange exchange) throws IOException {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    String contentType = accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
        ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
    send(exchange, 200, contentType, prometheus.scrape(contentType).getBytes(StandardCharsets.UTF_8));
  }

  // ---- GET /governance/status

  private ObjectNode status() {
    ObjectNode root = PRETTY.createObjectNode();
    root.set("model", modelRef(gate.model()));
    GateReport startup = gate.startupReport();
    ObjectNode s = root.putObject("startup");
    s.put("open", startup.open());
    s.put("summary", startup.summary());
    ArrayNode reasons = s.putArray("reasons");
    startup.reasons().forEach(reasons::add);
    startup.decision().ifPresent(d -> s.put("decisionId", d.decisionId()));
    Decision runtime = gate.recheck();
    root.set("runtime", DecisionRecords.toJson(runtime));
    Optional<ModelMetrics> metrics = gate.metrics();
    metrics.flatMap(ModelMetrics::driftMonitor).ifPresent(m -> root.set("drift", drift(m)));
    metrics.flatMap(ModelMetrics::fairnessMonitor).ifPresent(m -> root.set("fairness", fairness(m)));
    return root;
  }

  private static ObjectNode modelRef(ModelRef ref) {
    ObjectNode node = PRETTY.createObjectNode();
    node.put("id", ref.id().toString());
    node.put("version", ref.version());
    node.put("manifestDigest", ref.manifestDigest().toString());
    node.put("ref", ref.toString());
    return node;
  }

  private static ObjectNode drift(DriftMonitor monitor) {
    ObjectNode node = PRETTY.createObjectNode();
    node.put("windowsClosed", monitor.windowsClosed());
    node.put("openWindowSamples", monitor.currentWindowSamples());
    Optional<DriftReport> last = monitor.lastReport();
    if (last.isEmpty()) {
      node.putNull("lastWindow");
      return node;
    }
    DriftReport r = last.get();
    ObjectNode window = node.putObject("lastWindow");
    window.put("index", r.windowIndex());
    window.put("closedAt", r.closedAt().toString());
    window.put("samples", r.windowSamples());
    window.put("driftDetected", r.driftDetected());
    ArrayNode drifted = window.putArray("driftedFeatures");
    r.driftedFeatures().forEach(drifted::add);
    ObjectNode features = window.putObject("features");
    for (DriftResult result : r.results()) {
      ObjectNode f = features.has(result.feature()) ? (ObjectNode) features.get(result.feature())
          : features.putObject(result.feature());
      ObjectNode m = f.putObject(result.method().tag());
      number(m, "value", result.value());
      number(m, "threshold", result.threshold());
      m.put("drift", result.drift());
    }
    return node;
  }

  private static ObjectNode fairness(FairnessMonitor monitor) {
    FairnessReport report = monitor.report();
    ObjectNode node = PRETTY.createObjectNode();
    node.put("predictions", monitor.predictions());
    node.put("breached", report.breached());
    ArrayNode groups = node.putArray("groups");
    for (GroupRates g : report.groups()) {
      ObjectNode n = groups.addObject();
      n.put("attribute", g.attribute());
      n.put("group", g.group());
      n.put("predictions", g.predictions());
      n.put("selected", g.selected());
      number(n, "selectionRate", g.selectionRate());
    }
    ArrayNode results = node.putArray("results");
    for (FairnessResult f : report.results()) {
      ObjectNode n = results.addObject();
      n.put("attribute", f.attribute());
      n.put("metric", f.metric().tag());
      number(n, "value", f.value());
      number(n, "threshold", f.threshold());
      n.put("breached", f.breached());
    }
    ArrayNode withheld = node.putArray("withheld");
    for (WithheldMetric w : report.withheld()) {
      withheld.add(w.toString());
    }
    return node;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  // ---- GET /governance/audit/proof?index=N

  private ObjectNode proof(String rawQuery) {
    long index = index(rawQuery);
    if (!(governance.audit() instanceof DurableAuditLog log)) {
      throw new HttpError(501, null, "the audit log is not a durable Merkle log; it serves no proofs");
    }
    if (log.size() == 0) {
      throw new HttpError(404, "index", "index: the audit log is empty");
    }
    String note;
    Checkpoint checkpoint;
    try {
      log.checkpointNow();
      note = log.latestCheckpointNote()
          .orElseThrow(() -> new HttpError(503, null, "the audit log has no checkpoint to prove against"));
      checkpoint = Checkpoint.parse(noteText(note));
    } catch (AuditLogException e) {
      throw new HttpError(503, null, "the audit log cannot issue a checkpoint: " + e.getMessage());
    }
    long treeSize = checkpoint.treeSize();
    if (index >= treeSize) {
      throw new HttpError(404, "index", "index: no record " + index + " in the tree of size " + treeSize
          + " (the latest checkpoint)");
    }
    Digest leaf = log.leafHash(index);
    InclusionProof proof = log.inclusionProof(index, treeSize);
    Digest root = log.rootHash(treeSize);
    if (!root.equals(checkpoint.rootHash())) {
      throw new IllegalStateException("the audit log is inconsistent: the root of size " + treeSize
          + " differs from its checkpoint's");
    }
    try {
      proof.verify(leaf, root);
    } catch (ProofVerificationException e) {
      throw new IllegalStateException("the audit log is inconsistent: the proof of record " + index
          + " does not verify against its checkpoint: " + e.getMessage(), e);
    }
    ObjectNode node = PRETTY.createObjectNode();
    node.put("index", index);
    node.put("treeSize", treeSize);
    node.put("leafHash", leaf.toString());
    node.put("rootHash", root.toString());
    ArrayNode path = node.putArray("path");
    proof.path().forEach(d -> path.add(d.toString()));
    node.put("checkpoint", note);
    return node;
  }

  private static long index(String rawQuery) {
    Matcher m = rawQuery == null ? null : INDEX_QUERY.matcher(rawQuery);
    if (m == null || !m.matches()) {
      throw new HttpError(400, "index", "index: required, as ?index=N with N a record index (0 or more)");
    }
    String value = m.group(1);
    if (!value.matches("[0-9]{1,18}")) {
      throw new HttpError(400, "index", "index: must be a non-negative integer");
    }
    return Long.parseLong(value);
  }

  /** The text of a signed note: everything up to and including the newline before the blank line. */
  private static String noteText(String note) {
    int blank = note.indexOf("\n\n");
    if (blank < 0) {
      throw new IllegalStateException("the audit log's checkpoint note has no signature block");
    }
    return note.substring(0, blank + 1);
  }

  // ---- POST /admission

  private void admission(HttpExchange exchange) throws IOException {
    byte[] review = readBody(exchange, AdmissionHandler.DEFAULT_MAX_REVIEW_BYTES);
    byte[] response;
    try {
      response = admission.handle(review);
    } catch (AdmissionReviewException e) {
      throw new HttpError(400, null, e.getMessage());
    }
    send(exchange, 200, JSON_TYPE, response);
  }

  // ---- plumbing

  private static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > limit) {
      throw new HttpError(400, null, "the body is " + length + " bytes, larger than the limit of " + limit + " bytes");
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(limit + 1);
    }
    if (body.length > limit) {
      throw new HttpError(400, null, "the body is larger than the limit of " + limit + " bytes");
    }
    return body;
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode body, boolean pretty) throws IOException {
    byte[] bytes;
    try {
      bytes = (pretty ? PRETTY : COMPACT).writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree to memory cannot fail", e);
    }
    send(exchange, status, JSON_TYPE, bytes);
  }

  private static void sendError(HttpExchange exchange, int status, String field, long offset, String message) {
    ObjectNode error = COMPACT.createObjectNode();
    error.put("error", reason(status));
    if (field != null) {
      error.put("field", field);
    }
    if (offset >= 0) {
      error.put("offset", offset);
    }
    error.put("message", message);
    try {
      sendJson(exchange, status, error, false);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "could not send an error answer", e);
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 501 -> "not_implemented";
      case 503 -> "unavailable";
      default -> "internal_error";
    };
  }

  /** An answer other than 200, with what to tell the client. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final long offset;

    HttpError(int status, String field, String message) {
      this(status, field, -1, message);
    }

    HttpError(int status, String field, long offset, String message) {
      super(message, null, false, false);
      this.status = status;
      this.field = field;
      this.offset = offset;
    }
  }

  /**
   * Builds and starts an {@link ExampleServer}; {@link #start()} checks every setting and names the bad one.
   *
   * <pre>{@code
   * ExampleServer server = ExampleServer.builder()
   *     .governance(governance).gate(gate).model(model).prometheus(registry)
   *     .admission(admissionHandler)   // optional
   *     .port(0)                       // ephemeral
   *     .threads(8)
   *     .start();
   * }</pre>
   */
  public static final class Builder {

    private Governance governance;
    private ModelGate gate;
    private CreditScoringModel model;
    private PrometheusMeterRegistry prometheus;
    private AdmissionHandler admission;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = 8080;
    private int threads = 8;

    private Builder() {}

    /**
     * The governance facade (required): its audit log serves the proofs.
     *
     * @param governance the facade
     * @return this builder
     */
    public Builder governance(Governance governance) {
      this.governance = governance;
      return this;
    }

    /**
     * The open gate of the model served (required).
     *
     * @param gate the gate, opened by {@code governance}
     * @return this builder
     */
    public Builder gate(ModelGate gate) {
      this.gate = gate;
      return this;
    }

    /**
     * The model served (required): the one whose files the gate verified.
     *
     * @param model the model
     * @return this builder
     */
    public Builder model(CreditScoringModel model) {
      this.model = model;
      return this;
    }

    /**
     * The registry the governance facade and the model's metrics are bound to (required): {@code /metrics} scrapes
     * it.
     *
     * @param prometheus the registry
     * @return this builder
     */
    public Builder prometheus(PrometheusMeterRegistry prometheus) {
      this.prometheus = prometheus;
      return this;
    }

    /**
     * The handler of {@code POST /admission} (optional; without one the endpoint answers 404).
     *
     * @param admission the handler
     * @return this builder
     */
    public Builder admission(AdmissionHandler admission) {
      this.admission = admission;
      return this;
    }

    /**
     * The address to listen on (default the loopback address: only this machine can connect).
     *
     * @param bindAddress the address
     * @return this builder
     */
    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    /**
     * The port (default 8080; 0 for an ephemeral port).
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The request threads (default 8).
     *
     * @param threads 1 to 256
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Checks the settings and starts listening.
     *
     * @return the running server
     * @throws IllegalStateException naming a missing or invalid setting
     * @throws IOException if the port cannot be bound
     */
    public ExampleServer start() throws IOException {
      if (governance == null) {
        throw new IllegalStateException("governance must be set");
      }
      if (gate == null) {
        throw new IllegalStateException("gate must be set");
      }
      if (model == null) {
        throw new IllegalStateException("model must be set");
      }
      if (prometheus == null) {
        throw new IllegalStateException("prometheus must be set");
      }
      Objects.requireNonNull(bindAddress, "bindAddress must not be null");
      if (port < 0 || port > 65_535) {
        throw new IllegalStateException("port must be in [0, 65535], was " + port);
      }
      if (threads < 1 || threads > 256) {
        throw new IllegalStateException("threads must be in [1, 256], was " + threads);
      }
      List<String> missing = model.featureNames().stream()
          .filter(f -> !gate.manifest().intendedUse().inputs().stream().anyMatch(i -> i.name().equals(f)))
          .toList();
      if (!missing.isEmpty() && !gate.manifest().intendedUse().inputs().isEmpty()) {
        throw new IllegalStateException("model: features " + missing + " are not inputs of the gate's manifest");
      }
      return new ExampleServer(this);
    }
  }
}
