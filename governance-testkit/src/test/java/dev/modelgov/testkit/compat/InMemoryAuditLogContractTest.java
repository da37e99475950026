package dev.modelgov.testkit.compat;

import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.testkit.doubles.InMemoryAuditLog;

/** The in-memory double meets the audit log contract, with erasure and canonical records. */
class InMemoryAuditLogContractTest extends AuditLogContract {

  @Override
  protected AuditLog createLog() {
    return InMemoryAuditLog.create();
  }

  @Override
  protected boolean usesCanonicalRecords() {
    return true;
  }
}
