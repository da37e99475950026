package dev.modelgov.api.policy;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which evaluations a {@link Waiver} covers. Every non-empty part must match; an empty part matches anything. Model and
 * version patterns accept {@code *} as a wildcard for any run of characters.
 *
 * <pre>{@code
 * WaiverMatch.models("risk/credit-scoring").versions("2.4.*").environments("staging");
 * }</pre>
 *
 * @param models model id patterns, for example {@code risk/*}
 * @param versions version patterns, for example {@code 2.4.*}
 * @param environments environment names
 * @param points enforcement points
 * @param expression an optional CEL condition over the same input as the rules (needs {@code governance-cel})
 */
public record WaiverMatch(
    Set<String> models,
    Set<String> versions,
    Set<String> environments,
    Set<EnforcementPoint> points,
    Optional<String> expression) {

  private static final WaiverMatch ANY = new WaiverMatch(Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty());

  /** Copies the sets; {@code null} becomes empty. */
  public WaiverMatch {
    models = models == null ? Set.of() : Set.copyOf(new TreeSet<>(models));
    versions = versions == null ? Set.of() : Set.copyOf(new TreeSet<>(versions));
    environments = environments == null ? Set.of() : Set.copyOf(new TreeSet<>(environments));
    points = points == null ? Set.of() : Set.copyOf(points);
    expression = expression == null ? Optional.empty() : expression;
    if (expression.isPresent() && expression.get().isBlank()) {
      throw new IllegalArgumentException("match.expression must not be blank");
    }
  }

  /**
   * Matches every evaluation (only the waiver's rule list narrows it).
   *
   * @return the match-all value
   */
  public static WaiverMatch any() {
    return ANY;
  }

  /**
   * Matches these model id patterns.
   *
   * @param patterns model id patterns
   * @return the match
   */
  public static WaiverMatch models(String... patterns) {
    return new WaiverMatch(Set.of(patterns), Set.of(), Set.of(), Set.of(), Optional.empty());
  }

  /**
   * A copy that also requires one of these version patterns.
   *
   * @param patterns version patterns
   * @return the narrowed match
   */
  public WaiverMatch versions(String... patterns) {
    return new WaiverMatch(models, Set.of(patterns), environments, points, expression);
  }

  /**
   * A copy that also requires one of these environments.
   *
   * @param values environment names
   * @return the narrowed match
   */
  public WaiverMatch environments(String... values) {
    return new WaiverMatch(models, versions, Set.of(values), points, expression);
  }

  /**
   * A copy that also requires one of these points.
   *
   * @param values points
   * @return the narrowed match
   */
  public WaiverMatch points(EnforcementPoint... values) {
    return new WaiverMatch(models, versions, environments, Set.of(values), expression);
  }

  /**
   * A copy that also requires a CEL condition.
   *
   * @param cel a CEL bool expression
   * @return the narrowed match
   */
  public WaiverMatch expression(String cel) {
    return new WaiverMatch(models, versions, environments, points, Optional.of(cel));
  }

  /**
   * Whether a pattern with {@code *} wildcards matches a text.
   *
   * @param pattern the pattern
   * @param text the text
   * @return {@code true} on a match
   */
  public static boolean globMatches(String pattern, String text) {
    return glob(pattern, 0, text, 0);
  }

  private static boolean glob(String p, int pi, String t, int ti) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = ti; k <= t.length(); k++) {
          if (glob(p, pi, t, k)) {
            return true;
          }
        }
        return false;
      }
      if (ti >= t.length() || t.charAt(ti) != c) {
        return false;
      }
      pi++;
      ti++;
    }
    return ti == t.length();
  }
}
