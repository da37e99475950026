package dev.modelgov.cli;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Prints the report of {@code governance demo}: numbered steps, indented facts, and one closing line per step, {@code ✔}
 * or {@code ✘} on a terminal and {@code [OK]} or {@code [FAIL]} in plain ASCII otherwise; progress as a bar redrawn in
 * place on a terminal and as percentages in plain mode. For internal use only; may change without notice.
 *
 * <pre>{@code
 * DemoReport report = new DemoReport(out, DemoReport.Style.detect(false), 10);
 * report.step(1, "Create the model manifest");
 * report.fact("manifest", path.toString());
 * report.ok("manifest risk/credit-scoring 2.4.0 is valid");
 * }</pre>
 */
final class DemoReport {

  /** The marker of a step that succeeded, in plain mode. */
  static final String PLAIN_OK = "[OK]";

  /** The marker of a step that failed, in plain mode. */
  static final String PLAIN_FAIL = "[FAIL]";

  /** The marker of a step that succeeded, on a terminal. */
  static final String FANCY_OK = "\u2714";

  /** The marker of a step that failed, on a terminal. */
  static final String FANCY_FAIL = "\u2718";

  private static final String INDENT = "    ";
  private static final int BAR_WIDTH = 30;

  /** How the report looks. */
  enum Style {
    /** ASCII only, no escape sequences: for files, pipes and CI logs. */
    PLAIN,
    /** Colours, check marks and a progress bar redrawn in place: for a terminal. */
    FANCY;

    /**
     * Chooses the style of standard output: fancy only on a UTF-8 terminal, without {@code --no-color}, {@code
     * NO_COLOR} or {@code TERM=dumb}.
     *
     * @param noColor whether {@code --no-color} was given
     * @return the style
     */
    static Style detect(boolean noColor) {
      if (noColor || System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) {
        return PLAIN;
      }
      return interactiveTerminal() && utf8Output() ? FANCY : PLAIN;
    }

    private static boolean interactiveTerminal() {
      java.io.Console console = System.console();
      if (console == null) {
        return false;
      }
      // From Java 22 System.console() is not null for redirected output either; Console.isTerminal() tells.
      try {
        Method isTerminal = java.io.Console.class.getMethod("isTerminal");
        return Boolean.TRUE.equals(isTerminal.invoke(console));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return true; // Java 17 to 21: a console exists only for a terminal
      }
    }

    private static boolean utf8Output() {
      String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
      if (encoding == null) {
        return Charset.defaultCharset().equals(StandardCharsets.UTF_8);
      }
      try {
        return Charset.forName(encoding).equals(StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  private final PrintWriter out;
  private final Style style;
  private final int steps;

  /**
   * @param out where to print
   * @param style how
   * @param steps the number of steps, for the {@code [n/N]} headers
   */
  DemoReport(PrintWriter out, Style style, int steps) {
    this.out = Objects.requireNonNull(out, "out must not be null");
    this.style = Objects.requireNonNull(style, "style must not be null");
    this.steps = steps;
  }

  /** @return the style */
  Style style() {
    return style;
  }

  /**
   * The report's title.
   *
   * @param title the title
   * @param subtitle one line under it
   */
  void title(String title, String subtitle) {
    out.println(bold(title));
    out.println(subtitle);
    out.flush();
  }

  /**
   * Starts a step.
   *
   * @param number the step's number, from 1
   * @param title what it does
   */
  void step(int number, String title) {
    out.println();
    out.println(bold("[" + number + "/" + steps + "] " + title));
    out.flush();
  }

  /**
   * Starts an unnumbered section after the steps.
   *
   * @param title its title
   */
  void section(String title) {
    out.println();
    out.println(bold(title));
    out.flush();
  }

  /**
   * One fact of the current step, {@code name: value}.
   *
   * @param name what it is
   * @param value its value
   */
  void fact(String name, String value) {
    out.println(INDENT + dim(name + ":") + " " + value);
    out.flush();
  }

  /**
   * A line of the current step.
   *
   * @param text the line
   */
  void line(String text) {
    out.println(INDENT + text);
    out.flush();
  }

  /**
   * A line of the current step, indented one more level.
   *
   * @param text the line
   */
  void detail(String text) {
    out.println(INDENT + "  " + text);
    out.flush();
  }

  /**
   * A line that stands out, such as a denial or a firing alert.
   *
   * @param text the line
   */
  void highlight(String text) {
    out.println(INDENT + (style == Style.FANCY ? "\u001B[33m" + text + "\u001B[0m" : text));
    out.flush();
  }

  /**
   * The closing line of a step that succeeded.
   *
   * @param text the key facts
   * @param took how long the step took
   */
  void ok(String text, Duration took) {
    String marker = style == Style.FANCY ? "\u001B[32m" + FANCY_OK + "\u001B[0m" : PLAIN_OK;
    out.println("  " + marker + " " + text + " (" + seconds(took) + ")");
    out.flush();
  }

  /**
   * The closing line of a step that failed.
   *
   * @param text why
   */
  void fail(String text) {
    String marker = style == Style.FANCY ? "\u001B[31m" + FANCY_FAIL + "\u001B[0m" : PLAIN_FAIL;
    out.println("  " + marker + " " + text);
    out.flush();
  }

  /**
   * A progress indicator for {@code total} units of work, to be called with the number done so far (from any
   * thread). A bar redrawn in place on a terminal; in plain mode, one line of percentages that grows at every tenth.
   *
   * @param label what is counted, e.g. {@code requests}
   * @param total the units of work, at least 1
   * @return the callback
   */
  Progress progress(String label, int total) {
    return new Progress(label, Math.max(1, total));
  }

  /** A running progress indicator; {@link #done()} ends its line. */
  final class Progress implements IntConsumer {

    private final String label;
    private final int total;
    private int shownTenths = -1;
    private int shownPercent = -1;
    private boolean ended;

    private Progress(String label, int total) {
      this.label = label;
      this.total = total;
    }

    @Override
    public synchronized void accept(int done) {
      if (ended) {
        return;
      }
      int clamped = Math.max(0, Math.min(done, total));
      int percent = (int) (100L * clamped / total);
      if (style == Style.FANCY) {
        if (percent == shownPercent) {
          return;
        }
        shownPercent = percent;
        int filled = BAR_WIDTH * clamped / total;
        out.print("\r" + INDENT + "[" + "\u2588".repeat(filled) + "\u2591".repeat(BAR_WIDTH - filled) + "] "
            + String.format(Locale.ROOT, "%3d%%", percent) + " " + clamped + "/" + total + " " + label);
      } else {
        int tenths = percent / 10;
        if (tenths <= shownTenths) {
          return;
        }
        if (shownTenths < 0) {
          out.print(INDENT + label + ":");
        }
        for (int t = Math.max(shownTenths + 1, 1); t <= tenths; t++) {
          out.print(" " + (t * 10) + "%");
        }
        shownTenths = tenths;
      }
      out.flush();
    }

    /** Ends the progress line. */
    synchronized void done() {
      if (ended) {
        return;
      }
      ended = true;
      if (shownPercent >= 0 || shownTenths >= 0) {
        out.println();
        out.flush();
      }
    }
  }

  private String bold(String text) {
    return style == Style.FANCY ? "\u001B[1m" + text + "\u001B[0m" : text;
  }

  private String dim(String text) {
    return style == Style.FANCY ? "\u001B[2m" + text + "\u001B[0m" : text;
  }

  /**
   * A duration in seconds with one decimal, e.g. {@code 1.4 s}.
   *
   * @param d the duration
   * @return the text
   */
  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
