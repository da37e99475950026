package dev.modelgov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.ProvenanceLimits;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code governance verify --pub PUB.pem... [--threshold N] --envelope FILE [--manifest M] [--model DIR]}: verifies a
 * DSSE envelope or Sigstore bundle against trusted public keys, and optionally the model files and the manifest
 * against the signed statement. Exits 0 when verified, 1 when verification failed (one line: {@code verification
 * failed: <REASON>: <message>}), 2 for a usage error or an unusable input. For internal use only; may change without
 * notice.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Verifies a DSSE envelope or Sigstore bundle (as written by sign, or an OpenSSF model_signing model.sig) with "
          + "the given public keys only, then the model files (--model) and the manifest (--manifest) against the "
          + "signed statement.",
      "On success prints: verified: <model or subject> by <key ids>. On failure prints one line on standard error: "
          + "verification failed: <REASON>: <message>."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Verified.",
      "1:Verification failed: a signature, key, threshold, statement, model file or manifest does not match.",
      "2:Usage error, or an unreadable or invalid input (key, envelope, manifest or model directory)."
    })
final class VerifyCommand extends ProvenanceCommand {

  @Option(
      names = {"-p", "--pub"},
      required = true,
      paramLabel = "PUB.pem",
      description = "A trusted public key (SPKI PEM: Ed25519, P-256 or P-384); repeat for several keys.")
  List<Path> publicKeys = new ArrayList<>();

  @Option(
      names = {"-t", "--threshold"},
      paramLabel = "N",
      defaultValue = "1",
      description = "How many distinct trusted keys must have signed (default: ${DEFAULT-VALUE}).")
  int threshold;

  @Option(
      names = {"-e", "--envelope"},
      required = true,
      paramLabel = "FILE",
      description = "The DSSE envelope or Sigstore bundle (JSON).")
  Path envelope;

