package dev.modelgov.api.manifest;

import dev.modelgov.api.Digest;
import java.util.Optional;

/**
 * A released model artifact: where it is, its format, its size and its digest.
 *
 * <p>For a model directory hashed with OpenSSF model signing, {@code format} is {@code model_signing-directory} and the
 * digest is the root digest.
 *
 * @param uri where the artifact is stored (required)
 * @param format its format, such as {@code onnx}, {@code safetensors} or {@code model_signing-directory}, if stated
 * @param size its size in bytes, if stated
 * @param digest its digest (required)
 */
public record Artifact(String uri, Optional<String> format, Optional<Long> size, Digest digest) {

  /** Normalises {@code null} optionals to empty. */
  public Artifact {
    format = Values.opt(format);
    size = Values.opt(size);
  }

  /**
   * An artifact with URI and digest only.
   *
   * @param uri the URI
   * @param digest the digest
   * @return the artifact
   */
  public static Artifact of(String uri, Digest digest) {
    return new Artifact(uri, Optional.empty(), Optional.empty(), digest);
  }
}
