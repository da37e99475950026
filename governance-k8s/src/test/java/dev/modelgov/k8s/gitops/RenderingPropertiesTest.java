package dev.modelgov.k8s.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.ManifestGenerators;
import dev.modelgov.k8s.KubernetesManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Rendering any valid manifest: byte-stable, valid names, and YAML that reads back to the same objects. */
class RenderingPropertiesTest {

  private static final ManifestCodec CODEC = ManifestCodec.defaults();
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final ImageRef IMAGE = ImageRef.parse("registry.example/serve@sha256:" + "ab".repeat(32));

  @Test
  void any_manifest_renders_the_same_bytes_and_reads_back_without_drift() {
    qt().withExamples(100).forAll(ManifestGenerators.manifests()).checkAssert(generated -> {
      // GIVEN any valid manifest with a serving image
      ModelManifest manifest = generated.servingImage().isPresent() ? generated
          : generated.toBuilder().servingImage(IMAGE).build();
      Digest digest = CODEC.digest(manifest);
      GitOpsRenderer renderer = GitOpsRenderer.builder().namespace("ml").argoCdApplication("app").build();
      // WHEN
      String yaml = renderer.renderYaml(manifest, digest);
      List<HasMetadata> objects = renderer.render(manifest, digest);
      List<HasMetadata> read;
      try {
        read = KubernetesManifests.parse(yaml, "rendered.yaml");
      } catch (Exception e) {
        throw new AssertionError("rendered YAML does not parse: " + e.getMessage(), e);
      }
      // THEN
      assertThat(renderer.renderYaml(manifest, digest)).isEqualTo(yaml);
      assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getName()).hasSizeLessThanOrEqualTo(253)
          .matches(DNS_SUBDOMAIN));
      assertThat(read).hasSameSizeAs(objects);
      assertThat(DriftDetector.diff(objects, read)).isEmpty();
      assertThat(GitOpsRenderer.toYaml(read)).isEqualTo(yaml);
    });
  }
}
