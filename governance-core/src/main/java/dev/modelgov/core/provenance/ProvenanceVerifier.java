package dev.modelgov.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.provenance.internal.dsse.GovernancePredicate;
import dev.modelgov.core.provenance.internal.dsse.ModelSigningPredicate;
import dev.modelgov.core.provenance.internal.dsse.ProvenanceJson;
import dev.modelgov.core.provenance.internal.dsse.StatementReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies DSSE envelopes and Sigstore bundles against a {@link TrustRoot}, and parses the in-toto statement they
 * carry. Thread-safe and immutable; build once and share.
 *
 * <p>Verification runs in this order and stops at the first failure, which throws a {@link
 * ProvenanceVerificationException} with its {@link Reason}:
 *
 * <ol>
 *   <li>document size ({@code SIZE_LIMIT_EXCEEDED}), before parsing or base64-decoding anything;
 *   <li>strict parsing of the envelope or bundle ({@code MALFORMED_ENVELOPE}, or {@code SIZE_LIMIT_EXCEEDED} for too
 *       many signatures);
 *   <li>signatures: each is checked over the {@link Dsse#pae PAE} against keys of the trust root only; the envelope's
 *       key id (or a bundle's public key hint) only narrows the candidates. Distinct trusted keys that verified are
 *       counted (by {@link VerificationKey#keyId()}, so one key signing twice counts once); revoked, expired and
 *       not-yet-valid keys never count. Below the threshold the reason is {@code THRESHOLD_NOT_MET} if some trusted
 *       key verified, else {@code KEY_REVOKED} / {@code KEY_EXPIRED} if only revoked / expired keys verified, else
 *       {@code BAD_SIGNATURE} if a signature that names a trusted key (or names none) failed, else {@code
 *       UNTRUSTED_KEY} (no signature was made by a trusted key, or a bundle hint names no trusted key);
 *   <li>payload type ({@code PAYLOAD_TYPE_MISMATCH}). The payload type is covered by the signature, so a payload type
 *       changed after signing already failed as {@code BAD_SIGNATURE};
 *   <li>strict parsing of the exact verified payload bytes as an in-toto Statement v1 ({@code MALFORMED_ENVELOPE};
 *       {@code PREDICATE_TYPE_NOT_ALLOWED} when {@code _type} is not {@code https://in-toto.io/Statement/v1});
 *   <li>predicate type allow-list ({@code PREDICATE_TYPE_NOT_ALLOWED});
 *   <li>the predicate: a model_signing predicate's resources are limited in number and path length ({@code
 *       SIZE_LIMIT_EXCEEDED}), paths must be relative and normalized, without NUL or backslash ({@code
 *       MALFORMED_ENVELOPE}), and the resources must hash to the single subject ({@code SUBJECT_DIGEST_MISMATCH}); a
 *       governance predicate's manifest must have its stated digest ({@code MANIFEST_DIGEST_MISMATCH}).
 * </ol>
 *
 * <p>It fails closed: an unexpected exception anywhere becomes {@code MALFORMED_ENVELOPE}, never acceptance.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Keys and their algorithms come only from the trust root; nothing in the envelope selects an algorithm or
 *       introduces a key.
 *   <li>The statement is parsed from the exact bytes whose signature verified.
 *   <li>ECDSA signatures must be DER unless {@link Builder#acceptP1363(boolean)} is set.
 *   <li>Messages never contain key material or payload content.
 * </ul>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ProvenanceVerifier verifier = ProvenanceVerifier.builder()
 *     .trustRoot(TrustRoot.builder().trust("release", releaseKey).build())
 *     .threshold(1)
 *     .build();
 * VerifiedStatement s = verifier.verify(Files.readAllBytes(Path.of("model.sig")));
 * }</pre>
 */
public final class ProvenanceVerifier {

  /** The predicate types allowed by default: the three of {@link PredicateType}. */
  public static final Set<String> DEFAULT_PREDICATE_TYPES =
      Set.of(PredicateType.GOVERNANCE.uri(), PredicateType.MODEL_SIGNING.uri(), PredicateType.SLSA_PROVENANCE.uri());

  private final TrustRoot trustRoot;
  private final int threshold;
  private final String allowedPayloadType;
  private final Set<String> allowedPredicateTypes;
  private final ProvenanceLimits limits;
  private final Clock clock;
  private final boolean acceptP1363;

  private ProvenanceVerifier(Builder b) {
    this.trustRoot = b.trustRoot;
    this.threshold = b.threshold;
    this.allowedPayloadType = b.allowedPayloadType;
    this.allowedPredicateTypes = Set.copyOf(b.allowedPredicateTypes);
    this.limits = b.limits;
    this.clock = b.clock;
    this.acceptP1363 = b.acceptP1363;
  }

  /**
   * @return a new builder; {@link Builder#trustRoot} is required
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the limits this verifier enforces
   */
  public ProvenanceLimits limits() {
    return limits;
  }

  /**
   * @return the distinct trusted keys required
   */
  public int threshold() {
    return threshold;
  }

  /**
   * Verifies a DSSE JSON envelope or a Sigstore bundle, told apart by their fields ({@code mediaType}, {@code
   * verificationMaterial} or {@code dsseEnvelope} make a bundle).
   *
   * @param envelopeOrBundle the document, must not be {@code null}
   * @return the verified statement
   * @throws ProvenanceVerificationException if anything fails to verify
   */
  public VerifiedStatement verify(byte[] envelopeOrBundle) throws ProvenanceVerificationException {
    Objects.requireNonNull(envelopeOrBundle, "envelopeOrBundle must not be null");
    return guarded(() -> {
      JsonNode tree = ProvenanceJson.read(envelopeOrBundle, limits, "document");
      if (SigstoreBundle.looksLikeBundle(tree)) {
        SigstoreBundle bundle = SigstoreBundle.fromTree(tree, limits);
        return check(bundle.envelope(), bundle.hint());
      }
      return check(DsseEnvelope.fromTree(tree, limits, "envelope"), Optional.empty());
    });
  }

  /**
   * Verifies a parsed DSSE envelope.
   *
   * @param envelope the envelope, must not be {@code null}
   * @return the verified statement
   * @throws ProvenanceVerificationException if anything fails to verify
   */
  public VerifiedStatement verify(DsseEnvelope envelope) throws ProvenanceVerificationException {
    Objects.requireNonNull(envelope, "envelope must not be null");
    return guarded(() -> check(envelope, Optional.empty()));
  }

  /**
   * Verifies a Sigstore bundle document.
   *
   * @param bundleJson the bundle, must not be {@code null}
   * @return the verified statement
   * @throws ProvenanceVerificationException if anything fails to verify
   */
  public VerifiedStatement verifyBundle(byte[] bundleJson) throws ProvenanceVerificationException {
    Objects.requireNonNull(bundleJson, "bundleJson must not be null");
    return guarded(() -> {
      SigstoreBundle bundle = SigstoreBundle.parse(bundleJson, limits);
      return check(bundle.envelope(), bundle.hint());
    });
  }

  /**
   * Verifies a parsed Sigstore bundle; its hint, when present, must name a trusted key.
   *
   * @param bundle the bundle, must not be {@code null}
   * @return the verified statement
   * @throws ProvenanceVerificationException if anything fails to verify
   */
  public VerifiedStatement verifyBundle(SigstoreBundle bundle) throws ProvenanceVerificationException {
    Objects.requireNonNull(bundle, "bundle must not be null");
    return guarded(() -> check(bundle.envelope(), bundle.hint()));
  }

  private interface Step {
    VerifiedStatement run() throws ProvenanceVerificationException;
  }

  private static VerifiedStatement guarded(Step step) throws ProvenanceVerificationException {
    try {
      return step.run();
    } catch (ProvenanceVerificationException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // Fail closed: anything unexpected is a refusal, and its message may carry content, so it is not echoed.
      throw new ProvenanceVerificationException(
          Reason.MALFORMED_ENVELOPE, "verification failed unexpectedly (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Verifies a parsed DSSE envelope's signatures and payload type only, without parsing the payload: for DSSE payloads
   * that are not in-toto statements. Steps 1 to 4 of the class description.
   *
   * @param envelope the envelope, must not be {@code null}
   * @return the verified payload and the trusted keys that signed it
   * @throws ProvenanceVerificationException if the signatures or the payload type do not verify
   */
  public VerifiedEnvelope verifyEnvelope(DsseEnvelope envelope) throws ProvenanceVerificationException {
    Objects.requireNonNull(envelope, "envelope must not be null");
    try {
      return checkEnvelope(envelope, Optional.empty());
    } catch (ProvenanceVerificationException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new ProvenanceVerificationException(
          Reason.MALFORMED_ENVELOPE, "verification failed unexpectedly (" + e.getClass().getSimpleName() + ")");
    }
  }

  private VerifiedEnvelope checkEnvelope(DsseEnvelope envelope, Optional<String> bundleHint)
      throws ProvenanceVerificationException {
    if (envelope.signatures().size() > limits.maxSignatures()) {
      throw new ProvenanceVerificationException(
          Reason.SIZE_LIMIT_EXCEEDED,
          "envelope has " + envelope.signatures().size() + " signatures, more than the limit of "
              + limits.maxSignatures());
    }
    if (envelope.payloadLength() > limits.maxEnvelopeBytes()) {
      throw new ProvenanceVerificationException(
          Reason.SIZE_LIMIT_EXCEEDED, "payload is larger than the limit of " + limits.maxEnvelopeBytes() + " bytes");
    }
    List<String> keyIds = checkSignatures(envelope, bundleHint);
    if (!allowedPayloadType.equals(envelope.payloadType())) {
      throw new ProvenanceVerificationException(
          Reason.PAYLOAD_TYPE_MISMATCH, "the envelope's payload type is not " + allowedPayloadType);
    }
    return new VerifiedEnvelope(envelope.payloadType(), envelope.payload(), keyIds);
  }

  private VerifiedStatement check(DsseEnvelope envelope, Optional<String> bundleHint)
      throws ProvenanceVerificationException {
    VerifiedEnvelope verified = checkEnvelope(envelope, bundleHint);
    List<String> keyIds = verified.keyIds();
    byte[] payload = verified.payload();
    StatementReader.Statement statement = StatementReader.read(payload, limits);
    if (!allowedPredicateTypes.contains(statement.predicateType())) {
      throw new ProvenanceVerificationException(
          Reason.PREDICATE_TYPE_NOT_ALLOWED, "the statement's predicate type is not allowed");
    }
    List<VerifiedStatement.Subject> subjects = new ArrayList<>();
    statement.subjects().forEach(s -> subjects.add(new VerifiedStatement.Subject(s.name(), s.digest())));

    Optional<ModelHash> modelSigning = Optional.empty();
    Optional<Digest> manifestDigest = Optional.empty();
    Optional<String> modelRef = Optional.empty();
    Optional<JsonNode> manifestTree = Optional.empty();
    Optional<PredicateType> known = PredicateType.fromUri(statement.predicateType());
    if (known.isPresent()) {
      switch (known.get()) {
        case MODEL_SIGNING -> modelSigning = Optional.of(modelSigning(statement));
        case GOVERNANCE -> {
          GovernancePredicate.Parsed g = GovernancePredicate.read(statement.predicate());
          manifestDigest = Optional.of(g.manifestDigest());
          modelRef = Optional.of(g.modelRef());
          manifestTree = Optional.of(g.manifest());
        }
        case SLSA_PROVENANCE -> checkSlsa(statement.predicate());
      }
    }
    return new VerifiedStatement(
        payload,
        envelope.payloadType(),
        statement.predicateType(),
        subjects,
        statement.predicate(),
        keyIds,
        modelSigning,
        manifestDigest,
        modelRef,
        manifestTree);
  }

  private ModelHash modelSigning(StatementReader.Statement statement) throws ProvenanceVerificationException {
    if (statement.subjects().size() != 1) {
      throw ProvenanceJson.malformed("a model_signing statement must have exactly one subject");
    }
    StatementReader.Subject subject = statement.subjects().get(0);
    ModelSigningPredicate.Parsed parsed = ModelSigningPredicate.read(statement.predicate(), limits);
    if (!ModelSigningPredicate.rootMatches(parsed.resources(), subject.digest())) {
      throw new ProvenanceVerificationException(
          Reason.SUBJECT_DIGEST_MISMATCH, "the signed resources do not hash to the signed subject digest");
    }
    try {
      return new ModelHash(subject.name(), subject.digest(), parsed.resources(), parsed.serialization());
    } catch (RuntimeException e) {
      throw ProvenanceJson.malformed("the model_signing predicate does not describe a valid model hash");
    }
  }

  private static void checkSlsa(JsonNode predicate) throws ProvenanceVerificationException {
    JsonNode definition = ProvenanceJson.object(predicate.get("buildDefinition"), "predicate.buildDefinition");
    ProvenanceJson.text(definition, "buildType", "predicate.buildDefinition");
    ProvenanceJson.object(definition.get("externalParameters"), "predicate.buildDefinition.externalParameters");
    JsonNode details = ProvenanceJson.object(predicate.get("runDetails"), "predicate.runDetails");
    JsonNode builder = ProvenanceJson.object(details.get("builder"), "predicate.runDetails.builder");
    ProvenanceJson.text(builder, "id", "predicate.runDetails.builder");
  }

  /** Checks every signature; returns the sorted ids of the distinct trusted keys that verified. */
  private List<String> checkSignatures(DsseEnvelope envelope, Optional<String> bundleHint)
      throws ProvenanceVerificationException {
    byte[] pae = envelope.pae();
    Instant now = clock.instant();
    List<TrustRoot.TrustedKey> all = trustRoot.keys();
    Set<String> trusted = new TreeSet<>();
    boolean revoked = false;
    boolean expired = false;
    boolean bad = false;
    for (DsseSignature signature : envelope.signatures()) {
      List<TrustRoot.TrustedKey> candidates;
      boolean named;
      if (bundleHint.isPresent()) {
        String hint = bundleHint.get();
        candidates = new ArrayList<>();
        for (TrustRoot.TrustedKey k : all) {
          if (SigstoreBundle.hintFor(k.key()).equals(hint)) {
            candidates.add(k);
          }
        }
        named = true;
      } else {
        String keyId = signature.keyId();
        named = keyId.isEmpty();
        for (TrustRoot.TrustedKey k : all) {
          if (k.key().keyId().equals(keyId.toLowerCase(Locale.ROOT)) || k.name().equals(keyId)) {
            named = true;
            break;
          }
        }
        // The hint only orders the candidates: every trusted key is tried.
        candidates = trustRoot.candidates(keyId);
      }
      boolean verified = false;
      for (TrustRoot.TrustedKey candidate : distinct(candidates)) {
        if (!verifies(candidate.key(), pae, signature)) {
          continue;
        }
        verified = true;
        TrustRoot.KeyStatus status = trustRoot.status(candidate.key(), now);
        switch (status) {
          case TRUSTED -> trusted.add(candidate.key().keyId());
          case REVOKED -> revoked = true;
          case EXPIRED, NOT_YET_VALID -> expired = true;
          case UNKNOWN -> verified = false;
        }
        break;
      }
      if (!verified && named && !candidates.isEmpty()) {
        bad = true;
      }
    }
    if (trusted.size() >= threshold) {
      return List.copyOf(trusted);
    }
    if (!trusted.isEmpty()) {
      throw new ProvenanceVerificationException(
          Reason.THRESHOLD_NOT_MET,
          trusted.size() + " distinct trusted key(s) verified, the threshold is " + threshold);
    }
    if (revoked) {
      throw new ProvenanceVerificationException(Reason.KEY_REVOKED, "only revoked keys verified the envelope");
    }
    if (expired) {
      throw new ProvenanceVerificationException(
          Reason.KEY_EXPIRED, "only keys outside their validity window verified the envelope");
    }
    if (bad) {
      throw new ProvenanceVerificationException(
          Reason.BAD_SIGNATURE, "no signature verifies with the trusted key it was checked against");
    }
    throw new ProvenanceVerificationException(
        Reason.UNTRUSTED_KEY,
        bundleHint.isPresent()
            ? "the bundle's public key hint names no trusted key"
            : "no signature was made by a key of the trust root");
  }

  private static List<TrustRoot.TrustedKey> distinct(List<TrustRoot.TrustedKey> keys) {
    Map<String, TrustRoot.TrustedKey> byId = new LinkedHashMap<>();
    for (TrustRoot.TrustedKey k : keys) {
      byId.putIfAbsent(k.key().keyId(), k);
    }
    return new ArrayList<>(byId.values());
  }

  private boolean verifies(VerificationKey key, byte[] pae, DsseSignature signature) {
    try {
      VerificationKey k = acceptP1363 ? key.acceptingP1363() : key;
      k.verify(pae, signature.sig());
      return true;
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Builds a {@link ProvenanceVerifier}. Setters check their argument at once; {@link #build()} checks that a trust
   * root is set.
   *
   * <h2>Example</h2>
   *
   * <pre>{@code
   * ProvenanceVerifier v = ProvenanceVerifier.builder().trustRoot(root).threshold(2).build();
   * }</pre>
   */
  public static final class Builder {
    private TrustRoot trustRoot;
    private int threshold = 1;
    private String allowedPayloadType = InTotoStatements.PAYLOAD_TYPE;
    private Set<String> allowedPredicateTypes = DEFAULT_PREDICATE_TYPES;
    private ProvenanceLimits limits = ProvenanceLimits.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private boolean acceptP1363;

    private Builder() {}

    /**
     * @param value the keys to trust, must not be {@code null}
     * @return this builder
     */
    public Builder trustRoot(TrustRoot value) {
      this.trustRoot = Objects.requireNonNull(value, "trustRoot must not be null");
      return this;
    }

    /**
     * @param value how many distinct trusted keys must verify, at least 1 (default 1)
     * @return this builder
     * @throws IllegalArgumentException if the value is below 1
     */
    public Builder threshold(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("threshold must be at least 1, was " + value);
      }
      this.threshold = value;
      return this;
    }

    /**
     * @param value the only payload type accepted, must not be {@code null} (default {@link
     *     InTotoStatements#PAYLOAD_TYPE})
     * @return this builder
     */
    public Builder allowedPayloadType(String value) {
      this.allowedPayloadType = Objects.requireNonNull(value, "allowedPayloadType must not be null");
      return this;
    }

    /**
     * @param values the predicate type URIs accepted, must not be {@code null} or empty (default {@link
     *     #DEFAULT_PREDICATE_TYPES})
     * @return this builder
     * @throws IllegalArgumentException if the set is empty
     */
    public Builder allowedPredicateTypes(Set<String> values) {
      Objects.requireNonNull(values, "allowedPredicateTypes must not be null");
      Set<String> copy = new LinkedHashSet<>();
      for (String v : values) {
        copy.add(Objects.requireNonNull(v, "allowedPredicateTypes must not contain null"));
      }
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("allowedPredicateTypes must not be empty");
      }
      this.allowedPredicateTypes = copy;
      return this;
    }

    /**
     * @param value the limits, must not be {@code null} (default {@link ProvenanceLimits#DEFAULT})
     * @return this builder
     */
    public Builder limits(ProvenanceLimits value) {
      this.limits = Objects.requireNonNull(value, "limits must not be null");
      return this;
    }

    /**
     * @param value the clock for key validity windows, must not be {@code null} (default UTC system clock)
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock must not be null");
      return this;
    }

    /**
     * @param value whether ECDSA signatures may also be raw r||s (IEEE P1363) instead of DER (default {@code false})
     * @return this builder
     */
    public Builder acceptP1363(boolean value) {
      this.acceptP1363 = value;
      return this;
    }

    /**
     * @return the verifier
     * @throws IllegalStateException if the trust root is not set
     */
    public ProvenanceVerifier build() {
      if (trustRoot == null) {
        throw new IllegalStateException("trust root is not set");
      }
      return new ProvenanceVerifier(this);
    }
  }
}
