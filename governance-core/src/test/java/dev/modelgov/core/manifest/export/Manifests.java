package dev.modelgov.core.manifest.export;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.Autonomy;
import dev.modelgov.api.manifest.BaseModel;
import dev.modelgov.api.manifest.BaseModelRelation;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.Evaluation;
import dev.modelgov.api.manifest.IntendedUse;
import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.Owner;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.manifest.TrainingRun;
import dev.modelgov.core.TestFiles;
import dev.modelgov.core.manifest.ManifestCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The example manifests, and one that exercises the awkward corners of every mapping. */
final class Manifests {

  private Manifests() {}

  static ModelManifest load(String name) {
    try {
      return ManifestCodec.defaults().read(TestFiles.manifest(name));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read example " + name, e);
    }
  }

  static ModelManifest creditScoring() {
    return load("credit-scoring.yaml");
  }

  static ModelManifest minimal() {
    return load("minimal.yaml");
  }

  /**
   * The credit-scoring manifest with values that no native slot holds exactly: hyperparameters whose text looks like
   * a number, keys with dots, a slice value with a comma, a URI with a space, several artifacts, base models, a
   * non-e-mail contact, human-on-the-loop autonomy, approval comments and every dataset role.
   */
  static ModelManifest tricky() {
    ModelManifest base = creditScoring();
    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("C", new BigDecimal("0.5"));
    hyper.put("seed", "42");
    hyper.put("flag", "true");
    hyper.put("quoted", "\"already quoted\"");
    hyper.put("a.b[0]", Boolean.TRUE);
    hyper.put("max_depth", new BigDecimal("6"));
    hyper.put("tiny", new BigDecimal("1E-12"));
    BuildProvenance build =
        new BuildProvenance(
            base.build().source(),
            base.build().trainingImage(),
            new TrainingRun(
                "kubeflow",
                "run-7",
                Optional.empty(),
                Optional.of(Instant.parse("2026-11-18T08:00:00Z")),
                Optional.of(Instant.parse("2026-11-18T09:30:00Z"))),
            hyper);
    List<Dataset> datasets = new ArrayList<>(base.datasets());
    Digest d3 = Digest.parse("sha256:" + "3".repeat(63) + "a");
    datasets.add(
        new Dataset(
            "validation set",
            "v1",
            DatasetRole.VALIDATION,
            Optional.of("s3://bucket/with space/"),
            d3,
            false,
            Optional.of("confidential"),
            Optional.of("CC-BY-4.0")));
    datasets.add(Dataset.of("drift-reference", "2026-10", DatasetRole.REFERENCE, Digest.parse("sha256:" + "6".repeat(64))));
    IntendedUse use = base.intendedUse();
    IntendedUse onTheLoop =
        new IntendedUse(
            use.purpose(),
            use.users(),
            use.outOfScopeUses(),
            use.domains(),
            use.humanOversight(),
            Optional.of(Autonomy.HUMAN_ON_THE_LOOP),
            use.inputs(),
            use.outputs());
    List<Metric> metrics = new ArrayList<>(base.evaluation().metrics());
    metrics.add(metrics.get(1).onSlice(Map.of("group", "a, b", "attribute", "x=y")));
    Evaluation ev =
        new Evaluation(
            metrics,
            base.evaluation().fairnessAssessments(),
            base.evaluation().limitations(),
            List.of("Threshold 0.42 trades recall for precision"),
            Optional.of("SHAP values | per decision"));
    Lifecycle lc = base.lifecycle();
    List<Approval> approvals = new ArrayList<>(lc.approvals());
    approvals.add(
        new Approval(
            "Jane Roe",
            "dpo",
            ApprovalDecision.CONDITIONAL,
            LifecycleStage.PRODUCTION,
            Instant.parse("2026-11-22T09:00:00Z"),
            Optional.of("only with monthly review; call Jane on +44 20 7946 0000")));
    return base.toBuilder()
        .description("Logistic-regression score.\nSecond line | with a pipe.")
        .owner(new Owner("credit-risk-ml", Optional.of("#credit-ml on chat")))
        .baseModels(
            List.of(
                new BaseModel("hf:bert-base-uncased", Optional.of(BaseModelRelation.FINETUNE)),
                new BaseModel("risk/base-scorer@1.0.0", Optional.empty())))
        .languages(List.of("en", "de"))
        .intendedUse(onTheLoop)
        .datasets(datasets)
        .build(build)
        .artifacts(
            List.of(
                base.artifacts().get(0),
                new Artifact("s3://ml-models/credit scoring/2.4.0/model.onnx", Optional.of("onnx"), Optional.of(1234L),
                    Digest.parse("sha256:" + "7".repeat(64)))))
        .evaluation(ev)
        .lifecycle(
            new Lifecycle(lc.stage(), lc.aliases(), approvals, lc.monitoringPlan(), lc.supersedes(), lc.createdAt()))
        .risk(base.risk())
        .build();
  }

  /** The example's risk class swapped. */
  static ModelManifest withRiskClass(ModelManifest m, RiskClass c) {
    return m.toBuilder()
        .risk(
            new dev.modelgov.api.manifest.RiskAssessment(
                c,
                m.risk().scheme(),
                m.risk().regulatoryContext(),
                m.risk().standards(),
                m.risk().personalData(),
                m.risk().risks()))
        .build();
  }
}
