package dev.modelgov.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLogger;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.async.AsyncLoggerContextSelector;
import org.apache.logging.log4j.core.async.AsyncQueueFullPolicy;
import org.apache.logging.log4j.core.async.AsyncQueueFullPolicyFactory;
import org.apache.logging.log4j.core.async.DefaultAsyncQueueFullPolicy;
import org.apache.logging.log4j.core.async.EventRoute;
import org.apache.logging.log4j.core.jmx.RingBufferAdmin;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.ObjectMessage;

/**
 * The ASYNC baseline of {@link AuditAsyncBenchmark}: Log4j2 all-async loggers (the {@link AsyncLoggerContextSelector},
 * LMAX Disruptor 3.4.x, ring buffer of {@value #RING_BUFFER_SLOTS} slots, blocking queue-full policy) writing each event as one
 * line of JSON through a {@code RandomAccessFile} appender with {@link JsonTemplateLayout} and {@code
 * immediateFlush=false} (configuration: {@code log4j2-audit-bench.xml} in this module's resources).
 *
 * <p>{@link #start} must run before anything else touches Log4j in the JVM (a JMH fork): it sets the system properties
 * Log4j reads once, and fails unless the logger really is an {@link AsyncLogger}, the queue-full policy blocks, the
 * Disruptor is 3.x (Log4j 2.26.1 with Disruptor 4.0.0 silently discards events with two producers; see {@code
 * shared/docs/research/async-calibration.md}) and the JSON layout resolved (shading can drop Log4j's plugin cache).
 * {@link #awaitWritten} waits until the background thread has taken every event off the ring buffer and flushed the
 * file, so a batch is timed until its events are written, not just handed over. {@link #stop} shuts Log4j down and
 * fails unless the file has exactly one line per call.
 */
final class AuditLog4jBaseline {

  /** The system property that names the log file in the Log4j configuration. */
  static final String FILE_PROPERTY = "modelgov.bench.log4j.file";

  /** The Log4j configuration resource. */
  static final String CONFIG = "log4j2-audit-bench.xml";

  /** The ring buffer size: 256 * 1024, Log4j's documented default, as in the calibration runs. */
  static final int RING_BUFFER_SLOTS = 256 * 1024;

  private final Path file;
  private final boolean objectMessage;
  private final Logger logger;
  private final RingBufferAdmin ringBuffer;

  private AuditLog4jBaseline(Path file, boolean objectMessage, Logger logger, RingBufferAdmin ringBuffer) {
    this.file = file;
    this.objectMessage = objectMessage;
    this.logger = logger;
    this.ringBuffer = ringBuffer;
  }

  /**
   * Configures and starts Log4j, and checks the setup.
   *
   * @param file the log file to write (truncated)
   * @param message {@code object}: {@code ObjectMessage(map)} with {@code log4j2.formatMsgAsync=true}, so the map is
   *     serialized on the background thread (the faster setup); {@code map}: {@code MapMessage(map)}
   * @return the started baseline
   */
  static AuditLog4jBaseline start(Path file, String message) {
    boolean object = switch (message) {
      case "object" -> true;
      case "map" -> false;
      default -> throw new IllegalArgumentException("message must be object or map, got " + message);
    };
    requireDisruptor3();
    System.setProperty("log4j2.contextSelector", AsyncLoggerContextSelector.class.getName());
    System.setProperty("log4j2.asyncQueueFullPolicy", "Default");
    // The manual's default; with thread-locals on (the default outside web apps) Log4j 2.26 would pick 4,096 slots.
    System.setProperty("log4j2.asyncLoggerRingBufferSize", Integer.toString(RING_BUFFER_SLOTS));
    System.setProperty("log4j2.formatMsgAsync", Boolean.toString(object));
    System.setProperty("log4j2.configurationFile", CONFIG);
    System.setProperty("log4j2.shutdownHookEnabled", "false");
    System.setProperty(FILE_PROPERTY, file.toString());

    Logger logger = LogManager.getLogger("modelgov.audit.bench");
    if (!(logger instanceof AsyncLogger)) {
      throw new IllegalStateException(
          "Log4j baseline: the logger is a " + logger.getClass().getName() + ", not an AsyncLogger");
    }
    AsyncQueueFullPolicy policy = AsyncQueueFullPolicyFactory.create();
    if (!(policy instanceof DefaultAsyncQueueFullPolicy)
        || policy.getRoute(-1, Level.INFO) != EventRoute.ENQUEUE) {
      throw new IllegalStateException(
          "Log4j baseline: the queue-full policy " + policy.getClass().getName() + " does not block");
    }
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    if (!(context instanceof AsyncLoggerContext async)) {
      throw new IllegalStateException("Log4j baseline: the context is a " + context.getClass().getName());
    }
    Appender appender = context.getConfiguration().getAppender("audit");
    if (appender == null || !(appender.getLayout() instanceof JsonTemplateLayout)) {
      throw new IllegalStateException(
          "Log4j baseline: no RandomAccessFile appender with JsonTemplateLayout (got "
              + (appender == null ? "no appender" : appender.getLayout()) + "); is the Log4j plugin cache in the jar?");
    }
    RingBufferAdmin ring = async.createRingBufferAdmin();
    System.out.printf(
        Locale.ROOT, "%n[log4j baseline] Log4j %s, %s, Disruptor ring buffer %d slots, %s, %s%n",
        log4jVersion(),
        logger.getClass().getSimpleName(), ring.getBufferSize(), policy.getClass().getSimpleName(),
        object ? "ObjectMessage + formatMsgAsync" : "MapMessage");
    return new AuditLog4jBaseline(file, object, logger, ring);
  }

