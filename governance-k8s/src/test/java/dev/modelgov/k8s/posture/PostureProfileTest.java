package dev.modelgov.k8s.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.policy.Severity;
import dev.modelgov.core.TestFiles;
import dev.modelgov.k8s.Finding;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Profiles, check ids, the scanner builder, and the check table in docs/kubernetes.md. */
class PostureProfileTest {

  @Test
  void profiles_nest_and_follow_the_pod_security_standards() {
    assertThat(PostureProfile.BASELINE.checkIds()).containsExactly(
        "privileged", "host-process", "host-namespaces", "host-ports", "host-path", "capabilities-added",
        "seccomp-unconfined", "apparmor-unconfined", "selinux-options", "proc-mount", "sysctls");
    assertThat(PostureProfile.RESTRICTED.checkIds()).containsAll(PostureProfile.BASELINE.checkIds())
        .contains("run-as-non-root", "privilege-escalation", "capabilities-drop-all", "seccomp-profile",
            "volume-types")
        .hasSize(16);
    assertThat(PostureProfile.GOVERNANCE_STRICT.checkIds()).containsAll(PostureProfile.RESTRICTED.checkIds())
        .hasSize(PostureCheck.values().length);
  }

  @Test
  void the_issue_ids_all_exist() {
    for (String id : List.of("image-digest", "image-tag-latest", "run-as-non-root", "privilege-escalation",
        "privileged", "capabilities-drop-all", "seccomp-profile", "read-only-root-fs", "resource-limits",
        "resource-requests", "liveness-probe", "readiness-probe", "host-namespaces", "host-path", "secret-env-literal",
        "sa-token-automount", "network-policy", "hpa", "pdb")) {
      assertThat(PostureCheck.byId(id).id()).isEqualTo(id);
    }
    assertThat(PostureCheck.byId("privileged").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(PostureCheck.byId("secret-env-literal").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(PostureCheck.NETWORK_POLICY.contextual()).isTrue();
    assertThat(PostureCheck.PRIVILEGED.contextual()).isFalse();
  }

  @Test
  void parse_accepts_cli_and_constant_names() {
    assertThat(PostureProfile.parse("restricted")).isEqualTo(PostureProfile.RESTRICTED);
    assertThat(PostureProfile.parse("GOVERNANCE_STRICT")).isEqualTo(PostureProfile.GOVERNANCE_STRICT);
    assertThat(PostureProfile.parse(" Baseline ")).isEqualTo(PostureProfile.BASELINE);
    assertThatThrownBy(() -> PostureProfile.parse("privileged"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'privileged'")
        .hasMessageContaining("baseline, restricted or governance-strict");
    assertThatThrownBy(() -> PostureCheck.byId("no-such-check"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'no-such-check'");
  }

  @Test
  void the_builder_adds_and_removes_checks_and_names_bad_ids() {
    // GIVEN restricted plus image-digest, less seccomp-profile
    PostureScanner scanner = PostureScanner.builder().profile(PostureProfile.RESTRICTED).include("image-digest")
        .ignore("seccomp-profile").build();
    // THEN
    assertThat(scanner.checks()).contains(PostureCheck.IMAGE_DIGEST).doesNotContain(PostureCheck.SECCOMP_PROFILE,
        PostureCheck.READ_ONLY_ROOT_FS);
    assertThat(PostureScanner.builder().build().profile()).isEqualTo(PostureProfile.GOVERNANCE_STRICT);
    Deployment d = Hardened.deployment();
    Hardened.pod(d).getSecurityContext().setSeccompProfile(null);
    Hardened.container(d).setImage("nginx:1.27");
    assertThat(Findings.keys(scanner.scan(d))).containsExactly("image-digest server " + Hardened.C + "/image");
    assertThatThrownBy(() -> PostureScanner.builder().include("nope").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("include: ").hasMessageContaining("nope");
    assertThatThrownBy(() -> PostureScanner.builder().ignore("nope").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ignore: ");
    assertThatThrownBy(() -> PostureScanner.builder().include("hpa").ignore("hpa").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both included and ignored");
  }

  @Test
  void one_scanner_gives_the_same_findings_on_many_threads() throws Exception {
    // GIVEN one scanner and one context shared by 4 threads scanning different workloads
    PostureScanner scanner = PostureScanner.of(PostureProfile.GOVERNANCE_STRICT);
    ClusterContext context = ClusterContext.of(Hardened.context());
    List<Deployment> workloads = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Deployment d = Hardened.deployment();
      if (i % 2 == 0) {
        Hardened.container(d).getSecurityContext().setPrivileged(true);
      }
      workloads.add(d);
    }
    List<List<Finding>> expected = workloads.stream().map(w -> scanner.scan(w, context)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<List<Finding>>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> workloads.stream().map(w -> scanner.scan(w, context)).toList()));
      }
      // THEN
      for (Future<List<List<Finding>>> f : futures) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void docs_list_every_check_with_its_severity_and_profile() throws IOException {
    // GIVEN the table of the "Posture checks" section: | `id` | SEVERITY | profile | what | fix |
    String doc = Files.readString(TestFiles.root().resolve("docs/kubernetes.md"), StandardCharsets.UTF_8);
    int start = doc.indexOf("\n## Posture checks");
    assertThat(start).isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    String section = end < 0 ? doc.substring(start) : doc.substring(start, end);
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("| `")) {
        String[] cells = line.split("\\|");
        rows.put(cells[1].trim().replace("`", ""), cells[2].trim() + " " + cells[3].trim());
      }
    }
    // THEN one row per check, in declaration order, with its severity and profiles ("restricted+": and stricter)
    Map<String, String> expected = new LinkedHashMap<>();
    for (PostureCheck check : PostureCheck.values()) {
      PostureProfile least = check.profile();
      expected.put(check.id(), check.severity() + " " + least.cliName()
          + (least == PostureProfile.GOVERNANCE_STRICT ? "" : "+"));
    }
    assertThat(rows).containsExactlyEntriesOf(expected);
  }
}
