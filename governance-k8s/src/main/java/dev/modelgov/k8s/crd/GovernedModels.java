package dev.modelgov.k8s.crd;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.TrainingRun;
import dev.modelgov.api.policy.Decision;
import dev.modelgov.api.policy.Effect;
import dev.modelgov.api.policy.RuleResult;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds {@link GovernedModel} resources and their status from ModelGov values: a manifest and its digest, a policy
 * decision.
 *
 * <h2>Names</h2>
 *
 * {@link #name(ModelId, String)} gives {@code <namespace>-<name>-<version>}, lowercased, with every character other
 * than {@code a-z}, {@code 0-9} and {@code -} turned into {@code -} (so {@code risk/credit-scoring 2.4.0} becomes
 * {@code risk-credit-scoring-2-4-0}): a valid DNS-1035 label, usable as the name of any object and as a label value.
 * When the text had characters that do not map one to one ({@code _}, {@code +}, upper case...) or is longer than 63
 * characters, it is cut to 54 characters and {@code -} plus the first 8 hex digits of the SHA-256 of {@code
 * namespace/name@version} are appended, so that different models keep different names. Versions that differ only by
 * {@code .} against {@code -} ({@code 1.0} and {@code 1-0}) share a name.
 *
 * <pre>{@code
 * GovernedModel gm = GovernedModels.from(manifest, codec.digest(manifest), "oci://registry.example/att@sha256:...");
 * gm.getMetadata().getName();           // "risk-credit-scoring-2-4-0"
 * gm.getSpec().getLineage().getMlflowRunId();
 * }</pre>
 */
public final class GovernedModels {

  /** The condition type that tells whether the last decision allowed the model. */
  public static final String CONDITION_APPROVED = "Approved";

  /** The longest DNS-1035 label. */
  static final int MAX_LABEL = 63;

  private static final int HASH_CHARS = 8;

  private GovernedModels() {}

  /**
   * A {@link GovernedModel} for a manifest, without a provenance reference. See {@link #from(ModelManifest, Digest,
   * String)}.
   *
   * @param manifest the manifest, must not be {@code null}
   * @param manifestDigest its digest (from {@code ManifestCodec.digest}), must not be {@code null}
   * @return a new resource, with a name and no namespace
   */
  public static GovernedModel from(ModelManifest manifest, Digest manifestDigest) {
    return from(manifest, manifestDigest, null);
  }

  /**
   * A {@link GovernedModel} for a manifest: the name from {@link #name(ModelId, String)}, the spec from the manifest
   * (id, version, digest, serving image, risk class, stage, approvals with hashed approvers, lineage), no namespace
   * (set it before creating the resource) and no status.
   *
   * <p>Lineage: the training run's system and id always; its id again as {@code mlflowRunId} when the system is
   * {@code mlflow}, or as {@code kubeflowModelVersionId} when it is {@code kubeflow} (case-insensitive); the source
   * repository and commit; every dataset's name, version, role and digest.
   *
   * @param manifest the manifest, must not be {@code null}
   * @param manifestDigest its digest (from {@code ManifestCodec.digest}), must not be {@code null}
   * @param provenanceRef where its signed provenance is (a URL or OCI reference), or {@code null} for none
   * @return a new resource, with a name and no namespace
   * @throws IllegalArgumentException if {@code provenanceRef} is blank
   */
  public static GovernedModel from(ModelManifest manifest, Digest manifestDigest, String provenanceRef) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    Objects.requireNonNull(manifestDigest, "manifestDigest must not be null");
    if (provenanceRef != null && provenanceRef.isBlank()) {
      throw new IllegalArgumentException("provenanceRef must not be blank; pass null for none");
    }
    GovernedModelSpec spec = new GovernedModelSpec();
    spec.setModelId(manifest.id().toString());
    spec.setVersion(manifest.version());
    spec.setManifestDigest(manifestDigest.toString());
    manifest.servingImage().ifPresent(image -> {
      spec.setImage(image.toString());
      spec.setImageDigest(image.digest().toString());
    });
    spec.setRiskClass(manifest.risk().riskClass());
    if (manifest.lifecycle() != null) {
      spec.setStage(manifest.lifecycle().stage());
      for (Approval approval : manifest.lifecycle().approvals()) {
        spec.getApprovals().add(approval(approval));
      }
    }
    spec.setLineage(lineage(manifest));
    spec.setProvenanceRef(provenanceRef);

    GovernedModel resource = new GovernedModel();
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(name(manifest.id(), manifest.version()));
    resource.setMetadata(metadata);
    resource.setSpec(spec);
    return resource;
  }

  private static GovernedApproval approval(Approval approval) {
    GovernedApproval a = new GovernedApproval();
    a.setRole(approval.role());
    a.setDecision(approval.decision());
    a.setScope(approval.scope());
    a.setAt(approval.at() == null ? null : approval.at().toString());
    a.setApproverSha256(approverHash(approval.approver()));
    return a;
  }

  private static ModelLineage lineage(ModelManifest manifest) {
    ModelLineage lineage = new ModelLineage();
    BuildProvenance build = manifest.build();
    if (build != null) {
      TrainingRun run = build.trainingRun();
      if (run != null) {
        lineage.setTrainingSystem(run.system());
        lineage.setTrainingRunId(run.id());
        String system = run.system() == null ? "" : run.system().trim().toLowerCase(Locale.ROOT);
        if (system.equals("mlflow")) {
          lineage.setMlflowRunId(run.id());
        } else if (system.equals("kubeflow")) {
          lineage.setKubeflowModelVersionId(run.id());
        }
      }
      if (build.source() != null) {
        lineage.setSourceRepo(build.source().repo());
        lineage.setSourceCommit(build.source().commit());
      }
    }
    for (Dataset dataset : manifest.datasets()) {
      DatasetLineage d = new DatasetLineage();
      d.setName(dataset.name());
      d.setVersion(dataset.version());
      d.setRole(dataset.role());
      d.setDigest(dataset.digest().toString());
      lineage.getDatasets().add(d);
    }
    return lineage;
  }

  /**
   * The SHA-256 (lowercase hex) of an approver as written in the manifest (UTF-8, not normalised), as stored in
   * {@link GovernedApproval#getApproverSha256()}.
   *
   * @param approver the approver, must not be {@code null}
   * @return 64 hex digits
   */
  public static String approverHash(String approver) {
    Objects.requireNonNull(approver, "approver must not be null");
    return HexFormat.of().formatHex(sha256(approver));
  }

  /**
   * The resource name of a model version: see the class documentation.
   *
   * @param id the model id, must not be {@code null}
   * @param version the version, must not be {@code null} or blank
   * @return a DNS-1035 label of at most 63 characters
   */
  public static String name(ModelId id, String version) {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(version, "version must not be null");
    if (version.isBlank()) {
      throw new IllegalArgumentException("version must not be blank");
    }
    return dnsLabel(id.namespace() + "-" + id.name() + "-" + version, id + "@" + version);
  }

  /**
   * Turns text into a DNS-1035 label (at most 63 characters of {@code a-z}, {@code 0-9} and {@code -}, starting with a
   * letter and ending with a letter or digit), by the rules of {@link #name(ModelId, String)}: lowercase, other
   * characters to {@code -}, runs of {@code -} collapsed, {@code m-} in front when it would start with a digit, and a
   * hash suffix of {@code identity} when the mapping lost information or the text is too long.
   *
   * @param text the text, for example {@code risk-credit-scoring}
   * @param identity what the hash suffix is computed over, for example {@code risk/credit-scoring}
   * @return the label
   * @throws IllegalArgumentException if the text has no letter or digit
   */
  public static String dnsLabel(String text, String identity) {
    Objects.requireNonNull(text, "text must not be null");
    Objects.requireNonNull(identity, "identity must not be null");
    StringBuilder sb = new StringBuilder(text.length());
    boolean lossy = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        sb.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        sb.append((char) (c + ('a' - 'A')));
        lossy = true;
      } else {
        if (c != '-' && c != '.' && c != '/') {
          lossy = true;
        }
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
          sb.append('-');
        }
      }
    }
    while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') {
      sb.setLength(sb.length() - 1);
    }
    if (sb.length() == 0) {
      throw new IllegalArgumentException("a name needs at least one letter or digit: '" + clip(text) + "'");
    }
    if (sb.charAt(0) >= '0' && sb.charAt(0) <= '9') {
      sb.insert(0, "m-");
    }
    if (!lossy && sb.length() <= MAX_LABEL) {
      return sb.toString();
    }
    String hash = HexFormat.of().formatHex(sha256(identity)).substring(0, HASH_CHARS);
    String head = sb.length() > MAX_LABEL - HASH_CHARS - 1 ? sb.substring(0, MAX_LABEL - HASH_CHARS - 1) : sb.toString();
    while (head.endsWith("-")) {
      head = head.substring(0, head.length() - 1);
    }
    return head + "-" + hash;
  }

  /**
   * The status a decision gives a governed model: phase {@code Denied} for {@link Effect#DENY}, else {@code Approved};
   * {@code observedGeneration}; the condition {@value #CONDITION_APPROVED} ({@code True}/{@code False}, reason {@code
   * PolicyAllowed}, {@code PolicyAllowedWithWarnings} or {@code PolicyDenied}, the decision's summary line as message);
   * and {@link GovernanceDecision} with the ids of the denying and warning rules.
   *
   * <p>The condition's {@code lastTransitionTime} is the decision's time, unless {@code previous} already had the
   * condition with the same status, whose time is kept (as Kubernetes conditions do).
   *
   * @param decision the decision, must not be {@code null}
   * @param observedGeneration the {@code metadata.generation} the decision was taken for, or {@code null}
   * @param previous the current status, or {@code null}
   * @return a new status
   */
  public static GovernedModelStatus status(Decision decision, Long observedGeneration, GovernedModelStatus previous) {
    Objects.requireNonNull(decision, "decision must not be null");
    boolean allowed = decision.effect() != Effect.DENY;
    String at = rfc3339(decision.timestamp());

    GovernedModelCondition condition = new GovernedModelCondition();
    condition.setType(CONDITION_APPROVED);
    condition.setStatus(allowed ? "True" : "False");
    condition.setReason(switch (decision.effect()) {
      case ALLOW -> "PolicyAllowed";
      case WARN -> "PolicyAllowedWithWarnings";
      case DENY -> "PolicyDenied";
    });
    condition.setMessage(decision.summaryText());
    condition.setObservedGeneration(observedGeneration);
    condition.setLastTransitionTime(at);

    GovernedModelStatus status = new GovernedModelStatus();
    if (previous != null) {
      for (GovernedModelCondition c : previous.getConditions()) {
        if (CONDITION_APPROVED.equals(c.getType())) {
          if (condition.getStatus().equals(c.getStatus()) && c.getLastTransitionTime() != null) {
            condition.setLastTransitionTime(c.getLastTransitionTime());
          }
        } else {
          status.getConditions().add(c);
        }
      }
    }
    status.getConditions().add(condition);
    status.getConditions().sort((a, b) -> String.valueOf(a.getType()).compareTo(String.valueOf(b.getType())));
    status.setPhase(allowed ? GovernedModelPhase.APPROVED : GovernedModelPhase.DENIED);
    status.setObservedGeneration(observedGeneration);

    GovernanceDecision last = new GovernanceDecision();
    last.setDecisionId(decision.decisionId());
    last.setEffect(decision.effect());
    last.setPolicyId(decision.policy().id());
    last.setPolicyVersion(decision.policy().version());
    last.setPoint(decision.point().wireName());
    last.setEnvironment(decision.environment().orElse(null));
    last.setDecidedAt(at);
    last.setDeniedRules(decision.denials().stream().map(RuleResult::ruleId).toList());
    last.setWarnedRules(decision.warningResults().stream().map(RuleResult::ruleId).toList());
    status.setLastDecision(last);
    return status;
  }

  private static String rfc3339(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
