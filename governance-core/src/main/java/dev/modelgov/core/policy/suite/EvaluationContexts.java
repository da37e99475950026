package dev.modelgov.core.policy.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.policy.EvaluationContext;
import dev.modelgov.core.policy.PolicyLimits;
import dev.modelgov.core.policy.suite.internal.ContextReader;
import dev.modelgov.core.policy.suite.internal.Documents;
import dev.modelgov.core.policy.suite.internal.Field;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads an {@link EvaluationContext} from a YAML or JSON document, strictly: an unknown field or a value of the wrong
 * type is an error naming its path ({@code signals.drift[0].value: expected a number, got a string}); {@code null}
 * means unset. Every field is optional:
 *
 * <pre>{@code
 * point: promotion                      # ci | promotion | admission | runtime
 * environment: prod
 * now: "2026-11-28T00:00:00Z"           # the instant waivers expire against
 * previousStage: STAGING
 * provenance: {present: true, verified: true, signedManifestDigest: self, keyId: release-2026, failure: null}
 * deployedImages: [registry.example/serve@sha256:...]
 * signals:
 *   errorRate: 0.01
 *   requests: 50000
 *   drift: [{feature: income, method: psi, value: 0.03, threshold: 0.1, detected: false, windowSamples: 5000}]
 *   fairness: [{attribute: sex, metric: demographic_parity_ratio, value: 0.9, threshold: 0.8, breached: false}]
 * params: {maxErrorRate: 0.02}
 * }</pre>
 *
 * <p>A standalone file may also declare {@code apiVersion: policy.modelgov.dev/v1alpha1} and {@code kind:
 * EvaluationContext}. {@code signedManifestDigest: self} stands for the digest of the manifest under test, which the
 * caller passes in. {@code provenance.present} defaults to whether any other provenance fact is given.
 *
 * <pre>{@code
 * ModelManifest manifest = ManifestCodec.defaults().read(Path.of("credit-scoring.yaml"));
 * EvaluationContext ctx = EvaluationContexts.read(Path.of("context-promotion.yaml"),
 *     ManifestCodec.defaults().digest(manifest));
 * }</pre>
 */
public final class EvaluationContexts {

  /** The value of {@code provenance.signedManifestDigest} that stands for the digest of the manifest under test. */
  public static final String SELF = ContextReader.SELF;

  private EvaluationContexts() {}

  /**
   * Reads a context file, JSON when its name ends in {@code .json}, else YAML, up to {@link
   * PolicyLimits#maxDocumentBytes()} of the default limits.
   *
   * @param file the file, must not be {@code null}
   * @param manifestDigest the digest {@code self} stands for, or {@code null} when there is no manifest under test
   * @return the context
   * @throws PolicyDocumentException naming the file and the path of the first bad field
   * @throws IOException when the file cannot be read
   */
  public static EvaluationContext read(Path file, Digest manifestDigest) throws PolicyDocumentException, IOException {
    Objects.requireNonNull(file, "file must not be null");
    JsonNode tree = Documents.read(file, Documents.strict(PolicyLimits.defaults().maxDocumentBytes()));
    return fromTree(tree, file.toString(), manifestDigest);
  }

  /**
   * Parses a context document.
   *
   * @param document the UTF-8 bytes, must not be {@code null}
   * @param sourceName the name used in errors; JSON when it ends in {@code .json}, else YAML
   * @param manifestDigest the digest {@code self} stands for, or {@code null}
   * @return the context
   * @throws PolicyDocumentException naming the source and the path of the first bad field
   */
  public static EvaluationContext parse(byte[] document, String sourceName, Digest manifestDigest)
      throws PolicyDocumentException {
    Objects.requireNonNull(document, "document must not be null");
    Objects.requireNonNull(sourceName, "sourceName must not be null");
    int limit = PolicyLimits.defaults().maxDocumentBytes();
    JsonNode tree = Documents.parse(document, sourceName, Documents.strict(limit));
    return fromTree(tree, sourceName, manifestDigest);
  }

  /**
   * Maps a tree onto a context.
   *
   * @param tree the context object, must not be {@code null}; a JSON {@code null} gives the default context
   * @param sourceName the name used in errors, must not be {@code null}
   * @param manifestDigest the digest {@code self} stands for, or {@code null}
   * @return the context
   * @throws PolicyDocumentException naming the source and the path of the first bad field
   */
  public static EvaluationContext fromTree(JsonNode tree, String sourceName, Digest manifestDigest)
      throws PolicyDocumentException {
    Objects.requireNonNull(tree, "tree must not be null");
    Objects.requireNonNull(sourceName, "sourceName must not be null");
    return ContextReader.read(Field.root(sourceName, tree), manifestDigest);
  }
}
