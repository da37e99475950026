/**
 * Compatibility kits: abstract JUnit Jupiter test classes that users extend to check their own implementations
 * against ModelGov's contracts, as Micrometer's {@code MeterRegistryCompatibilityKit} does for registries: {@link
 * dev.modelgov.testkit.compat.AuditLogContract} for audit log sinks, {@link dev.modelgov.testkit.compat.KeyRingContract}
 * for key stores and {@link dev.modelgov.testkit.compat.RuleContract} for governance rules. This package needs {@code
 * junit-jupiter-api} on the test class path (an optional dependency of the testkit). The test methods are public, so
 * the kits run on the module path without opening any package.
 *
 * <pre>{@code
 * class MyAuditSinkContractTest extends AuditLogContract {
 *   @Override
 *   protected AuditLog createLog() {
 *     return new MyAuditSink();
 *   }
 * }
 * }</pre>
 */
package dev.modelgov.testkit.compat;
