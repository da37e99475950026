/**
 * Signed provenance for models.
 *
 * <ul>
 *   <li>Hashing compatible with OpenSSF model signing: {@link dev.modelgov.core.provenance.ModelHasher}, {@link
 *       dev.modelgov.core.provenance.ModelHash}.
 *   <li>Keys: {@link dev.modelgov.core.provenance.SigningKey}, {@link dev.modelgov.core.provenance.VerificationKey},
 *       {@link dev.modelgov.core.provenance.TrustRoot}.
 *   <li>DSSE envelopes ({@link dev.modelgov.core.provenance.DsseEnvelope}, {@link dev.modelgov.core.provenance.Dsse})
 *       with in-toto statements ({@link dev.modelgov.core.provenance.InTotoStatements}, {@link
 *       dev.modelgov.core.provenance.PredicateType}), Sigstore bundles v0.3 ({@link
 *       dev.modelgov.core.provenance.SigstoreBundle}).
 *   <li>Verification: {@link dev.modelgov.core.provenance.ProvenanceVerifier}, {@link
 *       dev.modelgov.core.provenance.VerifiedStatement}; failures throw {@link
 *       dev.modelgov.api.provenance.ProvenanceVerificationException} with a closed reason.
 *   <li>The facade for release pipelines and serving apps: {@link dev.modelgov.core.provenance.Provenance}.
 * </ul>
 *
 * <p>The implementation is in {@code ...provenance.internal}, which {@code module-info} does not export.
 */
package dev.modelgov.core.provenance;
