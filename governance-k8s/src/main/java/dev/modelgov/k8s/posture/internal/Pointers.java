package dev.modelgov.k8s.posture.internal;

/** JSON Pointer (RFC 6901) helpers. For internal use only; may change without notice. */
public final class Pointers {

  private Pointers() {}

  /**
   * Escapes one reference token: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}.
   *
   * @param key a map key such as {@code container.apparmor.security.beta.kubernetes.io/app}
   * @return the escaped token
   */
  public static String escape(String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
      return key;
    }
    return key.replace("~", "~0").replace("/", "~1");
  }

  /**
   * @param parent a pointer
   * @param key a map key, escaped here
   * @return {@code parent + "/" + escape(key)}
   */
  public static String child(String parent, String key) {
    return parent + "/" + escape(key);
  }

  /**
   * @param parent a pointer
   * @param index an array index
   * @return {@code parent + "/" + index}
   */
  public static String child(String parent, int index) {
    return parent + "/" + index;
  }
}
