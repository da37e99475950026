package dev.modelgov.testkit;

import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.core.audit.AuditEntry;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.AuditVerification;
import dev.modelgov.core.audit.AuditVerifier;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.testkit.doubles.InMemoryAuditLog;
import dev.modelgov.testkit.doubles.InMemoryVerification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assertions on an {@link AuditLog} object. Events are read back from an {@link InMemoryAuditLog} ({@code entries()})
 * or a {@link DurableAuditLog} ({@code entry(i)}, after a flush); for another implementation only {@link
 * #hasSize(long)} applies. A durable log is verified by {@link AuditVerifier} on its directory, after {@code
 * checkpointNow()} while it is writable; an in-memory log by its own {@code verify}, after {@code checkpointNow()}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * InMemoryAuditLog log = InMemoryAuditLog.create();
 * log.append(PredictionEvent.builder().model(ref).requestId("r-1").output("approve").build());
 * assertThat(log).containsEventsOfType("prediction", 1).verifiesWith(log.verifier()).hasNoGaps();
 * }</pre>
 */
public final class AuditLogAssert extends AbstractAuditLogAssert<AuditLogAssert, AuditLog> {

  AuditLogAssert(AuditLog actual) {
    super(actual, AuditLogAssert.class);
  }

  @Override
  List<Entry> records() {
    if (actual instanceof InMemoryAuditLog memory) {
      List<Entry> out = new ArrayList<>();
      for (AuditEntry e : memory.entries()) {
        out.add(entry(e));
      }
      return out;
    }
    if (actual instanceof DurableAuditLog durable) {
      if (!durable.isReadOnly()) {
        durable.flush();
      }
      long size = durable.size();
      List<Entry> out = new ArrayList<>();
      for (long i = 0; i < size; i++) {
        Optional<AuditEntry> e;
        try {
          e = durable.entry(i);
        } catch (IOException ex) {
          continue; // unreadable or pruned: a gap
        }
        long index = i;
        out.add(e.map(AuditLogAssert::entry).orElseGet(() -> new Entry(index, Entry.CHECKPOINT, Optional.empty())));
      }
      return out;
    }
    throw new IllegalArgumentException("AuditLogAssert reads events back from InMemoryAuditLog and DurableAuditLog "
        + "only, not from " + actual.getClass().getName() + "; hasSize(long) works for any AuditLog");
  }

  private static Entry entry(AuditEntry e) {
    return new Entry(e.index(), e.type(), subject(e.type(), e.body()));
  }

  @Override
  long logSize() {
    return actual.size();
  }

  @Override
  List<NoteVerifier> defaultKeys() {
    return actual instanceof InMemoryAuditLog memory ? List.of(memory.verifier()) : List.of();
  }

  @Override
  Coverage verify(List<NoteVerifier> keys) throws AuditTamperException {
    if (actual instanceof InMemoryAuditLog memory) {
      long covered = memory.checkpointNow().treeSize();
      InMemoryVerification v = memory.verify(keys.toArray(NoteVerifier[]::new));
      return new Coverage(v.origin(), v.treeSize(), 0, v.treeSize() - covered, 0);
    }
    if (actual instanceof DurableAuditLog durable) {
      if (!durable.isReadOnly() && durable.size() > 0) {
        durable.checkpointNow();
      }
      try {
        AuditVerification v = AuditVerifier.builder().trust(keys).build().verify(durable.directory());
        return new Coverage(v.origin(), v.treeSize(), v.firstIndex(), v.uncoveredRecords(), v.tornTailBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the audit log directory " + durable.directory(), e);
      }
    }
    throw new IllegalArgumentException("AuditLogAssert verifies InMemoryAuditLog and DurableAuditLog only, not "
        + actual.getClass().getName());
  }
}
