package dev.modelgov.api;

import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;

/**
 * A typed content digest: {@code sha256:} followed by 64 lowercase hex digits.
 *
 * <p>Digests name manifests, datasets, model artifacts and container images. Only SHA-256 is accepted; anything else,
 * uppercase hex included, is rejected so that two spellings of one digest cannot exist.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Digest d = Digest.parse("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
 * d.hex();        // "2cf24d..."
 * d.toString();   // "sha256:2cf24d..."
 * }</pre>
 *
 * @param algorithm always {@code "sha256"}
 * @param hex 64 lowercase hexadecimal digits
 */
public record Digest(String algorithm, String hex) {

  /** The only algorithm accepted. */
  public static final String SHA256 = "sha256";

  private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  private static final boolean[] LOWER_HEX = new boolean[128];

  static {
    for (byte c : HEX) {
      LOWER_HEX[c] = true;
    }
  }

  /**
   * Validates both components.
   *
   * @throws IllegalArgumentException if the algorithm is not sha256 or the hex is not 64 lowercase hex digits
   */
  public Digest {
    Objects.requireNonNull(algorithm, "algorithm must not be null");
    Objects.requireNonNull(hex, "hex must not be null");
    if (!SHA256.equals(algorithm)) {
      throw new IllegalArgumentException("digest algorithm must be sha256, was '" + clip(algorithm) + "'");
    }
    String problem = hexProblem(hex);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * Parses {@code sha256:<64 lowercase hex>}.
   *
   * @param text the digest text, must not be {@code null}
   * @return the digest
   * @throws IllegalArgumentException if the text is not of that form; the message says what is wrong
   */
  public static Digest parse(String text) {
    Objects.requireNonNull(text, "digest must not be null");
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("digest must have the form sha256:<64 lowercase hex digits>");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /**
   * A SHA-256 digest from its 32 raw bytes.
   *
   * @param sha256 exactly 32 bytes, must not be {@code null}
   * @return the digest
   */
  public static Digest sha256(byte[] sha256) {
    Objects.requireNonNull(sha256, "sha256 must not be null");
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + sha256.length);
    }
    // Latin-1 bytes become the String's own array in one copy; every audit receipt takes this path.
    byte[] hex = new byte[64];
    for (int i = 0; i < 32; i++) {
      hex[2 * i] = HEX[(sha256[i] >> 4) & 0xf];
      hex[2 * i + 1] = HEX[sha256[i] & 0xf];
    }
    return new Digest(SHA256, new String(hex, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  /**
   * The 32 raw bytes of this digest.
   *
   * @return a fresh copy of the bytes
   */
  public byte[] bytes() {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /**
   * Compares with another digest in time independent of where they differ.
   *
   * @param other the digest to compare with, must not be {@code null}
   * @return whether both digests are equal
   */
  public boolean matches(Digest other) {
    Objects.requireNonNull(other, "other must not be null");
    return MessageDigest.isEqual(bytes(), other.bytes());
  }

  /**
   * The problem with a hex string, or {@code null} when it is 64 lowercase hex digits.
   *
   * @param hex the text to check
   * @return a message naming the problem, or {@code null}
   */
  static String hexProblem(String hex) {
    if (hex.length() != 64) {
      return "digest must have 64 hex digits after 'sha256:', has " + hex.length();
    }
    for (int i = 0; i < 64; i++) {
      char c = hex.charAt(i);
      if (c >= 128 || !LOWER_HEX[c]) {
        return "digest has a character that is not a lowercase hex digit at position " + i;
      }
    }
    return null;
  }

  private static String clip(String s) {
    String t = s.length() > 16 ? s.substring(0, 16) + "..." : s;
    return t.toLowerCase(Locale.ROOT);
  }

  /** Returns {@code sha256:<hex>}. */
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
