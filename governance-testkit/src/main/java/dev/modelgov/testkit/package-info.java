/**
 * AssertJ assertions for ModelGov values; start with {@link dev.modelgov.testkit.GovernanceAssertions}.
 */
package dev.modelgov.testkit;
