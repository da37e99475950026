package dev.modelgov.core.policy;

import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.api.policy.WaiverMatch;
import dev.modelgov.core.policy.spi.CelEvaluationError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides whether a waiver exempts a failing rule. The engine, the CLI, the testkit and the
 * Kubernetes admission path all go through it, so a waiver expires at the same instant everywhere. Immutable and
 * thread-safe.
 *
 * <p>A waiver applies to a rule when it {@linkplain Waiver#covers(String) covers} the rule id, every non-empty part of
 * its {@link WaiverMatch} matches (model id and version globs, environment, enforcement point, CEL expression), and it
 * has not expired ({@code now < expiresAt}). When several apply, the one that expires first wins (ties by id).
 * Matching waivers that have expired are reported so the caller can warn; they never apply.
 *
 * <pre>{@code
 * WaiverResolver waivers = WaiverResolver.builder()
 *     .maxLifetime(Duration.ofDays(30))
 *     .addAll(WaiverFiles.read(Path.of("waivers.yaml")))
 *     .build();
 * PolicyEngine engine = PolicyEngine.builder().waivers(waivers).build();
 * waivers.expiringWithin(Duration.ofDays(7), Instant.now()); // renew these soon
 * }</pre>
 */
public final class WaiverResolver {

  /** The longest a waiver may last unless the builder says otherwise: 90 days. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofDays(90);

  private static final Comparator<Waiver> BY_EXPIRY =
      Comparator.comparing(Waiver::expiresAt).thenComparing(Waiver::id);

  private static final WaiverResolver NONE = new WaiverResolver(List.of(), DEFAULT_MAX_LIFETIME);

  private final List<Waiver> waivers;
  private final List<Waiver> byExpiry;
  private final Duration maxLifetime;
  private final boolean hasExpressions;

  private WaiverResolver(List<Waiver> waivers, Duration maxLifetime) {
    this.waivers = List.copyOf(waivers);
    List<Waiver> sorted = new ArrayList<>(waivers);
    sorted.sort(BY_EXPIRY);
    this.byExpiry = List.copyOf(sorted);
    this.maxLifetime = maxLifetime;
    this.hasExpressions = waivers.stream().anyMatch(w -> w.match().expression().isPresent());
  }

  /**
   * A resolver without waivers.
   *
   * @return the empty resolver
   */
  public static WaiverResolver none() {
    return NONE;
  }

  /**
   * A new builder, with a maximum lifetime of {@link #DEFAULT_MAX_LIFETIME}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the waivers, in the order they were added */
  public List<Waiver> waivers() {
    return waivers;
  }

  /** @return the longest lifetime ({@code expiresAt - createdAt}) the builder accepted */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** @return whether there are no waivers */
  public boolean isEmpty() {
    return waivers.isEmpty();
  }

  /** @return whether any waiver has a CEL match expression (which needs {@code governance-cel}) */
  public boolean hasExpressions() {
    return hasExpressions;
  }

  /**
   * Resolves a failing rule without a CEL backend: a waiver with a match expression cannot be checked here, so it does
   * not apply and the resolution carries a warning; use {@link PolicyEngine} to honour such waivers.
   *
   * @param ruleId the failing rule, must not be {@code null}
   * @param manifest the model, must not be {@code null}
   * @param context the evaluation context, must not be {@code null}
   * @param now the instant expiry is judged at, must not be {@code null}
   * @return the waiver that applies, if any, and the matching waivers that have expired
   */
  public Resolution resolve(String ruleId, ModelManifest manifest, EvaluationContext context, Instant now) {
    return resolve(ruleId, manifest, context, now, w -> {
      throw new CelEvaluationError("the match expression needs the policy engine with governance-cel");
    });
  }

  /**
   * Resolves a failing rule.
   *
   * @param ruleId the failing rule, must not be {@code null}
   * @param manifest the model, must not be {@code null}
   * @param context the evaluation context, must not be {@code null}
   * @param now the instant expiry is judged at, must not be {@code null}
   * @param expressions evaluates a waiver's CEL match expression; asked only for waivers that have one and whose other
   *     parts match; an error means the waiver does not apply (and adds a warning)
   * @return the waiver that applies, if any, and the matching waivers that have expired
   */
  public Resolution resolve(
      String ruleId, ModelManifest manifest, EvaluationContext context, Instant now, ExpressionMatcher expressions) {
    Objects.requireNonNull(ruleId, "ruleId must not be null");
    Objects.requireNonNull(manifest, "manifest must not be null");
    Objects.requireNonNull(context, "context must not be null");
    Objects.requireNonNull(now, "now must not be null");
    Objects.requireNonNull(expressions, "expressions must not be null");
    if (byExpiry.isEmpty()) {
      return Resolution.NONE;
    }
    List<Waiver> expiredCandidates = null;
    List<String> warnings = null;
    Waiver applied = null;
    for (Waiver w : byExpiry) {
      if (!w.covers(ruleId) || !matchesStatically(w.match(), manifest, context)) {
        continue;
      }
      if (w.isExpiredAt(now)) {
        if (expiredCandidates == null) {
          expiredCandidates = new ArrayList<>(2);
        }
        expiredCandidates.add(w);
        continue;
      }
      String problem = expressionProblem(w, expressions, ruleId);
      if (problem == null) {
        applied = w;
        break;
      }
      if (!problem.isEmpty()) {
        warnings = add(warnings, problem);
      }
    }
    List<Waiver> expired = new ArrayList<>();
    if (applied == null && expiredCandidates != null) {
      for (Waiver w : expiredCandidates) {
        String problem = expressionProblem(w, expressions, ruleId);
        if (problem == null) {
          expired.add(w);
        }
      }
    }
    if (applied == null && expired.isEmpty() && warnings == null) {
      return Resolution.NONE;
    }
    return new Resolution(Optional.ofNullable(applied), expired, warnings == null ? List.of() : warnings);
  }

  /** {@code null} when the expression (if any) holds, {@code ""} when false, else the warning text. */
  private static String expressionProblem(Waiver w, ExpressionMatcher expressions, String ruleId) {
    if (w.match().expression().isEmpty()) {
      return null;
    }
    try {
      return expressions.matches(w) ? null : "";
    } catch (CelEvaluationError | RuntimeException e) {
      return "waiver " + w.id() + " match.expression could not be evaluated (" + e.getMessage() + "); rule " + ruleId
          + " is enforced";
    }
  }

  private static List<String> add(List<String> list, String value) {
    List<String> out = list == null ? new ArrayList<>(2) : list;
    out.add(value);
    return out;
  }

  /**
   * Whether every non-expression part of a match holds for the model and context.
   *
   * @param match the match
   * @param manifest the model
   * @param context the context
   * @return {@code true} when models, versions, environments and points all match (empty parts match anything)
   */
  static boolean matchesStatically(WaiverMatch match, ModelManifest manifest, EvaluationContext context) {
    if (!match.points().isEmpty() && !match.points().contains(context.point())) {
      return false;
    }
    if (!match.environments().isEmpty()
        && !context.environment().map(match.environments()::contains).orElse(false)) {
      return false;
    }
    if (!match.models().isEmpty() && !anyGlob(match.models(), manifest.id().toString())) {
      return false;
    }
    return match.versions().isEmpty() || anyGlob(match.versions(), manifest.version());
  }

  private static boolean anyGlob(Set<String> patterns, String text) {
    for (String p : patterns) {
      if (WaiverMatch.globMatches(p, text)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The warning a decision carries when a matching waiver has expired.
   *
   * @param waiver the expired waiver
   * @param ruleId the rule it no longer exempts
   * @return {@code waiver W expired at T; rule R is enforced}
   */
  public static String expiredWarning(Waiver waiver, String ruleId) {
    return "waiver " + waiver.id() + " expired at " + waiver.expiresAt() + "; rule " + ruleId + " is enforced";
  }

  /**
   * Waivers that are still in force but end soon.
   *
   * @param window how far ahead to look, positive
   * @param now the instant to judge from, must not be {@code null}
   * @return unexpired waivers with {@code expiresAt < now + window}, earliest expiry first
   */
  public List<Waiver> expiringWithin(Duration window, Instant now) {
    Objects.requireNonNull(window, "window must not be null");
    Objects.requireNonNull(now, "now must not be null");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, got " + window);
    }
    Instant limit = now.plus(window);
    List<Waiver> out = new ArrayList<>();
    for (Waiver w : byExpiry) {
      if (!w.isExpiredAt(now) && w.expiresAt().isBefore(limit)) {
        out.add(w);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Waivers that no longer apply.
   *
   * @param now the instant to judge at, must not be {@code null}
   * @return waivers with {@code expiresAt <= now}, earliest expiry first
   */
  public List<Waiver> expired(Instant now) {
    Objects.requireNonNull(now, "now must not be null");
    return byExpiry.stream().filter(w -> w.isExpiredAt(now)).toList();
  }

  /**
   * Waivers still in force.
   *
   * @param now the instant to judge at, must not be {@code null}
   * @return waivers with {@code now < expiresAt}, earliest expiry first
   */
  public List<Waiver> active(Instant now) {
    Objects.requireNonNull(now, "now must not be null");
    return byExpiry.stream().filter(w -> !w.isExpiredAt(now)).toList();
  }

  @Override
  public String toString() {
    return "WaiverResolver[" + waivers.size() + " waivers, maxLifetime=" + maxLifetime + "]";
  }

  /**
   * Evaluates a waiver's CEL match expression for the evaluation being resolved.
   *
   * <pre>{@code
   * WaiverResolver.ExpressionMatcher none = waiver -> false;
   * }</pre>
   */
  @FunctionalInterface
  public interface ExpressionMatcher {

    /**
     * Evaluates the waiver's {@code match.expression}.
     *
     * @param waiver a waiver that has an expression
     * @return whether the expression holds
     * @throws CelEvaluationError when it cannot be evaluated (the waiver then does not apply)
     */
    boolean matches(Waiver waiver) throws CelEvaluationError;
  }

  /**
   * What the resolver found for one failing rule.
   *
   * <pre>{@code
   * Resolution r = waivers.resolve("model.owner", manifest, context, now);
   * r.waiver().ifPresent(w -> System.out.println("exempted by " + w.id()));
   * }</pre>
   *
   * @param waiver the waiver that exempts the rule, if any
   * @param expired matching waivers that have expired, earliest expiry first (empty when a waiver applies)
   * @param warnings other problems, for example a match expression that could not be evaluated
   */
  public record Resolution(Optional<Waiver> waiver, List<Waiver> expired, List<String> warnings) {

    static final Resolution NONE = new Resolution(Optional.empty(), List.of(), List.of());

    /** Copies the lists; {@code null} becomes empty. */
    public Resolution {
      waiver = waiver == null ? Optional.empty() : waiver;
      expired = expired == null ? List.of() : List.copyOf(expired);
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** @return whether a waiver exempts the rule */
    public boolean exempted() {
      return waiver.isPresent();
    }
  }

  /**
   * Builds a {@link WaiverResolver}; {@code build()} checks lifetimes and ids.
   *
   * <pre>{@code
   * WaiverResolver r = WaiverResolver.builder().maxLifetime(Duration.ofDays(30)).add(waiver).build();
   * }</pre>
   */
  public static final class Builder {
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private final List<Waiver> waivers = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the longest lifetime ({@code expiresAt - createdAt}) a waiver may have.
     *
     * @param value a positive duration (default 90 days)
     * @return this builder
     */
    public Builder maxLifetime(Duration value) {
      this.maxLifetime = value;
      return this;
    }

    /**
     * Adds a waiver.
     *
     * @param waiver the waiver, must not be {@code null}
     * @return this builder
     */
    public Builder add(Waiver waiver) {
      waivers.add(Objects.requireNonNull(waiver, "waiver must not be null"));
      return this;
    }

    /**
     * Adds waivers.
     *
     * @param values the waivers, must not be {@code null}
     * @return this builder
     */
    public Builder addAll(List<Waiver> values) {
      Objects.requireNonNull(values, "waivers must not be null").forEach(this::add);
      return this;
    }

    /**
     * Builds the resolver.
     *
     * @return the resolver
     * @throws IllegalArgumentException naming the waiver that lasts longer than the maximum lifetime or whose id is
     *     used twice, or when the maximum lifetime is not positive
     */
    public WaiverResolver build() {
      if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
        throw new IllegalArgumentException("maxLifetime must be a positive duration, got " + maxLifetime);
      }
      Set<String> ids = new HashSet<>();
      for (Waiver w : waivers) {
        if (!ids.add(w.id())) {
          throw new IllegalArgumentException("waiver " + w.id() + " is declared twice");
        }
        Duration lifetime = Duration.between(w.createdAt(), w.expiresAt());
        if (lifetime.compareTo(maxLifetime) > 0) {
          throw new IllegalArgumentException("waiver " + w.id() + " lasts " + describe(lifetime) + " (createdAt "
              + w.createdAt() + ", expiresAt " + w.expiresAt() + "), longer than the maximum of "
              + describe(maxLifetime));
        }
      }
      return new WaiverResolver(waivers, maxLifetime);
    }

    private static String describe(Duration d) {
      if (d.toSeconds() % 86_400 == 0) {
        return d.toDays() + " days";
      }
      return d.toString();
    }
  }
}
