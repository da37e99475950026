package dev.modelgov.core.audit.internal.merkle;

import dev.modelgov.core.audit.ProofVerificationException;
import dev.modelgov.core.audit.ProofVerificationException.Reason;
import java.security.MessageDigest;
import java.util.List;

/**
 * RFC 9162 section 2.1.3.2 and 2.1.4.2 verifiers over raw bytes, with the transparency-dev/merkle rules
 * ({@code proof/verify.go}): a leaf hash must have 32 bytes, a consistency proof from size 0 is an error, and equal
 * sizes require an empty proof and equal roots. Computed roots are compared in constant time.
 *
 * <p>For internal use only; may change without notice.
 */
public final class ProofVerifier {

  private static final int L = Sha256.LENGTH;

  private ProofVerifier() {}

  /**
   * Verifies an inclusion proof.
   *
   * @param index the leaf index
   * @param size the tree size
   * @param path the audit path, leaf to root
   * @param leafHash the leaf hash
   * @param root the expected root
   * @throws ProofVerificationException if the proof does not verify
   */
  public static void verifyInclusion(long index, long size, List<byte[]> path, byte[] leafHash, byte[] root)
      throws ProofVerificationException {
    if (index < 0 || size < 0 || index >= size) {
      throw new ProofVerificationException(
          Reason.INVALID_SIZES, "leaf index " + index + " is not in a tree of size " + size);
    }
    checkLength("leaf hash", leafHash);
    checkLength("root", root);
    checkNodes(path);
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    int want = inner + Long.bitCount(index >>> inner);
    if (path.size() != want) {
      throw new ProofVerificationException(
          Reason.WRONG_PROOF_LENGTH,
          "inclusion proof has " + path.size() + " hashes; leaf " + index + " in a tree of size " + size + " needs "
              + want);
    }
    Sha256 sha = Sha256.forThread();
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        throw new ProofVerificationException(Reason.WRONG_PROOF_LENGTH, "inclusion proof is too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = sha.node(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = sha.node(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofVerificationException(Reason.WRONG_PROOF_LENGTH, "inclusion proof is too short");
    }
    if (!MessageDigest.isEqual(r, root)) {
      throw new ProofVerificationException(
          Reason.ROOT_MISMATCH,
          "the root computed from the inclusion proof of leaf " + index + " in a tree of size " + size + ", "
              + Hex.of(r) + ", does not match the expected root " + Hex.of(root));
    }
  }

  /**
   * Verifies a consistency proof.
   *
   * @param size1 the earlier tree size
   * @param size2 the later tree size
   * @param path the consistency path
   * @param root1 the earlier root
   * @param root2 the later root
   * @throws ProofVerificationException if the proof does not verify
   */
  public static void verifyConsistency(long size1, long size2, List<byte[]> path, byte[] root1, byte[] root2)
      throws ProofVerificationException {
    if (size1 < 0 || size2 < 0) {
      throw new ProofVerificationException(
          Reason.INVALID_SIZES, "tree sizes must not be negative, were " + size1 + " and " + size2);
    }
    if (size1 > size2) {
      throw new ProofVerificationException(
          Reason.INVALID_SIZES, "size1 " + size1 + " is greater than size2 " + size2);
    }
    if (size1 == 0) {
      throw new ProofVerificationException(
          Reason.INVALID_SIZES, "a consistency proof from the empty tree (size1 = 0) is meaningless");
    }
    if (size1 == size2) {
      if (!path.isEmpty()) {
        throw new ProofVerificationException(
            Reason.WRONG_PROOF_LENGTH,
            "size1 equals size2 (" + size1 + ") but the consistency proof has " + path.size()
                + " hashes; it must be empty");
      }
      if (!MessageDigest.isEqual(root1, root2)) {
        throw new ProofVerificationException(
            Reason.ROOT_MISMATCH,
            "size1 equals size2 (" + size1 + ") but root1 " + Hex.of(root1) + " differs from root2 " + Hex.of(root2));
      }
      return;
    }
    if (path.isEmpty()) {
      throw new ProofVerificationException(
          Reason.WRONG_PROOF_LENGTH, "consistency proof from size " + size1 + " to " + size2 + " is empty");
    }
    checkLength("root1", root1);
    checkLength("root2", root2);
    checkNodes(path);
    int inner = 64 - Long.numberOfLeadingZeros((size1 - 1) ^ (size2 - 1));
    int border = Long.bitCount((size1 - 1) >>> inner);
    int shift = Long.numberOfTrailingZeros(size1);
    boolean powerOfTwo = size1 == 1L << shift;
    int want = (powerOfTwo ? 0 : 1) + inner - shift + border;
    if (path.size() != want) {
      throw new ProofVerificationException(
          Reason.WRONG_PROOF_LENGTH,
          "consistency proof has " + path.size() + " hashes; from size " + size1 + " to " + size2 + " it needs "
              + want);
    }
    Sha256 sha = Sha256.forThread();
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // When size1 is a power of two, root1 is the implicit first element of the path.
    byte[] fr = powerOfTwo ? root1 : path.get(0);
    byte[] sr = fr;
    for (int i = powerOfTwo ? 0 : 1; i < path.size(); i++) {
      byte[] c = path.get(i);
      if (sn == 0) {
        throw new ProofVerificationException(Reason.WRONG_PROOF_LENGTH, "consistency proof is too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = sha.node(c, fr);
        sr = sha.node(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = sha.node(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofVerificationException(Reason.WRONG_PROOF_LENGTH, "consistency proof is too short");
    }
    // Compare both roots before deciding, so the time does not depend on which one differs.
    boolean firstMatches = MessageDigest.isEqual(fr, root1);
    boolean secondMatches = MessageDigest.isEqual(sr, root2);
    if (!firstMatches) {
      throw new ProofVerificationException(
          Reason.ROOT_MISMATCH,
          "the size-" + size1 + " root computed from the consistency proof, " + Hex.of(fr)
              + ", does not match root1 " + Hex.of(root1));
    }
    if (!secondMatches) {
      throw new ProofVerificationException(
          Reason.ROOT_MISMATCH,
          "the size-" + size2 + " root computed from the consistency proof, " + Hex.of(sr)
              + ", does not match root2 " + Hex.of(root2));
    }
  }

  private static void checkLength(String what, byte[] hash) throws ProofVerificationException {
    if (hash.length != L) {
      throw new ProofVerificationException(
          Reason.MALFORMED_HASH, what + " has " + hash.length + " bytes; a SHA-256 hash has " + L);
    }
  }

  private static void checkNodes(List<byte[]> path) throws ProofVerificationException {
    for (int i = 0; i < path.size(); i++) {
      if (path.get(i).length != L) {
        throw new ProofVerificationException(
            Reason.MALFORMED_HASH, "proof hash " + i + " has " + path.get(i).length + " bytes; a SHA-256 hash has " + L);
      }
    }
  }
}
