package dev.modelgov.core.provenance;

/**
 * The token that unlocks private key material, such as {@link SigningKey#toPkcs8Pem(InsecureKeyAccess)}. It exists so
 * that every place that reads a private key names this class: search your code base for {@code InsecureKeyAccess} to
 * find them all (the same idea as Tink's {@code InsecureSecretKeyAccess}).
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
 * String pem = key.toPkcs8Pem(InsecureKeyAccess.get());   // store it in a secret manager, never in a log
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 *
 * <p>None by itself: anyone can call {@link #get()}. The token makes access to secret material deliberate, visible in
 * code review and easy to audit; it does not authorise anything.
 */
public final class InsecureKeyAccess {

  private static final InsecureKeyAccess INSTANCE = new InsecureKeyAccess();

  private InsecureKeyAccess() {}

  /**
   * Returns the token. Calling this method means the caller takes responsibility for the secret material it reads.
   *
   * @return the only instance
   */
  public static InsecureKeyAccess get() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "InsecureKeyAccess";
  }
}
