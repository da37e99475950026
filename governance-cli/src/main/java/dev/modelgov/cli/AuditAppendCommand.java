package dev.modelgov.cli;

import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLogException;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.core.audit.DurableAuditLog;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code governance audit append --log DIR [--key K.pem] [--origin O] [--mode sync|batched|async] [--privacy DIR]
 * (--event JSON | --events FILE.jsonl)}: appends events and prints one receipt per event, {@code
 * {"index":N,"leafHash":"sha256:..."}}, as soon as the log acknowledges it. A bad line stops the command with {@code
 * FILE:LINE: <field>: <message>} and exit 2; the events before it stay appended. For internal use only; may change
 * without notice.
 */
@Command(
    name = "append",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Appends events to the audit log (created if missing) and prints one receipt per event as a JSON line: "
          + "{\"index\":N,\"leafHash\":\"sha256:...\"}.",
      "An event is a JSON object with a type (prediction, deployment, policy.decision, approval, key.rotation, or a "
          + "namespaced custom type such as acme.feature_flag), the fields of that type, and optionally ts, subject, "
          + "personalData, attributes, traceId and spanId. Subjects are stored as pseudonyms and personal data "
          + "encrypted, with the keys in --privacy.",
      "A bad event stops the command with FILE:LINE: <field>: <message>; the events before it stay appended."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Every event appended.",
      "1:The log is tampered (it opened read-only).",
      "2:Usage error, a bad event, an unreadable input or key, or the log is locked by another writer."
    })
final class AuditAppendCommand extends AuditWriterCommand {

  /** The name of standard input for {@code --events}. */
  static final String STDIN = "-";

  @Option(
      names = "--origin",
      paramLabel = "ORIGIN",
      description = "The origin of a new log, such as bank.example/prod/scoring/audit (default: "
          + DurableAuditLog.DEFAULT_ORIGIN + "); an existing log keeps its own.")
  String origin;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "sync",
      converter = ModeConverter.class,
      completionCandidates = ModeNames.class,
      description = "When an append is acknowledged: sync (fsynced; the default), batched (written, fsynced within "
          + "10 ms) or async (queued).")
  Durability mode;

  @Option(
      names = "--privacy",
      paramLabel = "DIR",
      description = "The privacy keys that pseudonymize subjects and encrypt personal data (default: <log>/privacy, "
          + "created on first use).")
  Path privacyDir;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** Either one event or a file of events. */
  static final class Input {
    @Option(names = "--event", required = true, paramLabel = "JSON", description = "One event as JSON.")
    String event;

    @Option(
        names = "--events",
        required = true,
        paramLabel = "FILE.jsonl",
        description = "A file of events, one JSON object per line ('-' for standard input); blank lines are "
            + "skipped.")
    String events;
  }

  private DurableAuditLog opened;

  /** Picocli creates the command. */
  AuditAppendCommand() {}

  @Override
  int execute() throws CommandException {
    InputStream in = null;
    try {
      if (input.event != null) {
        appendLine("--event", 0, input.event.getBytes(StandardCharsets.UTF_8));
      } else {
        in = openEvents(input.events);
        appendAll(input.events, in);
      }
      if (opened != null) {
        DurableAuditLog log = opened;
        opened = null;
        close(log);
      }
      return ExitCodes.OK;
    } finally {
      if (opened != null) {
        closeQuietly(opened); // after a failure: what was appended stays, with a closing checkpoint
      }
      closeInput(in);
    }
  }

  /** Opens the log on the first event, so that a bad first line leaves no new log behind. */
  private DurableAuditLog log() throws CommandException {
    if (opened == null) {
      opened = open(true, origin, mode, () -> privacy(privacyDir, true));
    }
    return opened;
  }

  private InputStream openEvents(String file) throws CommandException {
    if (file.equals(STDIN)) {
      return new BufferedInputStream(System.in);
    }
    Path path = Path.of(file);
    if (Files.isDirectory(path)) {
      throw CommandException.usage(file + ": is a directory, not a file");
    }
    try {
      return new BufferedInputStream(Files.newInputStream(path), 64 * 1024);
    } catch (IOException e) {
      throw CommandException.usage(file + ": " + CliFiles.readProblem(e));
    }
  }

  private static void closeInput(InputStream in) {
    if (in == null) {
      return;
    }
    try {
      in.close();
    } catch (IOException e) {
      // Everything was read already.
    }
  }

  private void appendAll(String name, InputStream in) throws CommandException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    int number = 1;
    boolean tooLong = false;
    try {
      for (int b = in.read(); ; b = in.read()) {
        if (b == '\n' || b < 0) {
          if (tooLong) {
            throw CommandException.usage(name + ":" + number + ": the line is longer than "
                + AuditEventJson.MAX_EVENT_BYTES + " bytes");
          }
          byte[] bytes = line.toByteArray();
          int length = bytes.length;
          if (length > 0 && bytes[length - 1] == '\r') {
            length--;
          }
          if (!blank(bytes, length)) {
            appendLine(name, number, Arrays.copyOf(bytes, length));
          }
          if (b < 0) {
            return;
          }
          line.reset();
          number++;
        } else if (line.size() < AuditEventJson.MAX_EVENT_BYTES + 1) {
          line.write(b);
        } else {
          tooLong = true;
        }
      }
    } catch (IOException e) {
      throw CommandException.usage(name + ":" + number + ": " + CliFiles.readProblem(e));
    }
  }

  private static boolean blank(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte c = bytes[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Appends one event and prints its receipt; {@code number} 0 means the {@code --event} option. */
  private void appendLine(String name, int number, byte[] json) throws CommandException {
    String where = number == 0 ? name + ": " : name + ":" + number + ": ";
    AuditEvent event;
    try {
      event = AuditEventJson.parse(json);
    } catch (AuditEventJson.EventFormatException e) {
      throw CommandException.usage(where + e.describe());
    }
    AuditReceipt receipt;
    try {
      receipt = log().append(event);
    } catch (AuditLogException e) {
      if (e.reason() == AuditLogException.Reason.REJECTED) {
        String m = message(e);
        String prefix = AuditLogException.Reason.REJECTED + ": ";
        throw CommandException.usage(where + (m.startsWith(prefix) ? m.substring(prefix.length()) : m));
      }
      throw failed(e);
    } catch (IllegalArgumentException e) {
      throw CommandException.usage(where + message(e));
    } catch (UncheckedIOException e) {
      throw CommandException.usage(where + "the subject's key cannot be stored: " + message(e));
    }
    out().println(receipt.toJson());
    out().flush();
  }

  /** Converts {@code --mode} values, case-insensitively. */
  static final class ModeConverter implements ITypeConverter<Durability> {
    @Override
    public Durability convert(String value) {
      for (Durability d : Durability.values()) {
        if (d.name().equalsIgnoreCase(value)) {
          return d;
        }
      }
      throw new TypeConversionException("unknown mode; use " + String.join(", ", new ModeNames()));
    }
  }

  /** The {@code --mode} values, for help and shell completion. */
  static final class ModeNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Durability.values()).map(d -> d.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }
}
