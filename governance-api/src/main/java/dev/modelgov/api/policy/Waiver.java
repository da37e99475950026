package dev.modelgov.api.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A time-limited exception to one or more rules: who approved it, why, under which ticket, and when it ends. The
 * expiry is mandatory; an expired waiver is ignored (with a warning in the decision) by the one resolver every path
 * uses, so expiry can never differ between the API, the CLI, the testkit and Kubernetes admission.
 *
 * <pre>{@code
 * Waiver w = Waiver.builder("WVR-2026-017")
 *     .rules("model.fairness.thresholds")
 *     .match(WaiverMatch.models("risk/credit-scoring").versions("2.4.*"))
 *     .reason("fairness re-evaluation on the Q4 holdout is in progress")
 *     .ticket("GOV-1234")
 *     .approver("r.okafor@bank.example")
 *     .createdAt(Instant.parse("2026-11-20T00:00:00Z"))
 *     .expiresAt(Instant.parse("2026-12-20T00:00:00Z"))
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} leaves out the approver, who is a person.
 */
public final class Waiver {

  private final String id;
  private final Set<String> rules;
  private final WaiverMatch match;
  private final String reason;
  private final String ticket;
  private final String approver;
  private final Instant createdAt;
  private final Instant expiresAt;

  private Waiver(Builder b) {
    this.id = b.id;
    this.rules = Set.copyOf(new TreeSet<>(b.rules));
    this.match = b.match;
    this.reason = b.reason;
    this.ticket = b.ticket;
    this.approver = b.approver;
    this.createdAt = b.createdAt;
    this.expiresAt = b.expiresAt;
  }

  /**
   * A builder for a waiver with this id.
   *
   * @param id for example {@code WVR-2026-017}
   * @return the builder
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** @return the waiver id */
  public String id() {
    return id;
  }

  /** @return rule ids covered; an id ending in {@code .*} covers every rule under that prefix */
  public Set<String> rules() {
    return rules;
  }

  /**
   * Whether this waiver names the rule.
   *
   * @param ruleId a rule id
   * @return {@code true} when listed, or under a listed {@code prefix.*}
   */
  public boolean covers(String ruleId) {
    for (String r : rules) {
      if (r.equals(ruleId) || (r.endsWith(".*") && ruleId.startsWith(r.substring(0, r.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** @return which evaluations it covers */
  public WaiverMatch match() {
    return match;
  }

  /** @return why it was granted */
  public String reason() {
    return reason;
  }

  /** @return the ticket that tracks it */
  public String ticket() {
    return ticket;
  }

  /** @return who approved it */
  public String approver() {
    return approver;
  }

  /** @return when it was granted */
  public Instant createdAt() {
    return createdAt;
  }

  /** @return when it stops applying (exclusive) */
  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * Whether the waiver has expired at an instant: {@code now >= expiresAt}.
   *
   * @param now the instant
   * @return {@code true} when expired
   */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "Waiver[" + id + ", rules=" + rules + ", ticket=" + ticket + ", expiresAt=" + expiresAt + "]";
  }

  /** Builds a {@link Waiver}; {@code build()} names the missing field. */
  public static final class Builder {
    private final String id;
    private final List<String> rules = new ArrayList<>();
    private WaiverMatch match = WaiverMatch.any();
    private String reason;
    private String ticket;
    private String approver;
    private Instant createdAt;
    private Instant expiresAt;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Adds covered rule ids.
     *
     * @param ruleIds rule ids, or {@code prefix.*}
     * @return this builder
     */
    public Builder rules(String... ruleIds) {
      rules.addAll(List.of(ruleIds));
      return this;
    }

    /**
     * Sets which evaluations it covers (default: any).
     *
     * @param value the match
     * @return this builder
     */
    public Builder match(WaiverMatch value) {
      this.match = value;
      return this;
    }

    /**
     * Sets why it was granted.
     *
     * @param value the reason
     * @return this builder
     */
    public Builder reason(String value) {
      this.reason = value;
      return this;
    }

    /**
     * Sets the tracking ticket.
     *
     * @param value for example {@code GOV-1234}
     * @return this builder
     */
    public Builder ticket(String value) {
      this.ticket = value;
      return this;
    }

    /**
     * Sets who approved it.
     *
     * @param value the approver
     * @return this builder
     */
    public Builder approver(String value) {
      this.approver = value;
      return this;
    }

    /**
     * Sets when it was granted.
     *
     * @param value the instant
     * @return this builder
     */
    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /**
     * Sets when it stops applying (mandatory).
     *
     * @param value the instant
     * @return this builder
     */
    public Builder expiresAt(Instant value) {
      this.expiresAt = value;
      return this;
    }

    /**
     * Builds the waiver.
     *
     * @return the waiver
     * @throws IllegalArgumentException naming the waiver id and the missing or invalid field
     */
    public Waiver build() {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("waiver id must not be blank");
      }
      String where = "waiver " + id + ": ";
      if (rules.isEmpty()) {
        throw new IllegalArgumentException(where + "rules must name at least one rule id");
      }
      for (String r : rules) {
        String base = r != null && r.endsWith(".*") ? r.substring(0, r.length() - 2) : r;
        if (!Rule.isValidId(base)) {
          throw new IllegalArgumentException(where + "rules: '" + r + "' is not a rule id or prefix.*");
        }
      }
      Objects.requireNonNull(match, where + "match must not be null");
      require(where, "reason", reason);
      require(where, "ticket", ticket);
      require(where, "approver", approver);
      if (createdAt == null) {
        throw new IllegalArgumentException(where + "createdAt is required");
      }
      if (expiresAt == null) {
        throw new IllegalArgumentException(where + "expiresAt is required: every waiver must expire");
      }
      if (!expiresAt.isAfter(createdAt)) {
        throw new IllegalArgumentException(
            where + "expiresAt (" + expiresAt + ") must be after createdAt (" + createdAt + ")");
      }
      return new Waiver(this);
    }

    private static void require(String where, String field, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(where + field + " is required");
      }
    }
  }
}
