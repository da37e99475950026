package dev.modelgov.k8s.vap;

import java.util.Objects;

/**
 * A part of a policy that the ValidatingAdmissionPolicy export could not carry, and why: a rule id, or {@code
 * variable:<name>}, {@code matchCondition:<name>}, {@code waiver:<id>}. Reported, never dropped silently.
 *
 * <pre>{@code
 * export.notExported().forEach(n -> System.err.println(n.part() + ": " + n.reason()));
 * }</pre>
 *
 * @param part the rule id or the named part
 * @param reason why the apiserver cannot evaluate it
 */
public record NotExported(String part, String reason) {

  /** Checks the fields. */
  public NotExported {
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(reason, "reason");
  }
}
