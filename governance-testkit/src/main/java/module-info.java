/**
 * Test support for users of ModelGov: AssertJ assertions on governed models. AssertJ is a deliberate API dependency.
 */
module dev.modelgov.testkit {
  requires transitive dev.modelgov.core;
  requires transitive org.assertj.core;

  exports dev.modelgov.testkit;
}
