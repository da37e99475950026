package dev.modelgov.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.provenance.Dsse;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.DsseSignature;
import dev.modelgov.core.provenance.HashingMethod;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.ResourceDigest;
import dev.modelgov.core.provenance.Serialization;
import dev.modelgov.core.provenance.SigstoreBundle;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on signed provenance: the bytes of a DSSE envelope or a Sigstore bundle, as {@link Provenance#signModel}
 * writes them. Structural assertions ({@link #isSignedBy}, {@link #coversModel}, {@link #forManifest}) read the
 * envelope without a trust root; {@link #verifiesWith} and {@link #failsVerificationWith} run the full verification of
 * {@link Provenance#verifyModel}. Messages show key ids and digests, never key material or the payload.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * byte[] envelope = Provenance.builder().build().signModel(modelDir, manifest, List.of(key), Provenance.Format.DSSE);
 * assertThatProvenance(envelope)
 *     .isSignedBy(key.verificationKey())
 *     .coversModel(modelDir)
 *     .forManifest(manifest)
 *     .verifiesWith(trustRoot, modelDir, manifest);
 *
 * Files.writeString(modelDir.resolve("weights.bin"), "tampered");
 * assertThatProvenance(envelope)
 *     .usingTrustRoot(trustRoot)
 *     .againstModel(modelDir, manifest)
 *     .failsVerificationWith(Reason.SUBJECT_DIGEST_MISMATCH);
 * }</pre>
 */
public final class ProvenanceAssert extends AbstractAssert<ProvenanceAssert, byte[]> {

  private TrustRoot trustRoot;
  private Path modelDir;
  private ModelManifest manifest;
  private DsseEnvelope envelope;
  private JsonNode statement;

  ProvenanceAssert(byte[] actual) {
    super(actual, ProvenanceAssert.class);
  }

  /**
   * Sets the trust root that {@link #verifies()} and {@link #failsVerificationWith(Reason)} verify against.
   *
   * <pre>{@code
   * assertThatProvenance(envelope).usingTrustRoot(TrustRoot.builder().trust("release", pub).build());
   * }</pre>
   *
   * @param trust the trusted keys, must not be {@code null}
   * @return this assertion
   */
  public ProvenanceAssert usingTrustRoot(TrustRoot trust) {
    this.trustRoot = Objects.requireNonNull(trust, "trust must not be null");
    return this;
  }

  /**
   * Sets the model directory and manifest that {@link #verifies()} and {@link #failsVerificationWith(Reason)} verify.
   *
   * <pre>{@code
   * assertThatProvenance(envelope).usingTrustRoot(trust).againstModel(modelDir, manifest).verifies();
   * }</pre>
   *
   * @param modelDir the model directory, must not be {@code null}
   * @param manifest the manifest, or {@code null} for a model_signing statement that binds none
   * @return this assertion
   */
  public ProvenanceAssert againstModel(Path modelDir, ModelManifest manifest) {
    this.modelDir = Objects.requireNonNull(modelDir, "modelDir must not be null");
    this.manifest = manifest;
    return this;
  }

  /**
   * Checks that a DSSE signature of the envelope verifies under this key (over the pre-authentication encoding). No
   * trust root is involved: this says who signed, not whether to trust them.
   *
   * <pre>{@code
   * assertThatProvenance(envelope).isSignedBy(releaseKey.verificationKey());   // passes
   * assertThatProvenance(envelope).isSignedBy(otherKey.verificationKey());
   * // fails: "Expected a signature that verifies under key id <5b1c...> but none does.
   * //   Found signatures with key ids: [9f86d081...]"
   * }</pre>
   *
   * @param key the public key, must not be {@code null}
   * @return this assertion
   */
  public ProvenanceAssert isSignedBy(VerificationKey key) {
    Objects.requireNonNull(key, "key must not be null");
    DsseEnvelope env = envelope();
    byte[] pae = Dsse.pae(env.payloadType(), env.payload());
    for (DsseSignature s : env.signatures()) {
      try {
        key.verify(pae, s.sig());
        return this;
      } catch (GeneralSecurityException e) {
        // Not this signature; try the next one.
      }
    }
    failWithMessage(
        "Expected a signature that verifies under key id <%s> but none does.\nFound signatures with key ids: %s",
        key.keyId(), env.signatures().stream().map(s -> s.keyId().isEmpty() ? "<none>" : s.keyId())
            .collect(Collectors.toList()));
    return this;
  }

  /**
   * Checks that the statement's subject is this model directory: for governance and SLSA statements, a subject digest
   * equals the directory's root digest by {@link ModelHasher#defaults()}; for model_signing statements, every signed
   * file (or shard) matches, re-hashed with the signed serialization. Mismatching files are listed when the statement
   * lists files (model_signing).
   *
   * <pre>{@code
   * assertThatProvenance(envelope).coversModel(modelDir);   // passes
   * Files.writeString(modelDir.resolve("weights.bin"), "tampered");
   * assertThatProvenance(modelSigningBundle).coversModel(modelDir);
   * // fails: "Expected the statement to cover model directory <...> but it does not.
   * //   Changed: [weights.bin]
   * //   Only in the directory: []
   * //   Only in the statement: []"
   * }</pre>
   *
   * @param modelDir the model directory, must not be {@code null}
   * @return this assertion
   */
  public ProvenanceAssert coversModel(Path modelDir) {
    Objects.requireNonNull(modelDir, "modelDir must not be null");
    JsonNode s = statement();
    List<String> subjects = subjects(s);
    Optional<PredicateType> type = PredicateType.fromUri(s.path("predicateType").asText(""));
    try {
      if (type.isPresent() && type.get() == PredicateType.MODEL_SIGNING) {
        coversModelSigning(modelDir, s.path("predicate"));
      } else {
        ModelHash local = ModelHasher.defaults().hash(modelDir);
        if (subjectDigests(s).stream().noneMatch(d -> d.matches(local.rootDigest()))) {
          failWithMessage(
              "Expected the statement to cover model directory <%s> (root %s) but its subjects are %s.\n"
                  + "Files in the directory: %s",
              modelDir, local.rootDigest(), subjects, names(local.resources()));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      failWithMessage("Expected model directory <%s> to be hashable but it is not: %s", modelDir, e.toString());
    }
    return this;
  }

  private void coversModelSigning(Path dir, JsonNode predicate) throws IOException {
    Serialization serialization = serialization(predicate.path("serialization"));
    ModelHash local = ModelHasher.forSerialization(serialization).hash(dir);
    Map<String, String> signed = new LinkedHashMap<>();
    for (JsonNode r : predicate.path("resources")) {
      signed.put(r.path("name").asText(), r.path("digest").asText());
    }
    Map<String, String> have = new LinkedHashMap<>();
    local.resources().forEach(r -> have.put(r.name(), r.digest().hex()));
    TreeSet<String> changed = new TreeSet<>();
    TreeSet<String> onlyLocal = new TreeSet<>();
    TreeSet<String> onlySigned = new TreeSet<>();
    for (Map.Entry<String, String> e : have.entrySet()) {
      String want = signed.get(e.getKey());
      if (want == null) {
        onlyLocal.add(e.getKey());
      } else if (!want.equals(e.getValue())) {
        changed.add(e.getKey());
      }
    }
    signed.keySet().stream().filter(n -> !have.containsKey(n)).forEach(onlySigned::add);
    boolean rootMatches = subjectDigests(statement).stream().anyMatch(d -> d.matches(local.rootDigest()));
    if (!changed.isEmpty() || !onlyLocal.isEmpty() || !onlySigned.isEmpty() || !rootMatches) {
      failWithMessage(
          "Expected the statement to cover model directory <%s> but it does not.\nChanged: %s\n"
              + "Only in the directory: %s\nOnly in the statement: %s\nSubjects: %s, local root: %s",
          dir, changed, onlyLocal, onlySigned, subjects(statement), local.rootDigest());
    }
  }

  private Serialization serialization(JsonNode s) {
    try {
      HashingMethod method = HashingMethod.fromWireName(s.path("method").asText());
      List<String> ignore = new ArrayList<>();
      s.path("ignore_paths").forEach(p -> ignore.add(p.asText()));
      OptionalLong shard = s.has("shard_size") ? OptionalLong.of(s.get("shard_size").asLong()) : OptionalLong.empty();
      return new Serialization(method, s.path("hash_type").asText(), s.path("allow_symlinks").asBoolean(false),
          ignore, shard);
    } catch (RuntimeException e) {
      failWithMessage("Expected a model_signing statement with a usable serialization but: %s", e.getMessage());
      throw e;
    }
  }

  /**
   * Checks that the statement is about this manifest: the signed manifest digest of a governance statement equals the
   * manifest's digest; the signed predicate of an SLSA statement is the one built from the manifest; for a
   * model_signing statement, one of the manifest's artifacts has the signed root digest.
   *
   * <pre>{@code
   * assertThatProvenance(envelope).forManifest(manifest);   // passes
   * assertThatProvenance(envelope).forManifest(editedManifest);
   * // fails: "Expected the statement to be for manifest risk/credit-scoring@2.4.0 (sha256:ab12...) but it signs
   * //   manifest digest sha256:77f0... of risk/credit-scoring@2.4.0"
   * }</pre>
   *
   * @param expected the manifest, must not be {@code null}
   * @return this assertion
   */
  public ProvenanceAssert forManifest(ModelManifest expected) {
    Objects.requireNonNull(expected, "expected must not be null");
    JsonNode s = statement();
    JsonNode predicate = s.path("predicate");
    String predicateType = s.path("predicateType").asText("");
    Optional<PredicateType> type = PredicateType.fromUri(predicateType);
    Digest digest = ManifestCodec.defaults().digest(expected);
    if (type.isEmpty()) {
      failWithMessage(
          "Expected the statement to be for manifest %s but its predicate type <%s> binds no manifest",
          expected.coordinates(), predicateType);
    }
    switch (type.orElseThrow()) {
      case GOVERNANCE -> {
        String signed = predicate.path("manifestDigest").asText("");
        if (!signed.equals(digest.toString())) {
          failWithMessage(
              "Expected the statement to be for manifest %s (%s) but it signs manifest digest %s of %s",
              expected.coordinates(), digest, signed.isEmpty() ? "<none>" : signed,
              predicate.path("modelRef").asText("<no modelRef>"));
        }
      }
      case SLSA_PROVENANCE -> {
        if (!InTotoStatements.slsaPredicate(expected).equals(predicate)) {
          failWithMessage(
              "Expected the SLSA statement to be for manifest %s but its predicate differs from the one built from "
                  + "the manifest's build provenance",
              expected.coordinates());
        }
      }
      case MODEL_SIGNING -> {
        List<Digest> subjects = subjectDigests(s);
        boolean listed = expected.artifacts().stream().anyMatch(a -> subjects.stream().anyMatch(a.digest()::matches));
        if (!listed) {
          failWithMessage(
              "Expected the model_signing statement to be for manifest %s, one of whose artifacts has the signed "
                  + "root digest, but the subjects are %s and the artifacts %s",
              expected.coordinates(), subjects(s),
              expected.artifacts().stream().map(Artifact::digest).collect(Collectors.toList()));
        }
      }
    }
    return this;
  }

  /**
   * Runs the full verification ({@link Provenance#verifyModel}) and checks that it passes.
   *
   * <pre>{@code
   * assertThatProvenance(envelope).verifiesWith(trust, modelDir, manifest);   // passes
   * assertThatProvenance(envelope).verifiesWith(otherTrust, modelDir, manifest);
   * // fails: "Expected the provenance to verify but it failed with UNTRUSTED_KEY:
   * //   UNTRUSTED_KEY: no signature was made by a trusted key"
   * }</pre>
   *
   * @param trust the trusted keys, must not be {@code null}
   * @param modelDir the model directory, must not be {@code null}
   * @param manifest the manifest, or {@code null} for a model_signing statement that binds none
   * @return this assertion
   */
  public ProvenanceAssert verifiesWith(TrustRoot trust, Path modelDir, ModelManifest manifest) {
    return usingTrustRoot(trust).againstModel(modelDir, manifest).verifies();
  }

  /**
   * Runs the full verification with the trust root, model directory and manifest configured by {@link
   * #usingTrustRoot} and {@link #againstModel}, and checks that it passes.
   *
   * <pre>{@code
   * assertThatProvenance(envelope).usingTrustRoot(trust).againstModel(modelDir, manifest).verifies();   // passes
   * assertThatProvenance(envelope).usingTrustRoot(trust).againstModel(modelDir, editedManifest).verifies();
   * // fails: "Expected the provenance to verify but it failed with MANIFEST_DIGEST_MISMATCH:
   * //   MANIFEST_DIGEST_MISMATCH: the manifest's digest is not the signed manifest digest"
   * }</pre>
   *
   * @return this assertion
   * @throws IllegalStateException if the trust root or the model directory was not configured
   */
  public ProvenanceAssert verifies() {
    Optional<ProvenanceVerificationException> failure = verify();
    if (failure.isPresent()) {
      failWithMessage(
          "Expected the provenance to verify but it failed with %s: %s", failure.get().reason(),
          failure.get().getMessage());
    }
    return this;
  }

  /**
   * Runs the full verification with the trust root, model directory and manifest configured by {@link
   * #usingTrustRoot} and {@link #againstModel}, and checks that it fails for this reason.
   *
   * <pre>{@code
   * // after a weights file changed:
   * assertThatProvenance(envelope).usingTrustRoot(trust).againstModel(modelDir, manifest)
   *     .failsVerificationWith(Reason.SUBJECT_DIGEST_MISMATCH);   // passes
   * assertThatProvenance(envelope).usingTrustRoot(trust).againstModel(modelDir, manifest)
   *     .failsVerificationWith(Reason.UNTRUSTED_KEY);
   * // fails: "Expected verification to fail with UNTRUSTED_KEY but it failed with SUBJECT_DIGEST_MISMATCH:
   * //   SUBJECT_DIGEST_MISMATCH: the model directory's root digest is not the signed subject digest"
   * // or, on an intact model: "Expected verification to fail with UNTRUSTED_KEY but it passed"
   * }</pre>
   *
   * @param reason the expected reason, must not be {@code null}
   * @return this assertion
   * @throws IllegalStateException if the trust root or the model directory was not configured
   */
  public ProvenanceAssert failsVerificationWith(Reason reason) {
    Objects.requireNonNull(reason, "reason must not be null");
    Optional<ProvenanceVerificationException> failure = verify();
    if (failure.isEmpty()) {
      failWithMessage("Expected verification to fail with %s but it passed", reason);
    } else if (failure.get().reason() != reason) {
      failWithMessage(
          "Expected verification to fail with %s but it failed with %s: %s", reason, failure.get().reason(),
          failure.get().getMessage());
    }
    return this;
  }

  private Optional<ProvenanceVerificationException> verify() {
    isNotNull();
    if (trustRoot == null) {
      throw new IllegalStateException("no trust root to verify against: call usingTrustRoot(...) first");
    }
    if (modelDir == null) {
      throw new IllegalStateException("no model to verify: call againstModel(modelDir, manifest) first");
    }
    try {
      Provenance.builder().trustRoot(trustRoot).build().verifyModel(modelDir, actual, manifest);
      return Optional.empty();
    } catch (ProvenanceVerificationException e) {
      return Optional.of(e);
    } catch (IOException e) {
      failWithMessage("Expected model directory <%s> to be hashable but it is not: %s", modelDir, e.toString());
      return Optional.empty();
    }
  }

  private DsseEnvelope envelope() {
    isNotNull();
    if (envelope == null) {
      try {
        JsonNode tree = StrictJsonReader.read(actual, "the provenance document");
        boolean bundle = tree.isObject()
            && (tree.has("mediaType") || tree.has("dsseEnvelope") || tree.has("verificationMaterial"));
        envelope = bundle ? SigstoreBundle.parse(actual).envelope() : DsseEnvelope.parse(actual);
      } catch (IllegalArgumentException e) {
        failWithMessage("Expected a DSSE envelope or Sigstore bundle but %s", e.getMessage());
      } catch (ProvenanceVerificationException e) {
        failWithMessage("Expected a well-formed DSSE envelope or Sigstore bundle but: %s", e.getMessage());
      }
    }
    return envelope;
  }

  private JsonNode statement() {
    if (statement == null) {
      DsseEnvelope env = envelope();
      if (!InTotoStatements.PAYLOAD_TYPE.equals(env.payloadType())) {
        failWithMessage(
            "Expected an in-toto payload (%s) but the payload type is <%s>", InTotoStatements.PAYLOAD_TYPE,
            env.payloadType());
      }
      JsonNode parsed = null;
      try {
        parsed = StrictJsonReader.read(env.payload(), "the in-toto statement");
      } catch (IllegalArgumentException e) {
        failWithMessage("Expected an in-toto statement but %s", e.getMessage());
      }
      if (!parsed.isObject() || !parsed.path("subject").isArray()) {
        failWithMessage("Expected an in-toto statement with a subject list but the payload has %s",
            parsed.isObject() ? "no subject array" : "a JSON " + parsed.getNodeType() + " instead");
      }
      statement = parsed;
    }
    return statement;
  }

  private static List<Digest> subjectDigests(JsonNode statement) {
    List<Digest> out = new ArrayList<>();
    for (JsonNode s : statement.path("subject")) {
      String hex = s.path("digest").path("sha256").asText("");
      try {
        out.add(new Digest(Digest.SHA256, hex));
      } catch (IllegalArgumentException e) {
        // A malformed subject digest covers nothing.
      }
    }
    return out;
  }

  private static List<String> subjects(JsonNode statement) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : statement.path("subject")) {
      out.add(s.path("name").asText("") + "@sha256:" + s.path("digest").path("sha256").asText("<none>"));
    }
    return out;
  }

  private static List<String> names(List<ResourceDigest> resources) {
    List<String> names = resources.stream().map(ResourceDigest::name).collect(Collectors.toList());
    if (names.size() > 20) {
      int more = names.size() - 20;
      names = new ArrayList<>(names.subList(0, 20));
      names.add("... and " + more + " more");
    }
    return names;
  }
}
