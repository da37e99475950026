package dev.modelgov.core.provenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.provenance.internal.dsse.ModelSigningPredicate;
import dev.modelgov.core.provenance.internal.dsse.ProvenanceJson;
import dev.modelgov.core.provenance.internal.dsse.SlsaPredicate;
import java.util.Objects;

/**
 * Builds in-toto Statement v1 payloads for a model, ready to be signed into a {@link DsseEnvelope}.
 *
 * <p>Every statement has one subject, the model: {@code {"name": modelHash.modelName(), "digest": {"sha256":
 * <root digest>}}}, where the root digest is model_signing's digest over all file digests. The predicate is one of
 * {@link PredicateType}:
 *
 * <ul>
 *   <li>{@link PredicateType#GOVERNANCE}: {@code {"manifestDigest":"sha256:...","modelRef":"ns/name@version",
 *       "manifest":{...}}}, so one envelope ties the model files to the {@link ModelManifest}.
 *   <li>{@link PredicateType#MODEL_SIGNING}: {@code {"serialization":{"method","hash_type","allow_symlinks"[,
 *       "ignore_paths"][,"shard_size"]},"resources":[{"algorithm","name","digest"}...]}}, as OpenSSF model_signing
 *       writes it, so {@code model_signing verify key} accepts the bundle. It cannot carry the manifest.
 *   <li>{@link PredicateType#SLSA_PROVENANCE}: SLSA Provenance v1 for the manifest's training run: build type {@link
 *       #SLSA_BUILD_TYPE}; external parameters {@code source} (repository, commit) and {@code trainingRun}; resolved
 *       dependencies for the code commit ({@code gitCommit}), the training image, the datasets and the base models;
 *       {@code runDetails.builder.id} = the run's URL (or {@code https://modelgov.dev/training-systems/<system>}),
 *       {@code metadata.invocationId} = the run id, {@code startedOn}/{@code finishedOn} when known.
 * </ul>
 *
 * <p>Payloads are compact JSON with every non-ASCII character escaped as {@code \\uXXXX}, so that byte and character
 * lengths agree for every consumer. Signers must keep and sign these exact bytes.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * ModelHash hash = ModelHasher.defaults().hash(modelDir);
 * byte[] payload = InTotoStatements.payload(PredicateType.GOVERNANCE, hash, manifest);
 * DsseEnvelope envelope = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, List.of(key));
 * }</pre>
 */
public final class InTotoStatements {

  /** The statement type, {@code https://in-toto.io/Statement/v1}. */
  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";

  /** The DSSE payload type of in-toto statements, {@code application/vnd.in-toto+json}. */
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

  /** The SLSA build type ModelGov writes, {@code https://modelgov.dev/slsa/training/v1}. */
  public static final String SLSA_BUILD_TYPE = SlsaPredicate.BUILD_TYPE;

  private InTotoStatements() {}

  /**
   * The statement payload for a model with the chosen predicate.
   *
   * @param type the predicate, must not be {@code null}
   * @param model the model's hash, must not be {@code null}
   * @param manifest the model's manifest, must not be {@code null} (not used for {@link PredicateType#MODEL_SIGNING})
   * @return the compact, ASCII-only statement JSON to sign
   */
  public static byte[] payload(PredicateType type, ModelHash model, ModelManifest manifest) {
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(model, "model must not be null");
    Objects.requireNonNull(manifest, "manifest must not be null");
    return switch (type) {
      case GOVERNANCE -> statement(model, type.uri(), governancePredicate(manifest));
      case SLSA_PROVENANCE -> statement(model, type.uri(), slsaPredicate(manifest));
      case MODEL_SIGNING -> modelSigningPayload(model);
    };
  }

  /**
   * The model_signing v1.0 statement payload for a model, compatible with {@code model_signing verify}.
   *
   * @param model the model's hash, must not be {@code null}
   * @return the compact, ASCII-only statement JSON to sign
   */
  public static byte[] modelSigningPayload(ModelHash model) {
    Objects.requireNonNull(model, "model must not be null");
    return statement(model, PredicateType.MODEL_SIGNING.uri(), modelSigningPredicate(model));
  }

  /**
   * A statement with one subject and any predicate.
   *
   * @param subjectName the subject name, must not be {@code null}
   * @param subjectDigest the subject's SHA-256 digest, must not be {@code null}
   * @param predicateType the predicate type URI, must not be {@code null}
   * @param predicate the predicate object, must not be {@code null}
   * @return the compact, ASCII-only statement JSON
   */
  public static byte[] statement(String subjectName, Digest subjectDigest, String predicateType, ObjectNode predicate) {
    Objects.requireNonNull(subjectName, "subjectName must not be null");
    Objects.requireNonNull(subjectDigest, "subjectDigest must not be null");
    Objects.requireNonNull(predicateType, "predicateType must not be null");
    Objects.requireNonNull(predicate, "predicate must not be null");
    ObjectNode statement = ProvenanceJson.object();
    statement.put("_type", STATEMENT_TYPE);
    ArrayNode subjects = statement.putArray("subject");
    ObjectNode subject = subjects.addObject();
    subject.put("name", subjectName);
    subject.putObject("digest").put("sha256", subjectDigest.hex());
    statement.put("predicateType", predicateType);
    statement.set("predicate", predicate.deepCopy());
    return ProvenanceJson.write(statement);
  }

  private static byte[] statement(ModelHash model, String predicateType, ObjectNode predicate) {
    return statement(model.modelName(), model.rootDigest(), predicateType, predicate);
  }

  /**
   * The model_signing v1.0 predicate: serialization and every resource digest, in the hash's (sorted) order.
   *
   * @param model the model's hash, must not be {@code null}
   * @return a new predicate object
   */
  public static ObjectNode modelSigningPredicate(ModelHash model) {
    Objects.requireNonNull(model, "model must not be null");
    return ModelSigningPredicate.write(model);
  }

  /**
   * The SLSA Provenance v1 predicate for the manifest's training run.
   *
   * @param manifest the manifest, must not be {@code null}
   * @return a new predicate object
   */
  public static ObjectNode slsaPredicate(ModelManifest manifest) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    return SlsaPredicate.write(manifest);
  }

  /**
   * The governance predicate: the manifest digest, its coordinates and the manifest's JSON tree.
   *
   * @param manifest the manifest, must not be {@code null}
   * @return a new predicate object
   */
  public static ObjectNode governancePredicate(ModelManifest manifest) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    ManifestCodec codec = ManifestCodec.defaults();
    ObjectNode predicate = ProvenanceJson.object();
    predicate.put("manifestDigest", codec.digest(manifest).toString());
    predicate.put("modelRef", manifest.coordinates());
    predicate.set("manifest", codec.toTree(manifest));
    return predicate;
  }
}
