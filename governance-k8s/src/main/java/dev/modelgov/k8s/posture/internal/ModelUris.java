package dev.modelgov.k8s.posture.internal;

import java.util.Locale;

/**
 * Whether a KServe {@code storageUri} names one immutable model version. For internal use only; may change without
 * notice.
 *
 * <p>Pinned: any URI ending in an {@code @sha256:} (or {@code @sha512:}) digest, such as an OCI model image {@code
 * oci://registry/model@sha256:...}; an {@code hf://} URI whose revision ({@code hf://org/model:REV}) is a 40-hex commit
 * id; an {@code s3://} URI with a {@code versionId} query parameter. Everything else (paths, tags, branch names) can
 * change under the same URI.
 */
public final class ModelUris {

  private ModelUris() {}

  /**
   * @param uri the storage URI
   * @return whether it names an immutable version
   */
  public static boolean pinned(String uri) {
    if (Images.pinnedByDigest(uri)) {
      return true;
    }
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.startsWith("hf://")) {
      int colon = uri.lastIndexOf(':');
      return colon > 4 && isHex(uri.substring(colon + 1), 40);
    }
    if (lower.startsWith("s3://")) {
      int query = uri.indexOf('?');
      if (query > 0) {
        for (String parameter : uri.substring(query + 1).split("&")) {
          if (parameter.startsWith("versionId=") && parameter.length() > "versionId=".length()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isHex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
