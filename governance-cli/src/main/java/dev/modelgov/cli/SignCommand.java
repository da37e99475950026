package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.manifest.Artifact;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.Provenance;
import dev.modelgov.core.provenance.ProvenanceVerifier;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.SigstoreBundle;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code governance sign --key KEY.pem --manifest M [--model DIR] [--format dsse|bundle] --out FILE}: signs an in-toto
 * statement about the model, with the manifest in a governance predicate, as a DSSE envelope or a Sigstore bundle. For
 * internal use only; may change without notice.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Signs an in-toto statement about a model and writes it as a DSSE envelope (any number of keys) or a Sigstore "
          + "bundle v0.3 (one key).",
      "The subject is the model directory's root digest (see hash-model); without --model it is the manifest's first "
          + "artifact. The governance predicate carries the whole manifest and its digest.",
      "Keep the output outside the model directory, or name it model.sig there (hash-model ignores that name)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Signed and written.",
      "1:The manifest is invalid.",
      "2:Usage error, an unreadable key, manifest or model, or an unwritable output."
    })
final class SignCommand extends ProvenanceCommand {

  @Option(
      names = {"-k", "--key"},
      required = true,
      paramLabel = "KEY.pem",
      description = "A private key (unencrypted PKCS#8 PEM, Ed25519 or P-256); repeat to sign a DSSE envelope with "
          + "several keys.")
  List<Path> keyFiles = new ArrayList<>();

