/**
 * Service interfaces between the policy engine and its expression language: {@code governance-cel} implements {@link
 * dev.modelgov.core.policy.spi.CelBackend} and {@link dev.modelgov.core.policy.spi.PolicyFileLoader} and registers
 * them with {@link java.util.ServiceLoader}. Applications do not call these directly.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * CelBackend cel = ServiceLoader.load(CelBackend.class).findFirst().orElseThrow();
 * }</pre>
 */
package dev.modelgov.core.policy.spi;
