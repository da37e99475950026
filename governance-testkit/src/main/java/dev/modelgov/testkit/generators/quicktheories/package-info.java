/**
 * QuickTheories adapters of the seed-based generators: {@link
 * dev.modelgov.testkit.generators.quicktheories.GovernanceGen}. Needs {@code org.quicktheories:quicktheories} on the
 * test class path (an optional dependency of the testkit).
 *
 * <pre>{@code
 * qt().forAll(GovernanceGen.validManifests()).checkAssert(m -> assertThat(m.datasets()).isNotEmpty());
 * }</pre>
 */
package dev.modelgov.testkit.generators.quicktheories;
