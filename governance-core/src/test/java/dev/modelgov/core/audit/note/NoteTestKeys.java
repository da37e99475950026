package dev.modelgov.core.audit.note;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.audit.internal.note.Ed25519NoteKeys;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/** Reads golang/mod test-only private keys ({@code PRIVATE+KEY+name+hash+base64(0x01||seed)}) into signers. */
final class NoteTestKeys {

  private NoteTestKeys() {}

  static NoteSigner signerFromSkey(String skey) throws GeneralSecurityException {
    String[] parts = skey.split("\\+", 5); // base64 may contain '+'
    assertThat(parts).hasSize(5);
    assertThat(parts[0]).isEqualTo("PRIVATE");
    assertThat(parts[1]).isEqualTo("KEY");
    byte[] typed = Base64.getDecoder().decode(parts[4]);
    assertThat(typed).hasSize(33);
    assertThat(typed[0]).isEqualTo((byte) 0x01);
    byte[] seed = Arrays.copyOfRange(typed, 1, 33);
    NoteSigner signer = NoteSigner.ed25519(parts[2], Ed25519NoteKeys.signingKeyFromSeed(seed));
    assertThat(signer.verifier().keyId()).as("key ID of %s", parts[2]).isEqualTo(parts[3]);
    return signer;
  }
}
