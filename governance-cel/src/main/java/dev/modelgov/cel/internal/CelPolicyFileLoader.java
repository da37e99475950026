package dev.modelgov.cel.internal;

import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.spi.PolicyFileLoader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link PolicyFileLoader} for {@code policy.modelgov.dev/v1alpha1} YAML and JSON files, found through {@link
 * java.util.ServiceLoader}. Stateless and thread-safe. For internal use only; may change without notice.
 *
 * <pre>{@code
 * PolicyFileLoader loader = ServiceLoader.load(PolicyFileLoader.class).findFirst().orElseThrow();
 * Policy p = loader.load(Path.of("policies/deploy-gate.yaml"), PolicyLimits.defaults());
 * }</pre>
 */
public final class CelPolicyFileLoader implements PolicyFileLoader {

  /** Creates the loader; {@link java.util.ServiceLoader} calls this. */
  public CelPolicyFileLoader() {}

  @Override
  public Policy load(Path file, PolicyLimits limits) throws PolicyCompileException, IOException {
    return PolicyFiles.load(file, limits);
  }

  @Override
  public String toString() {
    return "PolicyFileLoader[" + PolicyDocumentMapper.API_VERSION + " " + PolicyDocumentMapper.KIND + "]";
  }
}
