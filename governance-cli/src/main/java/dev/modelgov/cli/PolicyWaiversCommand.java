package dev.modelgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.policy.Waiver;
import dev.modelgov.core.policy.WaiverFiles;
import dev.modelgov.core.policy.WaiverFormatException;
import dev.modelgov.core.policy.WaiverResolver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code governance policy waivers [--expiring-within 14d] [--now INSTANT] FILE}: lists the waivers of a file by
 * expiry and marks those expired or expiring soon. Exits 0, or 1 when a listed waiver has already expired (so CI can
 * nag), 2 when the file is unreadable or invalid. For internal use only; may change without notice.
 */
@Command(
    name = "waivers",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Lists the waivers of a waiver file, earliest expiry first, marking EXPIRED and EXPIRING ones.",
      "An expired waiver no longer applies anywhere: renew it or remove it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:No listed waiver has expired.",
      "1:A listed waiver has expired.",
      "2:Usage error, or the file is unreadable or invalid."
    })
final class PolicyWaiversCommand extends ProvenanceCommand {

  @Option(
      names = "--expiring-within",
      paramLabel = "DURATION",
      defaultValue = "14d",
      converter = DurationConverter.class,
      description = "Mark waivers that expire within this time: 14d, 36h, 90m or ISO-8601 (default: "
          + "${DEFAULT-VALUE}).")
  Duration window;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      description = "Judge expiry at this instant, for example 2026-12-01T00:00:00Z (default: the current time).")
  String now;

  @Parameters(paramLabel = "FILE", arity = "1", description = "The waiver file (kind WaiverList), YAML or JSON.")
  Path file;

  /** Picocli creates the command. */
  PolicyWaiversCommand() {}

  @Override
  int execute() throws CommandException {
    Instant at = now();
    WaiverResolver resolver;
    try {
      resolver = WaiverResolver.builder().addAll(WaiverFiles.read(file)).build();
    } catch (WaiverFormatException e) {
      throw CommandException.usage(e.getMessage());
    } catch (IOException e) {
      throw CommandException.usage(file + ": " + CliFiles.readProblem(e));
    } catch (IllegalArgumentException e) {
      throw CommandException.usage(file + ": " + e.getMessage());
    }
    List<Waiver> expired = resolver.expired(at);
    Set<Waiver> expiring = new HashSet<>(resolver.expiringWithin(window, at));
    List<Waiver> all = new ArrayList<>(resolver.waivers());
    all.sort(Comparator.comparing(Waiver::expiresAt).thenComparing(Waiver::id));
    ArrayNode list = JsonOutput.array();
    for (Waiver w : all) {
      String status = expired.contains(w) ? "expired" : expiring.contains(w) ? "expiring" : "active";
      ObjectNode n = list.addObject();
      n.put("id", w.id());
      n.set("rules", JsonOutput.strings(List.copyOf(w.rules())));
      n.put("ticket", w.ticket());
      n.put("reason", w.reason());
      n.put("createdAt", w.createdAt().toString());
      n.put("expiresAt", w.expiresAt().toString());
      n.put("status", status);
      if (!json()) {
        String mark = switch (status) {
          case "expired" -> "  EXPIRED";
          case "expiring" -> "  EXPIRING in " + human(Duration.between(at, w.expiresAt()));
          default -> "";
        };
        out().println(w.id() + "  expires " + w.expiresAt() + "  " + String.join(",", w.rules()) + "  ticket "
            + w.ticket() + mark);
      }
    }
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("file", file.toString());
      node.put("now", at.toString());
      node.put("expiringWithin", window.toString());
      node.set("waivers", list);
      node.putObject("summary").put("total", all.size()).put("expired", expired.size())
          .put("expiring", expiring.size());
      JsonOutput.print(out(), node);
    } else {
      out().println(all.size() + " waivers: " + expired.size() + " expired, " + expiring.size() + " expiring within "
          + human(window));
    }
    for (Waiver w : expired) {
      err().println(file + ": waiver " + w.id() + " expired at " + w.expiresAt() + ": renew it or remove it");
    }
    return expired.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
  }

  private Instant now() {
    if (now == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(now.trim());
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(),
          "--now: expected an RFC 3339 UTC instant such as 2026-12-01T00:00:00Z");
    }
  }

  /**
   * A duration in the largest whole unit: {@code 3d}, {@code 5h}, {@code 12m}, or seconds.
   *
   * @param d the duration
   * @return the text
   */
  static String human(Duration d) {
    long s = d.getSeconds();
    if (s >= 86_400) {
      return (s / 86_400) + "d";
    }
    if (s >= 3_600) {
      return (s / 3_600) + "h";
    }
    if (s >= 60) {
      return (s / 60) + "m";
    }
    return s + "s";
  }

  /** Converts {@code 14d}, {@code 36h}, {@code 90m}, {@code 30s} or an ISO-8601 duration to a positive duration. */
  static final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([dhms])");

    @Override
    public Duration convert(String value) {
      String text = value.trim().toLowerCase(Locale.ROOT);
      Duration d;
      Matcher m = SHORT.matcher(text);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d = switch (m.group(2)) {
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofSeconds(n);
        };
      } else {
        try {
          d = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
          throw new TypeConversionException("expected a duration such as 14d, 36h, 90m or P14D");
        }
      }
      if (d.isZero() || d.isNegative()) {
        throw new TypeConversionException("the duration must be positive");
      }
      return d;
    }
  }
}
