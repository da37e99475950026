package dev.modelgov.k8s.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.RiskClass;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The spec of a {@link GovernedModel}: which model version, pinned by the digest of its manifest and of its serving
 * image, its risk class and stage, who approved it (pseudonymised, see {@link GovernedApproval}), where it came from
 * ({@link ModelLineage}) and where its signed provenance is. A plain, mutable Jackson bean, as fabric8 custom resources
 * need; {@link GovernedModels#from} fills one from a manifest.
 *
 * <pre>{@code
 * GovernedModelSpec spec = new GovernedModelSpec();
 * spec.setModelId("risk/credit-scoring");
 * spec.setVersion("2.4.0");
 * spec.setManifestDigest("sha256:...");
 * spec.setRiskClass(RiskClass.HIGH);
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "modelId", "version", "manifestDigest", "image", "imageDigest", "riskClass", "stage", "approvals", "lineage",
  "provenanceRef"
})
public class GovernedModelSpec {

  /** A model id, {@code namespace/name}, as {@link dev.modelgov.api.ModelId} accepts it. */
  public static final String MODEL_ID_PATTERN =
      "^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?/[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$";

  /** A SHA-256 digest, {@code sha256:} and 64 lowercase hex digits. */
  public static final String DIGEST_PATTERN = "^sha256:[0-9a-f]{64}$";

  @Required
  @Pattern(MODEL_ID_PATTERN)
  @JsonPropertyDescription("The model id, namespace/name, as in the ModelManifest.")
  private String modelId;

  @Required
  @JsonPropertyDescription("The model version, as in the ModelManifest.")
  private String version;

  @Required
  @Pattern(DIGEST_PATTERN)
  @JsonPropertyDescription("The manifest digest: sha256 over the canonical JSON (RFC 8785) of the ModelManifest.")
  private String manifestDigest;

  @JsonPropertyDescription("The serving image, pinned by digest: repository@sha256:<hex>.")
  private String image;

  @Pattern(DIGEST_PATTERN)
  @JsonPropertyDescription("The digest of the serving image.")
  private String imageDigest;

  @Required
  @JsonPropertyDescription("The risk class from the manifest's risk assessment.")
  private RiskClass riskClass;

  @JsonPropertyDescription("The lifecycle stage from the manifest.")
  private LifecycleStage stage;

  @JsonPropertyDescription("The approvals from the manifest; approvers are stored as SHA-256 hashes only.")
  private List<GovernedApproval> approvals = new ArrayList<>();

  @JsonPropertyDescription("Where the model came from: training run ids, source commit and dataset digests.")
  private ModelLineage lineage;

  @JsonPropertyDescription("Where the signed provenance (DSSE envelope or Sigstore bundle) of this version is.")
  private String provenanceRef;

  /** An empty spec. */
  public GovernedModelSpec() {}

  /** @return the model id, {@code namespace/name} */
  public String getModelId() {
    return modelId;
  }

  /** @param modelId the model id, {@code namespace/name} */
  public void setModelId(String modelId) {
    this.modelId = modelId;
  }

  /** @return the model version */
  public String getVersion() {
    return version;
  }

  /** @param version the model version */
  public void setVersion(String version) {
    this.version = version;
  }

  /** @return the manifest digest, {@code sha256:<hex>} */
  public String getManifestDigest() {
    return manifestDigest;
  }

  /** @param manifestDigest the manifest digest, {@code sha256:<hex>} */
  public void setManifestDigest(String manifestDigest) {
    this.manifestDigest = manifestDigest;
  }

  /** @return the serving image, {@code repository@sha256:<hex>}, or {@code null} */
  public String getImage() {
    return image;
  }

  /** @param image the serving image, {@code repository@sha256:<hex>} */
  public void setImage(String image) {
    this.image = image;
  }

  /** @return the serving image digest, {@code sha256:<hex>}, or {@code null} */
  public String getImageDigest() {
    return imageDigest;
  }

  /** @param imageDigest the serving image digest, {@code sha256:<hex>} */
  public void setImageDigest(String imageDigest) {
    this.imageDigest = imageDigest;
  }

  /** @return the risk class */
  public RiskClass getRiskClass() {
    return riskClass;
  }

  /** @param riskClass the risk class */
  public void setRiskClass(RiskClass riskClass) {
    this.riskClass = riskClass;
  }

  /** @return the lifecycle stage, or {@code null} */
  public LifecycleStage getStage() {
    return stage;
  }

  /** @param stage the lifecycle stage */
  public void setStage(LifecycleStage stage) {
    this.stage = stage;
  }

  /** @return the approvals (the live, mutable list) */
  public List<GovernedApproval> getApprovals() {
    return approvals;
  }

  /** @param approvals the approvals; {@code null} is stored as an empty list */
  public void setApprovals(List<GovernedApproval> approvals) {
    this.approvals = approvals == null ? new ArrayList<>() : new ArrayList<>(approvals);
  }

  /** @return the lineage, or {@code null} */
  public ModelLineage getLineage() {
    return lineage;
  }

  /** @param lineage the lineage */
  public void setLineage(ModelLineage lineage) {
    this.lineage = lineage;
  }

  /** @return where the signed provenance is, or {@code null} */
  public String getProvenanceRef() {
    return provenanceRef;
  }

  /** @param provenanceRef where the signed provenance is */
  public void setProvenanceRef(String provenanceRef) {
    this.provenanceRef = provenanceRef;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GovernedModelSpec s
        && Objects.equals(modelId, s.modelId)
        && Objects.equals(version, s.version)
        && Objects.equals(manifestDigest, s.manifestDigest)
        && Objects.equals(image, s.image)
        && Objects.equals(imageDigest, s.imageDigest)
        && riskClass == s.riskClass
        && stage == s.stage
        && Objects.equals(approvals, s.approvals)
        && Objects.equals(lineage, s.lineage)
        && Objects.equals(provenanceRef, s.provenanceRef);
  }

  @Override
  public int hashCode() {
    return Objects.hash(modelId, version, manifestDigest, image, imageDigest, riskClass, stage, approvals, lineage,
        provenanceRef);
  }

  @Override
  public String toString() {
    return "GovernedModelSpec[" + modelId + "@" + version + " (" + manifestDigest + "), risk=" + riskClass + "]";
  }
}
