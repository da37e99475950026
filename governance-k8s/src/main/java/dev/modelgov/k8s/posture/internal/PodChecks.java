package dev.modelgov.k8s.posture.internal;

import dev.modelgov.k8s.posture.PostureCheck;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pod and container checks (everything but the context checks) over one {@link PodTarget}. For internal use only;
 * may change without notice.
 */
public final class PodChecks {

  /** Capabilities the Pod Security Standards baseline allows to be added. */
  static final Set<String> BASELINE_CAPABILITIES = Set.of(
      "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP",
      "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

  /** Sysctls the baseline allows (namespaced and isolated). */
  static final Set<String> SAFE_SYSCTLS = Set.of(
      "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
      "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
      "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
      "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");

  /** SELinux types the baseline allows. */
  static final Set<String> SELINUX_TYPES =
      Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  /** The annotation prefix of the legacy per-container AppArmor profile. */
  static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

  private static final String VOLUMES_ALLOWED =
      "configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret";

  private PodChecks() {}

  /**
   * Runs the enabled pod and container checks.
   *
   * @param t the pod group
   * @param on the enabled checks
   * @param serviceAccountAutomount the {@code automountServiceAccountToken} of the pod's ServiceAccount when known
   *     (from a cluster context), else {@code null}
   * @param sink where findings go
   */
  public static void check(PodTarget t, EnabledChecks on, Boolean serviceAccountAutomount, FindingSink sink) {
    PodSpec spec = t.spec();
    String pod = t.component().isEmpty() ? "the pod" : "the " + t.component() + " pod";
    PodSecurityContext psc = spec.getSecurityContext();
    String pscPath = t.specPath() + "/securityContext";
    if (on.has(PostureCheck.HOST_PROCESS) && psc != null && hostProcess(psc.getWindowsOptions())) {
      sink.add(PostureCheck.HOST_PROCESS, null, pscPath + "/windowsOptions/hostProcess",
          pod + " runs as a Windows HostProcess (windowsOptions.hostProcess: true)",
          "remove securityContext.windowsOptions.hostProcess or set it to false");
    }
    if (on.has(PostureCheck.HOST_NAMESPACES)) {
      hostNamespace(sink, t, pod, "hostNetwork", spec.getHostNetwork(), "network");
      hostNamespace(sink, t, pod, "hostPID", spec.getHostPID(), "process (PID)");
      hostNamespace(sink, t, pod, "hostIPC", spec.getHostIPC(), "IPC");
    }
    volumes(t, on, sink);
    if (psc != null) {
      podSecurityContext(t, on, psc, pscPath, pod, sink);
    }
    if (on.has(PostureCheck.APPARMOR_UNCONFINED)) {
      for (Map.Entry<String, String> a : t.annotations().entrySet()) {
        String key = a.getKey();
        String value = a.getValue() == null ? "" : a.getValue();
        if (key.startsWith(APPARMOR_ANNOTATION) && !value.equals("runtime/default")
            && !value.startsWith("localhost/")) {
          String container = key.substring(APPARMOR_ANNOTATION.length());
          sink.add(PostureCheck.APPARMOR_UNCONFINED, container, Pointers.child(t.annotationsPath(), key),
              "container '" + container + "' has AppArmor profile '" + value + "' (annotation " + key + ")",
              "set the annotation to runtime/default or localhost/<profile>, or use securityContext.appArmorProfile"
                  + ".type: RuntimeDefault");
        }
      }
    }
    if (on.has(PostureCheck.SA_TOKEN_AUTOMOUNT)) {
      serviceAccountToken(t, pod, serviceAccountAutomount, sink);
    }
    for (ContainerView c : t.containers()) {
      container(t, c, on, psc, pscPath, sink);
    }
  }

  private static void hostNamespace(FindingSink sink, PodTarget t, String pod, String field, Boolean value,
      String what) {
    if (Boolean.TRUE.equals(value)) {
      sink.add(PostureCheck.HOST_NAMESPACES, null, t.specPath() + "/" + field,
          pod + " shares the node's " + what + " namespace (" + field + ": true)",
          "remove " + field + " from the pod spec or set it to false");
    }
  }

  private static boolean hostProcess(WindowsSecurityContextOptions windows) {
    return windows != null && Boolean.TRUE.equals(windows.getHostProcess());
  }

  private static void volumes(PodTarget t, EnabledChecks on, FindingSink sink) {
    List<Volume> volumes = t.spec().getVolumes();
    if (volumes == null) {
      return;
    }
    for (int i = 0; i < volumes.size(); i++) {
      Volume v = volumes.get(i);
      if (v == null) {
        continue;
      }
      String path = t.specPath() + "/volumes/" + i;
      String name = v.getName() == null ? "" : v.getName();
      if (v.getHostPath() != null) {
        if (on.has(PostureCheck.HOST_PATH)) {
          sink.add(PostureCheck.HOST_PATH, null, path + "/hostPath",
              "volume '" + name + "' mounts the node's path '" + v.getHostPath().getPath() + "' (hostPath)",
              "replace the hostPath volume with a persistentVolumeClaim, configMap, secret or emptyDir volume");
        }
        continue;
      }
      if (on.has(PostureCheck.VOLUME_TYPES)) {
        String type = restrictedVolumeType(v);
        if (type != null) {
          sink.add(PostureCheck.VOLUME_TYPES, null, path + "/" + type,
              "volume '" + name + "' has type " + type + ", which the restricted standard does not allow",
              "use a " + VOLUMES_ALLOWED + " volume (for example a persistentVolumeClaim) instead of " + type);
        }
      }
    }
  }

  private static String restrictedVolumeType(Volume v) {
    if (v.getGcePersistentDisk() != null) {
      return "gcePersistentDisk";
    } else if (v.getAwsElasticBlockStore() != null) {
      return "awsElasticBlockStore";
    } else if (v.getGitRepo() != null) {
      return "gitRepo";
    } else if (v.getNfs() != null) {
      return "nfs";
    } else if (v.getIscsi() != null) {
      return "iscsi";
    } else if (v.getGlusterfs() != null) {
      return "glusterfs";
    } else if (v.getRbd() != null) {
      return "rbd";
    } else if (v.getFlexVolume() != null) {
      return "flexVolume";
    } else if (v.getCinder() != null) {
      return "cinder";
    } else if (v.getCephfs() != null) {
      return "cephfs";
    } else if (v.getFlocker() != null) {
      return "flocker";
    } else if (v.getFc() != null) {
      return "fc";
    } else if (v.getAzureFile() != null) {
      return "azureFile";
    } else if (v.getVsphereVolume() != null) {
      return "vsphereVolume";
    } else if (v.getQuobyte() != null) {
      return "quobyte";
    } else if (v.getAzureDisk() != null) {
      return "azureDisk";
    } else if (v.getPhotonPersistentDisk() != null) {
      return "photonPersistentDisk";
    } else if (v.getPortworxVolume() != null) {
      return "portworxVolume";
    } else if (v.getScaleIO() != null) {
      return "scaleIO";
    } else if (v.getStorageos() != null) {
      return "storageos";
    }
    return null;
  }

  private static void podSecurityContext(
      PodTarget t, EnabledChecks on, PodSecurityContext psc, String path, String pod, FindingSink sink) {
    if (on.has(PostureCheck.SECCOMP_UNCONFINED) && unconfined(psc.getSeccompProfile())) {
      sink.add(PostureCheck.SECCOMP_UNCONFINED, null, path + "/seccompProfile/type",
          pod + " has seccomp profile Unconfined", "set securityContext.seccompProfile.type: RuntimeDefault");
    }
    if (on.has(PostureCheck.APPARMOR_UNCONFINED) && unconfined(psc.getAppArmorProfile())) {
      sink.add(PostureCheck.APPARMOR_UNCONFINED, null, path + "/appArmorProfile/type",
          pod + " has AppArmor profile Unconfined", "set securityContext.appArmorProfile.type: RuntimeDefault");
    }
    if (on.has(PostureCheck.SELINUX_OPTIONS)) {
      seLinux(psc.getSeLinuxOptions(), path + "/seLinuxOptions", null, pod, sink);
    }
    if (on.has(PostureCheck.SYSCTLS) && psc.getSysctls() != null) {
      List<Sysctl> sysctls = psc.getSysctls();
      for (int i = 0; i < sysctls.size(); i++) {
        String name = sysctls.get(i) == null ? null : sysctls.get(i).getName();
        if (name != null && !SAFE_SYSCTLS.contains(name)) {
          sink.add(PostureCheck.SYSCTLS, null, path + "/sysctls/" + i + "/name",
              pod + " sets sysctl '" + name + "', outside the baseline's safe set",
              "remove sysctl '" + name + "' from securityContext.sysctls (only the namespaced safe sysctls are "
                  + "allowed)");
        }
      }
    }
    if (on.has(PostureCheck.RUN_AS_NON_ROOT) && Long.valueOf(0).equals(psc.getRunAsUser())) {
      sink.add(PostureCheck.RUN_AS_NON_ROOT, null, path + "/runAsUser", pod + " runs as root (runAsUser: 0)",
          "set securityContext.runAsUser to a non-zero UID and runAsNonRoot: true");
    }
  }

  private static boolean unconfined(SeccompProfile profile) {
    return profile != null && "Unconfined".equals(profile.getType());
  }

  private static boolean unconfined(AppArmorProfile profile) {
    return profile != null && "Unconfined".equals(profile.getType());
  }

  private static void seLinux(SELinuxOptions se, String path, String container, String who, FindingSink sink) {
    if (se == null) {
      return;
    }
    String fix = "remove seLinuxOptions.user and role, and leave type unset or use container_t, container_init_t, "
        + "container_kvm_t or container_engine_t";
    if (se.getType() != null && !SELINUX_TYPES.contains(se.getType())) {
      sink.add(PostureCheck.SELINUX_OPTIONS, container, path + "/type",
          who + " sets SELinux type '" + se.getType() + "'", fix);
    }
    if (se.getUser() != null && !se.getUser().isEmpty()) {
      sink.add(PostureCheck.SELINUX_OPTIONS, container, path + "/user",
          who + " sets SELinux user '" + se.getUser() + "'", fix);
    }
    if (se.getRole() != null && !se.getRole().isEmpty()) {
      sink.add(PostureCheck.SELINUX_OPTIONS, container, path + "/role",
          who + " sets SELinux role '" + se.getRole() + "'", fix);
    }
  }

  private static void serviceAccountToken(PodTarget t, String pod, Boolean serviceAccountAutomount, FindingSink sink) {
    Boolean automount = t.spec().getAutomountServiceAccountToken();
    if (Boolean.FALSE.equals(automount)) {
      return;
    }
    String account = t.spec().getServiceAccountName() != null && !t.spec().getServiceAccountName().isEmpty()
        ? t.spec().getServiceAccountName()
        : "default";
    String message;
    if (Boolean.TRUE.equals(automount)) {
      message = pod + " mounts the token of service account '" + account + "' (automountServiceAccountToken: true)";
    } else if (Boolean.FALSE.equals(serviceAccountAutomount)) {
      return;
    } else {
      message = pod + " mounts the token of service account '" + account
          + "': automountServiceAccountToken is not false on the pod spec or the service account";
    }
    sink.add(PostureCheck.SA_TOKEN_AUTOMOUNT, null, t.specPath() + "/automountServiceAccountToken", message,
        "set automountServiceAccountToken: false on the pod spec (or on service account '" + account
            + "'); mount a projected token only in pods that call the Kubernetes API");
  }

  private static void container(
      PodTarget t, ContainerView c, EnabledChecks on, PodSecurityContext psc, String pscPath, FindingSink sink) {
    String who = "container '" + c.name() + "'";
    String name = c.name();
    boolean model = c.role() == ContainerView.Role.MODEL;
    SecurityContext sc = c.securityContext();
    String scPath = c.path() + "/securityContext";
    if (sc != null) {
      if (on.has(PostureCheck.PRIVILEGED) && Boolean.TRUE.equals(sc.getPrivileged())) {
        sink.add(PostureCheck.PRIVILEGED, name, scPath + "/privileged", who + " runs privileged (privileged: true)",
            "remove securityContext.privileged from container '" + name + "' or set it to false");
      }
      if (on.has(PostureCheck.HOST_PROCESS) && hostProcess(sc.getWindowsOptions())) {
        sink.add(PostureCheck.HOST_PROCESS, name, scPath + "/windowsOptions/hostProcess",
            who + " runs as a Windows HostProcess (windowsOptions.hostProcess: true)",
            "remove securityContext.windowsOptions.hostProcess from container '" + name + "' or set it to false");
      }
      if (on.has(PostureCheck.SECCOMP_UNCONFINED) && unconfined(sc.getSeccompProfile())) {
        sink.add(PostureCheck.SECCOMP_UNCONFINED, name, scPath + "/seccompProfile/type",
            who + " has seccomp profile Unconfined",
            "set securityContext.seccompProfile.type: RuntimeDefault on container '" + name + "'");
      }
      if (on.has(PostureCheck.APPARMOR_UNCONFINED) && unconfined(sc.getAppArmorProfile())) {
        sink.add(PostureCheck.APPARMOR_UNCONFINED, name, scPath + "/appArmorProfile/type",
            who + " has AppArmor profile Unconfined",
            "set securityContext.appArmorProfile.type: RuntimeDefault on container '" + name + "'");
      }
      if (on.has(PostureCheck.SELINUX_OPTIONS)) {
        seLinux(sc.getSeLinuxOptions(), scPath + "/seLinuxOptions", name, who, sink);
      }
      if (on.has(PostureCheck.PROC_MOUNT) && sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
        sink.add(PostureCheck.PROC_MOUNT, name, scPath + "/procMount",
            who + " sets procMount '" + sc.getProcMount() + "', which unmasks /proc",
            "remove securityContext.procMount from container '" + name + "' or set it to Default");
      }
    }
    if (on.has(PostureCheck.HOST_PORTS) && c.ports() != null) {
      List<ContainerPort> ports = c.ports();
      for (int i = 0; i < ports.size(); i++) {
        Integer hostPort = ports.get(i) == null ? null : ports.get(i).getHostPort();
        if (hostPort != null && hostPort != 0) {
          sink.add(PostureCheck.HOST_PORTS, name, c.path() + "/ports/" + i + "/hostPort",
              who + " binds port " + hostPort + " of the node (hostPort)",
              "remove hostPort from port " + i + " of container '" + name + "'; expose the pod through a Service");
        }
      }
    }
    if (on.has(PostureCheck.RUN_AS_NON_ROOT)) {
      runAsNonRoot(c, sc, scPath, psc, pscPath, who, model, sink);
    }
    if (on.has(PostureCheck.PRIVILEGE_ESCALATION)) {
      Boolean escalation = sc == null ? null : sc.getAllowPrivilegeEscalation();
      if (Boolean.TRUE.equals(escalation) || (escalation == null && !model)) {
        sink.add(PostureCheck.PRIVILEGE_ESCALATION, name, scPath + "/allowPrivilegeEscalation",
            who + (escalation == null ? " does not set allowPrivilegeEscalation: false"
                : " allows privilege escalation (allowPrivilegeEscalation: true)"),
            "set securityContext.allowPrivilegeEscalation: false on container '" + name + "'");
      }
    }
    capabilities(c, on, sc, scPath, who, sink);
    if (on.has(PostureCheck.SECCOMP_PROFILE) && !model) {
      seccompProfile(c, sc, scPath, psc, who, sink);
    }
    if (on.has(PostureCheck.READ_ONLY_ROOT_FS)) {
      Boolean readOnly = sc == null ? null : sc.getReadOnlyRootFilesystem();
      if (Boolean.FALSE.equals(readOnly) || (readOnly == null && !model)) {
        sink.add(PostureCheck.READ_ONLY_ROOT_FS, name, scPath + "/readOnlyRootFilesystem",
            who + " has a writable root file system (readOnlyRootFilesystem is "
                + (readOnly == null ? "not set)" : "false)"),
            "set securityContext.readOnlyRootFilesystem: true on container '" + name
                + "' and mount an emptyDir where it writes");
      }
    }
    image(c, on, who, model, sink);
    if (c.role() != ContainerView.Role.EPHEMERAL) {
      resources(c, on, who, sink);
    }
    if (c.role() == ContainerView.Role.CONTAINER && t.longRunning()) {
      if (on.has(PostureCheck.LIVENESS_PROBE) && c.livenessProbe() == null) {
        sink.add(PostureCheck.LIVENESS_PROBE, name, c.path() + "/livenessProbe", who + " has no liveness probe",
            "add a livenessProbe (httpGet, tcpSocket, grpc or exec) to container '" + name + "'");
      }
      if (on.has(PostureCheck.READINESS_PROBE) && c.readinessProbe() == null) {
        sink.add(PostureCheck.READINESS_PROBE, name, c.path() + "/readinessProbe", who + " has no readiness probe",
            "add a readinessProbe (httpGet, tcpSocket, grpc or exec) to container '" + name + "'");
      }
    }
    env(c, on, who, sink);
    if (on.has(PostureCheck.MODEL_URI_UNPINNED) && c.storageUri() != null && !ModelUris.pinned(c.storageUri())) {
      sink.add(PostureCheck.MODEL_URI_UNPINNED, name, c.path() + "/storageUri",
          "model storageUri '" + withoutUserInfo(c.storageUri()) + "' does not name an immutable version",
          "pin the model: an OCI model image by digest (oci://REGISTRY/MODEL@sha256:DIGEST), an hf:// URI with a "
              + "40-hex commit revision, or an s3:// URI with ?versionId=");
    }
  }

  private static void capabilities(
      ContainerView c, EnabledChecks on, SecurityContext sc, String scPath, String who, FindingSink sink) {
    String name = c.name();
    Capabilities caps = sc == null ? null : sc.getCapabilities();
    List<String> add = caps == null || caps.getAdd() == null ? List.of() : caps.getAdd();
    for (int i = 0; i < add.size(); i++) {
      String cap = add.get(i);
      if (cap == null) {
        continue;
      }
      String path = scPath + "/capabilities/add/" + i;
      if (!BASELINE_CAPABILITIES.contains(cap)) {
        if (on.has(PostureCheck.CAPABILITIES_ADDED)) {
          sink.add(PostureCheck.CAPABILITIES_ADDED, name, path,
              who + " adds capability " + cap + ", outside the baseline default set",
              "remove " + cap + " from securityContext.capabilities.add of container '" + name + "'");
        }
      } else if (!cap.equals("NET_BIND_SERVICE") && on.has(PostureCheck.CAPABILITIES_DROP_ALL)) {
        sink.add(PostureCheck.CAPABILITIES_DROP_ALL, name, path,
            who + " adds capability " + cap + "; the restricted standard allows only NET_BIND_SERVICE",
            "remove " + cap + " from securityContext.capabilities.add of container '" + name + "'");
      }
    }
    if (on.has(PostureCheck.CAPABILITIES_DROP_ALL) && c.role() != ContainerView.Role.MODEL) {
      List<String> drop = caps == null || caps.getDrop() == null ? List.of() : caps.getDrop();
      if (!drop.contains("ALL")) {
        sink.add(PostureCheck.CAPABILITIES_DROP_ALL, name, scPath + "/capabilities/drop",
            who + " does not drop ALL capabilities"
                + (drop.isEmpty() ? "" : " (drops " + String.join(", ", drop) + ")"),
            "set securityContext.capabilities.drop: [ALL] on container '" + name + "'");
      }
    }
  }

  private static void runAsNonRoot(ContainerView c, SecurityContext sc, String scPath, PodSecurityContext psc,
      String pscPath, String who, boolean model, FindingSink sink) {
    String name = c.name();
    Boolean own = sc == null ? null : sc.getRunAsNonRoot();
    Boolean podLevel = psc == null ? null : psc.getRunAsNonRoot();
    Boolean effective = own != null ? own : podLevel;
    String fix = "set securityContext.runAsNonRoot: true (on the pod or container '" + name
        + "') and build the image to run as a non-zero UID";
    if (!Boolean.TRUE.equals(effective) && !(model && effective == null)) {
      String path;
      String message;
      if (Boolean.FALSE.equals(own)) {
        path = scPath + "/runAsNonRoot";
        message = who + " may run as root (runAsNonRoot: false)";
      } else if (Boolean.FALSE.equals(podLevel)) {
        path = pscPath + "/runAsNonRoot";
        message = who + " may run as root (the pod sets runAsNonRoot: false)";
      } else {
        path = scPath + "/runAsNonRoot";
        message = who + " may run as root: runAsNonRoot is not set on the pod or the container";
      }
      sink.add(PostureCheck.RUN_AS_NON_ROOT, name, path, message, fix);
    }
    if (sc != null && Long.valueOf(0).equals(sc.getRunAsUser())) {
      sink.add(PostureCheck.RUN_AS_NON_ROOT, name, scPath + "/runAsUser", who + " runs as root (runAsUser: 0)",
          "set securityContext.runAsUser of container '" + name + "' to a non-zero UID");
    }
  }

  private static void seccompProfile(
      ContainerView c, SecurityContext sc, String scPath, PodSecurityContext psc, String who, FindingSink sink) {
    SeccompProfile own = sc == null ? null : sc.getSeccompProfile();
    SeccompProfile podLevel = psc == null ? null : psc.getSeccompProfile();
    String type = own != null && own.getType() != null ? own.getType()
        : podLevel != null ? podLevel.getType() : null;
    if ("RuntimeDefault".equals(type) || "Localhost".equals(type) || "Unconfined".equals(type)) {
      return; // Unconfined is seccomp-unconfined (baseline).
    }
    String name = c.name();
    sink.add(PostureCheck.SECCOMP_PROFILE, name, scPath + "/seccompProfile/type",
        who + (type == null ? " has no seccomp profile (none on the pod or the container)"
            : " has seccomp profile type '" + type + "'"),
        "set securityContext.seccompProfile.type: RuntimeDefault on the pod (or on container '" + name + "')");
  }

  private static void image(ContainerView c, EnabledChecks on, String who, boolean model, FindingSink sink) {
    String image = c.image();
    String name = c.name();
    String path = c.path() + "/image";
    if (image == null || image.isBlank()) {
      if (!model && on.has(PostureCheck.IMAGE_DIGEST)) {
        sink.add(PostureCheck.IMAGE_DIGEST, name, path, who + " has no image",
            "set image of container '" + name + "' to a reference pinned by digest (REPOSITORY@sha256:DIGEST)");
      }
      return;
    }
    boolean pinned = Images.pinnedByDigest(image);
    if (!pinned && on.has(PostureCheck.IMAGE_DIGEST)) {
      sink.add(PostureCheck.IMAGE_DIGEST, name, path, who + " image '" + image + "' is not pinned by digest",
          "pin the image of container '" + name + "' by digest: " + withoutDigest(image) + "@sha256:DIGEST");
    }
    if (!pinned && on.has(PostureCheck.IMAGE_TAG_LATEST)) {
      String tag = Images.tag(image);
      if (tag == null || tag.equals("latest")) {
        sink.add(PostureCheck.IMAGE_TAG_LATEST, name, path,
            who + " image '" + image + "' " + (tag == null ? "has no tag (so :latest)" : "uses the tag latest"),
            "use a fixed version tag and a digest for container '" + name + "', e.g. REPOSITORY:1.2.3@sha256:DIGEST");
      }
    }
  }

  /** A URI without any {@code user:password@} before its host, which must never be printed. */
  static String withoutUserInfo(String uri) {
    int scheme = uri.indexOf("://");
    int from = scheme < 0 ? 0 : scheme + 3;
    int slash = uri.indexOf('/', from);
    int end = slash < 0 ? uri.length() : slash;
    int at = uri.lastIndexOf('@', end - 1);
    return at >= from ? uri.substring(0, from) + "***@" + uri.substring(at + 1) : uri;
  }

  private static String withoutDigest(String image) {
    int at = image.indexOf('@');
    return at < 0 ? image : image.substring(0, at);
  }

  private static void resources(ContainerView c, EnabledChecks on, String who, FindingSink sink) {
    ResourceRequirements r = c.resources();
    Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
    Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
    String base = c.path() + "/resources";
    if (on.has(PostureCheck.RESOURCE_REQUESTS)) {
      // A limit without a request sets the request to the limit.
      List<String> missing = missing(requests, limits);
      if (!missing.isEmpty()) {
        sink.add(PostureCheck.RESOURCE_REQUESTS, c.name(), resourcePath(base + "/requests", missing),
            who + " has no " + String.join(" or ", missing) + " request",
            "set resources.requests." + String.join(" and resources.requests.", missing) + " on container '"
                + c.name() + "'");
      }
    }
    if (on.has(PostureCheck.RESOURCE_LIMITS)) {
      List<String> missing = missing(limits, Map.of());
      if (!missing.isEmpty()) {
        sink.add(PostureCheck.RESOURCE_LIMITS, c.name(), resourcePath(base + "/limits", missing),
            who + " has no " + String.join(" or ", missing) + " limit",
            "set resources.limits." + String.join(" and resources.limits.", missing) + " on container '"
                + c.name() + "'");
      }
    }
  }

  private static List<String> missing(Map<String, Quantity> primary, Map<String, Quantity> fallback) {
    if ((primary.get("cpu") != null || fallback.get("cpu") != null)
        && (primary.get("memory") != null || fallback.get("memory") != null)) {
      return List.of();
    }
    List<String> missing = new ArrayList<>(2);
    for (String resource : new String[] {"cpu", "memory"}) {
      if (primary.get(resource) == null && fallback.get(resource) == null) {
        missing.add(resource);
      }
    }
    return missing;
  }

  private static String resourcePath(String base, List<String> missing) {
    return missing.size() == 1 ? base + "/" + missing.get(0) : base;
  }

  private static void env(ContainerView c, EnabledChecks on, String who, FindingSink sink) {
    String name = c.name();
    List<EnvVar> env = c.env();
    if (env != null) {
      for (int i = 0; i < env.size(); i++) {
        EnvVar e = env.get(i);
        if (e == null || e.getName() == null) {
          continue;
        }
        String path = c.path() + "/env/" + i;
        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
          if (on.has(PostureCheck.SECRET_ENV_REF)) {
            sink.add(PostureCheck.SECRET_ENV_REF, name, path + "/valueFrom/secretKeyRef",
                who + " passes Secret '" + e.getValueFrom().getSecretKeyRef().getName() + "' in environment variable "
                    + e.getName(),
                "mount Secret '" + e.getValueFrom().getSecretKeyRef().getName() + "' as a file (a secret volume) in "
                    + "container '" + name + "' and read it from there");
          }
        } else if (on.has(PostureCheck.SECRET_ENV_LITERAL) && literalCredential(e)) {
          // Never the value: only the name.
          sink.add(PostureCheck.SECRET_ENV_LITERAL, name, path + "/value",
              who + " sets credential-like environment variable " + e.getName() + " to a literal value (not shown)",
              "remove the literal, rotate the credential, store it in a Secret and reference it with env["
                  + i + "].valueFrom.secretKeyRef (or mount the Secret as a file)");
        }
      }
    }
    List<EnvFromSource> envFrom = c.envFrom();
    if (envFrom != null && on.has(PostureCheck.SECRET_ENV_REF)) {
      for (int i = 0; i < envFrom.size(); i++) {
        EnvFromSource source = envFrom.get(i);
        if (source != null && source.getSecretRef() != null) {
          sink.add(PostureCheck.SECRET_ENV_REF, name, c.path() + "/envFrom/" + i + "/secretRef",
              who + " loads every key of Secret '" + source.getSecretRef().getName() + "' as environment variables",
              "mount Secret '" + source.getSecretRef().getName() + "' as a file (a secret volume) in container '"
                  + name + "' instead of envFrom");
        }
      }
    }
  }

  /**
   * A literal {@code value} under a credential-like name. Not flagged: empty values, values that only reference
   * another variable ({@code $(VAR)}), and absolute file paths (a credential file mounted elsewhere).
   */
  private static boolean literalCredential(EnvVar e) {
    String value = e.getValue();
    if (value == null || value.isEmpty() || !CredentialNames.looksLikeCredential(e.getName())) {
      return false;
    }
    if (value.startsWith("$(") && value.endsWith(")") && value.indexOf(')') == value.length() - 1) {
      return false;
    }
    return !(value.startsWith("/") && value.chars().noneMatch(Character::isWhitespace));
  }
}
