package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.core.manifest.export.ExportFormat;
import dev.modelgov.core.manifest.export.ExportResult;
import dev.modelgov.core.manifest.export.LostField;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code governance manifest export --format F [--out FILE] FILE}: exports a manifest to CycloneDX, SPDX or a model
 * card. The document goes to standard output (or {@code --out}); each manifest field the format cannot hold is listed
 * on standard error as {@code lost: <path>: <reason>}. For internal use only; may change without notice.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Exports a manifest to CycloneDX 1.6 ML-BOM, SPDX 3.0.1 or a Markdown model card.",
      "Fields the format cannot hold are listed on standard error: lost: <path>: <reason>.",
      "With --json, standard output is one JSON object; the document is its \"content\" unless --out is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Exported.",
      "1:The manifest is invalid.",
      "2:Usage error, unreadable input or unwritable output."
    })
final class ExportCommand extends SingleManifestCommand {

  @Option(
      names = {"-f", "--format"},
      required = true,
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      completionCandidates = FormatNames.class,
      description = "The target format: ${COMPLETION-CANDIDATES}.")
  ExportFormat format;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write the document to this file instead of standard output.")
  Path out;


  /** Picocli creates the command. */
  ExportCommand() {}

  @Override
  int run(ModelManifest manifest) {
    ExportResult result = services().exporter().export(manifest, format);
    byte[] content = result.content();
    if (this.out != null) {
      Optional<String> failure = write(this.out, content);
      if (failure.isPresent()) {
        err().println(this.out + ": " + failure.get());
        return ExitCodes.USAGE;
      }
    }
    if (json()) {
      JsonOutput.print(out(), toJson(result, content.length));
    } else if (this.out == null) {
      String text = result.text();
      out().print(text);
      if (!text.isEmpty() && !text.endsWith("\n")) {
        out().println();
      }
      out().flush();
    }
    for (LostField lost : result.lostFields()) {
      err().println("lost: " + lost.path() + ": " + lost.reason());
    }
    return ExitCodes.OK;
  }

  private ObjectNode toJson(ExportResult result, int bytes) {
    ObjectNode node = JsonOutput.object();
    node.put("file", file.toString());
    node.put("format", result.format().cliName());
    if (this.out == null) {
      node.putNull("out");
    } else {
      node.put("out", this.out.toString());
    }
    node.put("bytes", bytes);
    ArrayNode lost = node.putArray("lost");
    for (LostField field : result.lostFields()) {
      lost.addObject().put("path", field.path()).put("reason", field.reason());
    }
    if (this.out == null) {
      node.put("content", result.text());
    }
    return node;
  }

  /**
   * Writes the document, replacing any file there.
   *
   * @return why it could not be written, or empty when it was
   */
  private static Optional<String> write(Path target, byte[] content) {
    if (Files.isDirectory(target)) {
      return Optional.of("is a directory, not a file");
    }
    try {
      Files.write(target, content);
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.of("cannot be written: no such directory");
    } catch (AccessDeniedException e) {
      return Optional.of("cannot be written: permission denied");
    } catch (FileSystemException e) {
      return Optional.of(e.getReason() == null ? "cannot be written" : "cannot be written: " + e.getReason());
    } catch (IOException e) {
      return Optional.of("cannot be written: I/O error");
    }
  }

  /** Converts {@code --format} values, case-insensitively. */
  static final class FormatConverter implements ITypeConverter<ExportFormat> {
    @Override
    public ExportFormat convert(String value) {
      try {
        return ExportFormat.fromCliName(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("unknown export format; use " + String.join(", ", new FormatNames()));
      }
    }
  }

  /** The {@code --format} values, for help and shell completion. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ExportFormat.values()).map(ExportFormat::cliName).iterator();
    }
  }
}
