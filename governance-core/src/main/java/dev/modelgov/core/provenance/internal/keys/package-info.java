/**
 * Key parsing, encoding, signing and verification behind {@link dev.modelgov.core.provenance.SigningKey} and {@link
 * dev.modelgov.core.provenance.VerificationKey}, on BouncyCastle's lightweight API. For internal use only; may change
 * without notice. Not exported from the module.
 */
package dev.modelgov.core.provenance.internal.keys;
