/**
 * Seed-based generators for property-based tests, independent of any test framework: a {@code long} seed in, a
 * realistic value out, the same value for the same seed on every run. {@link
 * dev.modelgov.testkit.generators.ManifestGenerator} draws manifests the built-in deploy policy allows, or that carry
 * exactly one governance {@link dev.modelgov.testkit.generators.Defect}; {@link
 * dev.modelgov.testkit.generators.ModelDirectoryGenerator} writes model directory trees; {@link
 * dev.modelgov.testkit.generators.AuditEventGenerator} draws streams of audit events. The {@code quicktheories}
 * sub-package adapts them to QuickTheories.
 *
 * <pre>{@code
 * for (long seed = 0; seed < 200; seed++) {
 *   ModelManifest m = ManifestGenerator.defaults().withDefect(Defect.NO_LICENSE, seed);
 *   Decision d = engine.evaluate(BuiltinPolicy.deployGate(), m, ManifestGenerator.promotionContext(m));
 *   assertThat(d.allowed()).isFalse();
 * }
 * }</pre>
 */
package dev.modelgov.testkit.generators;
