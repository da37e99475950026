package dev.modelgov.k8s.posture.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;

/**
 * The fields the checks read from one container, whatever it came from (a container, an init or ephemeral container,
 * or a KServe model-format block), and where it is in the object. For internal use only; may change without notice.
 *
 * @param name the container name (KServe's {@code kserve-container} when a KServe block names none)
 * @param role what kind of container it is
 * @param path its JSON Pointer
 * @param image the image, or {@code null}
 * @param securityContext the security context, or {@code null}
 * @param env the environment variables, or {@code null}
 * @param envFrom the environment sources, or {@code null}
 * @param ports the ports, or {@code null}
 * @param resources the resources, or {@code null}
 * @param livenessProbe the liveness probe, or {@code null}
 * @param readinessProbe the readiness probe, or {@code null}
 * @param storageUri a KServe model block's {@code storageUri}, or {@code null}
 */
public record ContainerView(
    String name,
    Role role,
    String path,
    String image,
    SecurityContext securityContext,
    List<EnvVar> env,
    List<EnvFromSource> envFrom,
    List<ContainerPort> ports,
    ResourceRequirements resources,
    Probe livenessProbe,
    Probe readinessProbe,
    String storageUri) {

  /** What kind of container a view is, which decides the checks that apply. */
  public enum Role {
    /** A regular container: every check. */
    CONTAINER,
    /** An init container: no probes. */
    INIT,
    /** An ephemeral (debug) container: no probes, no resources. */
    EPHEMERAL,
    /**
     * A KServe model-format block ({@code model}, {@code sklearn}, ...): its serving runtime supplies the container,
     * so only what the block writes is checked (image, resources, env, storageUri, and explicit security settings).
     */
    MODEL
  }

  /**
   * @param c a container
   * @param role its role
   * @param path its pointer
   * @param defaultName the name to use when it has none
   * @return the view
   */
  public static ContainerView of(Container c, Role role, String path, String defaultName) {
    String name = c.getName() == null || c.getName().isEmpty() ? defaultName : c.getName();
    return new ContainerView(name, role, path, c.getImage(), c.getSecurityContext(), c.getEnv(), c.getEnvFrom(),
        c.getPorts(), c.getResources(), c.getLivenessProbe(), c.getReadinessProbe(), null);
  }

  /**
   * @param c an ephemeral container
   * @param path its pointer
   * @return the view
   */
  public static ContainerView of(EphemeralContainer c, String path) {
    String name = c.getName() == null ? "" : c.getName();
    return new ContainerView(name, Role.EPHEMERAL, path, c.getImage(), c.getSecurityContext(), c.getEnv(),
        c.getEnvFrom(), c.getPorts(), c.getResources(), c.getLivenessProbe(), c.getReadinessProbe(), null);
  }

  /**
   * @param uri the storage URI of a model block
   * @return a copy with that URI
   */
  public ContainerView withStorageUri(String uri) {
    return new ContainerView(name, role, path, image, securityContext, env, envFrom, ports, resources, livenessProbe,
        readinessProbe, uri);
  }
}
