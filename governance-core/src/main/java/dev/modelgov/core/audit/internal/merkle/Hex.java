package dev.modelgov.core.audit.internal.merkle;

/** Lowercase hex for messages. For internal use only; may change without notice. */
public final class Hex {

  private Hex() {}

  /**
   * Lowercase hex of the bytes, clipped to 64 bytes.
   *
   * @param bytes the bytes
   * @return the hex text
   */
  public static String of(byte[] bytes) {
    int n = Math.min(bytes.length, 64);
    StringBuilder sb = new StringBuilder(2 * n + 3);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
    }
    if (n < bytes.length) {
      sb.append("...");
    }
    return sb.toString();
  }
}
