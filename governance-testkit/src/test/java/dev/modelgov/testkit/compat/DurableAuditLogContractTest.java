package dev.modelgov.testkit.compat;

import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.core.audit.AuditPrivacy;
import dev.modelgov.core.audit.DurableAuditLog;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable log meets the audit log contract: opened without a signer, so it writes no checkpoint records between
 * events, and with privacy keys, so it supports erasure.
 */
class DurableAuditLogContractTest extends AuditLogContract {

  @TempDir Path tmp;

  private int logs;

  @Override
  protected AuditLog createLog() throws Exception {
    int n = logs++;
    return DurableAuditLog.builder(tmp.resolve("log-" + n))
        .privacy(AuditPrivacy.openOrCreate(tmp.resolve("keys-" + n)))
        .preallocate(false)
        .open();
  }

  @Override
  protected boolean usesCanonicalRecords() {
    return true;
  }
}
