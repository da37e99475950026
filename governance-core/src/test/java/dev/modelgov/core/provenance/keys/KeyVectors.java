package dev.modelgov.core.provenance.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.core.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;

/** Loads the shared key and signature vectors for the key tests. */
final class KeyVectors {

  private static final JsonMapper JSON = new JsonMapper();

  private KeyVectors() {}

  static Path wycheproof(String file) {
    return TestFiles.shared().resolve("vectors/wycheproof").resolve(file);
  }

  static Path provenance(String file) {
    return TestFiles.shared().resolve("vectors/provenance").resolve(file);
  }

  static JsonNode json(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * An unencrypted PKCS#8 v1 PEM for an Ed25519 seed, built by hand from the RFC 8410 DER prefix, independently of
   * the code under test.
   */

  /**
   * The first line of a PEM block.
   *
   * @param label such as {@code PUBLIC KEY}
   * @return {@code -----BEGIN <label>-----} and a newline
   */
  static String header(String label) {
    return "-----BEGIN " + label + "-----\n";
  }

  /** PEM with 64-character lines, built with the JDK MIME encoder (76 columns) re-wrapped, independently. */
  static String pem(String label, byte[] der) {
    String base64 = java.util.Base64.getEncoder().encodeToString(der);
    StringBuilder sb = new StringBuilder(header(label));
    for (int i = 0; i < base64.length(); i += 64) {
      sb.append(base64, i, Math.min(i + 64, base64.length())).append('\n');
    }
    return sb.append("-----END ").append(label).append("-----\n").toString();
  }
}
