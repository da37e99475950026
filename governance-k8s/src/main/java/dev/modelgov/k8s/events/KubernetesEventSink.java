package dev.modelgov.k8s.events;

import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.policy.Decision;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A best-effort sink of governance events as Kubernetes {@code events.k8s.io/v1} Events: rate-limited (token bucket,
 * default 10 per second, burst 20), asynchronous on a small bounded queue, and never throwing or blocking the caller.
 * Excess, overflow and failures are dropped and counted; failures are logged at most once a minute. Events are short
 * lived and lossy: the audit log, not this sink, is the system of record.
 *
 * <p>Only non-personal fields are used: an audit event's type, time and trace id (never its subject, personal data or
 * attributes); a decision's effect, policy, point and summary counts.
 *
 * <pre>{@code
 * try (KubernetesEventSink sink = KubernetesEventSink.builder(client).namespace("ml").reportingInstance(podName).build()) {
 *   sink.publish(decision, new ObjectReferenceBuilder().withApiVersion("governance.modelgov.dev/v1alpha1")
 *       .withKind("GovernedModel").withNamespace("ml").withName("credit-scoring").build());
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class KubernetesEventSink implements AutoCloseable {

  /** The {@code reportingController} of every event. */
  public static final String REPORTING_CONTROLLER = "governance.modelgov.dev/modelgov";

  /** The longest reason and action, in characters. */
  public static final int MAX_REASON = 128;

  /** The longest note, in UTF-8 bytes. */
  public static final int MAX_NOTE_BYTES = 1024;

  private static final System.Logger LOG = System.getLogger(KubernetesEventSink.class.getName());
  private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
      .withZone(java.time.ZoneOffset.UTC);
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final KubernetesClient client;
  private final String namespace;
  private final String reportingInstance;
  private final BlockingQueue<Event> queue;
  private final Thread worker;
  private final LongSupplier nanoTime;
  private final double ratePerNano;
  private final double burst;
  private final Object bucketLock = new Object();
  private double tokens;
  private long lastRefill;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong queueFull = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private volatile long lastLog = Long.MIN_VALUE;
  private volatile boolean closed;

  private KubernetesEventSink(Builder b) {
    this.client = b.client;
    this.namespace = b.namespace;
    this.reportingInstance = b.reportingInstance;
    this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    this.nanoTime = b.nanoTime;
    this.ratePerNano = b.perSecond / 1e9;
    this.burst = b.burst;
    this.tokens = b.burst;
    this.lastRefill = nanoTime.getAsLong();
    this.worker = new Thread(this::drain, "modelgov-k8s-events");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  /**
   * @param client the client events are created with
   * @return a builder
   */
  public static Builder builder(KubernetesClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Queues an Event for an audit event (type {@code Normal}, reason from its type, action {@code Record}).
   *
   * @param event the audit event; only its type, time and trace id are used
   * @param regarding the GovernedModel or workload it is about
   * @return whether it was queued (false: rate-limited, queue full, closed, or bad input — all counted)
   */
  public boolean publish(AuditEvent event, ObjectReference regarding) {
    try {
      String note = "audit event " + event.type() + " recorded at " + event.timestamp()
          + event.traceId().map(t -> " (trace " + t + ")").orElse("");
      return offer(regarding, "Normal", reason(event.type()), "Record", note, event.timestamp());
    } catch (RuntimeException e) {
      failure(e);
      return false;
    }
  }

  /**
   * Queues an Event for a policy decision: {@code Warning} when it denies or warns, reason {@code PolicyDenied},
   * {@code PolicyWarned} or {@code PolicyAllowed}, action {@code Evaluate<Point>}.
   *
   * @param decision the decision
   * @param regarding the GovernedModel or workload it is about
   * @return whether it was queued
   */
  public boolean publish(Decision decision, ObjectReference regarding) {
    try {
      String reason = switch (decision.effect()) {
        case DENY -> "PolicyDenied";
        case WARN -> "PolicyWarned";
        case ALLOW -> "PolicyAllowed";
      };
      String type = reason.equals("PolicyAllowed") ? "Normal" : "Warning";
      String point = decision.point().name().charAt(0) + decision.point().name().substring(1).toLowerCase(Locale.ROOT);
      String note = decision.summaryText() + " [decision " + decision.decisionId() + "]";
      return offer(regarding, type, reason, "Evaluate" + point, note, decision.timestamp());
    } catch (RuntimeException e) {
      failure(e);
      return false;
    }
  }

  private boolean offer(ObjectReference regarding, String type, String reason, String action, String note,
      Instant time) {
    Objects.requireNonNull(regarding, "regarding");
    if (closed) {
      return false;
    }
    if (!takeToken()) {
      rateLimited.incrementAndGet();
      return false;
    }
    String ns = regarding.getNamespace() != null ? regarding.getNamespace() : namespace;
    Event e = new EventBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(eventName(regarding))
        .endMetadata()
        .withEventTime(new MicroTime(MICRO.format(time.truncatedTo(ChronoUnit.MICROS))))
        .withType(type)
        .withReason(truncate(reason, MAX_REASON))
        .withAction(truncate(action, MAX_REASON))
        .withNote(truncateUtf8(note, MAX_NOTE_BYTES))
        .withRegarding(regarding)
        .withReportingController(REPORTING_CONTROLLER)
        .withReportingInstance(truncate(reportingInstance, MAX_REASON))
        .build();
    pending.incrementAndGet();
    if (!queue.offer(e)) {
      pending.decrementAndGet();
      queueFull.incrementAndGet();
      return false;
    }
    return true;
  }

  private static String eventName(ObjectReference regarding) {
    String base = regarding.getName() == null ? "modelgov" : regarding.getName();
    if (base.length() > 200) {
      base = base.substring(0, 200);
    }
    return base + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private boolean takeToken() {
    synchronized (bucketLock) {
      long now = nanoTime.getAsLong();
      tokens = Math.min(burst, tokens + (now - lastRefill) * ratePerNano);
      lastRefill = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }

  private void drain() {
    while (true) {
      Event e;
      try {
        e = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException ie) {
        return;
      }
      if (e == null) {
        if (closed) {
          return;
        }
        continue;
      }
      try {
        client.events().v1().events().inNamespace(e.getMetadata().getNamespace()).resource(e).create();
        published.incrementAndGet();
      } catch (RuntimeException ex) {
        failure(ex);
      } finally {
        synchronized (pending) {
          pending.decrementAndGet();
          pending.notifyAll();
        }
      }
    }
  }

  private void failure(RuntimeException e) {
    failed.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLog;
    if (last == Long.MIN_VALUE || now - last >= LOG_EVERY_NANOS) {
      lastLog = now;
      LOG.log(Level.WARNING, "cannot create Kubernetes events (" + failed.get() + " failed so far): "
          + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * Waits until every queued event has been sent or has failed.
   *
   * @param timeout the longest wait
   * @return whether the queue drained in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (pending) {
      while (pending.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(pending, left);
      }
    }
    return true;
  }

  /** @return events created */
  public long published() {
    return published.get();
  }

  /** @return events dropped by the rate limit */
  public long droppedRateLimited() {
    return rateLimited.get();
  }

  /** @return events dropped because the queue was full */
  public long droppedQueueFull() {
    return queueFull.get();
  }

  /** @return events whose creation failed (or whose input was unusable) */
  public long failed() {
    return failed.get();
  }

  /** Stops accepting events, sends what is queued (up to 5 seconds), and stops the worker. Never throws. */
  @Override
  public void close() {
    closed = true;
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.interrupt();
  }

  @Override
  public String toString() {
    return "KubernetesEventSink[published=" + published + ", rateLimited=" + rateLimited + ", queueFull=" + queueFull
        + ", failed=" + failed + "]";
  }

  static String reason(String type) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : type.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return out.length() == 0 ? "AuditEvent" : truncate(out.toString(), MAX_REASON);
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  static String truncateUtf8(String s, int maxBytes) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length <= maxBytes) {
      return s;
    }
    int end = maxBytes - 3;
    while (end > 0 && (b[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(b, 0, end, StandardCharsets.UTF_8) + "...";
  }

  /** Builds a {@link KubernetesEventSink}; {@link #build()} checks the fields and starts the worker. */
  public static final class Builder {
    private final KubernetesClient client;
    private String namespace = "default";
    private String reportingInstance = "modelgov";
    private double perSecond = 10;
    private int burst = 20;
    private int queueCapacity = 100;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder(KubernetesClient client) {
      this.client = client;
    }

    /**
     * @param value the namespace of events whose regarding object has none
     * @return this builder
     */
    public Builder namespace(String value) {
      this.namespace = Objects.requireNonNull(value, "namespace");
      return this;
    }

    /**
     * @param value the reporting instance, for example the pod name
     * @return this builder
     */
    public Builder reportingInstance(String value) {
      this.reportingInstance = Objects.requireNonNull(value, "reportingInstance");
      return this;
    }

    /**
     * @param perSecond sustained events per second, positive
     * @param burst the bucket size, at least 1
     * @return this builder
     */
    public Builder rateLimit(double perSecond, int burst) {
      this.perSecond = perSecond;
      this.burst = burst;
      return this;
    }

    /**
     * @param value the queue capacity, 1 to 10 000
     * @return this builder
     */
    public Builder queueCapacity(int value) {
      this.queueCapacity = value;
      return this;
    }

    /**
     * @param value the monotonic clock of the rate limit, for tests
     * @return this builder
     */
    public Builder nanoTime(LongSupplier value) {
      this.nanoTime = Objects.requireNonNull(value, "nanoTime");
      return this;
    }

    /**
     * @return the running sink
     * @throws IllegalArgumentException naming the bad field
     */
    public KubernetesEventSink build() {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("rateLimit.perSecond must be positive, not " + perSecond);
      }
      if (burst < 1) {
        throw new IllegalArgumentException("rateLimit.burst must be at least 1, not " + burst);
      }
      if (queueCapacity < 1 || queueCapacity > 10_000) {
        throw new IllegalArgumentException("queueCapacity must be 1 to 10000, not " + queueCapacity);
      }
      if (namespace.isBlank()) {
        throw new IllegalArgumentException("namespace must not be blank");
      }
      return new KubernetesEventSink(this);
    }
  }
}
