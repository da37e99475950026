package dev.modelgov.core.provenance;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope whose signatures met the threshold and whose payload type is the allowed one, before any parsing of
 * the payload: the result of {@link ProvenanceVerifier#verifyEnvelope(DsseEnvelope)}, for DSSE payloads that are not
 * in-toto statements. The payload is copied in and out.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * VerifiedEnvelope v = verifier.verifyEnvelope(DsseEnvelope.parse(json));
 * byte[] body = v.payload();   // exactly the verified bytes
 * }</pre>
 *
 * @param payloadType the envelope's payload type
 * @param payload the exact payload bytes that were verified
 * @param keyIds the key ids of the distinct trusted keys whose signatures verified, sorted
 */
public record VerifiedEnvelope(String payloadType, byte[] payload, List<String> keyIds) {

  /** Checks for {@code null} and copies. */
  public VerifiedEnvelope {
    Objects.requireNonNull(payloadType, "payloadType must not be null");
    Objects.requireNonNull(payload, "payload must not be null");
    Objects.requireNonNull(keyIds, "keyIds must not be null");
    payload = payload.clone();
    keyIds = List.copyOf(keyIds);
  }

  /**
   * @return a copy of the verified payload bytes
   */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** Compares payload type, payload bytes and key ids. */
  @Override
  public boolean equals(Object o) {
    return o instanceof VerifiedEnvelope other
        && payloadType.equals(other.payloadType)
        && Arrays.equals(payload, other.payload)
        && keyIds.equals(other.keyIds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(payloadType, Arrays.hashCode(payload), keyIds);
  }

  /** Returns the payload type, payload length and key ids, never the payload. */
  @Override
  public String toString() {
    return "VerifiedEnvelope[payloadType=" + payloadType + ", payload=" + payload.length + " bytes, keyIds=" + keyIds
        + "]";
  }
}
