package dev.modelgov.core.policy.spi;

import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyLimits;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads declarative policy files (YAML or JSON) into {@link Policy} values; {@code governance-cel} provides one through
 * {@link java.util.ServiceLoader} so core tools (the suite runner, the CLI) can load policy files without a CEL
 * dependency of their own.
 *
 * <pre>{@code
 * Policy p = loader.load(Path.of("policies/deploy-gate.yaml"), PolicyLimits.defaults());
 * }</pre>
 */
public interface PolicyFileLoader {

  /**
   * Loads and validates a policy file (structure only; the engine compiles its expressions).
   *
   * @param file the file
   * @param limits size and count limits
   * @return the policy
   * @throws PolicyCompileException naming the file, rule id, line and column of the first problem
   * @throws IOException when the file cannot be read
   */
  Policy load(Path file, PolicyLimits limits) throws PolicyCompileException, IOException;
}