  @Option(
      names = {"-m", "--manifest"},
      paramLabel = "FILE",
      description = "The manifest the statement must bind (.json or .yaml/.yml); required for governance statements "
          + "when --model is given.")
  Path manifestFile;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "The model directory (or file) whose files must match the signed subject.")
  Path model;

  /** Picocli creates the command. */
  VerifyCommand() {}

  @Override
  int execute() throws CommandException {
    if (threshold < 1) {
      throw new ParameterException(spec.commandLine(), "--threshold must be at least 1, was " + threshold);
    }
    TrustRoot trustRoot = trustRoot(publicKeys);
    // One byte over the limit is enough for the verifier to report SIZE_LIMIT_EXCEEDED.
    byte[] bytes = CliFiles.readBytes(envelope, (long) ProvenanceLimits.DEFAULT.maxEnvelopeBytes() + 1);
    ModelManifest manifest = null;
    if (manifestFile != null) {
      ManifestInput input = ManifestInput.read(services().codec(), manifestFile);
      Optional<ModelManifest> valid = input.requireValid(out(), err(), json());
      if (valid.isEmpty()) {
        return ExitCodes.USAGE; // an invalid manifest cannot be verified against: an unusable input
      }
      manifest = valid.get();
    }
    if (model != null && !Files.exists(model, LinkOption.NOFOLLOW_LINKS)) {
      throw CommandException.usage(model + ": no such file or directory");
    }
    Provenance provenance = Provenance.builder().trustRoot(trustRoot).threshold(threshold).build();
    VerifiedStatement statement;
    try {
      if (model != null) {
        statement = provenance.verifyModel(model, bytes, manifest);
      } else {
        statement = provenance.verifier().verify(bytes);
        if (manifest != null) {
          checkManifest(statement, manifest);
        }
      }
    } catch (ProvenanceVerificationException e) {
      return failed(e);
    } catch (IOException e) {
      throw CommandException.usage(model + ": " + HashModelCommand.problem(e));
    }
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("verified", true);
      node.put("envelope", envelope.toString());
      node.setAll(toJson(statement));
      node.put("modelChecked", model != null);
      node.put("manifestChecked", manifest != null);
      JsonOutput.print(out(), node);
    } else {
      out().println("verified: " + describe(statement) + " by " + String.join(", ", statement.keyIds()));
    }
    if (model == null) {
      err().println("warning: no --model given: the signatures and the statement were verified, not the model files");
    }
    return ExitCodes.OK;
  }

  private int failed(ProvenanceVerificationException e) {
    String message = message(e);
    err().println("verification failed: " + e.reason() + ": " + message);
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("verified", false);
      node.put("envelope", envelope.toString());
      node.put("reason", e.reason().name());
      node.put("message", message);
      JsonOutput.print(out(), node);
    }
    return ExitCodes.INVALID;
  }

  /** The message without the {@code REASON: } prefix that the exception adds. */
  private static String message(ProvenanceVerificationException e) {
    String text = String.valueOf(e.getMessage());
    String prefix = e.reason() + ": ";
    return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }

  /**
   * Checks a manifest against a statement when there is no model directory, by the same rules as {@link
   * Provenance#verifyModel}: the governance predicate's manifest digest, the SLSA predicate built from the manifest, or
   * (model_signing) an artifact with the signed root digest.
   */
  private void checkManifest(VerifiedStatement statement, ModelManifest manifest)
      throws ProvenanceVerificationException {
    PredicateType type = statement.knownPredicateType().orElseThrow(() -> new ProvenanceVerificationException(
        Reason.PREDICATE_TYPE_NOT_ALLOWED, "the statement's predicate type is not known"));
    switch (type) {
      case GOVERNANCE -> {
        Digest signed = statement.manifestDigest().orElseThrow(() -> new ProvenanceVerificationException(
            Reason.MALFORMED_ENVELOPE, "the governance statement has no manifest digest"));
        if (!services().codec().digest(manifest).matches(signed)) {
          throw new ProvenanceVerificationException(
              Reason.MANIFEST_DIGEST_MISMATCH, "the manifest's digest is not the signed manifest digest");
        }
      }
      case SLSA_PROVENANCE -> {
        JsonNode expected = InTotoStatements.slsaPredicate(manifest);
        if (!expected.equals(statement.predicate())) {
          throw new ProvenanceVerificationException(
              Reason.MANIFEST_DIGEST_MISMATCH, "the manifest's build provenance is not the signed SLSA provenance");
        }
      }
      case MODEL_SIGNING -> {
        boolean listed = false;
        for (VerifiedStatement.Subject subject : statement.subjects()) {
          for (Artifact artifact : manifest.artifacts()) {
            listed |= artifact.digest().matches(subject.digest());
          }
        }
        if (!listed) {
          throw new ProvenanceVerificationException(
              Reason.MANIFEST_DIGEST_MISMATCH, "no artifact of the manifest has the signed model root digest");
        }
      }
    }
  }

  /**
   * Reads the trusted public keys, each named by its file.
   *
   * @param files the SPKI PEM files
   * @return the trust root
   * @throws CommandException (exit 2) if a file cannot be read, holds no supported public key, or repeats a key
   */
  static TrustRoot trustRoot(List<Path> files) throws CommandException {
    TrustRoot.Builder builder = TrustRoot.builder();
    Map<String, Path> seen = new HashMap<>();
    for (Path file : files) {
      VerificationKey key;
      try {
        key = VerificationKey.fromSpkiPem(CliFiles.readText(file));
      } catch (GeneralSecurityException e) {
        throw CommandException.usage(file + ": not a supported public key (SPKI PEM, Ed25519, P-256 or P-384): "
            + e.getMessage());
      }
      Path earlier = seen.putIfAbsent(key.keyId(), file);
      if (earlier != null) {
        throw CommandException.usage(file + (earlier.equals(file) ? ": is given twice" : ": the same key as " + earlier)
            + "; give each key once");
      }
      builder.trust("key " + seen.size() + " (" + file + ")", key);
    }
    return builder.build();
  }

  /**
   * What a statement is about, for one line: the governance model reference with its manifest digest, or the first
   * subject's name and digest.
   *
   * @param statement the verified statement
   * @return for example {@code risk/credit-scoring@2.4.0 (sha256:...)}
   */
  static String describe(VerifiedStatement statement) {
    Optional<String> ref = statement.modelRef();
    if (ref.isPresent()) {
      return ref.get() + statement.manifestDigest().map(d -> " (" + d + ")").orElse("");
    }
    List<VerifiedStatement.Subject> subjects = statement.subjects();
    if (subjects.isEmpty()) {
      return "(no subject)";
    }
    VerifiedStatement.Subject first = subjects.get(0);
    String name = first.name().isEmpty() || first.name().equals("_") ? "" : first.name() + " ";
    return name + "(" + first.digest() + ")" + (subjects.size() > 1 ? " and " + (subjects.size() - 1) + " more" : "");
  }

  /**
   * The statement as JSON: payload and predicate types, model reference, manifest digest, subjects and key ids.
   *
   * @param statement the verified statement
   * @return a new JSON object
   */
  static ObjectNode toJson(VerifiedStatement statement) {
    ObjectNode node = JsonOutput.object();
    node.put("payloadType", statement.payloadType());
    node.put("predicateType", statement.predicateType());
    Optional<String> ref = statement.modelRef();
    if (ref.isPresent()) {
      node.put("modelRef", ref.get());
    } else {
      node.putNull("modelRef");
    }
    Optional<Digest> manifestDigest = statement.manifestDigest();
    if (manifestDigest.isPresent()) {
      node.put("manifestDigest", manifestDigest.get().toString());
    } else {
      node.putNull("manifestDigest");
    }
    ArrayNode subjects = node.putArray("subjects");
    for (VerifiedStatement.Subject subject : statement.subjects()) {
      subjects.addObject().put("name", subject.name()).put("digest", subject.digest().toString());
    }
    node.set("keyids", JsonOutput.strings(statement.keyIds()));
    return node;
  }
}
