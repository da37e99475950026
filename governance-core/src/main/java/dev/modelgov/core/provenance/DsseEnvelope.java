package dev.modelgov.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.provenance.internal.dsse.Base64Text;
import dev.modelgov.core.provenance.internal.dsse.ProvenanceJson;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE (Dead Simple Signing Envelope) v1: a payload type, the payload bytes exactly as signed, and one or more
 * signatures over their {@link Dsse#pae PAE}. Immutable; the payload is copied in and out.
 *
 * <p>This class signs, serializes and parses envelopes; it does not decide whether an envelope is trustworthy. That is
 * {@link ProvenanceVerifier}'s job, which checks signatures against a {@link TrustRoot} and then parses the exact
 * payload bytes it verified.
 *
 * <p>JSON form: {@code {"payload":"<base64>","payloadType":"<type>","signatures":[{"keyid":"<id>","sig":"<base64>"}]}}.
 * Output uses standard base64 with padding and ASCII-only JSON; input accepts the standard and the URL-safe alphabets,
 * with or without padding, ignores unknown fields (as DSSE requires) and rejects duplicate keys.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>{@link #parse} checks the document size before parsing or decoding anything.
 *   <li>The payload is kept as the exact decoded bytes; nothing is re-serialized before verification.
 *   <li>{@link #toString()} shows lengths and key ids only, never payload or signature bytes.
 * </ul>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * DsseEnvelope envelope = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(signingKey));
 * byte[] json = envelope.toJson();
 * DsseEnvelope back = DsseEnvelope.parse(json, ProvenanceLimits.DEFAULT);
 * VerifiedStatement statement = verifier.verify(back);
 * }</pre>
 */
public final class DsseEnvelope {

  private final String payloadType;
  private final byte[] payload;
  private final List<DsseSignature> signatures;

  private DsseEnvelope(String payloadType, byte[] payload, List<DsseSignature> signatures) {
    this.payloadType = payloadType;
    this.payload = payload;
    this.signatures = signatures;
  }

  /**
   * An envelope from its parts, without checking the signatures.
   *
   * @param payloadType the payload type, must not be {@code null}
   * @param payload the payload bytes, must not be {@code null}; copied
   * @param signatures the signatures, must not be {@code null} or empty
   * @return the envelope
   * @throws IllegalArgumentException if there is no signature, or the payload type has a lone surrogate
   */
  public static DsseEnvelope of(String payloadType, byte[] payload, List<DsseSignature> signatures) {
    Objects.requireNonNull(payloadType, "payloadType must not be null");
    Objects.requireNonNull(payload, "payload must not be null");
    Objects.requireNonNull(signatures, "signatures must not be null");
    List<DsseSignature> copy = List.copyOf(signatures);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("signatures must not be empty");
    }
    checkWellFormed(payloadType);
    return new DsseEnvelope(payloadType, payload.clone(), copy);
  }

  private static void checkWellFormed(String payloadType) {
    if (!ProvenanceJson.wellFormed(payloadType)) {
      throw new IllegalArgumentException("payloadType must be well-formed Unicode (it has a lone surrogate)");
    }
  }

  /**
   * Signs a payload with each key, in order. Each signature's key id is the signer's {@link SigningKey#keyId()}.
   *
   * @param payloadType the payload type, such as {@link InTotoStatements#PAYLOAD_TYPE}, must not be {@code null}
   * @param payload the payload bytes, must not be {@code null}
   * @param keys the signing keys, must not be {@code null} or empty
   * @return the signed envelope
   * @throws GeneralSecurityException if a key cannot sign
   * @throws IllegalArgumentException if there is no key, or the payload type has a lone surrogate (its UTF-8 bytes
   *     would not be exact)
   */
  public static DsseEnvelope sign(String payloadType, byte[] payload, List<SigningKey> keys)
      throws GeneralSecurityException {
    Objects.requireNonNull(payloadType, "payloadType must not be null");
    Objects.requireNonNull(payload, "payload must not be null");
    Objects.requireNonNull(keys, "keys must not be null");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("keys must not be empty");
    }
    checkWellFormed(payloadType);
    byte[] body = payload.clone();
    byte[] pae = Dsse.pae(payloadType, body);
    List<DsseSignature> sigs = new ArrayList<>(keys.size());
    for (SigningKey key : keys) {
      Objects.requireNonNull(key, "keys must not contain null");
      sigs.add(new DsseSignature(key.keyId(), key.sign(pae)));
    }
    return new DsseEnvelope(payloadType, body, List.copyOf(sigs));
  }

  /**
   * Parses a DSSE JSON envelope strictly. The size is checked before parsing.
   *
   * @param json the envelope document, must not be {@code null}
   * @param limits the limits, must not be {@code null}
   * @return the envelope, not yet verified
   * @throws ProvenanceVerificationException {@code SIZE_LIMIT_EXCEEDED} if the document or its signature count is
   *     over the limits, {@code MALFORMED_ENVELOPE} if it is not a well-formed envelope
   */
  public static DsseEnvelope parse(byte[] json, ProvenanceLimits limits) throws ProvenanceVerificationException {
    Objects.requireNonNull(json, "json must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
    JsonNode tree = ProvenanceJson.read(json, limits, "envelope");
    return fromTree(tree, limits, "envelope");
  }

  /**
   * Parses a DSSE JSON envelope with {@link ProvenanceLimits#DEFAULT}.
   *
   * @param json the envelope document, must not be {@code null}
   * @return the envelope, not yet verified
   * @throws ProvenanceVerificationException as {@link #parse(byte[], ProvenanceLimits)}
   */
  public static DsseEnvelope parse(byte[] json) throws ProvenanceVerificationException {
    return parse(json, ProvenanceLimits.DEFAULT);
  }

  static DsseEnvelope fromTree(JsonNode tree, ProvenanceLimits limits, String what)
      throws ProvenanceVerificationException {
    ObjectNode env = ProvenanceJson.object(tree, what);
    String payloadText = ProvenanceJson.text(env, "payload", what);
    String payloadType = ProvenanceJson.text(env, "payloadType", what);
    if (!ProvenanceJson.wellFormed(payloadType)) {
      throw ProvenanceJson.malformed(what + ".payloadType is not well-formed Unicode");
    }
    JsonNode sigsNode = env.get("signatures");
    if (sigsNode == null || !sigsNode.isArray()) {
      throw ProvenanceJson.malformed(what + ".signatures must be an array");
    }
    if (sigsNode.size() > limits.maxSignatures()) {
      throw new ProvenanceVerificationException(
          Reason.SIZE_LIMIT_EXCEEDED,
          what + " has " + sigsNode.size() + " signatures, more than the limit of " + limits.maxSignatures());
    }
    if (sigsNode.isEmpty()) {
      throw ProvenanceJson.malformed(what + ".signatures must not be empty");
    }
    List<DsseSignature> sigs = new ArrayList<>(sigsNode.size());
    int i = 0;
    for (JsonNode s : sigsNode) {
      String where = what + ".signatures[" + i + "]";
      ObjectNode sig = ProvenanceJson.object(s, where);
      String keyId = ProvenanceJson.optionalText(sig, "keyid", where).orElse("");
      byte[] bytes = Base64Text.decode(ProvenanceJson.text(sig, "sig", where), where + ".sig");
      sigs.add(new DsseSignature(keyId, bytes));
      i++;
    }
    byte[] payload = Base64Text.decode(payloadText, what + ".payload");
    return new DsseEnvelope(payloadType, payload, List.copyOf(sigs));
  }

  /**
   * @return the payload type, covered by every signature
   */
  public String payloadType() {
    return payloadType;
  }

  /**
   * @return a copy of the payload bytes, exactly as signed
   */
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload length without copying. */
  int payloadLength() {
    return payload.length;
  }

  /**
   * @return the signatures, in envelope order (unmodifiable)
   */
  public List<DsseSignature> signatures() {
    return signatures;
  }

  /**
   * @return the bytes every signature of this envelope covers: {@link Dsse#pae} of payload type and payload
   */
  public byte[] pae() {
    return Dsse.pae(payloadType, payload);
  }

  /**
   * This envelope with other signatures, for example one signature with an empty key id for a Sigstore bundle.
   *
   * @param newSignatures the signatures, must not be {@code null} or empty
   * @return a new envelope with the same payload type and payload
   */
  public DsseEnvelope withSignatures(List<DsseSignature> newSignatures) {
    Objects.requireNonNull(newSignatures, "newSignatures must not be null");
    List<DsseSignature> copy = List.copyOf(newSignatures);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("newSignatures must not be empty");
    }
    return new DsseEnvelope(payloadType, payload, copy);
  }

  /**
   * The envelope as compact, ASCII-only JSON with standard, padded base64.
   *
   * @return the JSON document
   */
  public byte[] toJson() {
    return ProvenanceJson.write(toTree());
  }

  ObjectNode toTree() {
    ObjectNode env = ProvenanceJson.object();
    env.put("payload", Base64Text.encode(payload));
    env.put("payloadType", payloadType);
    ArrayNode sigs = env.putArray("signatures");
    for (DsseSignature s : signatures) {
      ObjectNode o = sigs.addObject();
      o.put("keyid", s.keyId());
      o.put("sig", Base64Text.encode(s.sig()));
    }
    return env;
  }

  /** Compares payload type, payload bytes and signatures. */
  @Override
  public boolean equals(Object o) {
    return o instanceof DsseEnvelope other
        && payloadType.equals(other.payloadType)
        && Arrays.equals(payload, other.payload)
        && signatures.equals(other.signatures);
  }

  @Override
  public int hashCode() {
    return (31 * payloadType.hashCode() + Arrays.hashCode(payload)) * 31 + signatures.hashCode();
  }

  /** Returns the payload type, the payload length and the signatures' key ids, never payload or signature bytes. */
  @Override
  public String toString() {
    return "DsseEnvelope[payloadType=" + payloadType + ", payload=" + payload.length + " bytes, signatures="
        + signatures + "]";
  }
}
