package dev.modelgov.core.manifest;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.manifest.Approval;
import dev.modelgov.api.manifest.ApprovalDecision;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.Autonomy;
import dev.modelgov.api.manifest.BaseModel;
import dev.modelgov.api.manifest.BaseModelRelation;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.ConfidenceInterval;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.Evaluation;
import dev.modelgov.api.manifest.FairnessAssessment;
import dev.modelgov.api.manifest.Framework;
import dev.modelgov.api.manifest.IntendedUse;
import dev.modelgov.api.manifest.IoField;
import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.Metric;
import dev.modelgov.api.manifest.MetricCategory;
import dev.modelgov.api.manifest.MetricName;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.manifest.Owner;
import dev.modelgov.api.manifest.PersonalData;
import dev.modelgov.api.manifest.RiskAssessment;
import dev.modelgov.api.manifest.RiskClass;
import dev.modelgov.api.manifest.RiskItem;
import dev.modelgov.api.manifest.RiskScheme;
import dev.modelgov.api.manifest.SourceRef;
import dev.modelgov.api.manifest.Threshold;
import dev.modelgov.api.manifest.TrainingRun;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** QuickTheories generators of valid {@link ModelManifest}s, covering every field and awkward text. */
public final class ManifestGenerators {

  private ManifestGenerators() {}

  /** @return a generator of valid manifests */
  public static Gen<ModelManifest> manifests() {
    return in -> new R(in).manifest();
  }

  /** Draws values from a QuickTheories randomness source, so failures shrink. */
  private static final class R {
    private static final String[] PIECES = {
      "a", "model", " ", "é", "中文", "😀", "\"", "'", ":", "#", "- ", "{", "}", "[", "]", "\\", "\n", "\t", "0", "1.5",
      "null", "true", "~", "&x", "*x", "%", "@", "\u0001", "\u007f", "\u2028", "Z"
    };
    private final RandomnessSource in;

    R(RandomnessSource in) {
      this.in = in;
    }

    int between(int min, int max) {
      return (int) in.next(Constraint.between(min, max));
    }

    boolean coin() {
      return between(0, 1) == 1;
    }

    <T> T pick(T[] values) {
      return values[between(0, values.length - 1)];
    }

    String text() {
      StringBuilder sb = new StringBuilder();
      int n = between(1, 6);
      for (int i = 0; i < n; i++) {
        sb.append(pick(PIECES));
      }
      if (sb.toString().isBlank()) {
        sb.append('x');
      }
      return sb.toString();
    }

    String label() {
      StringBuilder sb = new StringBuilder();
      sb.append((char) ('a' + between(0, 25)));
      int n = between(0, 10);
      for (int i = 0; i < n; i++) {
        sb.append("abcdefghijklmnopqrstuvwxyz0123456789-_.".charAt(between(0, 38)));
      }
      sb.append((char) ('a' + between(0, 25)));
      return sb.toString();
    }

    String hex(int n) {
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        sb.append("0123456789abcdef".charAt(between(0, 15)));
      }
      return sb.toString();
    }

    Digest digest() {
      return Digest.parse("sha256:" + hex(64));
    }

    BigDecimal decimal() {
      long unscaled = in.next(Constraint.between(-999_999_999_999_999L, 999_999_999_999_999L).withShrinkPoint(0));
      return BigDecimal.valueOf(unscaled, between(0, 12));
    }

    Instant instant() {
      return Instant.ofEpochSecond(in.next(Constraint.between(0, 4_102_444_800L)), between(0, 2) == 0 ? 0 : between(0, 999) * 1_000_000);
    }

    <T> Optional<T> maybe(Supplier<T> value) {
      return coin() ? Optional.of(value.get()) : Optional.empty();
    }

