/**
 * Test support for users of ModelGov: AssertJ assertions, test doubles with no I/O, generators for property-based
 * tests, a JUnit Jupiter extension and compatibility kits. AssertJ and Micrometer are deliberate API dependencies;
 * JUnit Jupiter and QuickTheories are optional (only the {@code junit}, {@code compat} and {@code quicktheories}
 * packages need them).
 */
module dev.modelgov.testkit {
  requires transitive dev.modelgov.core;
  requires transitive org.assertj.core;
  requires micrometer.core;
  requires static org.junit.jupiter.api;
  requires static quicktheories;

  exports dev.modelgov.testkit;
  exports dev.modelgov.testkit.doubles;
  exports dev.modelgov.testkit.compat;
  exports dev.modelgov.testkit.generators;
  exports dev.modelgov.testkit.generators.quicktheories;
  exports dev.modelgov.testkit.junit;
}
