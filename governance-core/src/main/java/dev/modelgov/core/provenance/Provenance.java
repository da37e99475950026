package dev.modelgov.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.manifest.ManifestCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Signs model directories and verifies them against signed provenance: the entry point for release pipelines and
 * serving apps. Thread-safe and immutable; build once and share.
 *
 * <h2>Signing</h2>
 *
 * <p>{@link #signModel} hashes the model directory, builds an in-toto statement with the chosen {@link PredicateType}
 * and signs it into a DSSE envelope ({@link Format#DSSE}, one or more keys) or a Sigstore bundle v0.3 ({@link
 * Format#BUNDLE}, exactly one key, readable by {@code model_signing verify key} when the predicate is {@link
 * PredicateType#MODEL_SIGNING}). The default predicate is {@link PredicateType#GOVERNANCE}, which binds the model files
 * to the manifest; {@link PredicateType#MODEL_SIGNING} is for model_signing compatibility and cannot carry the
 * manifest. {@code GOVERNANCE} and {@code SLSA_PROVENANCE} hash with {@link ModelHasher#defaults()}; {@code
 * MODEL_SIGNING} with {@link Builder#hasher} (default {@link ModelHasher#defaults()}), and records that serialization.
 *
 * <h2>Verifying</h2>
 *
 * <p>{@link #verifyModel} verifies the signatures and the statement with a {@link ProvenanceVerifier}, then checks the
 * model and the manifest:
 *
 * <ul>
 *   <li>{@code MODEL_SIGNING}: the model is re-hashed with {@link ModelHasher#forSerialization} of the signed
 *       serialization and the full resource list is compared: an extra, missing or changed file (or shard) fails with
 *       {@code SUBJECT_DIGEST_MISMATCH} naming the first differing path; then the root digest is compared with the
 *       subject. The manifest may be {@code null}; when given, one of its {@link ModelManifest#artifacts() artifacts}
 *       must have the signed root digest, else {@code MANIFEST_DIGEST_MISMATCH}.
 *   <li>{@code GOVERNANCE}: the model's {@link ModelHasher#defaults()} root digest must equal a subject digest ({@code
 *       SUBJECT_DIGEST_MISMATCH}), and the manifest's digest must equal the signed {@code manifestDigest} ({@code
 *       MANIFEST_DIGEST_MISMATCH}).
 *   <li>{@code SLSA_PROVENANCE}: the root digest as for {@code GOVERNANCE}; the signed predicate must equal the one
 *       built from the manifest ({@code MANIFEST_DIGEST_MISMATCH}).
 * </ul>
 *
 * <p>For {@code GOVERNANCE} and {@code SLSA_PROVENANCE} statements a {@code null} manifest fails with {@code
 * MANIFEST_DIGEST_MISMATCH}. Digests are compared in constant time. Keep the envelope outside the model directory, or
 * name it {@code model.sig}, which the default hasher ignores.
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * // CI
 * Provenance signer = Provenance.builder().build();
 * byte[] envelope = signer.signModel(modelDir, manifest, List.of(releaseKey), Provenance.Format.DSSE);
 *
 * // serving app, at start-up
 * Provenance provenance = Provenance.builder()
 *     .trustRoot(TrustRoot.builder().trust("release", releaseKey.verificationKey()).build())
 *     .build();
 * try {
 *   provenance.verifyModel(modelDir, envelope, manifest);
 * } catch (ProvenanceVerificationException e) {
 *   // refuse to serve: e.reason() says why
 * }
 * }</pre>
 */
public final class Provenance {

  /**
   * The output of {@link #signModel}.
   *
   * <pre>{@code
   * byte[] modelSig =
   *     provenance.signModel(dir, null, List.of(key), Provenance.Format.BUNDLE, PredicateType.MODEL_SIGNING);
   * }</pre>
   */
  public enum Format {
    /** A DSSE JSON envelope with one or more signatures. */
    DSSE,
    /** A Sigstore bundle v0.3 with exactly one signature (model_signing's {@code model.sig} form). */
    BUNDLE
  }

  private final Optional<ProvenanceVerifier> verifier;
  private final PredicateType predicate;
  private final ModelHasher hasher;

  private Provenance(Builder b) {
    this.verifier = b.hasTrustRoot ? Optional.of(b.verifier.build()) : Optional.empty();
    this.predicate = b.predicate;
    this.hasher = b.hasher;
  }

  /**
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The verifier this facade uses.
   *
   * @return the verifier
   * @throws IllegalStateException if no trust root was set
   */
  public ProvenanceVerifier verifier() {
    return verifier.orElseThrow(() -> new IllegalStateException("trust root is not set; cannot verify"));
  }

  /**
   * Signs a model directory with the builder's predicate (default {@link PredicateType#GOVERNANCE}).
   *
   * @param modelDir the model directory, must not be {@code null}
   * @param manifest the model's manifest; must not be {@code null} unless the predicate is {@code MODEL_SIGNING}
   * @param keys the signing keys, must not be {@code null} or empty; exactly one for {@link Format#BUNDLE}
   * @param format the output format, must not be {@code null}
   * @return the envelope or bundle JSON
   * @throws IOException if the model directory cannot be hashed
   * @throws GeneralSecurityException if a key cannot sign
   */
  public byte[] signModel(Path modelDir, ModelManifest manifest, List<SigningKey> keys, Format format)
      throws IOException, GeneralSecurityException {
    return signModel(modelDir, manifest, keys, format, predicate);
  }

  /**
   * Signs a model directory with a chosen predicate.
   *
   * @param modelDir the model directory, must not be {@code null}
   * @param manifest the model's manifest; must not be {@code null} unless {@code type} is {@code MODEL_SIGNING}, where
   *     it is not used
   * @param keys the signing keys, must not be {@code null} or empty; exactly one for {@link Format#BUNDLE}
   * @param format the output format, must not be {@code null}
   * @param type the predicate, must not be {@code null}
   * @return the envelope or bundle JSON
   * @throws IOException if the model directory cannot be hashed
   * @throws GeneralSecurityException if a key cannot sign
   * @throws IllegalArgumentException if there is no key, or not exactly one for a bundle
   */
  public byte[] signModel(
      Path modelDir, ModelManifest manifest, List<SigningKey> keys, Format format, PredicateType type)
      throws IOException, GeneralSecurityException {
    Objects.requireNonNull(modelDir, "modelDir must not be null");
    Objects.requireNonNull(keys, "keys must not be null");
    Objects.requireNonNull(format, "format must not be null");
    Objects.requireNonNull(type, "type must not be null");
    if (type != PredicateType.MODEL_SIGNING) {
      Objects.requireNonNull(manifest, "manifest must not be null for the " + type + " predicate");
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("keys must not be empty");
    }
    if (format == Format.BUNDLE && keys.size() != 1) {
      throw new IllegalArgumentException("a Sigstore bundle takes exactly one key, got " + keys.size());
    }
    byte[] payload;
    if (type == PredicateType.MODEL_SIGNING) {
      payload = InTotoStatements.modelSigningPayload(hasher.hash(modelDir));
    } else {
      payload = InTotoStatements.payload(type, ModelHasher.defaults().hash(modelDir), manifest);
    }
    DsseEnvelope envelope = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, keys);
    return format == Format.DSSE
        ? envelope.toJson()
        : SigstoreBundle.of(envelope, keys.get(0).verificationKey()).toJson();
  }

  /**
   * Verifies a model directory against a DSSE envelope or Sigstore bundle, and the manifest against the statement.
   *
   * @param modelDir the model directory, must not be {@code null}
   * @param envelopeOrBundle the envelope or bundle JSON, must not be {@code null}
   * @param manifest the manifest to check; may be {@code null} only for {@code MODEL_SIGNING} statements
   * @return the verified statement
   * @throws ProvenanceVerificationException if the signatures, statement, model files or manifest do not verify
   * @throws IOException if the model directory cannot be hashed
   * @throws IllegalStateException if no trust root was set
   */
  public VerifiedStatement verifyModel(Path modelDir, byte[] envelopeOrBundle, ModelManifest manifest)
      throws ProvenanceVerificationException, IOException {
    Objects.requireNonNull(modelDir, "modelDir must not be null");
    Objects.requireNonNull(envelopeOrBundle, "envelopeOrBundle must not be null");
    VerifiedStatement statement = verifier().verify(envelopeOrBundle);
    PredicateType type = statement.knownPredicateType().orElseThrow(() -> new ProvenanceVerificationException(
        Reason.PREDICATE_TYPE_NOT_ALLOWED, "the statement's predicate type does not describe a model directory"));
    try {
      switch (type) {
        case MODEL_SIGNING -> verifyModelSigning(modelDir, statement, manifest);
        case GOVERNANCE -> {
          Digest signed = statement.manifestDigest().orElseThrow();
          if (manifest == null) {
            throw noManifest();
          }
          if (!ManifestCodec.defaults().digest(manifest).matches(signed)) {
            throw new ProvenanceVerificationException(
                Reason.MANIFEST_DIGEST_MISMATCH, "the manifest's digest is not the signed manifest digest");
          }
          checkRoot(ModelHasher.defaults().hash(modelDir).rootDigest(), statement);
        }
        case SLSA_PROVENANCE -> {
          if (manifest == null) {
            throw noManifest();
          }
          JsonNode expected = InTotoStatements.slsaPredicate(manifest);
          if (!expected.equals(statement.predicate())) {
            throw new ProvenanceVerificationException(
                Reason.MANIFEST_DIGEST_MISMATCH, "the manifest's build provenance is not the signed SLSA provenance");
          }
          checkRoot(ModelHasher.defaults().hash(modelDir).rootDigest(), statement);
        }
      }
    } catch (ProvenanceVerificationException | IOException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ProvenanceVerificationException(
          Reason.MALFORMED_ENVELOPE, "verification failed unexpectedly (" + e.getClass().getSimpleName() + ")");
    }
    return statement;
  }

  private static ProvenanceVerificationException noManifest() {
    return new ProvenanceVerificationException(
        Reason.MANIFEST_DIGEST_MISMATCH, "the statement binds a manifest, but no manifest was given");
  }

  private static void checkRoot(Digest local, VerifiedStatement statement) throws ProvenanceVerificationException {
    boolean match = false;
    for (VerifiedStatement.Subject s : statement.subjects()) {
      match |= s.digest().matches(local);
    }
    if (!match) {
      throw new ProvenanceVerificationException(
          Reason.SUBJECT_DIGEST_MISMATCH, "the model directory's root digest is not the signed subject digest");
    }
  }

  private static void verifyModelSigning(Path modelDir, VerifiedStatement statement, ModelManifest manifest)
      throws ProvenanceVerificationException, IOException {
    ModelHash signed = statement.modelSigningManifest().orElseThrow();
    if (manifest != null) {
      boolean listed = false;
      for (Artifact a : manifest.artifacts()) {
        listed |= a.digest().matches(signed.rootDigest());
      }
      if (!listed) {
        throw new ProvenanceVerificationException(
            Reason.MANIFEST_DIGEST_MISMATCH, "no artifact of the manifest has the signed model root digest");
      }
    }
    ModelHash local = ModelHasher.forSerialization(signed.serialization()).hash(modelDir);
    compareResources(signed.resources(), local.resources());
    if (!local.rootDigest().matches(signed.rootDigest())) {
      throw new ProvenanceVerificationException(
          Reason.SUBJECT_DIGEST_MISMATCH, "the model directory's root digest is not the signed subject digest");
    }
  }

  private static void compareResources(List<ResourceDigest> signed, List<ResourceDigest> local)
      throws ProvenanceVerificationException {
    Map<String, Digest> want = new LinkedHashMap<>();
    signed.forEach(r -> want.put(r.name(), r.digest()));
    Map<String, Digest> have = new LinkedHashMap<>();
    local.forEach(r -> have.put(r.name(), r.digest()));
    Set<String> names = new TreeSet<>(want.keySet());
    names.addAll(have.keySet());
    for (String name : names) {
      Digest w = want.get(name);
      Digest h = have.get(name);
      if (w == null) {
        throw new ProvenanceVerificationException(
            Reason.SUBJECT_DIGEST_MISMATCH, "'" + name + "' is in the model directory but not in the signed manifest");
      }
      if (h == null) {
        throw new ProvenanceVerificationException(
            Reason.SUBJECT_DIGEST_MISMATCH, "'" + name + "' is in the signed manifest but missing from the model");
      }
      if (!w.matches(h)) {
        throw new ProvenanceVerificationException(
            Reason.SUBJECT_DIGEST_MISMATCH, "'" + name + "' does not match its signed digest");
      }
    }
  }

  /**
   * Builds a {@link Provenance}. Every setting is optional; a trust root is needed only to verify.
   *
   * <h2>Example</h2>
   *
   * <pre>{@code
   * Provenance p = Provenance.builder().trustRoot(root).threshold(2).predicate(PredicateType.GOVERNANCE).build();
   * }</pre>
   */
  public static final class Builder {
    /** The verification settings, checked by the verifier's own builder. */
    private final ProvenanceVerifier.Builder verifier = ProvenanceVerifier.builder();
    private boolean hasTrustRoot;
    private PredicateType predicate = PredicateType.GOVERNANCE;
    private ModelHasher hasher;

    private Builder() {}

    /**
     * @param value the keys to trust when verifying, must not be {@code null}
     * @return this builder
     */
    public Builder trustRoot(TrustRoot value) {
      verifier.trustRoot(value);
      hasTrustRoot = true;
      return this;
    }

    /**
     * @param value how many distinct trusted keys must verify, at least 1 (default 1)
     * @return this builder
     */
    public Builder threshold(int value) {
      verifier.threshold(value);
      return this;
    }

    /**
     * @param value the limits, must not be {@code null} (default {@link ProvenanceLimits#DEFAULT})
     * @return this builder
     */
    public Builder limits(ProvenanceLimits value) {
      verifier.limits(value);
      return this;
    }

    /**
     * @param value the clock for key validity windows, must not be {@code null}
     * @return this builder
     */
    public Builder clock(Clock value) {
      verifier.clock(value);
      return this;
    }

    /**
     * @param value whether raw r||s (IEEE P1363) ECDSA signatures are accepted besides DER (default {@code false})
     * @return this builder
     */
    public Builder acceptP1363(boolean value) {
      verifier.acceptP1363(value);
      return this;
    }

    /**
     * @param values the predicate type URIs accepted, must not be {@code null} or empty (default the three of {@link
     *     PredicateType})
     * @return this builder
     */
    public Builder allowedPredicateTypes(Set<String> values) {
      verifier.allowedPredicateTypes(values);
      return this;
    }

    /**
     * @param value the predicate {@link #signModel(Path, ModelManifest, List, Format)} emits, must not be {@code null}
     *     (default {@link PredicateType#GOVERNANCE})
     * @return this builder
     */
    public Builder predicate(PredicateType value) {
      this.predicate = Objects.requireNonNull(value, "predicate must not be null");
      return this;
    }

    /**
     * @param value the hasher for {@link PredicateType#MODEL_SIGNING} signing, must not be {@code null} (default
     *     {@link ModelHasher#defaults()})
     * @return this builder
     */
    public Builder hasher(ModelHasher value) {
      this.hasher = Objects.requireNonNull(value, "hasher must not be null");
      return this;
    }

    /**
     * @return the facade
     */
    public Provenance build() {
      if (hasher == null) {
        hasher = ModelHasher.defaults();
      }
      return new Provenance(this);
    }
  }
}
