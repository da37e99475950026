package dev.modelgov.api.manifest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The scheme under which a {@link RiskClass} was assigned. An open catalogue: the well-known schemes are constants,
 * and {@link #of(String)} names any other, so that adding a scheme never breaks a user's code.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * RiskScheme.of("EU-AI-ACT") == RiskScheme.EU_AI_ACT; // well-known names map to the constants
 * RiskScheme.of("BANK-MRM-2026");                      // an in-house scheme
 * }</pre>
 */
public final class RiskScheme {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Regulation (EU) 2024/1689, the AI Act. */
  public static final RiskScheme EU_AI_ACT = new RiskScheme("EU-AI-ACT");
  /** NIST AI Risk Management Framework 1.0. */
  public static final RiskScheme NIST_AI_RMF = new RiskScheme("NIST-AI-RMF");
  /** ISO/IEC 42001 AI management system. */
  public static final RiskScheme ISO_42001 = new RiskScheme("ISO-42001");
  /** An organisation's own scheme, when it has no other name. */
  public static final RiskScheme INTERNAL = new RiskScheme("INTERNAL");

  private final String name;

  private RiskScheme(String name) {
    this.name = name;
  }

  /**
   * The scheme of that name: a constant when the name is well known, a new value otherwise.
   *
   * @param name 1-64 letters, digits, {@code .}, {@code _} or {@code -}; must not be {@code null}
   * @return the scheme
   * @throws IllegalArgumentException if the name is not of that form
   */
  public static RiskScheme of(String name) {
    Objects.requireNonNull(name, "name must not be null");
    for (RiskScheme known : new RiskScheme[] {EU_AI_ACT, NIST_AI_RMF, ISO_42001, INTERNAL}) {
      if (known.name.equals(name)) {
        return known;
      }
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("risk scheme must be 1-64 letters, digits, '.', '_' or '-'");
    }
    return new RiskScheme(name);
  }

  /**
   * The scheme's name as written on the wire.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RiskScheme other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
