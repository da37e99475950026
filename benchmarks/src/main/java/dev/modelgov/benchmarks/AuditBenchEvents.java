package dev.modelgov.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.ModelRef;
import dev.modelgov.api.audit.PredictionEvent;
import dev.modelgov.core.json.CanonicalJson;
import dev.modelgov.core.json.JsonFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The events every audit-log benchmark records, and the same events in the forms the baselines need: a fixed pool of
 * {@value #POOL} prediction events whose canonical JSON (the bytes the log records as the Merkle leaf) is about
 * {@value #TARGET_BYTES} bytes, the canonical JSON bytes themselves (for the group-commit file writer, PostgreSQL and
 * raw SHA-256) and, for Log4j, each event as a map that Log4j's JSON writer turns into the same line.
 *
 * <p>Each event: {@code type}, {@code ts} (fixed length, with milliseconds), {@code model} (a {@link ModelRef} with its
 * manifest digest), {@code requestId} and {@code output} (class and score): 260 bytes. There is no {@code inputDigest},
 * latency or attribute: the model's manifest digest alone takes 71 bytes, and a second digest would push the event to
 * about 330 bytes.
 * The pool is built from a fixed seed, so every run and every fork records the same bytes.
 *
 * <p>Run {@code java -cp benchmarks/target/benchmarks.jar dev.modelgov.benchmarks.AuditBenchEvents} to print one
 * event and the size range.
 */
public final class AuditBenchEvents {

  /** The number of distinct events, cycled (a power of two). */
  public static final int POOL = 4096;

  /** The intended canonical JSON size of one event. */
  public static final int TARGET_BYTES = 256;

  private static final String[] CLASSES = {"approve", "decline", "pending"};

  private final PredictionEvent[] events;
  private final byte[][] canonical;
  private final List<Map<String, Object>> maps;

  private AuditBenchEvents(PredictionEvent[] events, byte[][] canonical, List<Map<String, Object>> maps) {
    this.events = events;
    this.canonical = canonical;
    this.maps = maps;
  }

  /**
   * Builds the pool; the same on every call.
   *
   * @return the pool
   */
  public static AuditBenchEvents create() {
    SplittableRandom random = new SplittableRandom(6962);
    byte[] manifest = new byte[32];
    for (int i = 0; i < manifest.length; i++) {
      manifest[i] = (byte) random.nextInt(256);
    }
    ModelRef model = new ModelRef(ModelId.parse("risk/credit"), "2.4.0", Digest.sha256(manifest));
    Instant base = Instant.parse("2026-11-28T05:00:00.123Z");
    PredictionEvent[] events = new PredictionEvent[POOL];
    byte[][] canonical = new byte[POOL][];
    List<Map<String, Object>> maps = new java.util.ArrayList<>(POOL);
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 0; i < POOL; i++) {
      String requestId = String.format(Locale.ROOT, "r-%08x", random.nextInt());
      // Four decimals, never a trailing zero, so every score has the same length: 0.1001 .. 0.9999 with last digit 1..9.
      double score = (1000 + random.nextInt(900) * 10 + 1 + random.nextInt(9)) / 10_000.0;
      events[i] = PredictionEvent.builder()
          .model(model)
          .requestId(requestId)
          .output(Map.of("class", CLASSES[i % CLASSES.length], "score", score))
          .timestamp(base.plusSeconds(i))
          .build();
      canonical[i] = canonicalJson(events[i], mapper);
      try {
        maps.add(
            java.util.Collections.unmodifiableMap(
                mapper.readValue(canonical[i], new TypeReference<LinkedHashMap<String, Object>>() {})));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new AuditBenchEvents(events, canonical, List.copyOf(maps));
  }

  /**
   * The canonical JSON of a prediction event as the audit log records it: sorted keys, no whitespace, the model as
   * {@code {"id","manifestDigest","version"}}, the latency as {@code latencyMs} (nanoseconds / 10^6), absent fields
   * left out. The SYNC benchmark checks it against the leaf hash of the log's receipts at setup.
   *
   * @param e the event (no subject or personal data)
   * @param mapper a Jackson mapper for the tree
   * @return the canonical bytes
   */
  static byte[] canonicalJson(PredictionEvent e, ObjectMapper mapper) {
    ObjectNode n = mapper.createObjectNode();
    n.put("type", e.type());
    n.put("ts", e.timestamp().toString());
    if (!e.attributes().isEmpty()) {
      n.set("attributes", mapper.valueToTree(e.attributes()));
    }
    ObjectNode m = n.putObject("model");
    m.put("id", e.model().id().toString());
    m.put("manifestDigest", e.model().manifestDigest().toString());
    m.put("version", e.model().version());
    n.put("requestId", e.requestId());
    e.inputDigest().ifPresent(d -> n.put("inputDigest", d.toString()));
    e.output().ifPresent(o -> n.set("output", mapper.valueToTree(o)));
    e.latency().ifPresent(l -> n.put("latencyMs", l.toNanos() / 1e6));
    try {
      return CanonicalJson.canonicalize(n);
    } catch (JsonFormatException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /**
   * An event of the pool.
   *
   * @param i any index; taken modulo the pool size
   * @return the event
   */
  public PredictionEvent event(long i) {
    return events[(int) (i & (POOL - 1))];
  }

  /**
   * The canonical JSON of {@link #event(long)}; do not modify.
   *
   * @param i any index; taken modulo the pool size
   * @return the bytes
   */
  public byte[] canonical(long i) {
    return canonical[(int) (i & (POOL - 1))];
  }

  /**
   * {@link #canonical(long)} as a string.
   *
   * @param i any index; taken modulo the pool size
   * @return the JSON text
   */
  public String json(long i) {
    return new String(canonical(i), StandardCharsets.UTF_8);
  }

  /**
   * The event as an unmodifiable map in canonical key order (nested maps for {@code model}, {@code output} and
   * {@code attributes}), for Log4j's JSON writer.
   *
   * @param i any index; taken modulo the pool size
   * @return the map
   */
  public Map<String, Object> map(long i) {
    return maps.get((int) (i & (POOL - 1)));
  }

  /**
   * The smallest and largest canonical size in the pool.
   *
   * @return {min, max} in bytes
   */
  public int[] sizeRange() {
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (byte[] b : canonical) {
      min = Math.min(min, b.length);
      max = Math.max(max, b.length);
    }
    return new int[] {min, max};
  }

  /**
   * The RFC 6962 leaf hash of {@link #canonical(long)}: SHA-256(0x00 || bytes), as in the log's receipts.
   *
   * @param i any index
   * @return the digest
   */
  public Digest leafHash(long i) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((byte) 0);
      return Digest.sha256(md.digest(canonical(i)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A one-line description for the summary.
   *
   * @return the description
   */
  public String describe() {
    int[] r = sizeRange();
    return POOL + " prediction events, canonical JSON " + r[0] + "-" + r[1] + " B";
  }

  /**
   * Prints one event and the size range.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    AuditBenchEvents pool = create();
    System.out.println(pool.json(0));
    System.out.println(pool.describe() + "; sizes " + Arrays.toString(pool.sizeRange()));
  }
}
