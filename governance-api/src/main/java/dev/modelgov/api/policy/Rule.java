package dev.modelgov.api.policy;

import dev.modelgov.api.manifest.ModelManifest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One governance rule: a stable id, what it is about, when it applies, how it is checked, and how to fix a failure.
 * Immutable and thread-safe when its {@link JavaCheck} is.
 *
 * <pre>{@code
 * Rule owner = Rule.builder("model.owner")
 *     .title("The model has an accountable owner")
 *     .severity(Severity.HIGH)
 *     .category("accountability")
 *     .check(m -> m.owner().contact().isPresent())
 *     .message("the owner has no contact")
 *     .remediation("set owner.contact to a team mailbox")
 *     .build();
 * }</pre>
 */
public final class Rule {

  private static final Pattern ID = Pattern.compile("[a-z][A-Za-z0-9-]*(\\.[A-Za-z0-9][A-Za-z0-9-]*)*");

  private final String id;
  private final String title;
  private final Severity severity;
  private final String category;
  private final Applicability applicability;
  private final RuleCheck check;
  private final String message;
  private final MessageFunction messageFunction;
  private final String remediation;
  private final List<String> references;
  private final EnforcementMode mode;
  private final Map<EnforcementPoint, EnforcementMode> modesByPoint;
  private final FailurePolicy failurePolicy;
  private final String reason;