    <T> List<T> list(int max, Supplier<T> value) {
      int n = between(0, max);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(value.get());
      }
      return out;
    }

    IoField io(int i) {
      List<BigDecimal> range = new ArrayList<>();
      if (coin()) {
        BigDecimal a = decimal();
        BigDecimal b = decimal();
        range = a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
      }
      return new IoField("f" + i, pick(new String[] {"number", "category", "text"}), maybe(this::text), range, list(3, this::text), maybe(this::text));
    }

    List<IoField> ios() {
      int n = between(0, 3);
      List<IoField> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(io(i));
      }
      return out;
    }

    ModelManifest manifest() {
      int datasetCount = between(1, 3);
      List<Dataset> datasets = new ArrayList<>();
      for (int i = 0; i < datasetCount; i++) {
        datasets.add(
            new Dataset("ds-" + i + "-" + label(), text(), pick(DatasetRole.values()), maybe(this::text), digest(), coin(), maybe(this::text), maybe(this::text)));
      }
      List<Metric> metrics = new ArrayList<>();
      int metricCount = between(1, 4);
      for (int i = 0; i < metricCount; i++) {
        Map<String, String> slice = new LinkedHashMap<>();
        if (coin()) {
          slice.put("attribute", text());
        }
        Optional<Threshold> threshold = Optional.empty();
        if (coin()) {
          BigDecimal a = decimal();
          BigDecimal b = decimal();
          threshold =
              Optional.of(
                  switch (between(0, 2)) {
                    case 0 -> Threshold.atLeast(a);
                    case 1 -> Threshold.atMost(a);
                    default -> new Threshold(Optional.of(a.min(b)), Optional.of(a.max(b)));
                  });
        }
        Optional<ConfidenceInterval> ci = Optional.empty();
        if (coin()) {
          BigDecimal a = decimal();
          BigDecimal b = decimal();
          ci = Optional.of(new ConfidenceInterval(a.min(b), a.max(b)));
        }
        Optional<String> ds = coin() ? Optional.of(datasets.get(between(0, datasetCount - 1)).name()) : Optional.empty();
        metrics.add(new Metric(MetricName.of("m" + label().replace('-', '_')), decimal(), pick(MetricCategory.values()), ds, slice, threshold, ci));
      }
      Map<String, Object> hyper = new LinkedHashMap<>();
      int h = between(0, 3);
      for (int i = 0; i < h; i++) {
        Object v = switch (between(0, 2)) {
          case 0 -> text();
          case 1 -> decimal();
          default -> coin();
        };
        hyper.put("p" + i + text(), v);
      }
      return ModelManifest.builder()
          .id(new ModelId(label(), label()))
          .version(between(0, 20) + "." + between(0, 20) + "." + between(0, 20))
          .description(text())
          .owner(new Owner(text(), maybe(this::text)))
          .supplier(text())
          .license(pick(new String[] {"Apache-2.0", "MIT", "LicenseRef-Proprietary"}))
          .task(text())
          .framework(coin() ? new Framework(text(), maybe(this::text)) : null)
          .baseModels(list(2, () -> new BaseModel(text(), maybe(() -> pick(BaseModelRelation.values())))))
          .tags(list(3, this::text))
          .languages(list(2, () -> pick(new String[] {"en", "de", "fr-CA"})))
          .intendedUse(
              new IntendedUse(
                  text(), list(2, this::text), list(2, this::text), list(2, this::text), maybe(this::text),
                  maybe(() -> pick(Autonomy.values())), ios(), ios()))
          .risk(
              new RiskAssessment(
                  pick(RiskClass.values()),
                  pick(new RiskScheme[] {RiskScheme.EU_AI_ACT, RiskScheme.NIST_AI_RMF, RiskScheme.of("BANK-MRM")}),
                  list(2, this::text),
                  list(2, this::text),
                  maybe(() -> new PersonalData(coin(), list(2, this::text), maybe(this::text), maybe(this::text))),
                  list(2, () -> new RiskItem(text(), maybe(this::text), maybe(this::text)))))
          .datasets(datasets)
          .build(
              new BuildProvenance(
                  new SourceRef(text(), hex(coin() ? 40 : 64)),
                  ImageRef.parse("registry.example/" + label() + "@" + digest()),
                  new TrainingRun(text(), text(), maybe(this::text), maybe(this::instant), Optional.empty()),
                  hyper))
          .artifacts(
              list(1, () -> new Artifact(text(), maybe(this::text), maybe(() -> in.next(Constraint.between(0, 1L << 53))), digest()))
                  .stream()
                  .findFirst()
                  .map(List::of)
                  .orElseGet(() -> List.of(Artifact.of(text(), digest()))))
          .servingImage(coin() ? ImageRef.parse("registry.example/serve@" + digest()) : null)
          .evaluation(
              new Evaluation(
                  metrics,
                  list(2, () -> new FairnessAssessment(text(), maybe(this::text), maybe(this::text), maybe(this::text))),
                  list(2, this::text),
                  list(2, this::text),
                  maybe(this::text)))
          .lifecycle(
              new Lifecycle(
                  pick(LifecycleStage.values()),
                  list(2, this::text),
                  list(
                      2,
                      () ->
                          new Approval(text(), text(), pick(ApprovalDecision.values()), pick(LifecycleStage.values()), instant(), maybe(this::text))),
                  maybe(this::text),
                  maybe(this::text),
                  instant()))
          .build();
    }
  }
}
