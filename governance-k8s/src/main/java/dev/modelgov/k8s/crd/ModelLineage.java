package dev.modelgov.k8s.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link GovernedModel} came from: the training run (with the MLflow run id or Kubeflow model version id
 * spelled out when the run's system is {@code mlflow} or {@code kubeflow}), the source commit, and the digest of every
 * dataset.
 *
 * <pre>{@code
 * ModelLineage lineage = gm.getSpec().getLineage();
 * String run = lineage.getMlflowRunId();           // "8c1f3e5a7b9d4f2e" for an MLflow-trained model
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "trainingSystem", "trainingRunId", "mlflowRunId", "kubeflowModelVersionId", "sourceRepo", "sourceCommit", "datasets"
})
public class ModelLineage {

  @JsonPropertyDescription("The system that ran the training, as in the manifest (build.trainingRun.system).")
  private String trainingSystem;

  @JsonPropertyDescription("The training run id in that system (build.trainingRun.id).")
  private String trainingRunId;

  @JsonPropertyDescription("The MLflow run id, when the training system is mlflow.")
  private String mlflowRunId;

  @JsonPropertyDescription("The Kubeflow Model Registry model version id, when the training system is kubeflow.")
  private String kubeflowModelVersionId;

  @JsonPropertyDescription("The source repository (build.source.repo).")
  private String sourceRepo;

  @JsonPropertyDescription("The source commit (build.source.commit).")
  private String sourceCommit;

  @JsonPropertyDescription("Every dataset of the manifest with its digest.")
  private List<DatasetLineage> datasets = new ArrayList<>();

  /** An empty lineage. */
  public ModelLineage() {}

  /** @return the training system, or {@code null} */
  public String getTrainingSystem() {
    return trainingSystem;
  }

  /** @param trainingSystem the training system */
  public void setTrainingSystem(String trainingSystem) {
    this.trainingSystem = trainingSystem;
  }

  /** @return the training run id, or {@code null} */
  public String getTrainingRunId() {
    return trainingRunId;
  }

  /** @param trainingRunId the training run id */
  public void setTrainingRunId(String trainingRunId) {
    this.trainingRunId = trainingRunId;
  }

  /** @return the MLflow run id, or {@code null} */
  public String getMlflowRunId() {
    return mlflowRunId;
  }

  /** @param mlflowRunId the MLflow run id */
  public void setMlflowRunId(String mlflowRunId) {
    this.mlflowRunId = mlflowRunId;
  }

  /** @return the Kubeflow model version id, or {@code null} */
  public String getKubeflowModelVersionId() {
    return kubeflowModelVersionId;
  }

  /** @param kubeflowModelVersionId the Kubeflow model version id */
  public void setKubeflowModelVersionId(String kubeflowModelVersionId) {
    this.kubeflowModelVersionId = kubeflowModelVersionId;
  }

  /** @return the source repository, or {@code null} */
  public String getSourceRepo() {
    return sourceRepo;
  }

  /** @param sourceRepo the source repository */
  public void setSourceRepo(String sourceRepo) {
    this.sourceRepo = sourceRepo;
  }

  /** @return the source commit, or {@code null} */
  public String getSourceCommit() {
    return sourceCommit;
  }

  /** @param sourceCommit the source commit */
  public void setSourceCommit(String sourceCommit) {
    this.sourceCommit = sourceCommit;
  }

  /** @return the datasets (the live, mutable list) */
  public List<DatasetLineage> getDatasets() {
    return datasets;
  }

  /** @param datasets the datasets; {@code null} is stored as an empty list */
  public void setDatasets(List<DatasetLineage> datasets) {
    this.datasets = datasets == null ? new ArrayList<>() : new ArrayList<>(datasets);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelLineage l
        && Objects.equals(trainingSystem, l.trainingSystem)
        && Objects.equals(trainingRunId, l.trainingRunId)
        && Objects.equals(mlflowRunId, l.mlflowRunId)
        && Objects.equals(kubeflowModelVersionId, l.kubeflowModelVersionId)
        && Objects.equals(sourceRepo, l.sourceRepo)
        && Objects.equals(sourceCommit, l.sourceCommit)
        && Objects.equals(datasets, l.datasets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(trainingSystem, trainingRunId, mlflowRunId, kubeflowModelVersionId, sourceRepo, sourceCommit,
        datasets);
  }

  @Override
  public String toString() {
    return "ModelLineage[" + trainingSystem + ":" + trainingRunId + ", commit=" + sourceCommit + ", datasets="
        + datasets + "]";
  }
}
