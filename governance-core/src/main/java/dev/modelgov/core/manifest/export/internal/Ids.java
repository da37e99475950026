package dev.modelgov.core.manifest.export.internal;

import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Deterministic identifiers for exported documents: the CycloneDX serial number, {@code bom-ref}s and SPDX ids, all
 * derived from the manifest's coordinates or digest, never from the clock or a random source. For internal use only;
 * may change without notice.
 */
public final class Ids {

  /** The namespace of our CycloneDX property names and SPDX dictionary keys. */
  public static final String NS = "modelgov:";

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

  private Ids() {}

  /**
   * The BOM serial number: a name-based UUID, version 8 (RFC 9562, section 5.8 and appendix B.2), whose 122 free
   * bits are the first bits of {@code SHA-256("modelgov:cyclonedx:" + manifestDigest)}. The same manifest always gets
   * the same serial number; any change to the manifest changes it.
   *
   * @param manifestDigest the manifest digest
   * @return {@code urn:uuid:...}
   */
  public static String serialNumber(Digest manifestDigest) {
    byte[] h = sha256(("modelgov:cyclonedx:" + manifestDigest).getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x80); // version 8
    h[8] = (byte) ((h[8] & 0x3f) | 0x80); // variant 10
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return "urn:uuid:" + new UUID(b.getLong(), b.getLong());
  }

  /**
   * @param m the manifest
   * @return the model component's {@code bom-ref}: {@code model:namespace/name@version}
   */
  public static String modelRef(ModelManifest m) {
    return "model:" + m.coordinates();
  }

  /**
   * @param m the manifest
   * @param datasetName a dataset name
   * @return the dataset component's {@code bom-ref}
   */
  public static String datasetRef(ModelManifest m, String datasetName) {
    return "dataset:" + m.coordinates() + "/" + datasetName;
  }

  /**
   * @param m the manifest
   * @param role {@code training} or {@code serving}
   * @return the container component's {@code bom-ref}
   */
  public static String imageRef(ModelManifest m, String role) {
    return "image:" + role + ":" + m.coordinates();
  }

  /**
   * @param m the manifest
   * @return the base of every SPDX id: {@code https://modelgov.dev/spdx/namespace/name/version/}
   */
  public static String spdxBase(ModelManifest m) {
    return "https://modelgov.dev/spdx/" + segment(m.id().namespace()) + "/" + segment(m.id().name()) + "/"
        + segment(m.version()) + "/";
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters, so that any text can be an IRI path segment.
   *
   * @param text the text
   * @return the segment
   */
  public static String segment(String text) {
    StringBuilder sb = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /**
   * Whether a text is a plain e-mail address that JSON Schema's {@code idn-email} format accepts.
   *
   * @param text the text
   * @return whether it looks like an address
   */
  public static boolean isEmail(String text) {
    return EMAIL.matcher(text).matches();
  }

  /**
   * @param bytes input
   * @return its SHA-256
   */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
