package dev.modelgov.api.policy;

import java.util.Objects;

/**
 * Which policy decided: id, version and digest.
 *
 * <pre>{@code
 * decision.policy().digest(); // sha256:...
 * }</pre>
 *
 * @param id the policy id
 * @param version its version
 * @param digest {@code sha256:<hex>} of its definition
 */
public record PolicyRef(String id, String version, String digest) {

  /** Checks every part is present. */
  public PolicyRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(digest, "digest");
  }

  /**
   * The reference of a policy.
   *
   * @param policy the policy
   * @return its reference
   */
  public static PolicyRef of(Policy policy) {
    return new PolicyRef(policy.id(), policy.version(), policy.digest());
  }
}
