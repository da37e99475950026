package dev.modelgov.core.policy.suite;

import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.suite.internal.Documents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Policy tests as data: a suite file lists policies and cases, and every case is run against every policy (so the Java
 * and the CEL form of a pack are tested by the same data). Read with {@link #read(Path)}, run with {@link
 * PolicySuiteRunner}. Reading is strict (unknown fields, wrong types, duplicate keys and documents over the limits are
 * errors naming the file, the case and the field path) and resolves every file the suite names, relative to the suite
 * file: manifests, waiver files.
 *
 * <pre>{@code
 * apiVersion: policy.modelgov.dev/v1alpha1
 * kind: PolicySuite
 * metadata: {name: builtin-rules}
 * policies: [builtin, builtin-cel]          # or policy files, relative to this file
 * waivers: waivers.yaml                     # optional: in force for every case
 * defaults:                                 # manifest, point, now, environment, context, params, waivers
 *   manifest: ../manifests/credit-scoring.yaml
 *   point: promotion
 *   context: {previousStage: STAGING, provenance: {verified: true, signedManifestDigest: self}}
 * cases:
 *   - name: an owner without a contact is denied
 *     patch: {owner: {contact: null}}       # RFC 7386 merge patch over the manifest
 *     expect: {effect: DENY, rules: {model.owner: {outcome: FAIL, message: "no contact"}}}
 * }</pre>
 *
 * <pre>{@code
 * PolicySuite suite = PolicySuite.read(Path.of("examples/policies/builtin.suite.yaml"));
 * SuiteResult result = PolicySuiteRunner.builder().build().run(suite);
 * }</pre>
 *
 * <p>A case's fields: {@code name} (required, unique), {@code manifest} (a path, or an inline manifest object),
 * {@code patch}, {@code point}, {@code now}, {@code environment}, {@code context} (merged field by field over {@code
 * defaults.context}; {@code null} unsets a field), {@code params} (merged by name), {@code waivers} (a path or an
 * inline list; replaces {@code defaults.waivers}) and {@code expect} (see {@link Expectation}).
 */
public final class PolicySuite {

  /** The {@code apiVersion} of a suite file. */
  public static final String API_VERSION = "policy.modelgov.dev/v1alpha1";

  /** The {@code kind} of a suite file. */
  public static final String KIND = "PolicySuite";

  /** The most cases in one suite. */
  public static final int MAX_CASES = 10_000;

  /** The most policies in one suite. */
  public static final int MAX_POLICIES = 100;

  private final Path file;
  private final String name;
  private final List<String> policies;
  private final List<SuiteCase> cases;

  PolicySuite(Path file, String name, List<String> policies, List<SuiteCase> cases) {
    this.file = file;
    this.name = name;
    this.policies = List.copyOf(policies);
    this.cases = List.copyOf(cases);
  }

  /**
   * Reads a suite file under the default limits.
   *
   * @param file the suite file, must not be {@code null}
   * @return the suite
   * @throws PolicyDocumentException naming the file (or a file it names), the case and the field path of the first
   *     problem
   * @throws IOException when the suite file itself cannot be read
   */
  public static PolicySuite read(Path file) throws PolicyDocumentException, IOException {
    return read(file, PolicyLimits.defaults());
  }

  /**
   * Reads a suite file.
   *
   * @param file the suite file, must not be {@code null}
   * @param limits {@link PolicyLimits#maxDocumentBytes()} bounds the suite and every file it names
   * @return the suite
   * @throws PolicyDocumentException naming the file (or a file it names), the case and the field path of the first
   *     problem
   * @throws IOException when the suite file itself cannot be read
   */
  public static PolicySuite read(Path file, PolicyLimits limits) throws PolicyDocumentException, IOException {
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
    return new SuiteReader(file, limits).read(Documents.read(file, Documents.strict(limits.maxDocumentBytes())));
  }

  /**
   * Parses a suite document; the files it names are resolved relative to {@code file}'s directory.
   *
   * @param document the UTF-8 bytes, must not be {@code null}
   * @param file where the document lives (it need not exist), must not be {@code null}; JSON when its name ends in
   *     {@code .json}, else YAML
   * @param limits {@link PolicyLimits#maxDocumentBytes()} bounds the suite and every file it names
   * @return the suite
   * @throws PolicyDocumentException naming the file, the case and the field path of the first problem
   */
  public static PolicySuite parse(byte[] document, Path file, PolicyLimits limits) throws PolicyDocumentException {
    Objects.requireNonNull(document, "document must not be null");
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
    if (document.length > limits.maxDocumentBytes()) {
      throw new PolicyDocumentException(file.toString(), "", "is larger than the limit of "
          + limits.maxDocumentBytes() + " bytes");
    }
    return new SuiteReader(file, limits)
        .read(Documents.parse(document, file.toString(), Documents.strict(limits.maxDocumentBytes())));
  }

  /** @return the suite file */
  public Path file() {
    return file;
  }

  /** @return {@code metadata.name} */
  public String name() {
    return name;
  }

  /**
   * The policies every case runs against: {@code builtin}, {@code builtin-cel}, or policy file paths as written
   * (relative to the suite file's directory); see {@link PolicySources}.
   *
   * @return the references, in suite order
   */
  public List<String> policies() {
    return policies;
  }

  /** @return the cases, in suite order */
  public List<SuiteCase> cases() {
    return cases;
  }

  /** @return the directory relative paths in the suite are resolved against */
  public Path baseDirectory() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of("") : parent;
  }

  @Override
  public String toString() {
    return "PolicySuite[" + name + ", " + file + ", " + policies.size() + " policies, " + cases.size() + " cases]";
  }
}
