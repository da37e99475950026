package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.manifest.ManifestFormatException;
import dev.modelgov.api.manifest.ManifestProblem;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.ManifestCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading one manifest file: valid, invalid (with every problem) or unreadable. Reports itself as one
 * line per problem on standard error, and as a JSON object. For internal use only; may change without notice.
 *
 * @param file the file as named on the command line
 * @param status whether the file was read and valid
 * @param manifest the manifest, present only when {@code status} is {@link Status#VALID}
 * @param problems every problem found; empty only when valid
 */
record ManifestInput(Path file, Status status, Optional<ModelManifest> manifest, List<ManifestProblem> problems) {

  /** What reading a manifest file gave. */
  enum Status {
    /** The file was read and holds a valid manifest. */
    VALID,
    /** The file was read but is not a valid manifest. */
    INVALID,
    /** The file could not be read at all. */
    UNREADABLE;

    /** @return the name used in JSON output */
    String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Copies the list. */
  ManifestInput {
    Objects.requireNonNull(file, "file must not be null");
    Objects.requireNonNull(status, "status must not be null");
    Objects.requireNonNull(manifest, "manifest must not be null");
    problems = List.copyOf(problems);
  }

  /**
   * Reads a manifest file, JSON or YAML by its extension. Never throws for bad input.
   *
   * @param codec the codec to read with
   * @param file the file
   * @return the outcome
   */
  static ManifestInput read(ManifestCodec codec, Path file) {
    if (Files.isDirectory(file)) {
      return unreadable(file, "is a directory, not a manifest file");
    }
    try {
      ModelManifest manifest = codec.read(file);
      return new ManifestInput(file, Status.VALID, Optional.of(manifest), List.of());
    } catch (ManifestFormatException e) {
      return new ManifestInput(file, Status.INVALID, Optional.empty(), e.problems());
    } catch (NoSuchFileException e) {
      return unreadable(file, "no such file");
    } catch (AccessDeniedException e) {
      return unreadable(file, "permission denied");
    } catch (FileSystemException e) {
      // The reason is the operating system's text, such as "Is a directory"; the other parts repeat the path.
      String reason = e.getReason();
      return unreadable(file, reason == null ? "cannot be read" : "cannot be read: " + lowerFirst(reason));
    } catch (IOException e) {
      return unreadable(file, "cannot be read: I/O error");
    }
  }

  private static ManifestInput unreadable(Path file, String message) {
    return new ManifestInput(file, Status.UNREADABLE, Optional.empty(), List.of(new ManifestProblem("", message)));
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }

  /** @return whether the file holds a valid manifest */
  boolean valid() {
    return status == Status.VALID;
  }

  /** @return 0 when valid, 1 when invalid, 2 when unreadable */
  int exitCode() {
    return switch (status) {
      case VALID -> ExitCodes.OK;
      case INVALID -> ExitCodes.INVALID;
      case UNREADABLE -> ExitCodes.USAGE;
    };
  }

  /**
   * Prints every problem, one line each: {@code <file>: <path>: <message>}, or {@code <file>: <message>} for a problem
   * with the document as a whole.
   *
   * @param err where to print
   */
  void reportProblems(PrintWriter err) {
    for (ManifestProblem p : problems) {
      err.println(p.path().isEmpty() ? file + ": " + p.message() : file + ": " + p.path() + ": " + p.message());
    }
  }

  /**
   * The outcome as JSON: {@code {"file", "valid", "status", "problems": [{"path", "message"}]}}.
   *
   * @return a new JSON object
   */
  ObjectNode toJson() {
    ObjectNode node = JsonOutput.object();
    node.put("file", file.toString());
    node.put("valid", valid());
    node.put("status", status.jsonName());
    ArrayNode list = node.putArray("problems");
    for (ManifestProblem p : problems) {
      list.addObject().put("path", p.path()).put("message", p.message());
    }
    return node;
  }

  /**
   * For a command that needs a valid manifest: reports the problems of an invalid or unreadable one (on standard
   * error, and as JSON on standard output when asked), and gives the manifest of a valid one.
   *
   * @param out standard output
   * @param err standard error
   * @param json whether JSON output was asked for
   * @return the manifest, or empty after the problems were reported
   */
  Optional<ModelManifest> requireValid(PrintWriter out, PrintWriter err, boolean json) {
    if (!valid()) {
      reportProblems(err);
      if (json) {
        JsonOutput.print(out, toJson());
      }
    }
    return manifest;
  }
}
