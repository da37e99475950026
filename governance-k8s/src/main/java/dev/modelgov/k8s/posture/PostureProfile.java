package dev.modelgov.k8s.posture;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A named set of posture checks. {@link #BASELINE} and {@link #RESTRICTED} follow the Kubernetes Pod Security
 * Standards of the same names; {@link #GOVERNANCE_STRICT} adds the supply-chain, resource, probe, secret and context
 * checks. Each profile runs every check of the less strict ones: restricted ⊇ baseline, governance-strict ⊇
 * restricted.
 *
 * <pre>{@code
 * PostureProfile p = PostureProfile.parse("restricted");
 * p.checkIds();   // [privileged, host-process, ..., run-as-non-root, ..., volume-types]
 * }</pre>
 */
public enum PostureProfile {

  /** Pod Security Standards baseline: no known privilege escalation (privileged, host namespaces, hostPath...). */
  BASELINE("baseline"),
  /** Pod Security Standards restricted: baseline plus non-root, no privilege escalation, drop ALL, seccomp. */
  RESTRICTED("restricted"),
  /** Restricted plus digests, resources, probes, secrets, token automount, model URIs and the context checks. */
  GOVERNANCE_STRICT("governance-strict");

  private final String cliName;

  PostureProfile(String cliName) {
    this.cliName = cliName;
  }

  /**
   * @return the name on the command line and in documents: {@code baseline}, {@code restricted} or {@code
   *     governance-strict}
   */
  public String cliName() {
    return cliName;
  }

  /**
   * Whether this profile runs a check.
   *
   * @param check the check, must not be {@code null}
   * @return whether the check's profile is this one or a less strict one
   */
  public boolean includes(PostureCheck check) {
    Objects.requireNonNull(check, "check must not be null");
    return check.profile().compareTo(this) <= 0;
  }

  /** @return the checks this profile runs, in declaration order (unmodifiable) */
  public Set<PostureCheck> checks() {
    EnumSet<PostureCheck> checks = EnumSet.noneOf(PostureCheck.class);
    for (PostureCheck check : PostureCheck.values()) {
      if (includes(check)) {
        checks.add(check);
      }
    }
    return Collections.unmodifiableSet(checks);
  }

  /** @return the finding ids of {@link #checks()}, in the same order (unmodifiable) */
  public Set<String> checkIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (PostureCheck check : checks()) {
      ids.add(check.id());
    }
    return Collections.unmodifiableSet(ids);
  }

  /**
   * The profile with a name: its {@link #cliName()} or its constant name, in any case.
   *
   * @param name for example {@code restricted} or {@code governance-strict}, must not be {@code null}
   * @return the profile
   * @throws IllegalArgumentException if no profile has that name
   */
  public static PostureProfile parse(String name) {
    Objects.requireNonNull(name, "name must not be null");
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (PostureProfile profile : values()) {
      if (profile.cliName.equals(wanted)) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "unknown posture profile '" + name + "'; expected baseline, restricted or governance-strict");
  }
}
