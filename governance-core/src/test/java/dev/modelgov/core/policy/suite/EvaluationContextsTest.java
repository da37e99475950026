package dev.modelgov.core.policy.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.policy.DriftSignal;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.FairnessSignal;
import dev.modelgov.core.TestFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Evaluation contexts from YAML and JSON: every field typed, every mistake named by its path. */
class EvaluationContextsTest {

  private static final Digest SELF = Digest.parse("sha256:" + "ab".repeat(32));

  private static EvaluationContext parse(String yaml) throws PolicyDocumentException {
    return EvaluationContexts.parse(yaml.getBytes(StandardCharsets.UTF_8), "ctx.yaml", SELF);
  }

  @Test
  void every_field_is_read() throws Exception {
    // WHEN a context with every field is read
    EvaluationContext ctx = parse("""
        point: runtime
        environment: prod
        now: "2026-11-28T10:00:00Z"
        previousStage: STAGING
        provenance: {present: true, verified: true, signedManifestDigest: self, keyId: release-2026}
        deployedImages: ["r.example/a@sha256:%s"]
        signals:
          errorRate: 0.01
          requests: 50000
          drift: [{feature: income, method: psi, value: 0.31, threshold: 0.1, detected: true, windowSamples: 5000}]
          fairness: [{attribute: sex, metric: dpr, value: 0.7, threshold: 0.8, breached: true}]
        params: {maxErrorRate: 0.02, minApprovals: 3, roles: [a, b], nested: {x: true}}
        """.formatted("5".repeat(64)));
    // THEN each is typed
    assertThat(ctx.point()).isEqualTo(EnforcementPoint.RUNTIME);
    assertThat(ctx.environment()).contains("prod");
    assertThat(ctx.now()).contains(Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(ctx.previousStage()).contains(LifecycleStage.STAGING);
    assertThat(ctx.provenance().verified()).isTrue();
    assertThat(ctx.provenance().signedManifestDigest()).contains(SELF);
    assertThat(ctx.provenance().keyId()).contains("release-2026");
    assertThat(ctx.deployedImages()).hasSize(1);
    assertThat(ctx.signals().errorRate().getAsDouble()).isEqualTo(0.01);
    assertThat(ctx.signals().requests()).isEqualTo(50_000);
    assertThat(ctx.signals().drift()).containsExactly(new DriftSignal("income", "psi", 0.31, 0.1, true, 5000));
    assertThat(ctx.signals().fairness()).containsExactly(new FairnessSignal("sex", "dpr", 0.7, 0.8, true));
    assertThat(ctx.params()).containsEntry("maxErrorRate", 0.02).containsEntry("minApprovals", 3L)
        .containsEntry("roles", List.of("a", "b")).containsEntry("nested", Map.of("x", true));
  }

  @Test
  void nulls_are_unset_and_an_empty_document_object_is_the_default_context() throws Exception {
    // WHEN fields are null
    EvaluationContext ctx = parse("{point: null, environment: null, provenance: null, signals: null, params: null}");
    // THEN the defaults apply
    assertThat(ctx.point()).isEqualTo(EnforcementPoint.CI);
    assertThat(ctx.environment()).isEmpty();
    assertThat(ctx.provenance().present()).isFalse();
    assertThat(ctx.params()).isEmpty();
  }

  @Test
  void a_failure_alone_means_provenance_was_present() throws Exception {
    // WHEN only the failure is given
    EvaluationContext ctx = parse("provenance: {failure: SIGNATURE_INVALID}");
    // THEN the facts are present, not verified, with the failure
    assertThat(ctx.provenance().present()).isTrue();
    assertThat(ctx.provenance().verified()).isFalse();
    assertThat(ctx.provenance().failure()).contains("SIGNATURE_INVALID");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "unknown field        | {pointe: ci}                                     | ctx.yaml: pointe: unknown field",
    "wrong type           | {signals: {drift: [{feature: f, method: psi, value: high, threshold: 1, detected: true}]}}"
        + "               | ctx.yaml: signals.drift[0].value: expected a number, got a string",
    "missing drift field  | {signals: {drift: [{feature: f, method: psi, value: 1, threshold: 1}]}}"
        + "               | ctx.yaml: signals.drift[0].detected: is required",
    "bad stage            | {previousStage: LIVE}                             | previousStage: unknown lifecycle stage 'LIVE'",
    "bad digest           | {provenance: {verified: true, signedManifestDigest: sha256:12}}"
        + "               | provenance.signedManifestDigest: digest must have 64 hex digits",
    "verified not present | {provenance: {present: false, verified: true}} | provenance: provenance cannot be verified",
    "negative requests    | {signals: {requests: -1}}                         | signals.requests: must not be negative",
    "fractional requests  | {signals: {requests: 1.5}}                        | signals.requests: expected a whole number",
    "error rate range     | {signals: {errorRate: 2}}                         | signals.errorRate: must be between 0 and 1",
    "params not object    | {params: [1]}                                     | params: expected parameters (an object)",
    "null image           | {deployedImages: [null]}                          | deployedImages[0]: must be an image",
    "wrong kind           | {kind: PolicySuite}                               | kind: must be EvaluationContext",
    "not an object        | [1, 2]                                            | ctx.yaml: expected an evaluation context"
  })
  void a_bad_context_is_refused_naming_the_field_path(String what, String yaml, String expected) {
    assertThatThrownBy(() -> parse(yaml)).as(what)
        .isInstanceOf(PolicyDocumentException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void self_without_a_manifest_under_test_is_refused() {
    // WHEN self is used where no manifest digest is known
    byte[] doc = "provenance: {verified: true, signedManifestDigest: self}".getBytes(StandardCharsets.UTF_8);
    // THEN the path and the reason are named
    assertThatThrownBy(() -> EvaluationContexts.parse(doc, "ctx.yaml", null))
        .hasMessageStartingWith("ctx.yaml: provenance.signedManifestDigest: 'self' stands for the digest");
  }

  @Test
  void the_example_context_file_reads() throws Exception {
    // WHEN the example promotion context is read
    EvaluationContext ctx = EvaluationContexts.read(
        TestFiles.root().resolve("examples/policies/context-promotion.yaml"), SELF);
    // THEN it is a promotion from staging with verified provenance of the manifest under test
    assertThat(ctx.point()).isEqualTo(EnforcementPoint.PROMOTION);
    assertThat(ctx.previousStage()).contains(LifecycleStage.STAGING);
    assertThat(ctx.provenance().signedManifestDigest()).contains(SELF);
  }
}
