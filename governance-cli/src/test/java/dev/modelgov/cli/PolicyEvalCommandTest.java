package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance policy eval}: exit 0 allow or warn, 1 deny, 2 unusable input or invalid policy. */
class PolicyEvalCommandTest {

  @TempDir Path tmp;

  private String context;

  @BeforeEach
  void setUp() {
    context = policies("context-promotion.yaml");
  }

  static String policies(String name) {
    return Cli.root().resolve("examples/policies").resolve(name).toString();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void the_complete_manifest_with_the_promotion_context_is_allowed_and_exits_0() {
    // WHEN the built-in pack evaluates the credit model with the example promotion context
    Cli.Result result = Cli.run("policy", "eval", "--policy", "builtin", "--context", context,
        Cli.example("credit-scoring.yaml"));
    // THEN it is allowed, and the effect line names the policy, the model and the point
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith(
        "ALLOW: modelgov-builtin@1.0.0 on risk/credit-scoring@2.4.0 at promotion (prod): 0 denied, 0 warned");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void the_minimal_manifest_is_denied_with_each_failing_rule_and_its_fix_and_exits_1() {
    // WHEN the built-in pack evaluates the minimal manifest at the CI gate
    Cli.Result result = Cli.run("policy", "eval", "--policy", "builtin", "--point", "ci",
        Cli.example("minimal.yaml"));
    // THEN it is denied, and each denial has its rule, severity, message and fix
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.out()).startsWith("DENY: modelgov-builtin@1.0.0 on demo/iris-classifier@1.0.0 at ci: ")
        .contains("\nDENY model.owner (HIGH): the owner has no contact -> fix: set owner.contact");
    assertNoStackTrace(result.err());
  }

  @Test
  void the_cel_pack_shows_the_failing_sub_expression_and_its_values() {
    // WHEN the CEL form of the pack denies the minimal manifest
    Cli.Result result = Cli.run("policy", "eval", "--policy", "builtin-cel", "--point", "ci",
        Cli.example("minimal.yaml"));
    // THEN the failing rule is followed by the sub-expression that failed
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.out()).contains("\nDENY model.owner (HIGH): the owner has no contact -> fix: ")
        .containsPattern("\\n  failed: [^\\n]*contact");
  }

  @Test
  void a_warning_rule_allows_with_warn_and_exits_0() throws IOException {
    // GIVEN the credit model with an outside owner contact, and the bank's gate whose contact rule only warns
    Path manifest = write("credit.yaml", Files.readString(Path.of(Cli.example("credit-scoring.yaml")))
        .replace("contact: credit-ml@bank.example", "contact: credit-ml@example.org"));
    // WHEN
    Cli.Result result = Cli.run("policy", "eval", "--policy", policies("deploy-gate.yaml"), "--point", "promotion",
        manifest.toString());
    // THEN the effect is WARN, exit 0, and the warning rule is printed
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("WARN: bank-deploy-gate@1.0.0")
        .contains("\nWARN bank.owner.contact (MEDIUM): the owner contact is not a bank mailbox -> fix: ");
  }

  @Test
  void json_prints_the_decision_record_with_opa_field_names() {
    // WHEN
    Cli.Result result = Cli.run("--json", "policy", "eval", "--policy", "builtin", "--point", "ci",
        Cli.example("minimal.yaml"));
    // THEN the decision record is on standard output
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode json = result.json();
    assertThat(json.get("decision_id").asText()).isNotBlank();
    assertThat(json.get("path").asText()).isEqualTo("modelgov-builtin");
    assertThat(json.at("/input/model/id").asText()).isEqualTo("demo/iris-classifier");
    assertThat(json.at("/result/effect").asText()).isEqualTo("DENY");
    List<String> owner = new ArrayList<>();
    json.at("/result/results").forEach(r -> {
      if (r.get("ruleId").asText().equals("model.owner")) {
        owner.add(r.get("outcome").asText());
      }
    });
    assertThat(owner).containsExactly("FAIL");
  }

