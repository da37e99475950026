/**
 * Signed provenance: the algorithms ModelGov signs and verifies with, and the checked
 * {@link dev.modelgov.api.provenance.ProvenanceVerificationException} whose {@link
 * dev.modelgov.api.provenance.ProvenanceVerificationException.Reason reason} says why a model's provenance was
 * refused. The implementation (hashing, DSSE, keys, verification) is in {@code dev.modelgov.core.provenance}.
 */
package dev.modelgov.api.provenance;
