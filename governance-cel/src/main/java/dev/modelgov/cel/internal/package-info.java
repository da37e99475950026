/**
 * The cel-java backend and the policy file reader behind {@link dev.modelgov.cel.CelPolicies}. For internal use only;
 * may change without notice.
 */
package dev.modelgov.cel.internal;
