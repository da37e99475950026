package dev.modelgov.cli;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.AppliedWaiver;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.DecisionSummary;
import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Explanation;
import dev.modelgov.api.policy.ObservedValue;
import dev.modelgov.api.policy.Outcome;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.api.policy.ProvenanceFacts;
import dev.modelgov.api.policy.RuleResult;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.core.policy.CompiledPolicy;
import dev.modelgov.core.policy.DecisionRecords;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyContexts;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.WaiverResolver;
import dev.modelgov.core.policy.suite.EvaluationContexts;
import dev.modelgov.core.policy.suite.PolicyDocumentException;
import dev.modelgov.core.policy.suite.PolicySources;
import dev.modelgov.core.policy.suite.PolicySuiteRunner;
import dev.modelgov.core.provenance.ProvenanceLimits;
import dev.modelgov.core.provenance.ProvenanceVerifier;
import dev.modelgov.core.provenance.TrustRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code governance policy eval --policy FILE|builtin|builtin-cel [--exceptions FILE] [--point P] [--context FILE]
 * [--environment NAME] [--previous-stage STAGE] [--provenance ENVELOPE --pub PUB.pem...] MANIFEST}: evaluates a policy
 * on a manifest and prints the decision. Exits 0 when allowed (with or without warnings), 1 when denied, 2 for a usage
 * error, an unreadable input or an invalid policy, context or waiver file. For internal use only; may change without
 * notice.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Evaluates a policy on a manifest and prints the decision: the effect, then each failing, warning or exempted "
          + "rule with its message, the failing CEL sub-expression and its values, and the fix; then the waivers "
          + "applied and the warnings. --json prints the decision record (OPA decision-log field names).",
      "With --provenance the envelope or bundle is verified with the --pub keys only; a verification failure is not "
          + "an error here: the policy decides (model.provenance.signed)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Allowed, or allowed with warnings.",
      "1:Denied.",
      "2:Usage error, unreadable input, or an invalid manifest, policy, context or waiver file."
    })
final class PolicyEvalCommand extends ProvenanceCommand {

  /**
   * The limits of a one-shot evaluation: the defaults with the suite runner's evaluation budget, since a cold JVM pays
   * class loading and JIT compilation inside its first (and only) evaluation.
   */
  static final PolicyLimits LIMITS =
      PolicyLimits.defaults().withEvaluationBudget(PolicySuiteRunner.DEFAULT_EVALUATION_BUDGET);

  @Mixin PolicyOptions policyOptions = new PolicyOptions();

  @Option(
      names = "--point",
      paramLabel = "POINT",
      description = "The enforcement point: ci, promotion, admission or runtime (default: the context's, else ci).")
  String point;

  @Option(
      names = {"-c", "--context"},
      paramLabel = "FILE",
      description = "An evaluation context file (YAML or JSON); provenance.signedManifestDigest: self stands for the "
          + "digest of MANIFEST.")
  Path contextFile;

  @Option(names = "--environment", paramLabel = "NAME", description = "The environment, for example prod.")
  String environment;

  @Option(
      names = "--previous-stage",
      paramLabel = "STAGE",
      description = "The stage the model is promoted from: DEVELOPMENT, STAGING, PRODUCTION, ARCHIVED or RETIRED.")
  String previousStage;

  @Option(
      names = "--provenance",
      paramLabel = "ENVELOPE",
      description = "A DSSE envelope or Sigstore bundle to verify (with --pub); its outcome becomes the context's "
          + "provenance facts.")
  Path provenance;

  @Option(
      names = {"-p", "--pub"},
      paramLabel = "PUB.pem",
      description = "A trusted public key for --provenance (SPKI PEM); repeat for several keys.")
  List<Path> publicKeys = new ArrayList<>();

  @Parameters(paramLabel = "MANIFEST", arity = "1", description = "The manifest file, .json or .yaml/.yml.")
  Path manifestFile;

  /** Picocli creates the command. */
  PolicyEvalCommand() {}

  @Override
  int execute() throws CommandException {
    EnforcementPoint pointValue = parsePoint();
    LifecycleStage stage = parseStage();
    if (provenance != null && publicKeys.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--provenance needs at least one --pub key to verify with");
    }
    if (provenance == null && !publicKeys.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--pub is used only with --provenance");
    }
    ManifestInput input = ManifestInput.read(services().codec(), manifestFile);
    Optional<ModelManifest> valid = input.requireValid(out(), err(), json());
    if (valid.isEmpty()) {
      return ExitCodes.USAGE; // an invalid manifest cannot be evaluated: an unusable input
    }
    ModelManifest manifest = valid.get();
    Digest digest = services().codec().digest(manifest);
    Policy loaded = loadPolicy(policyOptions.policy);
    WaiverResolver waivers = policyOptions.waivers();
    EvaluationContext.Builder context = context(digest).toBuilder();
    if (pointValue != null) {
      context.point(pointValue);
    }
    if (environment != null) {
      context.environment(environment);
    }
    if (stage != null) {
      context.previousStage(stage);
    }
    if (provenance != null) {
      context.provenance(verify());
    }
    CompiledPolicy compiled;
    try {
      compiled = PolicyEngine.builder().limits(LIMITS).waivers(waivers).build().compile(loaded);
    } catch (PolicyCompileException e) {
      throw CommandException.usage(PolicySources.naming(e, loaded, policyOptions.policy).getMessage());
    }
    Decision decision;
    try {
      decision = compiled.evaluate(manifest, context.build());
    } catch (IllegalArgumentException e) {
      throw CommandException.usage(describeContext() + ": " + e.getMessage());
    }
    if (json()) {
      JsonOutput.print(out(), DecisionRecords.toJson(decision));
    } else {
      print(out(), decision);
    }
    return decision.allowed() ? ExitCodes.OK : ExitCodes.INVALID;
  }

