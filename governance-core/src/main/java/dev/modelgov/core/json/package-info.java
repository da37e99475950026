/**
 * Canonical JSON (RFC 8785) and the limits every ModelGov parser enforces: {@link dev.modelgov.core.json.CanonicalJson},
 * {@link dev.modelgov.core.json.JsonLimits}.
 */
package dev.modelgov.core.json;
