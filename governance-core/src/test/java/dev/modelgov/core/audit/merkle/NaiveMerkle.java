package dev.modelgov.core.audit.merkle;

import dev.modelgov.core.audit.internal.merkle.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 6962 / RFC 9162 definitions written as recursions over the list of leaf hashes, with no storage and no
 * shortcuts: the reference the tree is checked against.
 */
final class NaiveMerkle {

  private NaiveMerkle() {}

  /** The largest power of two smaller than n (n > 1). */
  private static int split(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }

  /** MTH(D[n]). */
  static byte[] mth(List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (n == 0) {
      return Sha256.forThread().empty();
    }
    if (n == 1) {
      return leafHashes.get(0).clone();
    }
    int k = split(n);
    return Sha256.forThread().node(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, n)));
  }

  /** PATH(m, D[n]). */
  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = split(n);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(path(m - k, d.subList(k, n)));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  static List<byte[]> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = split(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }
}
