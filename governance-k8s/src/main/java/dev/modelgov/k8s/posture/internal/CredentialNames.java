package dev.modelgov.k8s.posture.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether an environment variable's name looks like it holds a credential. For internal use only; may change without
 * notice.
 *
 * <p>The name is split into words at {@code _}, {@code -}, {@code .} and lower-to-upper case changes ({@code apiKey}
 * is {@code api key}). It is a credential name when a word is one of password, passwd, passphrase, secret, secrets,
 * token, credential, credentials, apikey, accesskey, secretkey, privatekey, bearer, or when {@code key} follows api,
 * access, private, signing, encryption, master, account or auth. It is not when the last word says the value is a
 * reference rather than the secret itself: name, file, path, dir, url, uri, endpoint, ref, mount, type, enabled,
 * length, ttl (so {@code SECRET_NAME} and {@code TOKEN_URL} are fine).
 */
public final class CredentialNames {

  private static final Set<String> SECRET_WORDS = Set.of(
      "password", "passwd", "passphrase", "secret", "secrets", "token", "credential", "credentials", "apikey",
      "accesskey", "secretkey", "privatekey", "bearer");

  private static final Set<String> KEY_QUALIFIERS =
      Set.of("api", "access", "private", "signing", "encryption", "master", "account", "auth");

  private static final Set<String> REFERENCE_WORDS = Set.of(
      "name", "file", "path", "dir", "url", "uri", "endpoint", "ref", "mount", "type", "enabled", "length", "ttl");

  private CredentialNames() {}

  /**
   * @param name an environment variable name, such as {@code AWS_SECRET_ACCESS_KEY}
   * @return whether it looks like a credential
   */
  public static boolean looksLikeCredential(String name) {
    if (!mayBeCredential(name)) {
      return false; // the common case, without splitting the name
    }
    List<String> words = words(name);
    if (words.isEmpty() || REFERENCE_WORDS.contains(words.get(words.size() - 1))) {
      return false;
    }
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (SECRET_WORDS.contains(w)) {
        return true;
      }
      if (w.equals("key") && i > 0 && KEY_QUALIFIERS.contains(words.get(i - 1))) {
        return true;
      }
    }
    return false;
  }

  /** Every credential name contains one of these, in any case. */
  private static final String[] NEEDLES = {"pass", "secret", "token", "credential", "key", "bearer"};

  private static boolean mayBeCredential(String name) {
    for (String needle : NEEDLES) {
      for (int i = 0; i + needle.length() <= name.length(); i++) {
        if (name.regionMatches(true, i, needle, 0, needle.length())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * @param name a name
   * @return its lower-case words
   */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char previous = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(words, word);
      } else {
        if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
          flush(words, word);
        }
        word.append(Character.toLowerCase(c));
      }
      previous = c;
    }
    flush(words, word);
    return words;
  }

  private static void flush(List<String> words, StringBuilder word) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }
}
