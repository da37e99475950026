/**
 * Identifiers shared by every ModelGov capability: {@link dev.modelgov.api.Digest}, {@link dev.modelgov.api.ModelId}
 * and {@link dev.modelgov.api.ModelRef}, the one name a model version carries through provenance, policy decisions,
 * metrics, audit events and Kubernetes objects.
 */
package dev.modelgov.api;
