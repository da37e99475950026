package dev.modelgov.core.policy.suite;

import dev.modelgov.api.policy.Outcome;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a suite case expects of one rule: its outcome and, optionally, a regular expression that must be found in its
 * message ({@link java.util.regex.Matcher#find()}, so it need not match the whole message).
 *
 * <pre>{@code
 * expect: {rules: {model.owner: {outcome: FAIL, message: "no contact"}, model.license: PASS}}
 * }</pre>
 *
 * @param outcome the expected outcome
 * @param message a pattern to find in the rule's message, if any
 */
public record RuleExpectation(Outcome outcome, Optional<Pattern> message) {

  /** Checks the outcome is present. */
  public RuleExpectation {
    Objects.requireNonNull(outcome, "outcome must not be null");
    message = message == null ? Optional.empty() : message;
  }
}
