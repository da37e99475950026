package dev.modelgov.cli;

import static dev.modelgov.cli.PolicyEvalCommandTest.policies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance policy waivers}: lists waivers by expiry; exit 1 when one has expired. */
class PolicyWaiversCommandTest {

  @TempDir Path tmp;

  @Test
  void a_waiver_expiring_within_the_window_is_marked_and_exits_0() {
    // WHEN the example waiver (expiring 2026-12-20) is listed ten days before
    Cli.Result result = Cli.run("policy", "waivers", "--now", "2026-12-10T00:00:00Z", policies("waivers.yaml"));
    // THEN
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("WVR-2026-017  expires 2026-12-20T00:00:00Z  model.fairness.thresholds  "
        + "ticket GOV-1234  EXPIRING in 10d\n1 waivers: 0 expired, 1 expiring within 14d\n");
  }

  @Test
  void outside_the_window_nothing_is_marked() {
    // WHEN listed with a window of 3 days, ten days before expiry
    Cli.Result result = Cli.run("policy", "waivers", "--expiring-within", "3d", "--now", "2026-12-10T00:00:00Z",
        policies("waivers.yaml"));
    // THEN
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).doesNotContain("EXPIRING").endsWith("0 expired, 0 expiring within 3d\n");
  }

  @Test
  void an_expired_waiver_is_marked_and_exits_1() {
    // WHEN listed at its expiry instant (expiry is exclusive)
    Cli.Result result = Cli.run("policy", "waivers", "--now", "2026-12-20T00:00:00Z", policies("waivers.yaml"));
    // THEN
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("ticket GOV-1234  EXPIRED\n");
    assertThat(result.err()).contains("waiver WVR-2026-017 expired at 2026-12-20T00:00:00Z");
  }

  @Test
  void json_lists_each_waiver_with_its_status() {
    // WHEN
    Cli.Result result = Cli.run("--json", "policy", "waivers", "--now", "2026-11-28T00:00:00Z",
        policies("waivers.yaml"));
    // THEN
    assertThat(result.exitCode()).isZero();
    JsonNode json = result.json();
    assertThat(json.at("/waivers/0/id").asText()).isEqualTo("WVR-2026-017");
    assertThat(json.at("/waivers/0/status").asText()).isEqualTo("active");
    assertThat(json.at("/waivers/0/expiresAt").asText()).isEqualTo("2026-12-20T00:00:00Z");
    assertThat(json.at("/summary/expired").asInt()).isZero();
  }

  @Test
  void a_bad_duration_or_an_invalid_file_exits_2() throws IOException {
    // GIVEN a waiver without an expiry
    Path invalid = Files.writeString(tmp.resolve("w.yaml"), """
        apiVersion: policy.modelgov.dev/v1alpha1
        kind: WaiverList
        waivers:
          - {id: W-1, rules: [model.owner], reason: r, ticket: T, approver: a, createdAt: "2026-11-01T00:00:00Z"}
        """);
    // WHEN
    Cli.Result badDuration = Cli.run("policy", "waivers", "--expiring-within", "soon", policies("waivers.yaml"));
    Cli.Result badFile = Cli.run("policy", "waivers", invalid.toString());
    // THEN
    assertThat(badDuration.exitCode()).isEqualTo(2);
    assertThat(badDuration.err()).contains("expected a duration such as 14d");
    assertThat(badFile.exitCode()).isEqualTo(2);
    assertThat(badFile.err()).startsWith(invalid + ": waivers[0]").contains("expiresAt");
  }
}
