/**
 * Test doubles with no I/O, for users' test suites: {@link dev.modelgov.testkit.doubles.InMemoryAuditLog} (the same
 * records, hashes, checkpoints and proofs as the durable log, with tamper helpers), {@link
 * dev.modelgov.testkit.doubles.TestKeyRing} (generated keys), {@link dev.modelgov.testkit.doubles.TestClock} (a clock
 * the test moves), {@link dev.modelgov.testkit.doubles.RecordingDecisionListener} (every policy decision) and {@link
 * dev.modelgov.testkit.doubles.TestMeters} (a model's meters in a {@code SimpleMeterRegistry}). None of them needs
 * JUnit.
 *
 * <pre>{@code
 * InMemoryAuditLog audit = InMemoryAuditLog.create();
 * TestKeyRing keys = TestKeyRing.generate("release", "audit");
 * TestClock clock = TestClock.at(Instant.parse("2026-03-01T12:00:00Z"));
 * RecordingDecisionListener decisions = new RecordingDecisionListener();
 * }</pre>
 */
package dev.modelgov.testkit.doubles;
