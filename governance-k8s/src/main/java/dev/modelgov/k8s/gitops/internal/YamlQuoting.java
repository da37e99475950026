package dev.modelgov.k8s.gitops.internal;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Leaves a YAML string unquoted only when every YAML 1.1 and 1.2 reader takes it as that string: it starts with a
 * letter, holds only letters, digits and {@code ._/@+-}, and is not a YAML 1.1 boolean or null ({@code y}, {@code
 * no}, {@code on}, {@code null}...). Everything else (numbers, versions, times, digests, anything with {@code :} or
 * {@code #}) is quoted. For internal use only; may change without notice.
 */
final class YamlQuoting extends StringQuotingChecker {

  private static final long serialVersionUID = 1L;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._/@+-]*");

  private static final Set<String> RESERVED =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf");

  private final StringQuotingChecker defaults = StringQuotingChecker.Default.instance();

  @Override
  public boolean needToQuoteName(String name) {
    return needsQuotes(name) || defaults.needToQuoteName(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return needsQuotes(value) || defaults.needToQuoteValue(value);
  }

  private static boolean needsQuotes(String s) {
    return !PLAIN.matcher(s).matches() || RESERVED.contains(s.toLowerCase(Locale.ROOT));
  }
}
