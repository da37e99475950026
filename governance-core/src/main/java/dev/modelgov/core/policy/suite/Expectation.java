package dev.modelgov.core.policy.suite;

import dev.modelgov.api.policy.Effect;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a suite case expects of a decision. Only what is stated is checked: a case may name one rule and leave the
 * others alone.
 *
 * <pre>{@code
 * expect:
 *   effect: DENY
 *   rules: {model.owner: {outcome: FAIL, message: "no contact"}}
 *   waiversApplied: [WVR-2026-017]        # exactly these waiver ids, in any order
 *   warning: "WVR-2026-017 expired"       # some decision warning contains a match
 * }</pre>
 *
 * @param effect the expected effect, if stated
 * @param rules expected results by rule id, in the order written
 * @param waiversApplied the exact set of waiver ids the decision applies, if stated
 * @param warning a pattern some decision warning must contain, if stated
 */
public record Expectation(
    Optional<Effect> effect,
    Map<String, RuleExpectation> rules,
    Optional<Set<String>> waiversApplied,
    Optional<Pattern> warning) {

  /** Copies the collections; {@code null} becomes empty. */
  public Expectation {
    effect = effect == null ? Optional.empty() : effect;
    rules = rules == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    waiversApplied = waiversApplied == null
        ? Optional.empty()
        : waiversApplied.map(s -> Collections.unmodifiableSet(new TreeSet<>(s)));
    warning = warning == null ? Optional.empty() : warning;
  }

  /** @return whether nothing at all is expected */
  public boolean isEmpty() {
    return effect.isEmpty() && rules.isEmpty() && waiversApplied.isEmpty() && warning.isEmpty();
  }
}
