package dev.modelgov.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable identity of a model across its versions: {@code namespace/name}, for example
 * {@code risk/credit-scoring}.
 *
 * <p>Both parts are DNS-label-like (lowercase letters, digits, {@code -}, {@code .}, {@code _}, starting and ending
 * with a letter or digit, at most 63 characters), so that they can be used as Kubernetes label values and Micrometer
 * tags unchanged.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ModelId id = ModelId.parse("risk/credit-scoring");
 * id.namespace(); // "risk"
 * }</pre>
 *
 * @param namespace the owning namespace
 * @param name the model name within the namespace
 */
public record ModelId(String namespace, String name) {

  private static final Pattern PART = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");

  /**
   * Validates both parts.
   *
   * @throws IllegalArgumentException if a part is not a valid label
   */
  public ModelId {
    Objects.requireNonNull(namespace, "namespace must not be null");
    Objects.requireNonNull(name, "name must not be null");
    if (!PART.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace must be 1-63 lowercase letters, digits, '.', '_' or '-', starting and ending alphanumeric");
    }
    if (!PART.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 1-63 lowercase letters, digits, '.', '_' or '-', starting and ending alphanumeric");
    }
  }

  /**
   * Parses {@code namespace/name}.
   *
   * @param text the id, must not be {@code null}
   * @return the id
   * @throws IllegalArgumentException if the text is not {@code namespace/name} with valid parts
   */
  public static ModelId parse(String text) {
    Objects.requireNonNull(text, "id must not be null");
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      throw new IllegalArgumentException("id must have the form namespace/name");
    }
    return new ModelId(text.substring(0, slash), text.substring(slash + 1));
  }

  /** Returns {@code namespace/name}. */
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
