package dev.modelgov.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-toto statement whose envelope verified: signatures by enough distinct trusted keys, an allowed payload type and
 * predicate type, and a well-formed statement and predicate. Immutable; byte arrays and JSON trees are copied out.
 *
 * <p>The payload is exactly the bytes that were verified, and every other value was parsed from those bytes (never
 * from a re-serialization). A {@code VerifiedStatement} says who signed what; whether the model files on disk match
 * is checked by {@link Provenance#verifyModel}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * VerifiedStatement s = verifier.verify(envelopeBytes);
 * s.predicateType();              // "https://modelgov.dev/governance/manifest/v1"
 * s.subjects().get(0).digest();   // the model's root digest
 * s.manifestDigest();             // Optional[sha256:...]
 * s.keyIds();                     // the trusted keys that signed
 * }</pre>
 */
public final class VerifiedStatement {

  /**
   * One subject of the statement.
   *
   * <pre>{@code
   * Subject model = statement.subjects().get(0);
   * model.digest().matches(ModelHasher.defaults().hash(dir).rootDigest());
   * }</pre>
   *
   * @param name the subject name, {@code ""} when the statement gives none
   * @param digest the subject's SHA-256 digest
   */
  public record Subject(String name, Digest digest) {

    /** Checks for {@code null}. */
    public Subject {
      Objects.requireNonNull(name, "name must not be null");
      Objects.requireNonNull(digest, "digest must not be null");
    }
  }

  private final byte[] payload;
  private final String payloadType;
  private final String predicateType;
  private final List<Subject> subjects;
  private final JsonNode predicate;
  private final List<String> keyIds;
  private final Optional<ModelHash> modelSigningManifest;
  private final Optional<Digest> manifestDigest;
  private final Optional<String> modelRef;
  private final Optional<JsonNode> manifestTree;

  /** Takes ownership of its arguments: the verifier hands over freshly parsed values that nobody else holds. */
  VerifiedStatement(
      byte[] payload,
      String payloadType,
      String predicateType,
      List<Subject> subjects,
      JsonNode predicate,
      List<String> keyIds,
      Optional<ModelHash> modelSigningManifest,
      Optional<Digest> manifestDigest,
      Optional<String> modelRef,
      Optional<JsonNode> manifestTree) {
    this.payload = payload;
    this.payloadType = payloadType;
    this.predicateType = predicateType;
    this.subjects = List.copyOf(subjects);
    this.predicate = predicate;
    this.keyIds = List.copyOf(keyIds);
    this.modelSigningManifest = modelSigningManifest;
    this.manifestDigest = manifestDigest;
    this.modelRef = modelRef;
    this.manifestTree = manifestTree;
  }

  /**
   * @return a copy of the payload, exactly the bytes that were verified
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * @return the envelope's payload type
   */
  public String payloadType() {
    return payloadType;
  }

  /**
   * @return the statement's predicate type URI
   */
  public String predicateType() {
    return predicateType;
  }

  /**
   * @return the predicate type, when it is one ModelGov knows
   */
  public Optional<PredicateType> knownPredicateType() {
    return PredicateType.fromUri(predicateType);
  }

  /**
   * @return the subjects, in statement order
   */
  public List<Subject> subjects() {
    return subjects;
  }

  /**
   * @return a deep copy of the predicate (an empty object when the statement has none)
   */
  public JsonNode predicate() {
    return predicate.deepCopy();
  }

  /**
   * @return the key ids of the distinct trusted keys whose signatures verified, sorted
   */
  public List<String> keyIds() {
    return keyIds;
  }

  /**
   * The model_signing manifest of a {@link PredicateType#MODEL_SIGNING} statement: the subject's name and digest, the
   * signed resources (in signed order) and the serialization to re-hash the model with.
   *
   * @return the signed model hash, or empty for other predicates
   */
  public Optional<ModelHash> modelSigningManifest() {
    return modelSigningManifest;
  }

  /**
   * @return the signed manifest digest of a {@link PredicateType#GOVERNANCE} statement, or empty for other predicates
   */
  public Optional<Digest> manifestDigest() {
    return manifestDigest;
  }

  /**
   * @return the signed {@code namespace/name@version} of a {@link PredicateType#GOVERNANCE} statement
   */
  public Optional<String> modelRef() {
    return modelRef;
  }

  /**
   * @return a deep copy of the manifest tree a {@link PredicateType#GOVERNANCE} statement carries; it has the signed
   *     {@link #manifestDigest()} (checked during verification)
   */
  public Optional<JsonNode> manifestTree() {
    return manifestTree.map(JsonNode::deepCopy);
  }

  /** Returns the predicate type, the subjects and the key ids; never the payload. */
  @Override
  public String toString() {
    return "VerifiedStatement[predicateType=" + predicateType + ", subjects=" + subjects + ", keyIds=" + keyIds + "]";
  }
}
