package dev.modelgov.core.manifest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.DatasetRole;
import dev.modelgov.api.manifest.ModelManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ManifestExporterTest {

  private static final ManifestExporter EXPORTER = ManifestExporter.defaults();

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void export_dispatches_to_the_format_and_is_byte_stable(ExportFormat format) {
    // GIVEN the complete example manifest
    ModelManifest m = Manifests.creditScoring();
    // WHEN it is exported twice
    ExportResult first = EXPORTER.export(m, format);
    ExportResult second = EXPORTER.export(m, format);
    // THEN the result is in that format, non-empty and identical both times
    assertThat(first.format()).isEqualTo(format);
    assertThat(first.content()).isNotEmpty().isEqualTo(second.content());
    assertThat(first.lostFields()).isEqualTo(second.lostFields());
  }

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void exports_do_not_depend_on_the_default_locale_or_time_zone(ExportFormat format) {
    // GIVEN a manifest exported under the usual defaults
    ModelManifest m = Manifests.tricky();
    byte[] expected = EXPORTER.export(m, format).content();
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      // WHEN it is exported again under a Turkish locale and another time zone
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
      byte[] actual = EXPORTER.export(m, format).content();
      // THEN the bytes are the same
      assertThat(actual).isEqualTo(expected);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void lost_fields_are_in_manifest_order(ExportFormat format) {
    // GIVEN the tricky manifest, which loses something in every format but CycloneDX
    // WHEN it is exported
    List<LostField> lost = EXPORTER.export(Manifests.tricky(), format).lostFields();
    // THEN the lost fields follow the manifest's field order
    List<String> order =
        List.of("id", "version", "description", "owner", "supplier", "license", "task", "framework", "baseModels",
            "tags", "languages", "intendedUse", "risk", "datasets", "build", "artifacts", "servingImage", "evaluation",
            "lifecycle");
    int last = -1;
    for (LostField f : lost) {
      String top = f.path().split("[.\\[]", 2)[0];
      int at = order.indexOf(top);
      assertThat(at).as(f.path()).isGreaterThanOrEqualTo(last);
      last = at;
    }
    if (format == ExportFormat.CYCLONEDX) {
      assertThat(lost).isEmpty();
    } else {
      assertThat(lost).isNotEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(ExportFormat.class)
  void a_manifest_with_thousands_of_datasets_exports_in_reasonable_time(ExportFormat format) {
    // GIVEN a manifest with 3,000 datasets
    ModelManifest base = Manifests.minimal();
    List<Dataset> datasets = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String hex = String.format(Locale.ROOT, "%064x", i);
      datasets.add(Dataset.of("d" + i, "v1", DatasetRole.TRAIN, Digest.parse("sha256:" + hex)));
    }
    ModelManifest big = base.toBuilder().datasets(datasets).build();
    // WHEN it is exported
    // THEN the export is linear enough to finish quickly
    ExportResult result =
        assertTimeout(Duration.ofSeconds(20), () -> EXPORTER.export(big, format));
    assertThat(result.content()).isNotEmpty();
  }

  @Test
  void null_arguments_are_refused_with_their_name() {
    // GIVEN the exporter
    // WHEN it is given null
    // THEN the message names the argument
    assertThatThrownBy(() -> EXPORTER.export(null, ExportFormat.SPDX))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("manifest must not be null");
    assertThatThrownBy(() -> EXPORTER.export(Manifests.minimal(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("format must not be null");
  }

  @Test
  void result_to_string_has_no_content() {
    // GIVEN an export holding approver addresses
    ExportResult result = EXPORTER.export(Manifests.creditScoring(), ExportFormat.CYCLONEDX);
    // WHEN it is printed
    String text = result.toString();
    // THEN only the format and sizes appear
    assertThat(text).startsWith("ExportResult[CYCLONEDX, ").doesNotContain("@");
  }
}
