package dev.modelgov.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.policy.EnforcementPoint;
import dev.modelgov.api.policy.Waiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WaiverFilesTest {

  private static final String HEADER = "apiVersion: policy.modelgov.dev/v1alpha1\nkind: WaiverList\nwaivers:\n";

  private static final String EXAMPLE = HEADER
      + "  - id: WVR-2026-017\n"
      + "    rules: [model.fairness.thresholds]\n"
      + "    match: {models: [risk/credit-scoring], versions: [\"2.4.*\"], environments: [prod], points: [promotion],"
      + " expression: \"manifest.risk['class'] == 'HIGH'\"}\n"
      + "    reason: fairness re-evaluation on the Q4 holdout is in progress\n"
      + "    ticket: GOV-1234\n"
      + "    approver: r.okafor@bank.example\n"
      + "    createdAt: 2026-11-20T00:00:00Z\n"
      + "    expiresAt: 2026-12-20T00:00:00Z\n";

  /** One valid waiver entry, its lines indented under {@code waivers:}; tests replace or drop lines. */
  private static final String ENTRY = ""
      + "  - id: WVR-1\n"
      + "    rules: [model.owner]\n"
      + "    reason: owner being appointed\n"
      + "    ticket: GOV-1\n"
      + "    approver: a@bank.example\n"
      + "    createdAt: 2026-11-20T00:00:00Z\n"
      + "    expiresAt: 2026-12-20T00:00:00Z\n";

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void the_documented_example_reads_into_one_waiver() throws Exception {
    // GIVEN the documented YAML example
    // WHEN parsed
    List<Waiver> waivers = WaiverFiles.parse(bytes(EXAMPLE), "waivers.yaml");
    // THEN every field is read
    assertThat(waivers).hasSize(1);
    Waiver w = waivers.get(0);
    assertThat(w.id()).isEqualTo("WVR-2026-017");
    assertThat(w.rules()).containsExactly("model.fairness.thresholds");
    assertThat(w.match().models()).containsExactly("risk/credit-scoring");
    assertThat(w.match().versions()).containsExactly("2.4.*");
    assertThat(w.match().environments()).containsExactly("prod");
    assertThat(w.match().points()).containsExactly(EnforcementPoint.PROMOTION);
    assertThat(w.match().expression()).contains("manifest.risk['class'] == 'HIGH'");
    assertThat(w.reason()).isEqualTo("fairness re-evaluation on the Q4 holdout is in progress");
    assertThat(w.ticket()).isEqualTo("GOV-1234");
    assertThat(w.approver()).isEqualTo("r.okafor@bank.example");
    assertThat(w.createdAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    assertThat(w.expiresAt()).isEqualTo(Instant.parse("2026-12-20T00:00:00Z"));
  }

  @Test
  void the_json_form_reads_the_same() throws Exception {
    // GIVEN the same waiver as JSON, with an offset timestamp
    String json = "{\"apiVersion\":\"policy.modelgov.dev/v1alpha1\",\"kind\":\"WaiverList\",\"waivers\":[{"
        + "\"id\":\"WVR-J\",\"rules\":[\"model.*\"],\"reason\":\"r\",\"ticket\":\"T-1\",\"approver\":\"a\","
        + "\"createdAt\":\"2026-11-20T01:00:00+01:00\",\"expiresAt\":\"2026-12-20T00:00:00Z\"}]}";
    // WHEN parsed
    List<Waiver> waivers = WaiverFiles.parse(bytes(json), "waivers.json");
    // THEN it matches any evaluation and the offset is applied
    assertThat(waivers).singleElement().satisfies(w -> {
      assertThat(w.covers("model.owner")).isTrue();
      assertThat(w.match().models()).isEmpty();
      assertThat(w.createdAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    });
  }

  @Test
  void an_empty_list_is_valid() throws Exception {
    // GIVEN a list without waivers WHEN parsed THEN it is empty
    assertThat(WaiverFiles.parse(bytes(HEADER.replace("waivers:\n", "waivers: []\n")), "w.yaml")).isEmpty();
  }

  static Stream<Arguments> badEntries() {
    String rules = "rules: [model.owner]";
    String expiry = "expiresAt: 2026-12-20T00:00:00Z";
    return Stream.of(
        Arguments.of("unknown field", expiry, "expires: 2026-12-20T00:00:00Z", "waivers[0].expires: unknown field"),
        Arguments.of("missing expiry", "    " + expiry + "\n", "", "waivers[0].expiresAt: is required"),
        Arguments.of("missing ticket", "    ticket: GOV-1\n", "", "waivers[0].ticket: is required"),
        Arguments.of("number ticket", "ticket: GOV-1", "ticket: 1234", "waivers[0].ticket: must be a string"),
        Arguments.of("null reason", "reason: owner being appointed", "reason: null", "waivers[0].reason: is required"),
        Arguments.of("blank reason", "reason: owner being appointed", "reason: ' '",
            "waivers[0].reason: must not be blank"),
        Arguments.of("rules not a list", rules, "rules: model.owner", "waivers[0].rules: must be a list"),
        Arguments.of("empty rules", rules, "rules: []", "waivers[0].rules: must name at least one rule id"),
        Arguments.of("bad rule id", rules, "rules: [Model Owner]", "waivers[0]: waiver WVR-1: rules"),
        Arguments.of("bad timestamp", expiry, "expiresAt: 2026-12-20",
            "waivers[0].expiresAt: must be an RFC 3339 timestamp"),
        Arguments.of("expiry before creation", expiry, "expiresAt: 2026-11-01T00:00:00Z",
            "waivers[0]: waiver WVR-1: expiresAt"),
        Arguments.of("bad point", rules, rules + "\n    match: {points: [deploy]}",
            "waivers[0].match.points[0]: must be one of"),
        Arguments.of("unknown match field", rules, rules + "\n    match: {model: [x]}",
            "waivers[0].match.model: unknown field"),
        Arguments.of("match not a mapping", rules, rules + "\n    match: [x]", "waivers[0].match: must be a mapping"),
        Arguments.of("version as number", rules, rules + "\n    match: {versions: [2.4]}",
            "waivers[0].match.versions[0]: must be a string"),
        Arguments.of("duplicate key", "ticket: GOV-1", "ticket: GOV-1\n    ticket: GOV-2",
            "Duplicate field 'ticket' at line 8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEntries")
  void a_bad_entry_is_reported_with_its_field_path(String name, String from, String to, String expected) {
    // GIVEN a valid entry with one edit
    String document = HEADER + ENTRY.replace(from, to);
    assertThat(document).isNotEqualTo(HEADER + ENTRY);
    // WHEN parsed THEN the error names the file and the field
    assertThatThrownBy(() -> WaiverFiles.parse(bytes(document), "waivers.yaml"))
        .isInstanceOf(WaiverFormatException.class)
        .hasMessageStartingWith("waivers.yaml: ")
        .hasMessageContaining(expected);
  }

  @Test
  void the_second_entry_is_named_by_its_index() {
    // GIVEN a valid entry followed by one without an expiry
    String second = ENTRY.replace("WVR-1", "WVR-2").replace("    expiresAt: 2026-12-20T00:00:00Z\n", "");
    // WHEN parsed THEN the error names waivers[1]
    assertThatThrownBy(() -> WaiverFiles.parse(bytes(HEADER + ENTRY + second), "w.yaml"))
        .isInstanceOf(WaiverFormatException.class)
        .hasMessage("w.yaml: waivers[1].expiresAt: is required")
        .extracting(e -> ((WaiverFormatException) e).path()).isEqualTo("waivers[1].expiresAt");
  }

  @Test
  void a_waiver_id_used_twice_is_rejected() {
    // GIVEN two entries with the same id WHEN parsed THEN the second is named
    assertThatThrownBy(() -> WaiverFiles.parse(bytes(HEADER + ENTRY + ENTRY), "w.yaml"))
        .isInstanceOf(WaiverFormatException.class)
        .hasMessageContaining("waivers[1].id: waiver id WVR-1 is already used by waivers[0]");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "apiVersion: policy.modelgov.dev/v1alpha1=>apiVersion: v1 | apiVersion: must be policy.modelgov.dev/v1alpha1",
      "kind: WaiverList=>kind: Waiver                           | kind: must be WaiverList",
      "kind: WaiverList=>kind: WaiverList\\nextra: 1             | extra: unknown field",
      "waivers:=>items:                                         | items: unknown field"})
  void the_header_is_checked(String edit, String expected) {
    // GIVEN a header with one edit
    String[] parts = edit.replace("\\n", "\n").split("=>", -1);
    String document = (HEADER + ENTRY).replace(parts[0], parts[1]);
    // WHEN parsed THEN the error names the field
    assertThatThrownBy(() -> WaiverFiles.parse(bytes(document), "w.yaml"))
        .isInstanceOf(WaiverFormatException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void malformed_json_is_reported_with_its_position() {
    // GIVEN truncated JSON WHEN parsed THEN the error names the file and a position
    assertThatThrownBy(() -> WaiverFiles.parse(bytes("{\"apiVersion\": "), "w.json"))
        .isInstanceOf(WaiverFormatException.class)
        .hasMessageStartingWith("w.json: ")
        .hasMessageContaining("line 1");
  }

  @Test
  void a_document_over_the_size_limit_is_rejected_before_parsing() {
    // GIVEN a 200-byte limit and a longer document
    PolicyLimits small = PolicyLimits.defaults().withMaxDocumentBytes(200);
    // WHEN parsed THEN the error names the limit
    assertThatThrownBy(() -> WaiverFiles.parse(bytes(HEADER + ENTRY), "w.yaml", small))
        .isInstanceOf(WaiverFormatException.class)
        .hasMessageContaining("limit of 200 bytes");
  }

  @Test
  void a_file_is_read_by_its_extension(@TempDir Path dir) throws Exception {
    // GIVEN the example written to a file
    Path file = dir.resolve("waivers.yaml");
    Files.writeString(file, EXAMPLE);
    // WHEN read
    List<Waiver> waivers = WaiverFiles.read(file);
    // THEN it is the example's waiver, and it loads into a resolver
    assertThat(waivers).extracting(Waiver::id).containsExactly("WVR-2026-017");
    assertThat(WaiverResolver.builder().addAll(waivers).build().waivers()).hasSize(1);
  }

  @Test
  void a_large_file_is_cut_at_the_limit(@TempDir Path dir) throws Exception {
    // GIVEN a file larger than the limit
    Path file = dir.resolve("big.yaml");
    Files.writeString(file, HEADER + ENTRY + "#" + "x".repeat(1_000) + "\n");
    // WHEN read with a small limit THEN it is rejected by size
    assertThatThrownBy(() -> WaiverFiles.read(file, PolicyLimits.defaults().withMaxDocumentBytes(500)))
        .isInstanceOf(WaiverFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("limit of 500 bytes");
  }

  @Test
  void points_are_parsed_from_wire_names() throws Exception {
    // GIVEN a match on two points
    String doc = HEADER + ENTRY.replace("rules: [model.owner]",
        "rules: [model.owner]\n    match: {points: [admission, runtime]}");
    // WHEN parsed THEN both points are read
    assertThat(WaiverFiles.parse(bytes(doc), "w.yaml").get(0).match().points())
        .isEqualTo(Set.of(EnforcementPoint.ADMISSION, EnforcementPoint.RUNTIME));
  }
}
