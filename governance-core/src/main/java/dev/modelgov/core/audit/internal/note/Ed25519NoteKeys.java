package dev.modelgov.core.audit.internal.note;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Raw Ed25519 keys for signed notes: the 32-byte public key inside the SPKI DER, keys built from raw bytes or a seed,
 * and the C2SP key ID. For internal use only; may change without notice.
 */
public final class Ed25519NoteKeys {

  /** The signature type byte of Ed25519 in key IDs and vkeys. */
  public static final byte TYPE_ED25519 = 0x01;

  /** The fixed SPKI DER prefix of an Ed25519 public key (RFC 8410). */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519NoteKeys() {}

  /**
   * The raw public key of an Ed25519 key.
   *
   * @param key an Ed25519 key
   * @return the 32 bytes
   */
  public static byte[] rawPublicKey(VerificationKey key) {
    if (key.algorithm() != SignatureAlgorithm.ED25519) {
      throw new IllegalArgumentException("signed notes need an ED25519 key, got " + key.algorithm());
    }
    byte[] spki = key.spkiDer();
    if (spki.length != SPKI_PREFIX.length + 32
        || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new IllegalStateException("unexpected Ed25519 SPKI encoding");
    }
    return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
  }

  /**
   * An Ed25519 verification key from its raw bytes.
   *
   * @param raw 32 bytes
   * @return the key
   * @throws GeneralSecurityException if the bytes are not a valid Ed25519 point
   */
  public static VerificationKey verificationKey(byte[] raw) throws GeneralSecurityException {
    return VerificationKey.fromEd25519Raw(raw);
  }


  /**
   * An Ed25519 signing key from its 32-byte seed (RFC 8032 private key).
   *
   * @param seed 32 bytes; not modified
   * @return the key
   * @throws GeneralSecurityException if the seed has the wrong length
   */
  public static SigningKey signingKeyFromSeed(byte[] seed) throws GeneralSecurityException {
    return SigningKey.fromEd25519Seed(seed);
  }


  /**
   * The C2SP key ID: the first four bytes of SHA-256(name || 0x0A || type || public key), big-endian.
   *
   * @param name the key name
   * @param type the signature type byte
   * @param publicKey the public key bytes
   * @return the key ID
   */
  public static int keyId(String name, byte type, byte[] publicKey) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) '\n');
    sha256.update(type);
    sha256.update(publicKey);
    byte[] h = sha256.digest();
    return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
  }

  /**
   * Formats a key ID as 8 lowercase hex digits.
   *
   * @param keyId the key ID
   * @return the hex text
   */
  public static String hex(int keyId) {
    return String.format("%08x", keyId);
  }
}
