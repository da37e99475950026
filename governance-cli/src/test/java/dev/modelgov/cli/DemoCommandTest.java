package dev.modelgov.cli;

import static dev.modelgov.cli.GovernanceCliTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance demo}: the whole story in-process, its report, its files, and its failures. */
class DemoCommandTest {

  /** A step's closing line, in either style. */
  private static final Pattern CLOSING = Pattern.compile("(?m)^  (\\[OK\\]|\\[FAIL\\]|" + DemoReport.FANCY_OK + "|"
      + DemoReport.FANCY_FAIL + ") (.*)$");

  /** The closing lines of a report, in order: marker and text. */
  static List<String[]> closingLines(String out) {
    List<String[]> lines = new ArrayList<>();
    Matcher m = CLOSING.matcher(out);
    while (m.find()) {
      lines.add(new String[] {m.group(1), m.group(2)});
    }
    return lines;
  }

  static boolean success(String marker) {
    return marker.equals(DemoReport.PLAIN_OK) || marker.equals(DemoReport.FANCY_OK);
  }

  /** One full run of the demo with 120 requests, shared by the tests that read its report and files. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class FullRun {

    Path dir;

    Cli.Result result;

    @BeforeAll
    void run_the_demo(@TempDir Path tmp) {
      // GIVEN an empty directory WHEN the demo runs with 120 requests
      dir = tmp;
      result = Cli.run("demo", "--requests", "120", "--dir", dir.toString());
    }

    @Test
    void exits_0_with_nothing_on_standard_error() {
      assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
      assertThat(result.err()).isEmpty();
    }

    @Test
    void every_step_is_numbered_and_closes_with_a_success_line() {
      // THEN ten numbered steps, in order, and ten success lines
      String out = result.out();
      int from = 0;
      for (int n = 1; n <= DemoSteps.STEPS; n++) {
        int at = out.indexOf("[" + n + "/" + DemoSteps.STEPS + "] ", from);
        assertThat(at).as("step %d after offset %d in:%n%s", n, from, out).isGreaterThanOrEqualTo(from);
        from = at;
      }
      List<String[]> closing = closingLines(out);
      assertThat(closing).hasSize(DemoSteps.STEPS);
      assertThat(closing).allSatisfy(line -> assertThat(success(line[0])).as(line[1]).isTrue());
    }

    @Test
    void each_success_line_states_the_key_fact_of_its_step() {
      List<String> texts = closingLines(result.out()).stream().map(l -> l[1]).toList();
      assertThat(texts.get(0)).startsWith("manifest risk/credit-scoring@2.4.0 is valid; digest sha256:");
      assertThat(texts.get(1)).startsWith("model signed with the release key ").contains("verified against its files");
      assertThat(texts.get(2)).startsWith("DENY on model.image.digest for the unpinned image; ALLOW once pinned");
      assertThat(texts.get(3)).startsWith("gate open (provenance verified, policy ALLOW); serving "
          + "risk/credit-scoring@2.4.0 at http://");
      assertThat(texts.get(4)).startsWith("120 predictions served, measured and audited");
      assertThat(texts.get(5)).startsWith("drift alert ModelDriftDetected would fire; the runtime re-check flags "
          + "runtime.drift");
      assertThat(texts.get(6)).matches("audit log verified \\(\\d+ records\\); the inclusion proof of prediction #\\d+ "
          + "verifies against the signed checkpoint of size \\d+ \\(.*");
      assertThat(texts.get(7)).matches("applicant A-\\d{6} erased: its personal data reads <erased> and the log still "
          + "verifies .*");
      assertThat(texts.get(8)).startsWith("rendered 8 objects; posture scan: 0 findings; admission review: allowed");
      assertThat(texts.get(9)).startsWith("demo complete: 9 steps succeeded; files in " + dir.toAbsolutePath());
    }

    @Test
    void the_report_shows_the_denial_the_alerts_and_the_erasure() {
      String out = result.out();
      assertThat(out).contains("DENY model.image.digest (HIGH)", "why: the manifest names no servingImage",
          "fix: set servingImage to registry/name@sha256:");
      assertThat(out).contains("ALERT ModelDriftDetected [warning] would fire", "ok    ModelErrorRateHigh",
          "runtime re-check: runtime.drift FAIL");
      assertThat(out).containsPattern("record #\\d+ now: email=<erased>, name=<erased>");
      assertThat(out).contains("requests: 10% 20% 30%").contains("100%");
    }

    @Test
    void outside_a_terminal_the_report_is_plain_ascii() {
      // THEN (the tests' standard output is not a terminal) no escape sequence and no character beyond ASCII
      assertThat(result.out().chars().allMatch(c -> c == '\n' || (c >= ' ' && c <= '~'))).isTrue();
    }

    @Test
    void leaves_its_files_in_the_directory() throws IOException {
      assertThat(dir.resolve("credit-scoring.yaml")).isRegularFile();
      assertThat(dir.resolve("model/credit-scoring/model.json")).isRegularFile();
      assertThat(dir.resolve("credit-scoring.dsse.json")).isRegularFile();
      assertThat(dir.resolve("release.pub.pem")).content().startsWith("-----BEGIN PUBLIC KEY-----");
      assertThat(dir.resolve("audit.pub.pem")).content().startsWith("-----BEGIN PUBLIC KEY-----");
      assertThat(dir.resolve("audit/origin")).hasContent(DemoSession.AUDIT_ORIGIN);
      assertThat(dir.resolve("audit-keys")).isDirectory();
      assertThat(dir.resolve("k8s/credit-scoring.yaml")).content().contains("kind: Deployment");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("proof-\\d+\\.json"));
      }
      assertThat(result.out()).contains("bin/governance audit verify --log " + dir.toAbsolutePath().resolve("audit")
          + " --pub " + dir.toAbsolutePath().resolve("audit.pub.pem"));
    }

    @Test
    void the_files_verify_with_the_cli_commands_the_summary_names() throws IOException {
      // WHEN the commands the summary lists are run on the files
      Path proof;
      try (Stream<Path> files = Files.list(dir)) {
        proof = files.filter(p -> p.getFileName().toString().startsWith("proof-")).findFirst().orElseThrow();
      }
      Cli.Result audit = Cli.run("audit", "verify", "--log", dir.resolve("audit").toString(), "--pub",
          dir.resolve("audit.pub.pem").toString());
      Cli.Result provenance = Cli.run("verify", "--pub", dir.resolve("release.pub.pem").toString(), "--envelope",
          dir.resolve("credit-scoring.dsse.json").toString(), "--manifest", dir.resolve("credit-scoring.yaml")
              .toString(), "--model", dir.resolve("model/credit-scoring").toString());
      Cli.Result inclusion = Cli.run("audit", "verify-proof", proof.toString(), "--pub",
          dir.resolve("audit.pub.pem").toString());
      Cli.Result scan = Cli.run("k8s", "scan", dir.resolve("k8s").toString());
      // THEN each succeeds: the demo closed its audit log cleanly
      assertThat(audit.exitCode()).as(audit.err()).isZero();
      assertThat(audit.err()).isEmpty();
      assertThat(provenance.exitCode()).as(provenance.err()).isZero();
      assertThat(inclusion.exitCode()).as(inclusion.err()).isZero();
      assertThat(scan.exitCode()).as(scan.out()).isZero();
      assertThat(scan.out()).startsWith("0 findings");
    }
  }

  @Test
  void an_unwritable_directory_fails_the_first_step_with_a_one_line_reason(@TempDir Path tmp) throws IOException {
    // GIVEN a --dir under a regular file, which no one can create
    Path blocker = Files.writeString(tmp.resolve("blocker"), "not a directory");
    Path dir = blocker.resolve("demo");
    // WHEN
    Cli.Result result = Cli.run("demo", "--dir", dir.toString(), "--no-color");
    // THEN exit 1, the first step closes with a failure line, and one line on standard error says why
    assertThat(result.exitCode()).isEqualTo(1);
    List<String[]> closing = closingLines(result.out());
    assertThat(closing).hasSize(1);
    assertThat(closing.get(0)[0]).isEqualTo(DemoReport.PLAIN_FAIL);
    assertThat(closing.get(0)[1]).startsWith(dir + ": cannot be created: ");
    assertThat(result.out()).doesNotContain("[2/" + DemoSteps.STEPS + "]");
    assertThat(result.err()).startsWith("governance demo: step 1 (Create the model manifest) failed: " + dir
        + ": cannot be created: ").hasLineCount(1);
    assertNoStackTrace(result.err());
  }

  @Test
  void a_directory_that_is_not_empty_is_refused(@TempDir Path dir) throws IOException {
    // GIVEN a directory with a file in it
    Files.writeString(dir.resolve("notes.txt"), "mine");
    // WHEN
    Cli.Result result = Cli.run("demo", "--dir", dir.toString());
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("governance demo: step 1 (Create the model manifest) failed: " + dir
        + ": is not empty; give a new or empty directory (the demo starts a new audit log there)\n");
    assertThat(dir.resolve("notes.txt")).hasContent("mine");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void too_few_requests_is_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run("demo", "--requests", "10");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("--requests must be in [" + DemoSteps.MIN_REQUESTS + ", ");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void a_port_out_of_range_is_a_usage_error() {
    // WHEN
    Cli.Result result = Cli.run("demo", "--port", "70000");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("--port must be in [0, 65535], was 70000");
  }

  @Test
  void json_output_is_refused() {
    // WHEN
    Cli.Result result = Cli.run("--json", "demo");
    // THEN
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("demo prints a report for people; it has no --json output\n");
  }
}
