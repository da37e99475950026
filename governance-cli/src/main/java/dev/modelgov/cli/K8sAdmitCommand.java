package dev.modelgov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.policy.CompiledPolicy;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyEngine;
import dev.modelgov.core.policy.suite.PolicySources;
import dev.modelgov.k8s.admission.AdmissionHandler;
import dev.modelgov.k8s.admission.AdmissionReviewException;
import dev.modelgov.k8s.posture.PostureProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code governance k8s admit --policy builtin|builtin-cel|FILE [--pub KEY.pem]... [--profile P] [--exceptions
 * WAIVERS] [--environment E] [--require-governed] [--no-patch] REVIEW.json|-}: answers an AdmissionReview (or a bare
 * AdmissionRequest) as the admission webhook would and prints the response review JSON. Exits 0 when allowed, 1 when
 * denied, 2 for a usage error or an unreadable or malformed review. For internal use only; may change without notice.
 */
@Command(
    name = "admit",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Answers a Kubernetes AdmissionReview (admission.k8s.io/v1; a bare AdmissionRequest is wrapped) as the ModelGov "
          + "admission webhook would: posture checks, the model's manifest, digest and provenance from the "
          + "workload's governance.modelgov.dev/* annotations, then the policy at the admission point.",
      "Prints the response review JSON (allowed, status, warnings, auditAnnotations, patch). Without --pub, "
          + "provenance is not verified (absent)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Allowed (with or without warnings).",
      "1:Denied.",
      "2:Usage error, or an unreadable or malformed review, policy, key or waiver file."
    })
final class K8sAdmitCommand extends ProvenanceCommand {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Mixin PolicyOptions policyOptions = new PolicyOptions();

  @Option(
      names = {"-p", "--pub"},
      paramLabel = "PUB.pem",
      description = "A trusted public key (SPKI PEM) for the workload's provenance annotation; repeatable.")
  List<Path> publicKeys = new ArrayList<>();

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      defaultValue = "governance-strict",
      description = "The posture profile: baseline, restricted or governance-strict (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--environment", paramLabel = "NAME", description = "The environment, for example prod.")
  String environment;

  @Option(names = "--require-governed", description = "Deny workloads that name no model (default: allow with a "
      + "warning).")
  boolean requireGoverned;

  @Option(names = "--no-patch", description = "Do not add the recommended labels with a JSON patch.")
  boolean noPatch;

  @Parameters(paramLabel = "REVIEW.json|-", arity = "1", description = "The AdmissionReview JSON file, or - for "
      + "standard input.")
  String review;

  /** Picocli creates the command. */
  K8sAdmitCommand() {}

  @Override
  int execute() throws CommandException {
    PostureProfile p;
    try {
      p = PostureProfile.parse(profile);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
    }
    if (environment != null && environment.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--environment must not be blank");
    }
    Policy loaded = PolicyEvalCommand.loadPolicy(policyOptions.policy);
    CompiledPolicy compiled;
    try {
      compiled = PolicyEngine.builder().limits(PolicyEvalCommand.LIMITS).waivers(policyOptions.waivers()).build()
          .compile(loaded);
    } catch (PolicyCompileException e) {
      throw CommandException.usage(PolicySources.naming(e, loaded, policyOptions.policy).getMessage());
    }
    AdmissionHandler.Builder builder = AdmissionHandler.builder().policy(compiled).profile(p)
        .environment(environment).requireGovernedModel(requireGoverned).patch(!noPatch);
    if (!publicKeys.isEmpty()) {
      builder.trustRoot(VerifyCommand.trustRoot(publicKeys));
    }
    AdmissionHandler handler = builder.build();
    byte[] body = read();
    byte[] answer;
    try {
      answer = handler.handle(body);
    } catch (AdmissionReviewException e) {
      throw CommandException.usage(review + ": " + e.getMessage());
    }
    JsonNode response;
    try {
      response = MAPPER.readTree(answer);
    } catch (IOException e) {
      throw new IllegalStateException("the handler wrote invalid JSON", e);
    }
    JsonOutput.print(out(), response);
    JsonNode r = response.path("response");
    if (r.path("status").path("code").asInt() == 400) {
      err().println(review + ": " + r.path("status").path("message").asText());
      return ExitCodes.USAGE;
    }
    return r.path("allowed").asBoolean(false) ? ExitCodes.OK : ExitCodes.INVALID;
  }

  private byte[] read() throws CommandException {
    int limit = AdmissionHandler.DEFAULT_MAX_REVIEW_BYTES;
    if (review.equals("-")) {
      try {
        InputStream in = System.in;
        return in.readNBytes(limit + 1); // one byte over: the handler reports the limit
      } catch (IOException e) {
        throw CommandException.usage("-: standard input cannot be read: " + e.getMessage());
      }
    }
    return CliFiles.readBytes(Path.of(review), limit);
  }

}
