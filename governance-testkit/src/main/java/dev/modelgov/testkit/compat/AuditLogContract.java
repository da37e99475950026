package dev.modelgov.testkit.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.core.audit.AuditRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of an {@link AuditLog}, as abstract JUnit Jupiter tests: extend it with your own sink, key store
 * adapter or decorator and every test below runs against it.
 *
 * <p>{@link #createLog()} must return a new, empty, open log each time; the kit closes the logs it created after each
 * test. A log that writes records of its own between events (such as {@link
 * dev.modelgov.core.audit.DurableAuditLog}'s signed checkpoint records) must be configured not to during a test, or
 * the density checks fail; for the durable log, open it without a signer or with a long checkpoint interval.
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * class KafkaAuditLogContractTest extends AuditLogContract {
 *   @Override
 *   protected AuditLog createLog() {
 *     return new KafkaAuditLog(testCluster.bootstrapServers(), "audit-" + UUID.randomUUID());
 *   }
 *
 *   @Override
 *   protected boolean supportsErasure() {
 *     return false;   // this sink keeps no personal data
 *   }
 * }
 * }</pre>
 */
@SuppressWarnings("exports") // JUnit Jupiter is optional: only users who extend the kits need it.
public abstract class AuditLogContract {

  /** The timestamp of every event the kit appends, so that records are a function of the test alone. */
  protected static final Instant EVENT_TIME = Instant.parse("2026-03-01T12:00:00Z");

  private static final String SUBJECT = "contract-subject-7f3a91";
  private static final String PERSONAL_VALUE = "Contract Person Q. Secretname";
  private static final int THREADS = 8;
  private static final int PER_THREAD = 50;

  private final List<AuditLog> created = new ArrayList<>();

  /** For subclasses. */
  protected AuditLogContract() {}

  /**
   * Creates the log under test.
   *
   * @return a new, empty, open log
   * @throws Exception if it cannot be created; the test then fails with that exception
   */
  protected abstract AuditLog createLog() throws Exception;

  /**
   * Whether the log keeps personal data protected per subject, so that {@link AuditLog#eraseSubject} erases a
   * subject and returns a receipt. When {@code false}, the kit expects {@code eraseSubject} to throw an
   * {@link AuditLogException} with reason {@code REJECTED}, and events with a data subject to be refused the same way
   * (or recorded without the personal value).
   *
   * @return {@code true} by default
   */
  protected boolean supportsErasure() {
    return true;
  }

  /**
   * Whether the log records events in ModelGov's canonical record format, so that a receipt's leaf hash equals
   * {@code AuditRecords.leafHash(AuditRecords.encode(event, null))} for an event without personal data.
   *
   * @return {@code false} by default
   */
  protected boolean usesCanonicalRecords() {
    return false;
  }

  /**
   * An event of the kit: a custom event of type {@code compat.event} at {@link #EVENT_TIME}.
   *
   * @param n a number recorded as an attribute, making events distinct
   * @return the event
   */
  protected AuditEvent event(long n) {
    return CustomEvent.builder("compat.event").timestamp(EVENT_TIME).attribute("n", n).build();
  }

  private AuditLog newLog() throws Exception {
    AuditLog log = createLog();
    assertThat(log).as("createLog() must return a log").isNotNull();
    created.add(log);
    return log;
  }

  /** Closes every log the test created; a close that throws is ignored here (it has its own test). */
  @AfterEach
  public void closeCreatedLogs() {
    for (AuditLog log : created) {
      try {
        log.close();
      } catch (RuntimeException ignored) {
        // The test already passed or failed on its own.
      }
    }
    created.clear();
  }

  /**
   * A new log is empty.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("a new log is empty")
  public void a_new_log_is_empty() throws Exception {
    // GIVEN / WHEN
    AuditLog log = newLog();
    // THEN
    assertThat(log.size()).as("size() of a new log").isZero();
  }

  /**
   * Indices start at 0 and are dense.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("indices start at 0 and are dense")
  public void indices_start_at_0_and_are_dense() throws Exception {
    // GIVEN
    AuditLog log = newLog();
    // WHEN
    List<Long> indices = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      indices.add(log.append(event(i)).index());
    }
    // THEN
    assertThat(indices).as("receipt indices of 10 appends").containsExactlyElementsOf(
        LongStream.range(0, 10).boxed().toList());
  }

  /**
   * Size() is the next event's index.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("size() is the next event's index")
  public void size_is_the_next_events_index() throws Exception {
    // GIVEN
    AuditLog log = newLog();
    for (int i = 0; i < 5; i++) {
      // WHEN
      long before = log.size();
      AuditReceipt r = log.append(event(i));
      // THEN
      assertThat(r.index()).as("index of append %s", i).isEqualTo(before);
      assertThat(log.size()).as("size() after append %s", i).isEqualTo(before + 1);
    }
  }

  /**
   * Concurrent appends from 8 threads get unique, dense indices.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("concurrent appends from 8 threads get unique, dense indices")
  public void concurrent_appends_get_unique_dense_indices() throws Exception {
    // GIVEN 8 threads released together
    AuditLog log = newLog();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Long>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          List<Long> mine = new ArrayList<>();
          for (int i = 0; i < PER_THREAD; i++) {
            mine.add(log.append(event(thread * 1000L + i)).index());
          }
          return mine;
        }));
      }
      // WHEN
      start.countDown();
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      // THEN
      int total = THREADS * PER_THREAD;
      assertThat(new HashSet<>(all)).as("distinct indices").hasSize(total);
      assertThat(new TreeSet<>(all)).as("indices").containsExactlyElementsOf(
          LongStream.range(0, total).boxed().toList());
      assertThat(log.size()).as("size() after %s appends", total).isEqualTo(total);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Append(null) throws NullPointerException.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("append(null) throws NullPointerException")
  public void append_null_throws_npe() throws Exception {
    // GIVEN
    AuditLog log = newLog();
    // WHEN / THEN
    assertThatThrownBy(() -> log.append(null)).isInstanceOf(NullPointerException.class);
    assertThat(log.size()).as("size() after a refused append").isZero();
  }

  /**
   * Append after close throws AuditLogException CLOSED, and close is idempotent.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("append after close throws AuditLogException CLOSED, and close is idempotent")
  public void append_after_close_throws_closed() throws Exception {
    // GIVEN a closed log
    AuditLog log = newLog();
    log.append(event(0));
    log.close();
    // WHEN
    Throwable thrown = catchThrowable(() -> log.append(event(1)));
    // THEN
    assertThat(thrown).as("append after close").isInstanceOf(AuditLogException.class);
    assertThat(((AuditLogException) thrown).reason()).isEqualTo(AuditLogException.Reason.CLOSED);
    assertThatCode(log::close).as("a second close").doesNotThrowAnyException();
  }

  /**
   * Flush after appends does not throw.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("flush after appends does not throw")
  public void flush_after_appends_does_not_throw() throws Exception {
    // GIVEN
    AuditLog log = newLog();
    for (int i = 0; i < 3; i++) {
      log.append(event(i));
    }
    // WHEN / THEN
    assertThatCode(log::flush).doesNotThrowAnyException();
    assertThat(log.size()).as("size() after flush").isEqualTo(3);
  }

  /**
   * Durability() is declared.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("durability() is declared")
  public void durability_is_declared() throws Exception {
    // GIVEN / WHEN / THEN
    assertThat(newLog().durability()).isNotNull();
  }

  /**
   * Receipts carry distinct SHA-256 leaf hashes for distinct events.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("receipts carry distinct SHA-256 leaf hashes for distinct events")
  public void receipts_carry_distinct_leaf_hashes() throws Exception {
    // GIVEN
    AuditLog log = newLog();
    // WHEN
    AuditReceipt a = log.append(event(1));
    AuditReceipt b = log.append(event(2));
    // THEN
    assertThat(a.leafHash().algorithm()).isEqualTo("sha256");
    assertThat(a.leafHash()).isNotEqualTo(b.leafHash());
  }

  /**
   * EraseSubject returns a receipt when erasure is supported, else throws REJECTED.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("eraseSubject returns a receipt when erasure is supported, else throws REJECTED")
  public void erasure_behaviour() throws Exception {
    // GIVEN a log that recorded an event about a subject, if it takes personal data
    AuditLog log = newLog();
    if (supportsErasure()) {
      log.append(CustomEvent.builder("compat.person").timestamp(EVENT_TIME).subject(SUBJECT)
          .personalData("name", PERSONAL_VALUE).build());
      long before = log.size();
      // WHEN
      AuditReceipt r = log.eraseSubject(SUBJECT, "compat erasure request 1");
      // THEN the erasure is an event of its own
      assertThat(r.index()).as("index of the erasure event").isEqualTo(before);
      assertThat(log.size()).as("size() after the erasure").isEqualTo(before + 1);
    } else {
      // WHEN
      Throwable thrown = catchThrowable(() -> log.eraseSubject(SUBJECT, "compat erasure request 1"));
      // THEN
      assertThat(thrown).as("eraseSubject on a log without erasure").isInstanceOf(AuditLogException.class);
      assertThat(((AuditLogException) thrown).reason()).isEqualTo(AuditLogException.Reason.REJECTED);
      assertThat(thrown.getMessage()).doesNotContain(SUBJECT);
    }
  }

  /**
   * ToString and errors never show a subject id or personal value.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("toString and errors never show a subject id or personal value")
  public void to_string_shows_no_personal_data() throws Exception {
    // GIVEN an event with a subject and a personal value
    AuditLog log = newLog();
    AuditEvent person = CustomEvent.builder("compat.person").timestamp(EVENT_TIME).subject(SUBJECT)
        .personalData("name", PERSONAL_VALUE).build();
    // WHEN it is appended (a log without erasure may refuse it)
    Throwable thrown = catchThrowable(() -> log.append(person));
    // THEN
    if (supportsErasure()) {
      assertThat(thrown).as("append of an event with personal data").isNull();
    } else if (thrown != null) {
      assertThat(thrown).isInstanceOf(AuditLogException.class);
      assertThat(thrown.getMessage()).doesNotContain(SUBJECT).doesNotContain(PERSONAL_VALUE);
    }
    assertThat(log.toString()).doesNotContain(SUBJECT).doesNotContain(PERSONAL_VALUE);
  }

  /**
   * Receipts' leaf hashes are those of the canonical records, when the log says it uses them.
   *
   * @throws Exception if the log cannot be created
   */
  @Test
  @DisplayName("receipts' leaf hashes are those of the canonical records, when the log says it uses them")
  public void leaf_hashes_are_canonical() throws Exception {
    assumeTrue(usesCanonicalRecords(), "the log does not declare canonical records");
    // GIVEN
    AuditLog log = newLog();
    for (int i = 0; i < 5; i++) {
      AuditEvent e = event(i);
      // WHEN
      AuditReceipt r = log.append(e);
      // THEN
      assertThat(r.leafHash()).as("leaf hash of event %s", i)
          .isEqualTo(AuditRecords.leafHash(AuditRecords.encode(e, null)));
    }
  }
}
