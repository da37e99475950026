package dev.modelgov.k8s.posture.internal;

/**
 * Container image references: whether one is pinned by digest and what its tag is. For internal use only; may change
 * without notice.
 */
public final class Images {

  private Images() {}

  /**
   * Whether an image names its content by digest: {@code @sha256:} and 64 lowercase hex digits, or {@code @sha512:}
   * and 128.
   *
   * @param image the image reference
   * @return whether it is pinned
   */
  public static boolean pinnedByDigest(String image) {
    int at = image.lastIndexOf('@');
    if (at < 0) {
      return false;
    }
    return hasDigest(image, at + 1);
  }

  /**
   * Whether a digest {@code sha256:<64 hex>} or {@code sha512:<128 hex>} starts at an offset and ends the string.
   *
   * @param s the string
   * @param from the offset
   * @return whether the rest of {@code s} is such a digest
   */
  static boolean hasDigest(String s, int from) {
    int hex;
    if (s.startsWith("sha256:", from)) {
      hex = 64;
    } else if (s.startsWith("sha512:", from)) {
      hex = 128;
    } else {
      return false;
    }
    int start = from + 7;
    if (s.length() - start != hex) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The tag of an image reference, ignoring any digest; a colon before the last slash is a registry port.
   *
   * @param image the image reference
   * @return the tag, or {@code null} when there is none
   */
  public static String tag(String image) {
    int at = image.indexOf('@');
    String name = at < 0 ? image : image.substring(0, at);
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    return colon > slash ? name.substring(colon + 1) : null;
  }
}
