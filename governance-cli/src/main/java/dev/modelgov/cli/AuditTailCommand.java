package dev.modelgov.cli;

import dev.modelgov.core.audit.AuditTailer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code governance audit tail --log DIR --format jsonl [--cursor FILE] [--follow] [--decrypt]}: prints the log's
 * records as OpenTelemetry-shaped JSON lines for a log collector, resuming from a cursor file. Reads the log without
 * the writer's lock. For internal use only; may change without notice.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Prints the log's records as JSON lines with OpenTelemetry log field names (timestamp, observed_timestamp, "
          + "severity_text, severity_number, event_name, body, attributes, resource), one per record, each under "
          + "16 KiB, for Fluentd, Fluent Bit or Loki. Every line carries attributes.audit.seq for deduplication.",
      "With --cursor it resumes where the last run stopped and saves the position after the lines are written "
          + "(at least once). Subjects stay pseudonyms and personal data stays encrypted unless --decrypt."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:Records printed.", "2:Usage error, or an unreadable log, cursor or privacy keys."})
final class AuditTailCommand extends AuditLogCommand {

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "jsonl",
      description = "The output format: jsonl (the only one so far).")
  String format;

  @Option(names = "--cursor", paramLabel = "FILE", description = "The cursor file: where to resume, saved after "
      + "each batch.")
  Path cursor;

  @Option(names = "--follow", description = "Keep polling the log for new records until interrupted.")
  boolean follow;

  @Option(
      names = "--interval",
      paramLabel = "MS",
      defaultValue = "1000",
      description = "With --follow, milliseconds between polls (default: ${DEFAULT-VALUE}).")
  long intervalMillis;

  @Option(
      names = "--decrypt",
      description = "Print personal data decrypted; only where the collector may hold personal data.")
  boolean decrypt;

  @Option(
      names = "--privacy",
      paramLabel = "DIR",
      description = "With --decrypt, the log's privacy keys (default: <log>/privacy).")
  Path privacyDir;

  @Option(
      names = "--resource",
      paramLabel = "KEY=VALUE",
      description = "A resource attribute of every line, such as service.name=scoring; repeatable.")
  Map<String, String> resource = new LinkedHashMap<>();

  /** Picocli creates the command. */
  AuditTailCommand() {}

  @Override
  int execute() throws CommandException {
    if (!format.equals("jsonl")) {
      throw CommandException.usage("--format: unknown format '" + format + "'; use jsonl");
    }
    if (intervalMillis < 1) {
      throw CommandException.usage("--interval must be at least 1 ms, was " + intervalMillis);
    }
    if (cursor != null) {
      Path parent = cursor.toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw CommandException.usage(cursor + ": cannot be written: no such directory");
      }
    }
    requireLog();
    AuditTailer.Builder builder = AuditTailer.builder(log).output(new LineWriterStream(out()));
    try {
      builder.resource(resource);
    } catch (IllegalArgumentException e) {
      throw CommandException.usage("--resource: " + message(e));
    }
    if (cursor != null) {
      builder.cursor(cursor);
    }
    if (decrypt) {
      builder.privacy(privacy(privacyDir, false)).decrypt(true);
    }
    AuditTailer tailer = builder.build();
    boolean interrupted = false;
    try {
      tailer.drain();
      while (follow) {
        try {
          Thread.sleep(intervalMillis);
          tailer.drain();
        } catch (InterruptedException | ClosedByInterruptException e) {
          // Stop following; file channels refuse to work for an interrupted thread, so clear the flag for the last
          // drain and restore it after.
          Thread.interrupted();
          interrupted = true;
          break;
        }
      }
      tailer.close();
    } catch (IOException e) {
      closeQuietly(tailer);
      throw CommandException.usage(log + ": " + message(e));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return ExitCodes.OK;
  }

  private static void closeQuietly(AuditTailer tailer) {
    try {
      tailer.close();
    } catch (IOException | RuntimeException e) {
      // The first failure is what gets reported.
    }
  }

  /**
   * Passes whole UTF-8 lines on to a writer (the tailer writes bytes; the command line writes characters).
   */
  static final class LineWriterStream extends OutputStream {

    private final PrintWriter writer;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);

    LineWriterStream(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      line.write(b);
      if (b == '\n') {
        emit();
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          line.write(b, start, i + 1 - start);
          emit();
          start = i + 1;
        }
      }
      line.write(b, start, off + len - start);
    }

    private void emit() {
      writer.write(line.toString(StandardCharsets.UTF_8));
      line.reset();
    }

    @Override
    public void flush() throws IOException {
      writer.flush();
      if (writer.checkError()) {
        throw new IOException("standard output cannot be written");
      }
    }
  }
}
