package dev.modelgov.api.manifest;

import java.util.Locale;
import java.util.Objects;

/**
 * How far a model acts without a person deciding. Written on the wire in lowercase with hyphens, for example
 * {@code human-in-the-loop}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Autonomy.fromWireName("human-in-the-loop"); // HUMAN_IN_THE_LOOP
 * }</pre>
 */
public enum Autonomy {
  /** A person takes every decision; the model only advises. */
  HUMAN_IN_THE_LOOP,
  /** The model decides; a person monitors and can override. */
  HUMAN_ON_THE_LOOP,
  /** The model decides without human review (SPDX {@code autonomyType: yes}). */
  AUTONOMOUS;

  /**
   * The wire name.
   *
   * @return the lowercase, hyphenated name
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Looks a value up by its wire name.
   *
   * @param wireName for example {@code human-in-the-loop}, must not be {@code null}
   * @return the value
   * @throws IllegalArgumentException if no value has that name
   */
  public static Autonomy fromWireName(String wireName) {
    Objects.requireNonNull(wireName, "wireName must not be null");
    for (Autonomy a : values()) {
      if (a.wireName().equals(wireName)) {
        return a;
      }
    }
    throw new IllegalArgumentException("autonomy must be one of human-in-the-loop, human-on-the-loop, autonomous");
  }
}
