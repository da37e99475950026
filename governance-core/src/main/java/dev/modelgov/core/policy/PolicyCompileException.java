package dev.modelgov.core.policy;

import java.util.Optional;

/**
 * A policy could not be loaded or compiled: a syntax error, an unknown field, a type error, a duplicate rule id, an
 * expression over the configured limits. The message names the source (file or policy id), the rule id and the line
 * and column when they are known, and never includes manifest or parameter values.
 *
 * <pre>{@code
 * try {
 *   engine.compile(policy);
 * } catch (PolicyCompileException e) {
 *   System.err.println(e.getMessage()); // deploy-gate.yaml: rule model.owner: 1:15: undeclared reference to 'manifes'
 * }
 * }</pre>
 */
public final class PolicyCompileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String ruleId;
  private final int line;
  private final int column;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param source the file name or policy id
   * @param ruleId the rule (or {@code matchConditions[name]}, {@code variables[name]}), or {@code null}
   * @param line 1-based line in the source or expression, or 0 when unknown
   * @param column 1-based column, or 0 when unknown
   * @param detail what is wrong
   */
  public PolicyCompileException(String source, String ruleId, int line, int column, String detail) {
    super(format(source, ruleId, line, column, detail));
    this.source = source;
    this.ruleId = ruleId;
    this.line = line;
    this.column = column;
    this.detail = detail;
  }

  private static String format(String source, String ruleId, int line, int column, String detail) {
    StringBuilder s = new StringBuilder(source == null ? "policy" : source).append(": ");
    if (ruleId != null) {
      s.append("rule ").append(ruleId).append(": ");
    }
    if (line > 0) {
      s.append(line).append(':').append(column).append(": ");
    }
    return s.append(detail).toString();
  }

  /** @return the file name or policy id */
  public String source() {
    return source;
  }

  /** @return the rule (or named expression) at fault, if known */
  public Optional<String> ruleId() {
    return Optional.ofNullable(ruleId);
  }

  /** @return the 1-based line, or 0 when unknown */
  public int line() {
    return line;
  }

  /** @return the 1-based column, or 0 when unknown */
  public int column() {
    return column;
  }

  /** @return what is wrong, without location */
  public String detail() {
    return detail;
  }
}