  private Rule(Spec<?> b) {
    this.id = b.id;
    this.title = b.title == null ? b.id : b.title;
    this.severity = b.severity;
    this.category = b.category;
    this.applicability = b.applicability;
    this.check = b.check;
    this.message = b.message == null ? "rule " + b.id + " failed" : b.message;
    this.messageFunction = b.messageFunction;
    this.remediation = b.remediation;
    this.references = List.copyOf(b.references);
    this.mode = b.mode;
    this.modesByPoint =
        b.modesByPoint.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(b.modesByPoint));
    this.failurePolicy = b.failurePolicy;
    this.reason = b.reason;
  }

  /**
   * A builder for a rule with this id.
   *
   * @param id a dotted id such as {@code model.image.digest}
   * @return the builder
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * Whether the text is a valid rule id: lower-case dotted segments of letters, digits and dashes.
   *
   * @param text the candidate
   * @return {@code true} when valid
   */
  public static boolean isValidId(String text) {
    return text != null && text.length() <= 253 && ID.matcher(text).matches();
  }

  /** @return the stable id, for example {@code model.image.digest} */
  public String id() {
    return id;
  }

  /** @return a one-line title; the id when none was given */
  public String title() {
    return title;
  }

  /** @return how serious a failure is */
  public Severity severity() {
    return severity;
  }

  /** @return the category, for example {@code reproducibility} */
  public String category() {
    return category;
  }

  /** @return when the rule applies */
  public Applicability applicability() {
    return applicability;
  }

  /** @return how the rule is checked */
  public RuleCheck check() {
    return check;
  }

  /** @return the static failure message */
  public String message() {
    return message;
  }

  /** @return the Java message function, if one was given (it wins over the static message) */
  public Optional<MessageFunction> messageFunction() {
    return Optional.ofNullable(messageFunction);
  }

  /** @return how to fix a failure */
  public String remediation() {
    return remediation;
  }

  /** @return links or citations (regulation articles, standards) */
  public List<String> references() {
    return references;
  }

  /** @return the rule's own enforcement mode, used at points without an override */
  public EnforcementMode mode() {
    return mode;
  }

  /** @return per-point overrides of the rule's mode */
  public Map<EnforcementPoint, EnforcementMode> modesByPoint() {
    return modesByPoint;
  }

  /**
   * The rule's mode at a point, before the policy's cap for that point is applied.
   *
   * @param point the enforcement point
   * @return the override for the point, or {@link #mode()}
   */
  public EnforcementMode modeAt(EnforcementPoint point) {
    return modesByPoint.getOrDefault(point, mode);
  }

  /** @return what an evaluation error counts as */
  public FailurePolicy failurePolicy() {
    return failurePolicy;
  }

  /** @return the Kubernetes status reason for a denial, for example {@code Forbidden}, if set */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /** @return whether the check is a CEL expression (and so exportable to ValidatingAdmissionPolicy) */
  public boolean isCel() {
    return check instanceof RuleCheck.Cel;
  }

  @Override
  public String toString() {
    return "Rule[" + id + ", " + severity + ", " + (isCel() ? "cel" : "java") + ", mode=" + mode + "]";
  }

  /**
   * The setters shared by {@link Rule.Builder} and the fluent {@code Policy.named(...).rule(...)} chain.
   *
   * @param <S> the concrete builder type
   */
  public abstract static class Spec<S extends Spec<S>> {
    private final String id;
    private String title;
    private Severity severity = Severity.MEDIUM;
    private String category = "general";
    private Applicability applicability = Applicability.always();
    private RuleCheck check;
    private String message;
    private MessageFunction messageFunction;
    private String remediation = "";
    private final List<String> references = new ArrayList<>();
    private EnforcementMode mode = EnforcementMode.ENFORCE;
    private final Map<EnforcementPoint, EnforcementMode> modesByPoint = new EnumMap<>(EnforcementPoint.class);
    private FailurePolicy failurePolicy = FailurePolicy.FAIL;
    private String reason;

    Spec(String id) {
      this.id = id;
    }

    abstract S self();

    /**
     * Sets the title.
     *
     * @param value a one-line title
     * @return this builder
     */
    public S title(String value) {
      this.title = value;
      return self();
    }

    /**
     * Sets the severity (default {@link Severity#MEDIUM}).
     *
     * @param value the severity
     * @return this builder
     */
    public S severity(Severity value) {
      this.severity = value;
      return self();
    }

    /**
     * Sets the category (default {@code general}).
     *
     * @param value for example {@code security}
     * @return this builder
     */
    public S category(String value) {
      this.category = value;
      return self();
    }

    /**
     * Sets when the rule applies (default: always).
     *
     * @param value the selector
     * @return this builder
     */
    public S when(Applicability value) {
      this.applicability = value;
      return self();
    }

    /**
     * Sets a Java check over the manifest alone.
     *
     * @param value the predicate
     * @return this builder
     */
    public S check(Predicate<ModelManifest> value) {
      Objects.requireNonNull(value, "check");
      this.check = new RuleCheck.Java((m, c) -> value.test(m));
      return self();
    }

    /**
     * Sets a Java check over the manifest and the context.
     *
     * @param value the check
     * @return this builder
     */
    public S check(JavaCheck value) {
      this.check = new RuleCheck.Java(value);
      return self();
    }

    /**
     * Sets a CEL check; needs the {@code governance-cel} module at compile time of the policy.
     *
     * @param expression a CEL expression over {@code manifest}, {@code context}, {@code params}, {@code now}
     * @return this builder
     */
    public S cel(String expression) {
      this.check = RuleCheck.cel(expression);
      return self();
    }

    /**
     * Sets a CEL check with a CEL message expression.
     *
     * @param expression the check
     * @param messageExpression yields the failure message
     * @return this builder
     */
    public S cel(String expression, String messageExpression) {
      this.check = new RuleCheck.Cel(expression, Optional.of(messageExpression));
      return self();
    }

    /**
     * Sets any check.
     *
     * @param value the check
     * @return this builder
     */
    public S check(RuleCheck value) {
      this.check = value;
      return self();
    }

    /**
     * Sets the static failure message (default: the title).
     *
     * @param value the message
     * @return this builder
     */
    public S message(String value) {
      this.message = value;
      return self();
    }

    /**
     * Sets a message built from the manifest that failed.
     *
     * @param value the message function
     * @return this builder
     */
    public S messageFn(Function<ModelManifest, String> value) {
      Objects.requireNonNull(value, "messageFn");
      this.messageFunction = (m, c) -> value.apply(m);
      return self();
    }

    /**
     * Sets a message built from the manifest and context that failed.
     *
     * @param value the message function
     * @return this builder
     */
    public S message(MessageFunction value) {
      this.messageFunction = Objects.requireNonNull(value, "message");
      return self();
    }

    /**
     * Sets how to fix a failure.
     *
     * @param value the remediation
     * @return this builder
     */
    public S remediation(String value) {
      this.remediation = value;
      return self();
    }

    /**
     * Adds references.
     *
     * @param values links or citations
     * @return this builder
     */
    public S references(String... values) {
      this.references.addAll(List.of(values));
      return self();
    }

    /**
     * Sets the rule's mode (default {@link EnforcementMode#ENFORCE}).
     *
     * @param value the mode
     * @return this builder
     */
    public S mode(EnforcementMode value) {
      this.mode = value;
      return self();
    }

    /**
     * Overrides the rule's mode at one enforcement point.
     *
     * @param point the point
     * @param value the mode there
     * @return this builder
     */
    public S modeAt(EnforcementPoint point, EnforcementMode value) {
      this.modesByPoint.put(Objects.requireNonNull(point, "point"), Objects.requireNonNull(value, "mode"));
      return self();
    }

    /**
     * Sets what an evaluation error counts as (default {@link FailurePolicy#FAIL}).
     *
     * @param value the failure policy
     * @return this builder
     */
    public S failurePolicy(FailurePolicy value) {
      this.failurePolicy = value;
      return self();
    }

    /**
     * Sets the Kubernetes status reason used when this rule denies admission.
     *
     * @param value {@code Forbidden}, {@code Invalid}, {@code Unauthorized} or {@code RequestEntityTooLarge}
     * @return this builder
     */
    public S reason(String value) {
      this.reason = value;
      return self();
    }

    Rule buildRule() {
      if (!isValidId(id)) {
        throw new IllegalArgumentException(
            "rule id '" + id + "' is invalid: use dotted segments of letters, digits and dashes, e.g. model.owner");
      }
      String where = "rule " + id + ": ";
      if (check == null) {
        throw new IllegalArgumentException(where + "check is required (check(...) or cel(...))");
      }
      if (severity == null) {
        throw new IllegalArgumentException(where + "severity must not be null");
      }
      if (category == null || category.isBlank()) {
        throw new IllegalArgumentException(where + "category must not be blank");
      }
      if (applicability == null) {
        throw new IllegalArgumentException(where + "applicability (when) must not be null");
      }
      if (mode == null) {
        throw new IllegalArgumentException(where + "mode must not be null");
      }
      if (failurePolicy == null) {
        throw new IllegalArgumentException(where + "failurePolicy must not be null");
      }
      if (remediation == null) {
        throw new IllegalArgumentException(where + "remediation must not be null");
      }
      if (reason != null && !List.of("Forbidden", "Invalid", "Unauthorized", "RequestEntityTooLarge").contains(reason)) {
        throw new IllegalArgumentException(
            where + "reason '" + reason + "' must be Forbidden, Invalid, Unauthorized or RequestEntityTooLarge");
      }
      if (messageFunction != null && check instanceof RuleCheck.Cel) {
        throw new IllegalArgumentException(
            where + "a Java message function cannot explain a CEL check; use cel(expression, messageExpression)");
      }
      return new Rule(this);
    }
  }

  /** Builds a standalone {@link Rule}. */
  public static final class Builder extends Spec<Builder> {
    private Builder(String id) {
      super(id);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Builds the rule.
     *
     * @return the rule
     * @throws IllegalArgumentException naming the rule id and the missing or invalid field
     */
    public Rule build() {
      return buildRule();
    }
  }
}
