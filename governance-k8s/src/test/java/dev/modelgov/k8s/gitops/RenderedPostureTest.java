package dev.modelgov.k8s.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.k8s.crd.GovernedModelFixtures;
import dev.modelgov.k8s.posture.PostureProfile;
import dev.modelgov.k8s.posture.PostureScanner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the renderer produces passes the strictest posture profile, with the rendered objects as the context. */
class RenderedPostureTest {

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void rendered_objects_have_no_finding_under_governance_strict(WorkloadKind kind) {
    // GIVEN
    ModelManifest manifest = GovernedModelFixtures.creditScoring();
    List<HasMetadata> objects = GitOpsRenderer.builder().namespace("ml-serving").workloadKind(kind).build()
        .render(manifest, GovernedModelFixtures.digest(manifest));
    // WHEN
    var findings = PostureScanner.of(PostureProfile.GOVERNANCE_STRICT).scanAll(objects);
    // THEN
    assertThat(findings).isEmpty();
    assertThat(objects).anyMatch(PostureScanner::supports);
  }
}
