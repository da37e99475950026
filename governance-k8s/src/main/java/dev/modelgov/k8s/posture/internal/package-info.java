/** The implementation of the posture checks. For internal use only; may change without notice. */
package dev.modelgov.k8s.posture.internal;
