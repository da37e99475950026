package dev.modelgov.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.core.provenance.internal.dsse.ProvenanceJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Sigstore bundle v0.3 holding a DSSE envelope signed with a plain public key, the form OpenSSF model_signing writes
 * as {@code model.sig} and reads with {@code model_signing verify key}:
 *
 * <pre>{@code
 * {"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json",
 *  "verificationMaterial":{"publicKey":{"hint":"<sha256 hex of the SPKI PEM text>"},"tlogEntries":[]},
 *  "dsseEnvelope":{"payload":"...","payloadType":"...","signatures":[{"keyid":"","sig":"..."}]}}
 * }</pre>
 *
 * <p>A bundle carries exactly one signature. The hint is the lowercase hex SHA-256 of the key's PEM text ({@link
 * VerificationKey#toSpkiPem()}: 64-character lines, LF endings, trailing newline), as model_signing computes it. The
 * hint only selects a key of the verifier's {@link TrustRoot}; a hint that names no trusted key fails verification.
 * Transparency-log entries and certificates are not read: keys come from the trust root only.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * DsseEnvelope envelope = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(key));
 * byte[] modelSig = SigstoreBundle.of(envelope, key.verificationKey()).toJson();
 * SigstoreBundle read = SigstoreBundle.parse(modelSig, ProvenanceLimits.DEFAULT);
 * VerifiedStatement s = verifier.verifyBundle(read);
 * }</pre>
 */
public final class SigstoreBundle {

  /** The media type ModelGov writes, {@code application/vnd.dev.sigstore.bundle.v0.3+json}. */
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

  private static final Set<String> ACCEPTED_MEDIA_TYPES =
      Set.of(MEDIA_TYPE, "application/vnd.dev.sigstore.bundle+json;version=0.3");

  private final String mediaType;
  private final DsseEnvelope envelope;
  private final Optional<String> hint;

  private SigstoreBundle(String mediaType, DsseEnvelope envelope, Optional<String> hint) {
    this.mediaType = mediaType;
    this.envelope = envelope;
    this.hint = hint;
  }

  /**
   * A bundle for an envelope with exactly one signature, made by {@code key}. The signature's key id is written as
   * {@code ""}, as in model_signing bundles (the key id is not covered by the signature).
   *
   * @param envelope the envelope, must not be {@code null}, with exactly one signature
   * @param key the signer's public key, must not be {@code null}
   * @return the bundle
   * @throws IllegalArgumentException if the envelope does not have exactly one signature, or {@code key} does not
   *     verify it (the hint would name the wrong key)
   */
  public static SigstoreBundle of(DsseEnvelope envelope, VerificationKey key) {
    Objects.requireNonNull(envelope, "envelope must not be null");
    Objects.requireNonNull(key, "key must not be null");
    if (envelope.signatures().size() != 1) {
      throw new IllegalArgumentException(
          "a Sigstore bundle carries exactly one signature, the envelope has " + envelope.signatures().size());
    }
    DsseSignature only = envelope.signatures().get(0);
    try {
      key.verify(envelope.pae(), only.sig());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("the envelope's signature was not made by the given key");
    }
    DsseEnvelope single = envelope.withSignatures(List.of(new DsseSignature("", only.sig())));
    return new SigstoreBundle(MEDIA_TYPE, single, Optional.of(hintFor(key)));
  }

