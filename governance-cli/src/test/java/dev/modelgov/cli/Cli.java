package dev.modelgov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelgov.core.manifest.ManifestCodec;
import dev.modelgov.core.manifest.export.ManifestExporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the command line in-process with captured output, and locates the example manifests. */
final class Cli {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Cli() {}

  /**
   * What one run of the command line gave.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   */
  record Result(int exitCode, String out, String err) {

    /** @return standard output parsed as JSON */
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("standard output is not JSON: " + out, e);
      }
    }
  }

  /**
   * Runs {@code governance args...} with the production services.
   *
   * @param args the arguments
   * @return the outcome
   */
  static Result run(String... args) {
    return run(new GovernanceCli.Services(ManifestCodec.defaults(), ManifestExporter.defaults()::export), args);
  }

  /**
   * Runs {@code governance args...} with other services.
   *
   * @param services the services
   * @param args the arguments
   * @return the outcome
   */
  static Result run(GovernanceCli.Services services, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GovernanceCli.run(services, new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** @return the repository root */
  static Path root() {
    String property = System.getProperty("modelgov.root");
    if (property != null && Files.isDirectory(Path.of(property, "examples", "manifests"))) {
      return Path.of(property);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples/manifests"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root; set -Dmodelgov.root");
  }

  /**
   * @param name a file under examples/manifests, such as {@code invalid/truncated.json}
   * @return its path, as a string for the command line
   */
  static String example(String name) {
    return root().resolve("examples/manifests").resolve(name).toString();
  }
}
