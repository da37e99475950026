package dev.modelgov.core.policy.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.policy.Effect;
import dev.modelgov.core.policy.PolicyCompileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner reports wrong expectations as mismatches in plain words, so a suite can fail. */
class PolicySuiteRunnerTest {

  @TempDir Path tmp;

  private SuiteFiles files;

  @BeforeEach
  void setUp() {
    files = new SuiteFiles(tmp);
  }

  private SuiteResult run(String cases) throws Exception {
    return PolicySuiteRunner.builder().sources(PolicySources.javaOnly()).build().run(PolicySuite.read(
        files.suite(cases)));
  }

  @Test
  void a_case_whose_expectations_hold_passes() throws Exception {
    // WHEN the complete manifest is expected to be allowed, with its owner rule passing
    SuiteResult result = run("""
        cases:
          - name: complete
            expect: {effect: ALLOW, rules: {model.owner: PASS, model.manifest.digest-match: PASS}}
        """);
    // THEN it passes, and the decision is kept
    assertThat(result.passed()).isTrue();
    assertThat(result.results()).singleElement().satisfies(r -> {
      assertThat(r.passed()).isTrue();
      assertThat(r.decision()).hasValueSatisfying(d -> assertThat(d.effect()).isEqualTo(Effect.ALLOW));
    });
  }

  @Test
  void a_wrong_effect_and_outcome_are_mismatches_naming_what_was_got() throws Exception {
    // GIVEN a case that expects the opposite of what the pack decides
    SuiteResult result = run("""
        cases:
          - name: owner without contact
            patch: {owner: {contact: null}}
            expect: {effect: ALLOW, rules: {model.owner: PASS}}
        """);
    // THEN the case failed with both mismatches in plain words
    assertThat(result.passed()).isFalse();
    CaseResult r = result.failures().get(0);
    assertThat(r.caseName()).isEqualTo("owner without contact");
    assertThat(r.mismatches()).containsExactly(
        "effect: expected ALLOW, got DENY (model.owner)",
        "model.owner: expected PASS, got FAIL (message: the owner has no contact)");
  }

  @Test
  void a_message_without_a_match_for_the_pattern_is_a_mismatch() throws Exception {
    // WHEN the outcome is right but the message pattern is not found
    SuiteResult result = run("""
        cases:
          - name: owner message
            patch: {owner: {contact: null}}
            expect: {rules: {model.owner: {outcome: FAIL, message: "no team"}}}
        """);
    // THEN the mismatch quotes the message and the pattern
    assertThat(result.failures()).singleElement().satisfies(r -> assertThat(r.mismatches())
        .containsExactly("model.owner: message \"the owner has no contact\" has no match for /no team/"));
  }

  @Test
  void an_unknown_rule_and_wrong_waivers_and_a_missing_warning_are_mismatches() throws Exception {
    // WHEN a case names a rule the pack lacks, expects a waiver and a warning that do not occur
    SuiteResult result = run("""
        cases:
          - name: wrong extras
            expect:
              rules: {model.nonexistent: PASS}
              waiversApplied: [WVR-1]
              warning: "expired"
        """);
    // THEN each is reported
    assertThat(result.failures()).singleElement().satisfies(r -> assertThat(r.mismatches()).containsExactly(
        "model.nonexistent: expected PASS, but policy modelgov-builtin has no such rule",
        "waiversApplied: expected [WVR-1], got []",
        "warning: no decision warning has a match for /expired/ (there are none)"));
  }

  @Test
  void an_invalid_manifest_after_the_patch_fails_the_case_with_its_problems() throws Exception {
    // WHEN the patch removes a required field
    SuiteResult result = run("""
        cases:
          - name: no owner
            patch: {owner: null}
            expect: {effect: DENY}
        """);
    // THEN the case fails with the manifest problem, and no decision
    assertThat(result.failures()).singleElement().satisfies(r -> {
      assertThat(r.mismatches()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("the manifest is invalid: ").contains("owner");
      assertThat(r.decision()).isEmpty();
    });
  }

  @Test
  void self_stands_for_the_digest_of_the_patched_manifest() throws Exception {
    // GIVEN verified provenance of "self" by default, and a patch that changes the manifest
    SuiteResult result = run("""
        cases:
          - name: patched manifest still matches itself
            patch: {description: another description}
            expect: {rules: {model.manifest.digest-match: PASS}}
          - name: a fixed other digest does not match
            context:
              provenance: {verified: true, signedManifestDigest: "sha256:0000000000000000000000000000000000000000000000000000000000000000"}
            expect: {rules: {model.manifest.digest-match: FAIL}}
        """);
    // THEN both expectations hold
    assertThat(result.failures()).isEmpty();
    assertThat(result.results()).hasSize(2);
  }

  @Test
  void inline_waivers_exempt_until_their_expiry_judged_at_the_case_now() throws Exception {
    // GIVEN an inline waiver for model.owner expiring at 2026-12-01
    String waiver = """
            waivers:
              - {id: W-1, rules: [model.owner], reason: contact being set up, ticket: T-1, approver: a@example,
                 createdAt: "2026-11-20T00:00:00Z", expiresAt: "2026-12-01T00:00:00Z"}
        """;
    SuiteResult result = run("""
        cases:
          - name: before expiry
            patch: {owner: {contact: null}}
            now: "2026-11-30T23:59:59Z"
        """ + waiver + """
            expect: {effect: ALLOW, waiversApplied: [W-1], rules: {model.owner: EXEMPTED}}
          - name: at expiry
            patch: {owner: {contact: null}}
            now: "2026-12-01T00:00:00Z"
        """ + waiver + """
            expect: {effect: DENY, waiversApplied: [], warning: "W-1 expired", rules: {model.owner: FAIL}}
        """);
    // THEN the waiver applies before its expiry and not at it
    assertThat(result.failures()).as(() -> result.failures().toString()).isEmpty();
    assertThat(result.results()).hasSize(2);
  }

  @Test
  void params_and_context_fields_merge_over_the_defaults() throws Exception {
    // GIVEN defaults with previousStage STAGING; one case unsets it, another overrides a parameter
    SuiteResult result = run("""
        cases:
          - name: previous stage unset by null
            context: {previousStage: null}
            expect: {rules: {model.stage.order: {outcome: FAIL, message: "no previous stage"}}}
          - name: the risk officer role is a parameter
            params: {riskOfficerRole: model-owner}
            expect: {rules: {model.approval.high-risk: PASS, model.provenance.signed: PASS}}
        """);
    // THEN both hold, and the provenance default survived the case's own fields
    assertThat(result.failures()).as(() -> result.failures().toString()).isEmpty();
  }

  @Test
  void a_policy_file_without_a_loader_stops_the_run_naming_the_reason() throws Exception {
    // GIVEN a suite that lists a policy file, and no policy file loader
    Path suite = files.write("file.suite.yaml", SuiteFiles.HEAD.replace("policies: [builtin]",
        "policies: [builtin, deploy-gate.yaml]") + """
        cases:
          - name: complete
            expect: {effect: ALLOW}
        """);
    // WHEN it runs THEN the run stops with the policy and the reason
    assertThatThrownBy(() -> PolicySuiteRunner.builder().sources(PolicySources.javaOnly()).build()
        .run(PolicySuite.read(suite)))
        .isInstanceOf(PolicyCompileException.class)
        .hasMessageStartingWith("deploy-gate.yaml: ")
        .hasMessageContaining("governance-cel");
  }
}
