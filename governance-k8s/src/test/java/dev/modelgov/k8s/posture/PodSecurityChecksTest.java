package dev.modelgov.k8s.posture;

import static dev.modelgov.k8s.posture.Findings.keys;
import static dev.modelgov.k8s.posture.Hardened.C;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.api.policy.Severity;
import dev.modelgov.k8s.Finding;
import io.fabric8.kubernetes.api.model.AppArmorProfileBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.SELinuxOptionsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SysctlBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptionsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Pod Security Standards checks, one at a time: the hardened Deployment passes, and one change gives exactly the
 * finding expected, at the path expected, under the profiles expected.
 */
class PodSecurityChecksTest {

  private static final String POD = "/spec/template/spec";

  private static List<String> findings(PostureProfile profile, Deployment d) {
    return keys(PostureScanner.of(profile).scan(d, ClusterContext.of(Hardened.context())));
  }

  private static Finding only(PostureProfile profile, Deployment d) {
    List<Finding> findings = PostureScanner.of(profile).scan(d, ClusterContext.of(Hardened.context()));
    assertThat(findings).hasSize(1);
    return findings.get(0);
  }

  @Test
  void hardened_deployment_passes_every_profile() {
    for (PostureProfile profile : PostureProfile.values()) {
      assertThat(findings(profile, Hardened.deployment())).as(profile.cliName()).isEmpty();
    }
  }

