package dev.modelgov.core.audit.internal.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 leaf and node hashing on a reusable {@link MessageDigest}, writing into caller-provided arrays.
 *
 * <p>For internal use only; may change without notice. Not thread-safe: use {@link #forThread()} or one instance per
 * owner.
 */
public final class Sha256 {

  /** The length of a SHA-256 hash in bytes. */
  public static final int LENGTH = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final ThreadLocal<Sha256> PER_THREAD = ThreadLocal.withInitial(Sha256::new);

  private final MessageDigest md;

  /** Creates a hasher with its own {@link MessageDigest}. */
  public Sha256() {
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * The calling thread's hasher.
   *
   * @return a hasher only the calling thread uses
   */
  public static Sha256 forThread() {
    return PER_THREAD.get();
  }

  /**
   * SHA-256 of the empty string.
   *
   * @return a new array
   */
  public byte[] empty() {
    return md.digest();
  }

  /**
   * SHA-256(0x00 || data[off, off+len)), written to out[outOff, outOff+32).
   *
   * @param data the entry
   * @param off where the entry starts
   * @param len its length
   * @param out the destination
   * @param outOff where the hash goes
   */
  public void leaf(byte[] data, int off, int len, byte[] out, int outOff) {
    md.update(LEAF_PREFIX);
    md.update(data, off, len);
    finish(out, outOff);
  }

  /**
   * SHA-256(0x00 || data).
   *
   * @param data the entry
   * @return a new array
   */
  public byte[] leaf(byte[] data) {
    md.update(LEAF_PREFIX);
    return md.digest(data);
  }

  /**
   * SHA-256(0x01 || l[lOff, lOff+32) || r[rOff, rOff+32)), written to out[outOff, outOff+32).
   *
   * @param l the left child's array
   * @param lOff where the left child starts
   * @param r the right child's array
   * @param rOff where the right child starts
   * @param out the destination
   * @param outOff where the hash goes
   */
  public void node(byte[] l, int lOff, byte[] r, int rOff, byte[] out, int outOff) {
    md.update(NODE_PREFIX);
    md.update(l, lOff, LENGTH);
    md.update(r, rOff, LENGTH);
    finish(out, outOff);
  }

  /**
   * SHA-256(0x01 || l || r) over whole arrays of any length.
   *
   * @param l the left child
   * @param r the right child
   * @return a new array
   */
  public byte[] node(byte[] l, byte[] r) {
    md.update(NODE_PREFIX);
    md.update(l);
    return md.digest(r);
  }

  private void finish(byte[] out, int outOff) {
    try {
      md.digest(out, outOff, LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output does not fit at offset " + outOff, e);
    }
  }
}
