package dev.modelgov.core.internal.json;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Leaves a YAML value unquoted only when it is plainly safe: Jackson's default check misses cases such as a colon
 * followed by a tab, which then read back as a mapping. For internal use only; may change without notice.
 */
final class SafeYamlQuoting extends StringQuotingChecker {

  private static final long serialVersionUID = 1L;

  /** Letters, digits and a few punctuation marks, starting with a letter or digit, no trailing blank. */
  private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._/@+,()=;-]*(?<! )");

  private final StringQuotingChecker defaults = StringQuotingChecker.Default.instance();

  @Override
  public boolean needToQuoteName(String name) {
    return defaults.needToQuoteName(name) || !PLAIN.matcher(name).matches();
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return defaults.needToQuoteValue(value) || !PLAIN.matcher(value).matches();
  }
}
