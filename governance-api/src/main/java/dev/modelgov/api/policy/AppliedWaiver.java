package dev.modelgov.api.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A waiver that turned a failure into {@link Outcome#EXEMPTED} in a decision; the decision lists every one.
 *
 * <pre>{@code
 * decision.waiversApplied().forEach(w -> System.out.println(w.waiverId() + " until " + w.expiresAt()));
 * }</pre>
 *
 * @param waiverId the waiver
 * @param ruleId the rule it exempted
 * @param ticket its ticket
 * @param reason its reason
 * @param expiresAt its expiry
 */
public record AppliedWaiver(String waiverId, String ruleId, String ticket, String reason, Instant expiresAt) {

  /** Checks every part is present. */
  public AppliedWaiver {
    Objects.requireNonNull(waiverId, "waiverId");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
