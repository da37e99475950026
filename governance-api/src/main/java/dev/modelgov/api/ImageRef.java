package dev.modelgov.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container image pinned by digest: {@code registry/repository@sha256:<hex>}.
 *
 * <p>Tags are not accepted: a reproducible build or deployment names its image by content, never by a movable tag.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ImageRef img = ImageRef.parse("registry.example/ml/train@sha256:3333...3333");
 * img.repository(); // "registry.example/ml/train"
 * }</pre>
 *
 * @param repository the image repository, with registry host, without tag
 * @param digest the image manifest digest
 */
public record ImageRef(String repository, Digest digest) {

  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*");

  /** Validates the repository name. */
  public ImageRef {
    Objects.requireNonNull(repository, "repository must not be null");
    Objects.requireNonNull(digest, "digest must not be null");
    if (repository.length() > 255 || !REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException("image repository must be a lowercase OCI name such as registry.example/team/image");
    }
  }

  /**
   * Parses {@code repository@sha256:<hex>}.
   *
   * @param text the image reference, must not be {@code null}
   * @return the reference
   * @throws IllegalArgumentException if the image is not pinned by a sha256 digest or its name is invalid
   */
  public static ImageRef parse(String text) {
    Objects.requireNonNull(text, "image must not be null");
    int at = text.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("image must be pinned by digest: repository@sha256:<64 hex digits>");
    }
    String repo = text.substring(0, at);
    int lastSlash = repo.lastIndexOf('/');
    int colon = repo.lastIndexOf(':');
    if (colon > lastSlash && colon > 0 && !repo.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      // "image:tag@sha256:..." is legal for OCI tools; the tag is ignored for identity, so refuse the ambiguity.
      throw new IllegalArgumentException("image must not carry a tag next to its digest; write repository@sha256:...");
    }
    return new ImageRef(repo, Digest.parse(text.substring(at + 1)));
  }

  /** Returns {@code repository@sha256:<hex>}. */
  @Override
  public String toString() {
    return repository + "@" + digest;
  }
}
