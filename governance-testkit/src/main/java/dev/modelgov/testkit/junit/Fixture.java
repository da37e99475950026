package dev.modelgov.testkit.junit;

import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.core.Governance;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.testkit.doubles.InMemoryAuditLog;
import dev.modelgov.testkit.doubles.RecordingDecisionListener;
import dev.modelgov.testkit.doubles.TestClock;
import dev.modelgov.testkit.doubles.TestKeyRing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One test's Governance and doubles, kept in the test's {@code ExtensionContext.Store} and closed by JUnit when the
 * test's context closes: the facade, the audit log, the registry, then the temporary audit directory is deleted.
 */
final class Fixture implements AutoCloseable {

  private final TestClock clock;
  private final TestKeyRing keys;
  private final AuditLog log;
  private final InMemoryAuditLog memoryLog;
  private final DurableAuditLog durableLog;
  private final Path tempDir;
  private final RecordingDecisionListener recorder;
  private final SimpleMeterRegistry registry;
  private final Governance governance;

  private Fixture(TestClock clock, TestKeyRing keys, InMemoryAuditLog memoryLog, DurableAuditLog durableLog,
      Path tempDir, RecordingDecisionListener recorder, SimpleMeterRegistry registry, Governance governance) {
    this.clock = clock;
    this.keys = keys;
    this.memoryLog = memoryLog;
    this.durableLog = durableLog;
    this.log = memoryLog != null ? memoryLog : durableLog;
    this.tempDir = tempDir;
    this.recorder = recorder;
    this.registry = registry;
    this.governance = governance;
  }

  static Fixture open(String environment, boolean durable) throws IOException {
    TestClock clock = TestClock.create();
    TestKeyRing keys = TestKeyRing.generate(KeyRing.RELEASE, KeyRing.AUDIT);
    InMemoryAuditLog memoryLog = null;
    DurableAuditLog durableLog = null;
    Path tempDir = null;
    if (durable) {
      tempDir = Files.createTempDirectory("modelgov-audit-");
      try {
        durableLog = DurableAuditLog.builder(tempDir.resolve("audit"))
            .origin(GovernanceExtension.AUDIT_ORIGIN)
            .signer(keys.noteSigner(KeyRing.AUDIT, GovernanceExtension.AUDIT_ORIGIN))
            .privacy(AuditPrivacy.ephemeral())
            .preallocate(false)
            .open();
      } catch (IOException | RuntimeException e) {
        deleteTree(tempDir);
        throw e;
      }
    } else {
      memoryLog = InMemoryAuditLog.builder()
          .origin(GovernanceExtension.AUDIT_ORIGIN)
          .signer(keys.noteSigner(KeyRing.AUDIT, GovernanceExtension.AUDIT_ORIGIN))
          .clock(clock)
          .build();
    }
    RecordingDecisionListener recorder = new RecordingDecisionListener();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Governance.Builder b = Governance.builder().clock(clock).keyRing(keys)
        .auditLog(memoryLog != null ? memoryLog : durableLog).meterRegistry(registry).decisionListener(recorder);
    if (!environment.isEmpty()) {
      b.environment(environment);
    }
    try {
      return new Fixture(clock, keys, memoryLog, durableLog, tempDir, recorder, registry, b.build());
    } catch (IOException | RuntimeException e) {
      if (durableLog != null) {
        durableLog.close();
        deleteTree(tempDir);
      }
      throw e;
    }
  }

  DurableAuditLog durableLog() {
    return durableLog;
  }

  Object instanceOf(Class<?> type) {
    if (type == Governance.class) {
      return governance;
    }
    if (type == AuditLog.class) {
      return log;
    }
    if (type == InMemoryAuditLog.class) {
      return memoryLog;
    }
    if (type == DurableAuditLog.class) {
      return durableLog;
    }
    if (type == KeyRing.class || type == TestKeyRing.class) {
      return keys;
    }
    if (type == TestClock.class) {
      return clock;
    }
    if (type == RecordingDecisionListener.class) {
      return recorder;
    }
    if (type == MeterRegistry.class) {
      return registry;
    }
    throw new IllegalArgumentException("not injectable: " + type.getName());
  }

  /** Closes the facade, the log and the registry, then deletes the temporary audit directory. */
  @Override
  public void close() throws IOException {
    try {
      governance.close();
    } finally {
      try {
        log.close();
        registry.close();
      } finally {
        if (tempDir != null) {
          deleteTree(tempDir);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    try {
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
