package dev.modelgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Model directories, key pairs and signed envelopes for the provenance command tests, all made through the command
 * line itself (in-process).
 */
final class ProvenanceFixture {

  private final Path dir;

  /**
   * @param dir a temporary directory to work in
   */
  ProvenanceFixture(Path dir) {
    this.dir = dir;
  }

  /** @return the working directory */
  Path dir() {
    return dir;
  }

  /**
   * A small model directory with a nested file; the same content whatever its name.
   *
   * @param name the directory name
   * @return the directory
   */
  Path model(String name) {
    try {
      Path model = Files.createDirectories(dir.resolve(name));
      Files.createDirectories(model.resolve("weights"));
      Files.writeString(model.resolve("weights/model.bin"), "coefficients 0.42 -1.7 0.03", StandardCharsets.UTF_8);
      Files.writeString(model.resolve("config.json"), "{\"threshold\": 0.37}", StandardCharsets.UTF_8);
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A writable copy of an example manifest.
   *
   * @param example the file under examples/manifests
   * @return the copy
   */
  Path manifest(String example) {
    try {
      Path copy = dir.resolve(Path.of(example).getFileName());
      Files.writeString(copy, Files.readString(Path.of(Cli.example(example)), StandardCharsets.UTF_8),
          StandardCharsets.UTF_8);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Generates a key pair with {@code governance keygen}.
   *
   * @param algorithm {@code ed25519} or {@code ecdsa-p256}
   * @param name the file prefix, in the working directory
   * @return the pair
   */
  KeyPair keygen(String algorithm, String name) {
    Path prefix = dir.resolve(name);
    Cli.Result result = Cli.run("keygen", "--algorithm", algorithm, "--out", prefix.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    return new KeyPair(Path.of(prefix + ".key.pem"), Path.of(prefix + ".pub.pem"), result.out().strip());
  }

  /**
   * Signs with {@code governance sign} and expects success.
   *
   * @param out the output file name, in the working directory
   * @param args the other arguments
   * @return the output file
   */
  Path sign(String out, String... args) {
    Path file = dir.resolve(out);
    String[] all = new String[args.length + 3];
    all[0] = "sign";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--out";
    all[args.length + 2] = file.toString();
    Cli.Result result = Cli.run(all);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return file;
  }

  /**
   * A key pair on disk.
   *
   * @param privateKey the PKCS#8 PEM file
   * @param publicKey the SPKI PEM file
   * @param keyId the key ID keygen printed
   */
  record KeyPair(Path privateKey, Path publicKey, String keyId) {

    /** @return the private key file, as an argument */
    String key() {
      return privateKey.toString();
    }

    /** @return the public key file, as an argument */
    String pub() {
      return publicKey.toString();
    }
  }

  /**
   * The model_signing test vectors in {@code shared/vectors/provenance/model_signing}.
   *
   * @return the directory
   */
  static Path modelSigningVectors() {
    String property = System.getProperty("modelgov.shared");
    Path shared = property != null ? Path.of(property) : Cli.root().resolve("../shared");
    Path vectors = shared.resolve("vectors/provenance/model_signing").normalize();
    assertThat(vectors).as("the shared test vectors; set -Dmodelgov.shared").isDirectory();
    return vectors;
  }
}
