package dev.modelgov.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestQuickstartTest {

  @Test
  void the_quickstart_manifest_is_valid_and_prints_yaml_that_reads_back() throws Exception {
    // GIVEN the manifest the quickstart builds
    ModelManifest m = ManifestQuickstart.manifest();
    // WHEN it is printed
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ManifestQuickstart.print(m, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    // THEN the YAML reads back to the same manifest and the reference carries its digest
    assertThat(ManifestCodec.defaults().readYaml(printed)).isEqualTo(m);
    assertThat(printed).contains("# payments/fraud-score@1.3.0 (" + ManifestCodec.defaults().digest(m) + ")");
  }
}
