package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.InsecureKeyAccess;
import dev.modelgov.core.provenance.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code governance keygen --algorithm ed25519|ecdsa-p256 --out PREFIX [--force]}: generates a signing key pair,
 * {@code PREFIX.key.pem} (unencrypted PKCS#8, mode 600) and {@code PREFIX.pub.pem} (SPKI), and prints the key ID. For
 * internal use only; may change without notice.
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Generates a signing key pair: PREFIX.key.pem (PKCS#8 private key, readable by its owner only) and "
          + "PREFIX.pub.pem (SPKI public key), and prints the key ID (SHA-256 of the DER public key).",
      "The private key is not encrypted: keep it in a secret store. Existing files are kept unless --force is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Key pair written.", "2:Usage error, a file exists already, or a file cannot be written."})
final class KeygenCommand extends ProvenanceCommand {

  @Option(
      names = {"-a", "--algorithm"},
      required = true,
      paramLabel = "ALGORITHM",
      converter = AlgorithmConverter.class,
      completionCandidates = AlgorithmNames.class,
      description = "The signature algorithm: ${COMPLETION-CANDIDATES}.")
  KeyAlgorithm algorithm;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "PREFIX",
      description = "Where to write: PREFIX.key.pem and PREFIX.pub.pem.")
  String prefix;

  @Option(names = "--force", description = "Replace existing key files.")
  boolean force;

  /** Picocli creates the command. */
  KeygenCommand() {}

  @Override
  int execute() throws CommandException {
    if (prefix.isEmpty()) {
      throw CommandException.usage("--out must not be empty");
    }
    Path privateFile = Path.of(prefix + ".key.pem");
    Path publicFile = Path.of(prefix + ".pub.pem");
    for (Path file : new Path[] {privateFile, publicFile}) {
      if (force) {
        CliFiles.deleteIfExists(file);
      } else if (Files.exists(file) || Files.isSymbolicLink(file)) {
        throw CommandException.usage(file + ": already exists; use --force to replace it");
      }
    }
    SigningKey key = SigningKey.generate(algorithm.algorithm());
    CliFiles.createNew(privateFile,
        key.toPkcs8Pem(InsecureKeyAccess.get()).getBytes(StandardCharsets.US_ASCII), true);
    try {
      CliFiles.createNew(publicFile, key.verificationKey().toSpkiPem().getBytes(StandardCharsets.US_ASCII), false);
    } catch (CommandException e) {
      CliFiles.deleteQuietly(privateFile); // no private key without its public half
      throw e;
    }
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("algorithm", algorithm.cliName());
      node.put("keyid", key.keyId());
      node.put("privateKey", privateFile.toString());
      node.put("publicKey", publicFile.toString());
      JsonOutput.print(out(), node);
    } else {
      out().println(key.keyId());
    }
    return ExitCodes.OK;
  }

  /** The algorithms a key can be generated for, by their command-line names. */
  enum KeyAlgorithm {
    /** Ed25519. */
    ED25519("ed25519", SignatureAlgorithm.ED25519),
    /** ECDSA on P-256 with SHA-256. */
    ECDSA_P256("ecdsa-p256", SignatureAlgorithm.ECDSA_P256_SHA256);

    private final String cliName;
    private final SignatureAlgorithm algorithm;

    KeyAlgorithm(String cliName, SignatureAlgorithm algorithm) {
      this.cliName = cliName;
      this.algorithm = algorithm;
    }

    /** @return the command-line name */
    String cliName() {
      return cliName;
    }

    /** @return the signature algorithm */
    SignatureAlgorithm algorithm() {
      return algorithm;
    }
  }

  /** Converts {@code --algorithm} values, case-insensitively. */
  static final class AlgorithmConverter implements ITypeConverter<KeyAlgorithm> {
    @Override
    public KeyAlgorithm convert(String value) {
      String name = value.toLowerCase(Locale.ROOT);
      for (KeyAlgorithm a : KeyAlgorithm.values()) {
        if (a.cliName().equals(name)) {
          return a;
        }
      }
      throw new TypeConversionException("unknown algorithm; use " + String.join(", ", new AlgorithmNames()));
    }
  }

  /** The {@code --algorithm} values, for help and shell completion. */
  static final class AlgorithmNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(KeyAlgorithm.values()).map(KeyAlgorithm::cliName).iterator();
    }
  }
}
