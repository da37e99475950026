/**
 * Implementation of the policy suites: strict tree reading, JSON merge patch. For internal use only; may change
 * without notice.
 */
package dev.modelgov.core.policy.suite.internal;
