package dev.modelgov.core.policy.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.policy.WaiverResolver;
import java.util.Objects;

/**
 * One case of a {@link PolicySuite}, with the suite's defaults applied: the manifest's wire tree after the case's merge
 * patch, the merged evaluation-context tree, the waivers in force and what the decision must show. Immutable: the trees
 * are copied on the way in and out.
 *
 * <pre>{@code
 * SuiteCase c = suite.cases().get(0);
 * c.name();                            // "the complete high-risk manifest passes every deployment rule"
 * c.expectation().effect();            // Optional[ALLOW]
 * }</pre>
 */
public final class SuiteCase {

  private final int index;
  private final String name;
  private final ObjectNode manifest;
  private final ObjectNode context;
  private final WaiverResolver waivers;
  private final Expectation expectation;

  SuiteCase(
      int index, String name, ObjectNode manifest, ObjectNode context, WaiverResolver waivers,
      Expectation expectation) {
    this.index = index;
    this.name = Objects.requireNonNull(name, "name");
    this.manifest = manifest.deepCopy();
    this.context = context.deepCopy();
    this.waivers = Objects.requireNonNull(waivers, "waivers");
    this.expectation = Objects.requireNonNull(expectation, "expectation");
  }

  /** @return the 0-based position of the case in the suite's {@code cases} list */
  public int index() {
    return index;
  }

  /** @return the case name, unique in its suite */
  public String name() {
    return name;
  }

  /** @return a copy of the manifest's wire tree after the merge patch; it may be an invalid manifest */
  public ObjectNode manifest() {
    return manifest.deepCopy();
  }

  /**
   * The evaluation context as a tree: {@code defaults.context} merged field by field with the case's {@code context},
   * with {@code point}, {@code now}, {@code environment} and {@code params} (merged by name) from the defaults and the
   * case on top. {@code provenance.signedManifestDigest} may still be {@code self}.
   *
   * @return a copy of the tree, in the shape {@link EvaluationContexts} reads
   */
  public ObjectNode context() {
    return context.deepCopy();
  }

  /** @return the waivers in force: the suite's {@code waivers} and the case's (or the defaults') waivers */
  public WaiverResolver waivers() {
    return waivers;
  }

  /** @return what the decision must show */
  public Expectation expectation() {
    return expectation;
  }

  /** @return {@code cases[i] "name"}, for messages */
  public String label() {
    return "cases[" + index + "] \"" + name + "\"";
  }

  @Override
  public String toString() {
    return "SuiteCase[" + label() + "]";
  }
}