  /**
   * The model_signing key hint: lowercase hex SHA-256 of the key's SPKI PEM text.
   *
   * @param key the key, must not be {@code null}
   * @return 64 lowercase hex digits
   */
  public static String hintFor(VerificationKey key) {
    Objects.requireNonNull(key, "key must not be null");
    try {
      byte[] pem = key.toSpkiPem().getBytes(StandardCharsets.US_ASCII);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pem));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Parses a bundle strictly. The size is checked before parsing.
   *
   * @param json the bundle document, must not be {@code null}
   * @param limits the limits, must not be {@code null}
   * @return the bundle, not yet verified
   * @throws ProvenanceVerificationException {@code SIZE_LIMIT_EXCEEDED} if over the limits, {@code MALFORMED_ENVELOPE}
   *     if it is not a v0.3 bundle with one DSSE envelope with one signature
   */
  public static SigstoreBundle parse(byte[] json, ProvenanceLimits limits) throws ProvenanceVerificationException {
    Objects.requireNonNull(json, "json must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
    return fromTree(ProvenanceJson.read(json, limits, "bundle"), limits);
  }

  /**
   * Parses a bundle with {@link ProvenanceLimits#DEFAULT}.
   *
   * @param json the bundle document, must not be {@code null}
   * @return the bundle, not yet verified
   * @throws ProvenanceVerificationException as {@link #parse(byte[], ProvenanceLimits)}
   */
  public static SigstoreBundle parse(byte[] json) throws ProvenanceVerificationException {
    return parse(json, ProvenanceLimits.DEFAULT);
  }

  /** Whether a parsed document looks like a bundle rather than a bare envelope. */
  static boolean looksLikeBundle(JsonNode tree) {
    return tree.isObject() && (tree.has("mediaType") || tree.has("dsseEnvelope") || tree.has("verificationMaterial"));
  }

  static SigstoreBundle fromTree(JsonNode tree, ProvenanceLimits limits) throws ProvenanceVerificationException {
    ObjectNode bundle = ProvenanceJson.object(tree, "bundle");
    String mediaType = ProvenanceJson.text(bundle, "mediaType", "bundle");
    if (!ACCEPTED_MEDIA_TYPES.contains(mediaType)) {
      throw ProvenanceJson.malformed("bundle.mediaType is not a Sigstore bundle v0.3 media type");
    }
    ObjectNode material = ProvenanceJson.object(bundle.get("verificationMaterial"), "bundle.verificationMaterial");
    Optional<String> hint = Optional.empty();
    JsonNode publicKey = material.get("publicKey");
    if (publicKey != null) {
      ObjectNode pk = ProvenanceJson.object(publicKey, "bundle.verificationMaterial.publicKey");
      hint = ProvenanceJson.optionalText(pk, "hint", "bundle.verificationMaterial.publicKey");
    }
    JsonNode dsse = bundle.get("dsseEnvelope");
    if (dsse == null) {
      throw ProvenanceJson.malformed("bundle has no dsseEnvelope (message signatures are not supported)");
    }
    DsseEnvelope envelope = DsseEnvelope.fromTree(dsse, limits, "bundle.dsseEnvelope");
    if (envelope.signatures().size() != 1) {
      throw ProvenanceJson.malformed("bundle.dsseEnvelope must have exactly one signature");
    }
    return new SigstoreBundle(mediaType, envelope, hint);
  }

  /**
   * @return the bundle's media type
   */
  public String mediaType() {
    return mediaType;
  }

  /**
   * @return the DSSE envelope, with exactly one signature
   */
  public DsseEnvelope envelope() {
    return envelope;
  }

  /**
   * @return the public key hint, when the bundle has one
   */
  public Optional<String> hint() {
    return hint;
  }

  /**
   * The bundle as compact, ASCII-only JSON.
   *
   * @return the JSON document
   */
  public byte[] toJson() {
    ObjectNode bundle = ProvenanceJson.object();
    bundle.put("mediaType", mediaType);
    ObjectNode material = bundle.putObject("verificationMaterial");
    ObjectNode publicKey = material.putObject("publicKey");
    hint.ifPresent(h -> publicKey.put("hint", h));
    material.putArray("tlogEntries");
    bundle.set("dsseEnvelope", envelope.toTree());
    return ProvenanceJson.write(bundle);
  }

  /** Compares media type, envelope and hint. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SigstoreBundle other
        && mediaType.equals(other.mediaType)
        && envelope.equals(other.envelope)
        && hint.equals(other.hint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, envelope, hint);
  }

  /** Returns the media type, the hint and the envelope summary, never payload or signature bytes. */
  @Override
  public String toString() {
    return "SigstoreBundle[mediaType=" + mediaType + ", hint=" + hint.orElse("") + ", envelope=" + envelope + "]";
  }
}
