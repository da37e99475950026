package dev.modelgov.testkit.compat;

import dev.modelgov.api.manifest.Lifecycle;
import dev.modelgov.api.manifest.LifecycleStage;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import java.nio.file.Path;

/** The example manifests the compatibility tests evaluate rules on. */
final class Manifests {

  private static final ModelManifest CREDIT = read("credit-scoring.yaml");

  private Manifests() {}

  private static ModelManifest read(String name) {
    String root = System.getProperty("modelgov.root", "..");
    try {
      return ManifestCodec.defaults().read(Path.of(root, "examples/manifests", name));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read example manifest " + name, e);
    }
  }

  /** @return risk/credit-scoring 2.4.0: HIGH risk, PRODUCTION, licensed */
  static ModelManifest creditScoring() {
    return CREDIT;
  }

  /**
   * @param m a manifest
   * @param stage a stage
   * @return a copy at that stage
   */
  static ModelManifest atStage(ModelManifest m, LifecycleStage stage) {
    Lifecycle l = m.lifecycle();
    return m.toBuilder()
        .lifecycle(new Lifecycle(stage, l.aliases(), l.approvals(), l.monitoringPlan(), l.supersedes(), l.createdAt()))
        .build();
  }
}
