/**
 * The ModelGov implementation: JSON and YAML reading and writing, canonical JSON (RFC 8785) and manifest digests,
 * exports, and the facade. Implementation packages ({@code ...internal}) are not exported.
 */
module dev.modelgov.core {
  requires transitive dev.modelgov.api;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires java.json.canonicalization;
  requires org.yaml.snakeyaml;
  requires org.bouncycastle.provider;
  requires static micrometer.core;
  requires org.apache.commons.statistics.inference;

  exports dev.modelgov.core;
  exports dev.modelgov.core.json;
  exports dev.modelgov.core.manifest;
  exports dev.modelgov.core.manifest.export;
  exports dev.modelgov.core.manifest.coverage;
  exports dev.modelgov.core.provenance;
  exports dev.modelgov.core.audit;
  exports dev.modelgov.core.metrics;
  exports dev.modelgov.core.policy;
  exports dev.modelgov.core.policy.spi;
  exports dev.modelgov.core.policy.builtin;
  exports dev.modelgov.core.policy.suite;

  uses dev.modelgov.core.policy.spi.CelBackend;
  uses dev.modelgov.core.policy.spi.PolicyFileLoader;
}