  @Option(
      names = {"-m", "--manifest"},
      required = true,
      paramLabel = "FILE",
      description = "The model's manifest (.json or .yaml/.yml).")
  Path manifestFile;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "The model directory (or single file) to sign; its root digest becomes the subject.")
  Path model;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "dsse",
      converter = FormatConverter.class,
      completionCandidates = FormatNames.class,
      description = "The output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Provenance.Format format;

  @Option(
      names = "--predicate",
      paramLabel = "TYPE",
      defaultValue = "governance",
      converter = PredicateConverter.class,
      completionCandidates = PredicateNames.class,
      description = "The predicate: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). slsa and model-signing "
          + "need --model; model-signing does not carry the manifest.")
  PredicateType predicate;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "FILE",
      description = "Where to write the envelope or bundle; an existing file is replaced.")
  Path out;

  /** Picocli creates the command. */
  SignCommand() {}

  @Override
  int execute() throws CommandException {
    if (format == Provenance.Format.BUNDLE && keyFiles.size() != 1) {
      throw CommandException.usage("a Sigstore bundle takes exactly one --key, got " + keyFiles.size()
          + "; use --format dsse for several signatures");
    }
    if (model == null && predicate != PredicateType.GOVERNANCE) {
      throw CommandException.usage("--predicate " + cliName(predicate) + " needs --model");
    }
    List<SigningKey> keys = signingKeys(keyFiles);
    ManifestInput input = ManifestInput.read(services().codec(), manifestFile);
    Optional<ModelManifest> valid = input.requireValid(out(), err(), json());
    if (valid.isEmpty()) {
      return input.exitCode();
    }
    ModelManifest manifest = valid.get();
    if (model != null && !Files.exists(model, LinkOption.NOFOLLOW_LINKS)) {
      throw CommandException.usage(model + ": no such file or directory");
    }
    byte[] signed;
    try {
      signed = model != null
          ? Provenance.builder().build().signModel(model, manifest, keys, format, predicate)
          : signManifestOnly(manifest, keys);
    } catch (IOException e) {
      throw CommandException.usage(model + ": " + HashModelCommand.problem(e));
    } catch (GeneralSecurityException e) {
      throw CommandException.usage("cannot sign: " + e.getMessage());
    }
    VerifiedStatement statement = selfCheck(signed, keys);
    CliFiles.write(out, signed);
    if (model != null && insideModel(out, model) && !out.getFileName().toString().equals("model.sig")) {
      err().println("warning: " + out + " is inside the model directory and would count as a model file; "
          + "move it out or name it model.sig");
    }
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("out", out.toString());
      node.put("format", format.name().toLowerCase(Locale.ROOT));
      node.put("bytes", signed.length);
      node.setAll(VerifyCommand.toJson(statement));
      JsonOutput.print(out(), node);
    } else {
      out().println("signed: " + VerifyCommand.describe(statement) + " by " + String.join(", ", statement.keyIds())
          + " -> " + out);
    }
    return ExitCodes.OK;
  }

  /**
   * A governance statement whose subject is the manifest's first artifact, for a model that is not at hand.
   */
  private byte[] signManifestOnly(ModelManifest manifest, List<SigningKey> keys) throws GeneralSecurityException {
    Artifact artifact = manifest.artifacts().get(0);
    byte[] payload = InTotoStatements.statement(artifact.uri(), artifact.digest(), PredicateType.GOVERNANCE.uri(),
        InTotoStatements.governancePredicate(manifest));
    DsseEnvelope envelope = DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, payload, keys);
    return format == Provenance.Format.DSSE
        ? envelope.toJson()
        : SigstoreBundle.of(envelope, keys.get(0).verificationKey()).toJson();
  }

  /** Verifies what was just signed with the signers' own keys: it must verify before it is written. */
  private static VerifiedStatement selfCheck(byte[] signed, List<SigningKey> keys) {
    TrustRoot.Builder root = TrustRoot.builder();
    for (int i = 0; i < keys.size(); i++) {
      root.trust("signer " + (i + 1), keys.get(i).verificationKey());
    }
    try {
      return ProvenanceVerifier.builder().trustRoot(root.build()).threshold(keys.size()).build().verify(signed);
    } catch (ProvenanceVerificationException e) {
      throw new IllegalStateException("a freshly signed record does not verify", e);
    }
  }

  private static boolean insideModel(Path file, Path model) {
    Path dir = model.toAbsolutePath().normalize();
    return Files.isDirectory(model) && file.toAbsolutePath().normalize().startsWith(dir);
  }

  /**
   * Reads the private keys.
   *
   * @param files the PKCS#8 PEM files
   * @return the keys, in order
   * @throws CommandException (exit 2) if a file cannot be read, holds no supported private key, or repeats a key
   */
  private static List<SigningKey> signingKeys(List<Path> files) throws CommandException {
    List<SigningKey> keys = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path file : files) {
      SigningKey key;
      try {
        key = SigningKey.fromPkcs8Pem(CliFiles.readText(file));
      } catch (GeneralSecurityException e) {
        throw CommandException.usage(file + ": not a supported private key (unencrypted PKCS#8 PEM, Ed25519 or "
            + "P-256): " + e.getMessage());
      }
      Path earlier = seen.putIfAbsent(key.keyId(), file);
      if (earlier != null) {
        throw CommandException.usage(file + (earlier.equals(file) ? ": is given twice" : ": the same key as " + earlier)
            + "; give each key once");
      }
      keys.add(key);
    }
    return keys;
  }

  private static String cliName(PredicateType type) {
    return type.name().toLowerCase(Locale.ROOT).replace("slsa_provenance", "slsa").replace('_', '-');
  }

  /** Converts {@code --format} values, case-insensitively. */
  static final class FormatConverter implements ITypeConverter<Provenance.Format> {
    @Override
    public Provenance.Format convert(String value) {
      for (Provenance.Format f : Provenance.Format.values()) {
        if (f.name().equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new TypeConversionException("unknown format; use " + String.join(", ", new FormatNames()));
    }
  }

  /** The {@code --format} values, for help and shell completion. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Provenance.Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }

  /** Converts {@code --predicate} values, case-insensitively. */
  static final class PredicateConverter implements ITypeConverter<PredicateType> {
    @Override
    public PredicateType convert(String value) {
      for (PredicateType p : PredicateType.values()) {
        if (cliName(p).equalsIgnoreCase(value)) {
          return p;
        }
      }
      throw new TypeConversionException("unknown predicate; use " + String.join(", ", new PredicateNames()));
    }
  }

  /** The {@code --predicate} values, for help and shell completion. */
  static final class PredicateNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(PredicateType.values()).map(SignCommand::cliName).iterator();
    }
  }
}
