package dev.modelgov.core.provenance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The DSSE v1 pre-authentication encoding (PAE), the exact bytes every DSSE signature covers:
 *
 * <pre>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</pre>
 *
 * <p>where {@code type} is the UTF-8 encoding of the payload type, {@code LEN} is the ASCII decimal <em>byte</em>
 * length without leading zeros, and {@code SP} is one space (0x20). An empty body ends with {@code " 0 "} (a trailing
 * space). The payload type is covered by the signature, so it cannot be changed without invalidating it.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * byte[] pae = Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(UTF_8));
 * // "DSSEv1 29 http://example.com/HelloWorld 11 hello world"
 * }</pre>
 */
public final class Dsse {

  private static final byte[] PREFIX = "DSSEv1 ".getBytes(StandardCharsets.US_ASCII);

  private Dsse() {}

  /**
   * The PAE of a payload type and payload.
   *
   * @param payloadType the payload type, must not be {@code null}
   * @param payload the serialized body, must not be {@code null}
   * @return the bytes to sign or verify
   */
  public static byte[] pae(String payloadType, byte[] payload) {
    Objects.requireNonNull(payloadType, "payloadType must not be null");
    Objects.requireNonNull(payload, "payload must not be null");
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(PREFIX.length + type.length + payload.length + 24);
    out.writeBytes(PREFIX);
    out.writeBytes(Integer.toString(type.length).getBytes(StandardCharsets.US_ASCII));
    out.write(' ');
    out.writeBytes(type);
    out.write(' ');
    out.writeBytes(Integer.toString(payload.length).getBytes(StandardCharsets.US_ASCII));
    out.write(' ');
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
