/**
 * Implementation of the policy engine: the CEL activation, identity caches and text helpers. For internal use only;
 * may change without notice.
 */
package dev.modelgov.core.policy.internal;