  @Test
  void privileged_container_is_critical_in_baseline() {
    // GIVEN
    Deployment d = Hardened.deployment();
    Hardened.container(d).getSecurityContext().setPrivileged(true);
    // WHEN
    Finding f = only(PostureProfile.BASELINE, d);
    // THEN
    assertThat(Findings.key(f)).isEqualTo("privileged server " + C + "/securityContext/privileged");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.message()).contains("server", "privileged: true");
    assertThat(f.fix()).contains("privileged");
    assertThat(f.kind()).isEqualTo("Deployment");
    assertThat(f.namespace()).isEqualTo("ml");
    assertThat(f.name()).isEqualTo("model-server");
  }

  @Test
  void host_namespaces_each_give_a_finding() {
    // GIVEN
    Deployment d = Hardened.deployment();
    Hardened.pod(d).setHostNetwork(true);
    Hardened.pod(d).setHostPID(true);
    Hardened.pod(d).setHostIPC(true);
    // WHEN / THEN
    assertThat(findings(PostureProfile.BASELINE, d)).containsExactly(
        "host-namespaces - " + POD + "/hostNetwork",
        "host-namespaces - " + POD + "/hostPID",
        "host-namespaces - " + POD + "/hostIPC");
  }

  @Test
  void host_namespaces_set_false_pass() {
    Deployment d = Hardened.deployment();
    Hardened.pod(d).setHostNetwork(false);
    assertThat(findings(PostureProfile.GOVERNANCE_STRICT, d)).isEmpty();
  }

  @Test
  void host_port_is_a_baseline_finding_but_a_container_port_is_not() {
    // GIVEN one plain port and one host port
    Deployment d = Hardened.deployment();
    Hardened.container(d).setPorts(List.of(new ContainerPortBuilder().withContainerPort(8080).build(),
        new ContainerPortBuilder().withContainerPort(9090).withHostPort(9090).build()));
    // WHEN / THEN
    Finding f = only(PostureProfile.BASELINE, d);
    assertThat(Findings.key(f)).isEqualTo("host-ports server " + C + "/ports/1/hostPort");
    assertThat(f.message()).contains("9090");
  }

  @Test
  void host_path_volume_is_a_baseline_finding_and_not_also_a_volume_type_finding() {
    // GIVEN
    Deployment d = Hardened.deployment();
    Hardened.pod(d).getVolumes().add(new VolumeBuilder().withName("docker").withNewHostPath()
        .withPath("/var/run/docker.sock").endHostPath().build());
    // WHEN / THEN
    assertThat(findings(PostureProfile.BASELINE, d)).containsExactly("host-path - " + POD + "/volumes/1/hostPath");
    assertThat(findings(PostureProfile.RESTRICTED, d)).containsExactly("host-path - " + POD + "/volumes/1/hostPath");
    assertThat(only(PostureProfile.BASELINE, d).message()).contains("docker", "/var/run/docker.sock");
  }

  @Test
  void nfs_volume_is_restricted_only() {
    // GIVEN
    Deployment d = Hardened.deployment();
    Hardened.pod(d).getVolumes().add(new VolumeBuilder().withName("models").withNewNfs().withServer("nfs.local")
        .withPath("/models").endNfs().build());
    // WHEN / THEN
    assertThat(findings(PostureProfile.BASELINE, d)).isEmpty();
    assertThat(findings(PostureProfile.RESTRICTED, d)).containsExactly("volume-types - " + POD + "/volumes/1/nfs");
  }

  @Test
  void adding_sys_admin_is_baseline_and_adding_chown_is_restricted() {
    // GIVEN
    Deployment d = Hardened.deployment();
    Hardened.container(d).getSecurityContext().getCapabilities().setAdd(List.of("SYS_ADMIN", "CHOWN",
        "NET_BIND_SERVICE"));
    // WHEN / THEN SYS_ADMIN is outside the default set; CHOWN is in it but not allowed by restricted
    assertThat(findings(PostureProfile.BASELINE, d))
        .containsExactly("capabilities-added server " + C + "/securityContext/capabilities/add/0");
    assertThat(findings(PostureProfile.RESTRICTED, d)).containsExactly(
        "capabilities-added server " + C + "/securityContext/capabilities/add/0",
        "capabilities-drop-all server " + C + "/securityContext/capabilities/add/1");
  }

  @Test
  void not_dropping_all_capabilities_is_restricted() {
    // GIVEN drop NET_RAW only
    Deployment d = Hardened.deployment();
    Hardened.container(d).getSecurityContext().getCapabilities().setDrop(List.of("NET_RAW"));
    // WHEN / THEN
    assertThat(findings(PostureProfile.BASELINE, d)).isEmpty();
    Finding f = only(PostureProfile.RESTRICTED, d);
    assertThat(Findings.key(f)).isEqualTo("capabilities-drop-all server " + C + "/securityContext/capabilities/drop");
    assertThat(f.message()).contains("NET_RAW");
  }

  @Test
  void unconfined_seccomp_is_baseline_and_is_not_reported_twice() {
    // GIVEN
    Deployment d = Hardened.deployment();
    Hardened.pod(d).getSecurityContext().setSeccompProfile(new SeccompProfileBuilder().withType("Unconfined").build());
    // WHEN / THEN
    assertThat(findings(PostureProfile.BASELINE, d))
        .containsExactly("seccomp-unconfined - " + POD + "/securityContext/seccompProfile/type");
    assertThat(findings(PostureProfile.GOVERNANCE_STRICT, d))
        .containsExactly("seccomp-unconfined - " + POD + "/securityContext/seccompProfile/type");
  }

  @Test
  void missing_seccomp_profile_is_restricted_and_a_container_profile_suffices() {
    // GIVEN no pod-level profile
    Deployment d = Hardened.deployment();
    Hardened.pod(d).getSecurityContext().setSeccompProfile(null);
    // WHEN / THEN
    assertThat(findings(PostureProfile.BASELINE, d)).isEmpty();
    assertThat(findings(PostureProfile.RESTRICTED, d))
        .containsExactly("seccomp-profile server " + C + "/securityContext/seccompProfile/type");
    // GIVEN the container sets Localhost
    Hardened.container(d).getSecurityContext().setSeccompProfile(new SeccompProfileBuilder().withType("Localhost")
        .withLocalhostProfile("profiles/model.json").build());
    // THEN
    assertThat(findings(PostureProfile.RESTRICTED, d)).isEmpty();
  }

  @Test
  void unconfined_apparmor_by_field_or_annotation_is_baseline() {
    // GIVEN a container with appArmorProfile Unconfined and the legacy annotation for another container
    Deployment d = Hardened.deployment();
    Hardened.container(d).getSecurityContext().setAppArmorProfile(new AppArmorProfileBuilder()
        .withType("Unconfined").build());
    d.getSpec().getTemplate().getMetadata().setAnnotations(java.util.Map.of(
        "container.apparmor.security.beta.kubernetes.io/sidecar", "unconfined",
        "container.apparmor.security.beta.kubernetes.io/server", "runtime/default"));
    // WHEN / THEN
    assertThat(findings(PostureProfile.BASELINE, d)).containsExactlyInAnyOrder(
        "apparmor-unconfined sidecar /spec/template/metadata/annotations/"
            + "container.apparmor.security.beta.kubernetes.io~1sidecar",
        "apparmor-unconfined server " + C + "/securityContext/appArmorProfile/type");
  }

  @Test
  void selinux_user_role_and_type_outside_the_container_types_are_baseline() {
    // GIVEN
    Deployment d = Hardened.deployment();
    Hardened.container(d).getSecurityContext().setSeLinuxOptions(new SELinuxOptionsBuilder().withType("spc_t")
        .withUser("system_u").withLevel("s0:c123,c456").build());
    Hardened.pod(d).getSecurityContext().setSeLinuxOptions(new SELinuxOptionsBuilder().withType("container_t")
        .withRole("sysadm_r").build());
    // WHEN / THEN a level and container_t are fine
    assertThat(findings(PostureProfile.BASELINE, d)).containsExactly(
        "selinux-options - " + POD + "/securityContext/seLinuxOptions/role",
        "selinux-options server " + C + "/securityContext/seLinuxOptions/type",
        "selinux-options server " + C + "/securityContext/seLinuxOptions/user");
  }

  @Test
  void unmasked_proc_mount_is_baseline_and_default_passes() {
    Deployment d = Hardened.deployment();
    Hardened.container(d).getSecurityContext().setProcMount("Default");
    assertThat(findings(PostureProfile.BASELINE, d)).isEmpty();
    Hardened.container(d).getSecurityContext().setProcMount("Unmasked");
    assertThat(findings(PostureProfile.BASELINE, d))
        .containsExactly("proc-mount server " + C + "/securityContext/procMount");
  }

  @Test
  void only_safe_sysctls_pass() {
    // GIVEN one safe and one unsafe sysctl
    Deployment d = Hardened.deployment();
    Hardened.pod(d).getSecurityContext().setSysctls(List.of(
        new SysctlBuilder().withName("net.ipv4.tcp_syncookies").withValue("1").build(),
        new SysctlBuilder().withName("kernel.msgmax").withValue("65536").build()));
    // WHEN
    Finding f = only(PostureProfile.BASELINE, d);
    // THEN
    assertThat(Findings.key(f)).isEqualTo("sysctls - " + POD + "/securityContext/sysctls/1/name");
    assertThat(f.message()).contains("kernel.msgmax");
  }

  @Test
  void windows_host_process_is_critical_in_baseline() {
    Deployment d = Hardened.deployment();
    Hardened.pod(d).getSecurityContext().setWindowsOptions(new WindowsSecurityContextOptionsBuilder()
        .withHostProcess(true).build());
    Finding f = only(PostureProfile.BASELINE, d);
    assertThat(Findings.key(f)).isEqualTo("host-process - " + POD + "/securityContext/windowsOptions/hostProcess");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void run_as_non_root_unset_on_pod_and_container_points_at_the_container() {
    // GIVEN
    Deployment d = Hardened.deployment();
    Hardened.pod(d).getSecurityContext().setRunAsNonRoot(null);
    // WHEN / THEN
    assertThat(findings(PostureProfile.BASELINE, d)).isEmpty();
    assertThat(findings(PostureProfile.RESTRICTED, d))
        .containsExactly("run-as-non-root server " + C + "/securityContext/runAsNonRoot");
    // GIVEN the container sets it instead
    Hardened.container(d).getSecurityContext().setRunAsNonRoot(true);
    assertThat(findings(PostureProfile.RESTRICTED, d)).isEmpty();
  }

  @Test
  void container_run_as_non_root_false_overrides_the_pod() {
    Deployment d = Hardened.deployment();
    Hardened.container(d).getSecurityContext().setRunAsNonRoot(false);
    Finding f = only(PostureProfile.RESTRICTED, d);
    assertThat(Findings.key(f)).isEqualTo("run-as-non-root server " + C + "/securityContext/runAsNonRoot");
    assertThat(f.message()).contains("runAsNonRoot: false");
  }

  @Test
  void run_as_user_zero_on_pod_or_container_is_restricted() {
    Deployment d = Hardened.deployment();
    Hardened.pod(d).getSecurityContext().setRunAsUser(0L);
    Hardened.container(d).getSecurityContext().setRunAsUser(0L);
    assertThat(findings(PostureProfile.RESTRICTED, d)).containsExactly(
        "run-as-non-root - " + POD + "/securityContext/runAsUser",
        "run-as-non-root server " + C + "/securityContext/runAsUser");
  }

  @Test
  void privilege_escalation_must_be_set_false() {
    Deployment d = Hardened.deployment();
    Hardened.container(d).getSecurityContext().setAllowPrivilegeEscalation(null);
    assertThat(findings(PostureProfile.BASELINE, d)).isEmpty();
    assertThat(only(PostureProfile.RESTRICTED, d).message()).contains("does not set allowPrivilegeEscalation: false");
    Hardened.container(d).getSecurityContext().setAllowPrivilegeEscalation(true);
    Finding f = only(PostureProfile.RESTRICTED, d);
    assertThat(Findings.key(f))
        .isEqualTo("privilege-escalation server " + C + "/securityContext/allowPrivilegeEscalation");
    assertThat(f.message()).contains("allowPrivilegeEscalation: true");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void a_container_without_security_context_fails_each_restricted_check_and_read_only_root() {
    // GIVEN the pod still sets runAsNonRoot and RuntimeDefault
    Deployment d = Hardened.deployment();
    Hardened.container(d).setSecurityContext(null);
    // WHEN / THEN
    assertThat(findings(PostureProfile.RESTRICTED, d)).containsExactly(
        "privilege-escalation server " + C + "/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all server " + C + "/securityContext/capabilities/drop");
    assertThat(findings(PostureProfile.GOVERNANCE_STRICT, d)).containsExactly(
        "privilege-escalation server " + C + "/securityContext/allowPrivilegeEscalation",
        "capabilities-drop-all server " + C + "/securityContext/capabilities/drop",
        "read-only-root-fs server " + C + "/securityContext/readOnlyRootFilesystem");
  }

  @Test
  void init_and_ephemeral_containers_are_checked_too() {
    // GIVEN a privileged init container
    Deployment d = Hardened.deployment();
    io.fabric8.kubernetes.api.model.Container init = Hardened.container("init-model");
    init.getSecurityContext().setPrivileged(true);
    init.setLivenessProbe(null);
    Hardened.pod(d).setInitContainers(List.of(init));
    Hardened.pod(d).setEphemeralContainers(List.of(new io.fabric8.kubernetes.api.model.EphemeralContainerBuilder()
        .withName("debug").withImage("busybox").withNewSecurityContext().withPrivileged(true).endSecurityContext()
        .build()));
    // WHEN / THEN
    assertThat(findings(PostureProfile.BASELINE, d)).containsExactly(
        "privileged init-model " + POD + "/initContainers/0/securityContext/privileged",
        "privileged debug " + POD + "/ephemeralContainers/0/securityContext/privileged");
  }
}
