package dev.modelgov.core.provenance;

import java.util.Arrays;
import java.util.Objects;

/**
 * One signature of a {@link DsseEnvelope}: the signer's key id hint and the signature bytes.
 *
 * <p>The key id is an unauthenticated hint (DSSE): verifiers use it only to narrow the candidate keys of their
 * {@link TrustRoot}, never to decide trust. ModelGov writes the signer's {@link VerificationKey#keyId()}; an absent key
 * id is {@code ""}. The signature bytes are copied in and out, and {@link #toString()} shows only their length.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * DsseSignature s = new DsseSignature(key.keyId(), key.sign(Dsse.pae(type, payload)));
 * s.sig();   // a copy of the bytes
 * }</pre>
 *
 * @param keyId the key id hint, {@code ""} when absent
 * @param sig the signature bytes, in the key algorithm's encoding (DER for ECDSA, unless P1363 is configured)
 */
public record DsseSignature(String keyId, byte[] sig) {

  /** Checks for {@code null} and copies the signature. */
  public DsseSignature {
    Objects.requireNonNull(keyId, "keyId must not be null");
    Objects.requireNonNull(sig, "sig must not be null");
    sig = sig.clone();
  }

  /**
   * @return a copy of the signature bytes
   */
  @Override
  public byte[] sig() {
    return sig.clone();
  }

  /** Compares key id and signature bytes. */
  @Override
  public boolean equals(Object o) {
    return o instanceof DsseSignature other && keyId.equals(other.keyId) && Arrays.equals(sig, other.sig);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(sig);
  }

  /** Returns the key id and the signature length, never the signature bytes. */
  @Override
  public String toString() {
    return "DsseSignature[keyId=" + keyId + ", sig=" + sig.length + " bytes]";
  }
}
