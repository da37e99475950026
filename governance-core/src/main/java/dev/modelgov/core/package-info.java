/**
 * The facade of a serving app: {@link dev.modelgov.core.Governance} assembles the manifest codec, provenance, the
 * deploy policy, the audit log and the meter registry; {@link dev.modelgov.core.ModelGate} verifies a model at
 * startup, refuses to serve it on failure, and records each request in one call.
 *
 * <pre>{@code
 * try (Governance governance = Governance.builder().demoMode().build()) {
 *   ModelGate gate = governance.gate(manifest).modelDirectory(dir).provenance(envelope).open();
 * }
 * }</pre>
 */
package dev.modelgov.core;
