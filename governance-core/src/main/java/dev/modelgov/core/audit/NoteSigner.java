package dev.modelgov.core.audit;

import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.internal.note.NoteText;
import dev.modelgov.core.provenance.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Signs notes (C2SP signed-note) with an Ed25519 {@link SigningKey} under a key name. The signed note is the text, a
 * blank line, and one line per signer: {@code "— <name> <base64(key ID || signature)>\n"} (an em dash, U+2014). The
 * signature is Ed25519 over the UTF-8 text, so signing is deterministic. Immutable and thread-safe.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
 * NoteSigner signer = NoteSigner.ed25519("example.com/prod/audit", key);
 * String signed = signer.sign(Checkpoint.of("example.com/prod/audit", size, root));
 * String vkey = signer.verifier().vkey();                // publish: "example.com/prod/audit+1a2b3c4d+AQ..."
 * SignedNote note = SignedNote.open(signed, List.of(signer.verifier()));
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>The private key stays inside the {@link SigningKey}; {@link #toString()} shows the name and key ID only.
 *   <li>Only well-formed notes are signed: text that {@link SignedNote#open} would reject is refused up front.
 *   <li>This class does not prevent signing two inconsistent checkpoints (a split view); the log must check
 *       consistency with its last signed checkpoint before signing a new one.
 * </ul>
 *
 * @since 0.1
 */
public final class NoteSigner {

  private final String keyName;
  private final SigningKey key;
  private final NoteVerifier verifier;

  private NoteSigner(String keyName, SigningKey key) {
    this.keyName = keyName;
    this.key = key;
    this.verifier = NoteVerifier.ed25519(keyName, key.verificationKey());
  }

  /**
   * A signer for an Ed25519 key under a key name.
   *
   * @param keyName the key name, must not be {@code null}; non-empty, without spaces, {@code +} or control characters
   *     (C2SP recommends the log's origin for checkpoints)
   * @param key an {@link SignatureAlgorithm#ED25519} key, must not be {@code null}
   * @return the signer
   * @throws IllegalArgumentException if the name is invalid or the key is not Ed25519
   */
  public static NoteSigner ed25519(String keyName, SigningKey key) {
    Objects.requireNonNull(keyName, "keyName must not be null");
    Objects.requireNonNull(key, "key must not be null");
    if (key.algorithm() != SignatureAlgorithm.ED25519) {
      throw new IllegalArgumentException("signed notes need an ED25519 key, got " + key.algorithm());
    }
    NoteVerifier.checkName(keyName);
    return new NoteSigner(keyName, key);
  }

  /**
   * Signs a text with several signers, in the given order.
   *
   * @param text the note text, must not be {@code null}; ends in a newline, valid Unicode, no control characters but
   *     newlines
   * @param signers at least one signer, no two with the same name and key ID, must not be {@code null}
   * @return the signed note
   * @throws IllegalArgumentException if the text is not a valid note text, there are no signers or a duplicate
   * @throws GeneralSecurityException if signing fails
   */
  public static String signAll(String text, List<NoteSigner> signers) throws GeneralSecurityException {
    Objects.requireNonNull(text, "text must not be null");
    Objects.requireNonNull(signers, "signers must not be null");
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("signers must not be empty");
    }
    checkText(text);
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    Set<String> seen = new HashSet<>();
    StringBuilder sb = new StringBuilder(text.length() + 1 + 110 * signers.size());
    sb.append(text).append('\n');
    for (NoteSigner s : signers) {
      Objects.requireNonNull(s, "signers must not contain null");
      if (!seen.add(s.verifier.keyId() + "+" + s.keyName)) {
        throw new IllegalArgumentException("signers contain key '" + s.keyName + "' twice");
      }
      sb.append(s.signatureLine(message));
    }
    return sb.toString();
  }

  /**
   * Signs a text.
   *
   * @param text the note text, must not be {@code null}; ends in a newline, valid Unicode, no control characters but
   *     newlines
   * @return the signed note: the text, a blank line and one signature line
   * @throws IllegalArgumentException if the text is not a valid note text
   * @throws GeneralSecurityException if signing fails
   */
  public String sign(String text) throws GeneralSecurityException {
    return signAll(text, List.of(this));
  }

  /**
   * Signs a checkpoint's {@link Checkpoint#body() body}.
   *
   * @param checkpoint the checkpoint, must not be {@code null}
   * @return the signed checkpoint note
   * @throws GeneralSecurityException if signing fails
   */
  public String sign(Checkpoint checkpoint) throws GeneralSecurityException {
    Objects.requireNonNull(checkpoint, "checkpoint must not be null");
    return sign(checkpoint.body());
  }

  /**
   * The key name in this signer's signature lines.
   *
   * @return the name
   */
  public String keyName() {
    return keyName;
  }

  /**
   * The matching verifier, whose {@link NoteVerifier#vkey()} is the text to publish.
   *
   * @return the verifier
   */
  public NoteVerifier verifier() {
    return verifier;
  }

  private String signatureLine(byte[] message) throws GeneralSecurityException {
    byte[] sig = key.sign(message);
    byte[] withId = new byte[4 + sig.length];
    int id = verifier.keyIdValue();
    withId[0] = (byte) (id >>> 24);
    withId[1] = (byte) (id >>> 16);
    withId[2] = (byte) (id >>> 8);
    withId[3] = (byte) id;
    System.arraycopy(sig, 0, withId, 4, sig.length);
    return NoteText.SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(withId) + "\n";
  }

  private static void checkText(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    Optional<String> problem = NoteText.problem(text, "note text");
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
  }

  /**
   * A description without key material: {@code NoteSigner[<name>+<key ID>]}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "NoteSigner[" + keyName + "+" + verifier.keyId() + "]";
  }
}
