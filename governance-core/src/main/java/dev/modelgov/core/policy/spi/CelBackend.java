package dev.modelgov.core.policy.spi;

import dev.modelgov.api.policy.Policy;
import dev.modelgov.core.policy.PolicyCompileException;
import dev.modelgov.core.policy.PolicyLimits;

/**
 * The CEL implementation behind rules written with {@code cel(...)}, match conditions, variables and waiver match
 * expressions. The {@code governance-cel} module provides it through {@link java.util.ServiceLoader}; the core has no
 * CEL dependency. Implementations are thread-safe.
 *
 * <p>Activation contract: every evaluation binds {@code manifest} (the manifest's wire form as a map), {@code context}
 * (point, environment, previousStage, provenance, manifestDigest, deployedImages, signals), {@code params} (policy
 * defaults overridden by the context) and {@code now} (a {@link java.time.Instant}, CEL type {@code timestamp}); at
 * Kubernetes admission also {@code object}, {@code oldObject}, {@code request} and {@code namespaceObject} (the
 * ValidatingAdmissionPolicy names), which are absent otherwise.
 * Values are already normalised: integers are {@link Long}, decimals {@link Double}, absent values are left out of
 * maps, and {@code null} list elements are {@link #nullValue()}. Variables are visible as {@code variables.<name>}.
 */
public interface CelBackend {

  /**
   * Compiles every CEL part of a policy once: match conditions, variables, each CEL rule's expression and message
   * expression. Java rules are skipped.
   *
   * @param policy the policy
   * @param source the file name or policy id, for error messages
   * @param limits the limits to compile and evaluate under
   * @return the compiled program, thread-safe
   * @throws PolicyCompileException naming the source, rule id and column of the first error
   */
  CelProgram compile(Policy policy, String source, PolicyLimits limits) throws PolicyCompileException;

  /**
   * Compiles a standalone bool expression over the same activation, for waiver match conditions.
   *
   * @param name what it is, for error messages (for example {@code waiver WVR-1 match.expression})
   * @param expression the CEL source
   * @param limits the limits
   * @return the compiled condition, thread-safe
   * @throws PolicyCompileException when it does not compile or is not a bool
   */
  CelCondition compileCondition(String name, String expression, PolicyLimits limits) throws PolicyCompileException;

  /**
   * The object that stands for JSON {@code null} in an activation.
   *
   * @return CEL's null value
   */
  Object nullValue();
}
