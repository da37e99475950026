package dev.modelgov.api.provenance;

/**
 * The signature algorithms of ModelGov provenance. Each key is bound to exactly one algorithm by the verifier's trust
 * configuration; an envelope never chooses it.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
 * }</pre>
 */
public enum SignatureAlgorithm {
  /** Ed25519 (RFC 8032): 64-byte signatures over the message itself. */
  ED25519,
  /** ECDSA on NIST P-256 with SHA-256, DER-encoded signatures (IEEE P1363 r||s only when configured). */
  ECDSA_P256_SHA256,
  /**
   * ECDSA on NIST P-384 with SHA-384, DER-encoded: verification only, for bundles made by OpenSSF model_signing with
   * P-384 keys.
   */
  ECDSA_P384_SHA384
}