  private String describeContext() {
    return contextFile != null ? contextFile.toString() : "context";
  }

  private EnforcementPoint parsePoint() {
    if (point == null) {
      return null;
    }
    try {
      return EnforcementPoint.parse(point);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--point: " + e.getMessage());
    }
  }

  private LifecycleStage parseStage() {
    if (previousStage == null) {
      return null;
    }
    try {
      return LifecycleStage.valueOf(previousStage.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--previous-stage: unknown stage '" + previousStage
          + "'; expected one of DEVELOPMENT, STAGING, PRODUCTION, ARCHIVED, RETIRED");
    }
  }

  /**
   * Loads a policy by reference, as {@code policy eval} and {@code policy lint} do.
   *
   * @param reference {@code builtin}, {@code builtin-cel} or a file
   * @return the policy
   * @throws CommandException (exit 2) when the file cannot be read or is invalid
   */
  static Policy loadPolicy(String reference) throws CommandException {
    try {
      return PolicySources.defaults().load(reference, Path.of(""), PolicyLimits.defaults());
    } catch (PolicyCompileException e) {
      throw CommandException.usage(e.getMessage());
    } catch (IOException e) {
      throw CommandException.usage(reference + ": " + CliFiles.readProblem(e));
    }
  }


  private EvaluationContext context(Digest digest) throws CommandException {
    if (contextFile == null) {
      return EvaluationContext.defaults();
    }
    try {
      return EvaluationContexts.read(contextFile, digest);
    } catch (PolicyDocumentException e) {
      throw CommandException.usage(e.getMessage());
    } catch (IOException e) {
      throw CommandException.usage(contextFile + ": " + CliFiles.readProblem(e));
    }
  }

  private ProvenanceFacts verify() throws CommandException {
    TrustRoot trustRoot = VerifyCommand.trustRoot(publicKeys);
    // One byte over the limit is enough for the verifier to report SIZE_LIMIT_EXCEEDED.
    byte[] bytes = CliFiles.readBytes(provenance, (long) ProvenanceLimits.DEFAULT.maxEnvelopeBytes() + 1);
    try {
      return PolicyContexts.provenanceFacts(ProvenanceVerifier.builder().trustRoot(trustRoot).build().verify(bytes));
    } catch (ProvenanceVerificationException e) {
      return PolicyContexts.provenanceFacts(e);
    }
  }

  /**
   * Prints a decision for people: the effect line, each failing, warning, audited, exempted or ignored-error rule,
   * the waivers applied and the warnings.
   *
   * @param out where to print
   * @param d the decision
   */
  static void print(PrintWriter out, Decision d) {
    DecisionSummary s = d.summary();
    out.println(d.effect() + ": " + d.policy().id() + "@" + d.policy().version() + " on " + d.model().coordinates()
        + " at " + d.point().wireName() + d.environment().map(e -> " (" + e + ")").orElse("") + ": " + s.denied()
        + " denied, " + s.warned() + " warned, " + s.audited() + " audited, " + s.exempted() + " exempted, "
        + s.pass() + " passed, " + s.notApplicable() + " not applicable");
    for (RuleResult r : d.results()) {
      String label = label(r);
      if (label == null) {
        continue;
      }
      StringBuilder line = new StringBuilder(label).append(' ').append(r.ruleId()).append(" (").append(r.severity())
          .append("): ").append(r.message().orElse(r.title()));
      if (r.outcome() == Outcome.EXEMPTED) {
        line.append(" -> waived by ").append(r.waiverId().orElse("?"));
      } else if (!r.remediation().isEmpty()) {
        line.append(" -> fix: ").append(r.remediation());
      }
      out.println(line);
      r.explanation().ifPresent(e -> explain(out, e));
    }
    for (AppliedWaiver w : d.waiversApplied()) {
      out.println("waiver " + w.waiverId() + " applied to " + w.ruleId() + " (ticket " + w.ticket() + ", expires "
          + w.expiresAt() + ")");
    }
    for (String warning : d.warnings()) {
      out.println("warning: " + warning);
    }
  }

  private static String label(RuleResult r) {
    if (r.denies()) {
      return "DENY";
    }
    if (r.warns()) {
      return "WARN";
    }
    if (r.failing()) {
      return "AUDIT";
    }
    if (r.outcome() == Outcome.EXEMPTED) {
      return "EXEMPTED";
    }
    if (r.outcome() == Outcome.ERROR) {
      return "IGNORED-ERROR";
    }
    return null;
  }

  private static void explain(PrintWriter out, Explanation e) {
    out.println("  failed: " + e.failedExpression());
    for (ObservedValue v : e.values()) {
      out.println("    " + v.expression() + " = " + v.value());
    }
  }
}
