package dev.modelgov.core.policy.suite;

import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.builtin.BuiltinPolicy;
import dev.modelgov.core.policy.spi.PolicyFileLoader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Turns a policy reference, as written in a suite or on the command line, into a {@link Policy}: {@code builtin} is
 * {@link BuiltinPolicy#deployGate()}, {@code builtin-cel} is the same pack in CEL (the {@value #BUILTIN_CEL_RESOURCE}
 * resource of {@code governance-cel}, read through its {@link PolicyFileLoader}), and anything else is a policy file,
 * read through the {@link PolicyFileLoader} found with {@link ServiceLoader}. Core itself has no CEL dependency.
 *
 * <pre>{@code
 * PolicySources sources = PolicySources.defaults();
 * Policy gate = sources.load("policies/deploy-gate.yaml", Path.of("."), PolicyLimits.defaults());
 * sources.unavailable("builtin-cel"); // Optional["governance-cel is not on the class path ..."] without the module
 * }</pre>
 */
public final class PolicySources {

  /** The reference to the Java built-in pack. */
  public static final String BUILTIN = "builtin";

  /** The reference to the CEL built-in pack. */
  public static final String BUILTIN_CEL = "builtin-cel";

  /** The class-path resource of the CEL built-in pack, in {@code governance-cel}. */
  public static final String BUILTIN_CEL_RESOURCE = "dev/modelgov/cel/builtin/deploy-gate.yaml";

  private static final String NO_LOADER = "no policy file loader is on the class path: add dev.modelgov:governance-cel";

  private final PolicyFileLoader loader;
  private final String loaderProblem;

  private PolicySources(PolicyFileLoader loader, String loaderProblem) {
    this.loader = loader;
    this.loaderProblem = loaderProblem;
  }

  /**
   * Sources that load files with the first {@link PolicyFileLoader} found with {@link ServiceLoader}, if any.
   *
   * @return the sources
   */
  public static PolicySources defaults() {
    try {
      Iterator<PolicyFileLoader> it = ServiceLoader.load(PolicyFileLoader.class).iterator();
      return it.hasNext() ? new PolicySources(it.next(), null) : new PolicySources(null, NO_LOADER);
    } catch (ServiceConfigurationError e) {
      return new PolicySources(null, "the policy file loader could not be created: " + e.getMessage());
    }
  }

  /**
   * Sources that load files with this loader.
   *
   * @param loader the loader, must not be {@code null}
   * @return the sources
   */
  public static PolicySources using(PolicyFileLoader loader) {
    return new PolicySources(Objects.requireNonNull(loader, "loader must not be null"), null);
  }

  /**
   * Sources without a file loader: only {@code builtin} loads.
   *
   * @return the sources
   */
  public static PolicySources javaOnly() {
    return new PolicySources(null, NO_LOADER);
  }

  /**
   * Why a reference cannot be loaded here, if it cannot: no file loader for {@code builtin-cel} and policy files, or
   * no {@value #BUILTIN_CEL_RESOURCE} resource next to the loader for {@code builtin-cel}.
   *
   * @param reference {@code builtin}, {@code builtin-cel} or a path, must not be {@code null}
   * @return the reason, or empty when it can be loaded (a file may still be missing or invalid)
   */
  public Optional<String> unavailable(String reference) {
    Objects.requireNonNull(reference, "reference must not be null");
    if (reference.equals(BUILTIN)) {
      return Optional.empty();
    }
    if (loader == null) {
      return Optional.of(loaderProblem);
    }
    if (reference.equals(BUILTIN_CEL) && builtinCelResource() == null) {
      return Optional.of("the policy file loader " + loader.getClass().getName() + " ships no "
          + BUILTIN_CEL_RESOURCE);
    }
    return Optional.empty();
  }

  /**
   * Loads a policy (structure only; {@code PolicyEngine.compile} compiles its expressions).
   *
   * @param reference {@code builtin}, {@code builtin-cel} or a policy file path, must not be {@code null}
   * @param baseDirectory what a relative path is resolved against, must not be {@code null}
   * @param limits size and count limits, must not be {@code null}
   * @return the policy
   * @throws PolicyCompileException naming the file, rule, line and column of the first problem, or why the reference
   *     cannot be loaded here ({@link #unavailable(String)})
   * @throws IOException when the file cannot be read
   */
  public Policy load(String reference, Path baseDirectory, PolicyLimits limits)
      throws PolicyCompileException, IOException {
    Objects.requireNonNull(reference, "reference must not be null");
    Objects.requireNonNull(baseDirectory, "baseDirectory must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
    if (reference.equals(BUILTIN)) {
      return BuiltinPolicy.deployGate();
    }
    Optional<String> problem = unavailable(reference);
    if (problem.isPresent()) {
      throw new PolicyCompileException(reference, null, 0, 0, problem.get());
    }
    if (reference.equals(BUILTIN_CEL)) {
      return loadResource(builtinCelResource(), limits);
    }
    return loader.load(baseDirectory.resolve(reference).normalize(), limits);
  }

  private URL builtinCelResource() {
    ClassLoader classes = loader.getClass().getClassLoader();
    return classes == null ? ClassLoader.getSystemResource(BUILTIN_CEL_RESOURCE)
        : classes.getResource(BUILTIN_CEL_RESOURCE);
  }

  private Policy loadResource(URL resource, PolicyLimits limits) throws PolicyCompileException, IOException {
    URI uri;
    try {
      uri = resource.toURI();
    } catch (URISyntaxException e) {
      throw new IOException(BUILTIN_CEL_RESOURCE + ": unusable resource location", e);
    }
    if (!"jar".equals(uri.getScheme())) {
      return loader.load(Path.of(uri), limits);
    }
    FileSystem opened = null;
    try {
      try {
        opened = FileSystems.newFileSystem(uri, Map.of());
      } catch (FileSystemAlreadyExistsException e) {
        // Someone else has the jar open: use theirs, and leave it open.
      }
      return loader.load(Path.of(uri), limits);
    } catch (FileSystemNotFoundException e) {
      throw new IOException(BUILTIN_CEL_RESOURCE + ": the jar that holds it cannot be opened", e);
    } finally {
      if (opened != null) {
        opened.close();
      }
    }
  }

  /**
   * Names the policy file in a compile error that names only the policy: the engine reports CEL compile errors by
   * policy id, while a user wants the file ({@code deploy-gate.yaml: rule model.owner: 1:15: ...}).
   *
   * @param e the compile error, must not be {@code null}
   * @param policy the policy that was compiled, must not be {@code null}
   * @param reference the reference it was loaded from, must not be {@code null}
   * @return {@code e} when it already names another source or the reference is built in, else the same error naming
   *     the reference
   */
  public static PolicyCompileException naming(PolicyCompileException e, Policy policy, String reference) {
    Objects.requireNonNull(e, "e must not be null");
    Objects.requireNonNull(policy, "policy must not be null");
    Objects.requireNonNull(reference, "reference must not be null");
    if (reference.equals(BUILTIN) || !policy.id().equals(e.source())) {
      return e;
    }
    return new PolicyCompileException(reference, e.ruleId().orElse(null), e.line(), e.column(), e.detail());
  }

  @Override
  public String toString() {
    return "PolicySources[" + (loader == null ? "java only" : loader.getClass().getName()) + "]";
  }
}
