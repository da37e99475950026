/**
 * The policy engine: compiles {@link dev.modelgov.api.policy.Policy policies} and evaluates them into {@link
 * dev.modelgov.api.policy.Decision decisions}, applies time-limited {@link dev.modelgov.api.policy.Waiver waivers}
 * through one {@link dev.modelgov.core.policy.WaiverResolver}, and writes decisions as OPA decision-log records and
 * audit events.
 *
 * <p>Every applicable rule is evaluated in declaration order, with no short-circuit; a rule's outcome is {@code PASS},
 * {@code FAIL}, {@code ERROR}, {@code NOT_APPLICABLE} or {@code EXEMPTED}; its effective mode (ENFORCE, WARN or AUDIT,
 * capped per enforcement point) decides whether a failure denies, warns or is only recorded. Rules written in CEL need
 * {@code dev.modelgov:governance-cel} on the class or module path.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Policy gate = Policy.named("deploy-gate").version("1.0.0")
 *     .rule("model.owner").severity(Severity.HIGH)
 *         .check(m -> m.owner().contact().isPresent())
 *         .message("the owner has no contact").remediation("set owner.contact to a team mailbox")
 *     .rule("model.approval.high-risk").severity(Severity.CRITICAL)
 *         .when(Applicability.always().riskClasses(RiskClass.HIGH))
 *         .check(m -> m.lifecycle().approvals().size() >= 2)
 *         .messageFn(m -> "HIGH risk model needs 2 approvals, has " + m.lifecycle().approvals().size())
 *     .build();
 *
 * PolicyEngine engine = PolicyEngine.builder()
 *     .waivers(WaiverResolver.builder().addAll(WaiverFiles.read(Path.of("waivers.yaml"))).build())
 *     .build();
 * Decision d = engine.evaluate(gate, manifest, EvaluationContext.at(EnforcementPoint.PROMOTION));
 * decisionLog.write(DecisionRecords.toJsonBytes(d));
 * d.orThrow(); // PolicyDeniedException when an enforced rule failed
 * }</pre>
 */
package dev.modelgov.core.policy;
