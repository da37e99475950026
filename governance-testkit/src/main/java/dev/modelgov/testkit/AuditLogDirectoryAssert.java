package dev.modelgov.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.core.audit.AuditTailer;
import dev.modelgov.core.audit.AuditTamperException;
import dev.modelgov.core.audit.AuditVerification;
import dev.modelgov.core.audit.AuditVerifier;
import dev.modelgov.core.audit.NoteVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Assertions on an audit log directory, as a {@code DurableAuditLog} or the {@code Governance} facade writes it. The
 * directory is only read, never written: records are read as {@link AuditTailer} ships them (a log still being
 * written shows the records already on disk), and {@link AuditVerifier} verifies it.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * assertThatAuditLog(Path.of(".modelgov/audit"))
 *     .containsEventOfType("policy.decision")
 *     .verifiesWith(auditKey.verificationKey(), "modelgov.local/audit")
 *     .hasNoGaps();
 * }</pre>
 */
public final class AuditLogDirectoryAssert extends AbstractAuditLogAssert<AuditLogDirectoryAssert, Path> {

  /** The event name the tailer gives a record it cannot read: a gap for these assertions. */
  private static final String MALFORMED = "audit.malformed";

  AuditLogDirectoryAssert(Path actual) {
    super(actual, AuditLogDirectoryAssert.class);
  }

  @Override
  List<Entry> records() {
    return shipped().stream().filter(e -> !e.type().equals(MALFORMED)).toList();
  }

  /** @return every record the tailer ships, unreadable ones as {@value #MALFORMED} */
  private List<Entry> shipped() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AuditTailer tailer = AuditTailer.builder(actual).output(out).build()) {
      tailer.drain();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log directory " + actual, e);
    }
    List<Entry> records = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      JsonNode n = StrictJsonReader.read(line.getBytes(StandardCharsets.UTF_8), "an audit log line");
      String type = n.path("event_name").asText("");
      records.add(new Entry(n.path("attributes").path("audit.seq").asLong(), type, subject(type, n.path("body"))));
    }
    return records;
  }

  @Override
  long logSize() {
    List<Entry> records = shipped();
    return records.isEmpty() ? 0 : records.get(records.size() - 1).index() + 1;
  }

  @Override
  Coverage verify(List<NoteVerifier> keys) throws AuditTamperException {
    try {
      AuditVerification v = AuditVerifier.builder().trust(keys).build().verify(actual);
      return new Coverage(v.origin(), v.treeSize(), v.firstIndex(), v.uncoveredRecords(), v.tornTailBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log directory " + actual, e);
    }
  }
}