  @Test
  void a_waiver_file_exempts_a_failing_rule_and_the_decision_lists_it() throws IOException {
    // GIVEN a fairness metric below its threshold, and the example waiver, judged at a fixed instant before expiry
    Path manifest = write("credit.yaml", Files.readString(Path.of(Cli.example("credit-scoring.yaml")))
        .replace("value: 0.91, dataset: applications-holdout, slice: {attribute: sex}",
            "value: 0.72, dataset: applications-holdout, slice: {attribute: sex}"));
    Path fixedNow = write("context.yaml", Files.readString(Path.of(context))
        .replace("now: null", "now: \"2026-12-01T00:00:00Z\""));
    // WHEN evaluated without and with --exceptions
    Cli.Result without = Cli.run("policy", "eval", "--policy", "builtin", "--context", fixedNow.toString(),
        manifest.toString());
    Cli.Result with = Cli.run("policy", "eval", "--policy", "builtin", "--context", fixedNow.toString(),
        "--exceptions", policies("waivers.yaml"), manifest.toString());
    // THEN the failure denies without the waiver, and is exempted with it
    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.out()).contains("\nDENY model.fairness.thresholds (HIGH): ");
    assertThat(with.exitCode()).as(with.out() + with.err()).isZero();
    assertThat(with.out()).startsWith("ALLOW: ")
        .contains("\nEXEMPTED model.fairness.thresholds (HIGH): ")
        .contains("-> waived by WVR-2026-017")
        .contains("\nwaiver WVR-2026-017 applied to model.fairness.thresholds (ticket GOV-1234, expires "
            + "2026-12-20T00:00:00Z)");
  }

  @Test
  void an_invalid_policy_file_exits_2_naming_file_rule_line_and_column() throws IOException {
    // GIVEN a policy whose expression does not parse
    Path policy = write("broken.yaml", """
        apiVersion: policy.modelgov.dev/v1alpha1
        kind: GovernancePolicy
        metadata: {name: broken}
        spec:
          version: 1.0.0
          validations:
            - id: model.owner.team
              severity: LOW
              expression: manifest.owner.team ==
              message: the team is missing
              remediation: set owner.team
        """);
    // WHEN
    Cli.Result result = Cli.run("policy", "eval", "--policy", policy.toString(), Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith(policy + ": rule model.owner.team: 1:").containsPattern(": \\d+:\\d+: ");
    assertNoStackTrace(result.err());
  }

  @Test
  void a_missing_policy_file_and_an_invalid_context_exit_2() throws IOException {
    // GIVEN a context with a wrongly typed field
    Path badContext = write("ctx.yaml", "signals: {requests: many}\n");
    // WHEN
    Cli.Result missing = Cli.run("policy", "eval", "--policy", tmp.resolve("none.yaml").toString(),
        Cli.example("minimal.yaml"));
    Cli.Result invalid = Cli.run("policy", "eval", "--policy", "builtin", "--context", badContext.toString(),
        Cli.example("minimal.yaml"));
    // THEN both are unusable inputs, named in one line
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo(tmp.resolve("none.yaml") + ": no such file\n");
    assertThat(invalid.exitCode()).isEqualTo(2);
    assertThat(invalid.err()).isEqualTo(badContext + ": signals.requests: expected a whole number, got a string\n");
  }

  @Test
  void provenance_without_a_key_is_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run("policy", "eval", "--policy", "builtin", "--provenance", "x.dsse.json",
        Cli.example("minimal.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--provenance needs at least one --pub key");
  }

  @Test
  void verified_provenance_is_allowed_and_tampered_or_untrusted_provenance_is_denied_by_the_policy() throws Exception {
    // GIVEN a model signed with one key, and another key nobody signed with
    ProvenanceFixture fixture = new ProvenanceFixture(tmp);
    Path model = fixture.model("credit");
    Path manifest = fixture.manifest("credit-scoring.yaml");
    ProvenanceFixture.KeyPair signer = fixture.keygen("ed25519", "signer");
    ProvenanceFixture.KeyPair other = fixture.keygen("ed25519", "other");
    Path envelope = fixture.sign("credit.dsse.json", "--key", signer.key(), "--manifest", manifest.toString(),
        "--model", model.toString());
    String text = Files.readString(envelope);
    int sig = text.indexOf("\"sig\"");
    int at = text.indexOf('"', text.indexOf(':', sig) + 1) + 5;
    char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
    Path tampered = Files.writeString(tmp.resolve("tampered.dsse.json"),
        text.substring(0, at) + flipped + text.substring(at + 1));
    // WHEN the context's provenance is replaced by what verification establishes
    Cli.Result verified = eval(manifest, "--provenance", envelope.toString(), "--pub", signer.pub());
    Cli.Result broken = eval(manifest, "--provenance", tampered.toString(), "--pub", signer.pub());
    Cli.Result untrusted = eval(manifest, "--provenance", envelope.toString(), "--pub", other.pub());
    // THEN the verified one passes, and the others are denials by model.provenance.signed, never stack traces
    assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.out()).contains("\nDENY model.provenance.signed (CRITICAL): provenance did not verify: ");
    assertThat(untrusted.exitCode()).isEqualTo(1);
    assertThat(untrusted.out())
        .contains("\nDENY model.provenance.signed (CRITICAL): provenance did not verify: UNTRUSTED_KEY");
    assertNoStackTrace(broken.err());
  }

  private Cli.Result eval(Path manifest, String... provenance) {
    List<String> args = new ArrayList<>(List.of("policy", "eval", "--policy", "builtin", "--context", context));
    args.addAll(List.of(provenance));
    args.add(manifest.toString());
    return Cli.run(args.toArray(String[]::new));
  }
}