  private static String log4jVersion() {
    try (InputStream in = AuditLog4jBaseline.class.getResourceAsStream(
        "/META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties")) {
      if (in == null) {
        return "2.x";
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version", "2.x");
    } catch (IOException e) {
      return "2.x";
    }
  }

  private static void requireDisruptor3() {
    try {
      Class.forName("com.lmax.disruptor.RingBuffer");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Log4j baseline: the LMAX Disruptor is not on the class path", e);
    }
    try {
      // Added in Disruptor 4.0; absent in 3.x.
      Class.forName("com.lmax.disruptor.RewindableEventHandler");
      throw new IllegalStateException(
          "Log4j baseline: Disruptor 4.x is on the class path; Log4j 2.26.1 silently drops events with it under two"
              + " producers. Use com.lmax:disruptor 3.4.x.");
    } catch (ClassNotFoundException expected) {
      // 3.x
    }
  }

  /**
   * Logs one event.
   *
   * @param event the event as a map
   */
  void log(Map<String, Object> event) {
    if (objectMessage) {
      logger.info(new ObjectMessage(event));
    } else {
      logger.info(new MapMessage<>(event));
    }
  }

  /**
   * Waits until the background thread has consumed every event published so far; it flushes the file at the end of
   * each batch it takes, so the events are then in the file (the page cache), as Log4j never fsyncs.
   */
  void awaitWritten() {
    long size = ringBuffer.getBufferSize();
    while (ringBuffer.getRemainingCapacity() < size) {
      LockSupport.parkNanos(20_000);
    }
  }

  /**
   * Shuts Log4j down, counts the lines written and deletes nothing.
   *
   * @param calls the number of log calls made
   * @param pool the events, to check a sample of lines against their canonical JSON
   * @throws IOException if the file cannot be read
   * @throws IllegalStateException if the file does not have exactly one line per call
   */
  void stop(long calls, AuditBenchEvents pool) throws IOException {
    LogManager.shutdown();
    long bytes = Files.size(file);
    long lines = 0;
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
      }
    }
    Set<String> canonical = new HashSet<>();
    for (int i = 0; i < AuditBenchEvents.POOL; i++) {
      canonical.add(pool.json(i));
    }
    long sampled = 0;
    long same = 0;
    String example = null;
    try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; sampled < 10_000 && (line = r.readLine()) != null; sampled++) {
        if (canonical.contains(line)) {
          same++;
        } else if (example == null) {
          example = line;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n[log4j baseline] %d calls, %d lines written (%.1f B per line); %d of the first %d lines are byte for byte"
            + " the event's canonical JSON%s%n",
        calls, lines, lines == 0 ? 0.0 : bytes / (double) lines, same, sampled,
        example == null ? "" : "; e.g. " + example);
    if (lines != calls) {
      throw new IllegalStateException(
          "Log4j baseline LOST EVENTS: " + calls + " calls but " + lines + " lines written ("
              + (calls - lines) + " missing); the result is not a valid baseline");
    }
  }
}
