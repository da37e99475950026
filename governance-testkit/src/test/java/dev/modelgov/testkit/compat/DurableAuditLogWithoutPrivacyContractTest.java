package dev.modelgov.testkit.compat;

import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.core.audit.DurableAuditLog;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A durable log without privacy keys meets the contract of a log that does not support erasure. */
class DurableAuditLogWithoutPrivacyContractTest extends AuditLogContract {

  @TempDir Path tmp;

  private int logs;

  @Override
  protected AuditLog createLog() throws Exception {
    return DurableAuditLog.builder(tmp.resolve("log-" + logs++)).preallocate(false).open();
  }

  @Override
  protected boolean supportsErasure() {
    return false;
  }

  @Override
  protected boolean usesCanonicalRecords() {
    return true;
  }
}
