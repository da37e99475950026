package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.ModelHashingException;
import dev.modelgov.core.provenance.ResourceDigest;
import dev.modelgov.core.provenance.Serialization;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code governance hash-model MODEL}: prints the model's root digest, the identity OpenSSF model_signing gives a
 * model directory (SHA-256 of each file, sorted by path, then SHA-256 over those digests). With {@code --json} it also
 * lists every resource and how they were hashed. For internal use only; may change without notice.
 */
@Command(
    name = "hash-model",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Prints the root digest of a model directory (or single file), as OpenSSF model_signing computes it: "
          + "sha256:<hex> over the SHA-256 digests of its files, sorted by path.",
      "Ignored: .git/, .github/, .gitattributes, .gitignore and model.sig. Symbolic links are refused.",
      "With --json, every file (resource) and its digest, and the serialization, are listed too."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Digest printed.", "2:Usage error, or the model cannot be read or hashed."})
final class HashModelCommand extends ProvenanceCommand {

  @Parameters(paramLabel = "MODEL", arity = "1", description = "The model directory, or a single model file.")
  Path model;

  /** Picocli creates the command. */
  HashModelCommand() {}

  @Override
  int execute() throws CommandException {
    ModelHash hash = hash(model, ModelHasher.defaults());
    if (json()) {
      JsonOutput.print(out(), toJson(hash));
    } else {
      out().println(hash.rootDigest());
    }
    return ExitCodes.OK;
  }

  private ObjectNode toJson(ModelHash hash) {
    ObjectNode node = JsonOutput.object();
    node.put("model", model.toString());
    node.put("name", hash.modelName());
    node.put("digest", hash.rootDigest().toString());
    node.set("serialization", toJson(hash.serialization()));
    ArrayNode resources = node.putArray("resources");
    String algorithm = hash.serialization().resourceAlgorithm();
    for (ResourceDigest resource : hash.resources()) {
      resources.addObject()
          .put("name", resource.name())
          .put("algorithm", algorithm)
          .put("digest", resource.digest().toString());
    }
    return node;
  }

  private static ObjectNode toJson(Serialization serialization) {
    ObjectNode node = JsonOutput.object();
    node.put("method", serialization.method().wireName());
    node.put("hashType", serialization.hashType());
    node.put("allowSymlinks", serialization.allowSymlinks());
    node.set("ignorePaths", JsonOutput.strings(serialization.ignorePaths()));
    serialization.shardSize().ifPresent(size -> node.put("shardSize", size));
    return node;
  }

  /**
   * Hashes a model, reporting a missing, unreadable or refused model as one line.
   *
   * @param model the model directory or file
   * @param hasher the hasher
   * @return the hash
   * @throws CommandException (exit 2) if the model cannot be hashed
   */
  static ModelHash hash(Path model, ModelHasher hasher) throws CommandException {
    try {
      return hasher.hash(model);
    } catch (IOException e) {
      throw CommandException.usage(model + ": " + problem(e));
    }
  }

  /**
   * @param e why a model could not be hashed
   * @return the reason, for a {@code <model>: <reason>} line
   */
  static String problem(IOException e) {
    if (e instanceof ModelHashingException hashing) {
      return "cannot be hashed: " + hashing.getMessage();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    return CliFiles.readProblem(e);
  }
}
