package dev.modelgov.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.modelgov.core.metrics.DriftBaseline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the data files of {@code governance metrics drift} into columns: a {@code double[]} per numeric feature (NaN
 * for a missing value) and a {@code String[]} per categorical feature ({@code null} for a missing value), the form
 * {@link dev.modelgov.core.metrics.DriftStatistics#compare} takes. For internal use only; may change without notice.
 *
 * <p>Two formats:
 *
 * <ul>
 *   <li>CSV (RFC 4180, read with Jackson's CSV parser): a header row of unique feature names, then one row per sample
 *       with as many cells as the header. An empty cell is a missing value.
 *   <li>JSON (a {@code .json} file, or any file that starts with an opening brace): an object of arrays, {@code
 *       {"feature": [values...]}}; a value is a number, a string, a boolean or {@code null} (missing). Arrays may
 *       differ in length. Duplicate keys are errors.
 * </ul>
 *
 * <p>In the baseline, a column is numeric when it holds at least one value and every value is a number (CSV: a
 * decimal number such as {@code -1.5e3}; JSON: a number); any other column is categorical. The current file is read
 * with the baseline's kinds: a numeric feature's values must be numbers, a categorical feature's values are taken as
 * text. Errors name the file, the line and the column, never the value (data may be personal).
 */
final class MetricsDriftData {

  /** The largest data file read. */
  static final int MAX_FILE_BYTES = 64 << 20;

  /** The most values in one file (rows × columns), which bounds the memory a file can take. */
  static final int MAX_VALUES = 20_000_000;

  /** The longest value, in characters. */
  static final int MAX_VALUE_CHARS = 4096;

  private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  /** Jackson's "(start marker at [Source: ...; line: L, column: C])", without the source part. */
  private static final Pattern START_MARKER =
      Pattern.compile("\\(start marker at \\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]\\)");

  private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNestingDepth(4)
      .maxStringLength(MAX_VALUE_CHARS)
      .maxNumberLength(100)
      .maxNameLength(DriftBaseline.MAX_NAME_LENGTH)
      .maxDocumentLength(MAX_FILE_BYTES)
      .build();

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(CONSTRAINTS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private static final CsvFactory CSV = CsvFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_VALUE_CHARS)
          .maxDocumentLength(MAX_FILE_BYTES).build())
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.TRIM_SPACES)
      .build();

  private MetricsDriftData() {}

  /**
   * Reads a baseline file, deciding each column's kind from its values.
   *
   * @param file the file
   * @return feature name to column ({@code double[]} or {@code String[]}), in file order
   * @throws CommandException (exit 2) naming the file, line and column of the first problem
   */
  static Map<String, Object> readBaseline(Path file) throws CommandException {
    Source source = source(file);
    // First pass: which columns are numeric. Second pass: the values, typed.
    List<String> names = source.names();
    boolean[] seen = new boolean[names.size()];
    boolean[] numeric = new boolean[names.size()];
    Arrays.fill(numeric, true);
    source.scan(cell -> {
      if (cell.text() != null) {
        seen[cell.column()] = true;
        numeric[cell.column()] &= cell.number();
      }
    });
    boolean[] kinds = new boolean[names.size()];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = seen[i] && numeric[i];
    }
    Map<String, Object> columns = source.read(kinds, null);
    for (Map.Entry<String, Object> e : columns.entrySet()) {
      if (length(e.getValue()) == 0) {
        throw CommandException.usage(file + ": " + source.columnWord() + " '" + e.getKey() + "' holds no values");
      }
    }
    return columns;
  }

  /**
   * Reads a current file with the baseline's kinds.
   *
   * @param file the file
   * @param baseline the baseline columns, from {@link #readBaseline(Path)}
   * @param notes receives a line for each column not in the baseline (ignored)
   * @return feature name to column, every baseline feature present
   * @throws CommandException (exit 2) naming the file, line and column of the first problem
   */
  static Map<String, Object> readCurrent(Path file, Map<String, Object> baseline, Consumer<String> notes)
      throws CommandException {
    Source source = source(file);
    List<String> names = source.names();
    for (String feature : baseline.keySet()) {
      if (!names.contains(feature)) {
        throw CommandException.usage(file + ": " + source.columnWord() + " '" + feature
            + "' of the baseline is missing");
      }
    }
    boolean[] kinds = new boolean[names.size()];
    for (int i = 0; i < kinds.length; i++) {
      Object column = baseline.get(names.get(i));
      if (column == null) {
        notes.accept(file + ": " + source.columnWord() + " '" + names.get(i) + "' is not in the baseline; ignored");
      }
      kinds[i] = column instanceof double[];
    }
    Map<String, Object> columns = source.read(kinds, "baseline");
    columns.keySet().retainAll(baseline.keySet());
    return columns;
  }

  /**
   * The number of values in the longest column.
   *
   * @param columns columns as read
   * @return the row count (0 for none)
   */
  static int rows(Map<String, Object> columns) {
    int rows = 0;
    for (Object c : columns.values()) {
      rows = Math.max(rows, length(c));
    }
    return rows;
  }

  private static int length(Object column) {
    return column instanceof double[] d ? d.length : ((String[]) column).length;
  }

  private static Source source(Path file) throws CommandException {
    byte[] bytes = CliFiles.readBytes(file, MAX_FILE_BYTES);
    int start = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      start = 3; // a UTF-8 byte order mark, as spreadsheet programs write
    }
    int first = start;
    while (first < bytes.length && Character.isWhitespace(bytes[first])) {
      first++;
    }
    if (first == bytes.length) {
      throw CommandException.usage(file + ": is empty");
    }
    boolean json = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".json")
        || bytes[first] == '{';
    byte[] content = start == 0 ? bytes : Arrays.copyOfRange(bytes, start, bytes.length);
    return json ? new JsonSource(file, content) : new CsvSource(file, content);
  }

  private static String describe(Path file, JsonProcessingException e) {
    String what = e.getOriginalMessage();
    int newline = what == null ? -1 : what.indexOf('\n');
    what = what == null ? "cannot be parsed" : newline >= 0 ? what.substring(0, newline) : what;
    what = START_MARKER.matcher(what).replaceAll("(opened at line $1, column $2)");
    JsonLocation loc = e.getLocation();
    String where = loc != null && loc.getLineNr() > 0 ? "line " + loc.getLineNr() + ", column " + loc.getColumnNr()
        + ": " : "";
    return file + ": " + where + what;
  }

  /**
   * One value as read.
   *
   * @param column the column index
   * @param index the value's index in its column
   * @param line the line it starts on
   * @param text its text, {@code null} when missing
   * @param number whether it is a number (JSON) or reads as one (CSV)
   * @param string whether it is a JSON string or boolean (for the error when a number was expected)
   */
  private record Cell(int column, int index, long line, String text, boolean number, boolean string) {}

  /** A problem found while scanning, carried out of a visitor. */
  private static final class Stop extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient CommandException problem;

    Stop(CommandException problem) {
      super(null, null, false, false);
      this.problem = problem;
    }
  }

  /** A parsed file: its column names, and a scan over its values. */
  private abstract static class Source {

    final Path file;
    final byte[] bytes;

    Source(Path file, byte[] bytes) {
      this.file = file;
      this.bytes = bytes;
    }

    /** @return the column names, in file order */
    abstract List<String> names() throws CommandException;

    /** @return how a column is called in messages */
    abstract String columnWord();

    /** Calls the visitor for every value. */
    abstract void scanValues(Consumer<Cell> visitor) throws CommandException;

    /** @return the location of a value in messages */
    abstract String where(Cell cell, String name);

    final void scan(Consumer<Cell> visitor) throws CommandException {
      try {
        scanValues(visitor);
      } catch (Stop stop) {
        throw stop.problem;
      }
    }

    /**
     * Reads the typed columns.
     *
     * @param numeric which columns are numeric
     * @param kindsFrom where the kinds come from, for messages ({@code null}: this file)
     * @return the columns
     */
    final Map<String, Object> read(boolean[] numeric, String kindsFrom) throws CommandException {
      List<String> names = names();
      int[] sizes = new int[names.size()];
      scan(cell -> sizes[cell.column()] = Math.max(sizes[cell.column()], cell.index() + 1));
      Object[] columns = new Object[names.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = numeric[i] ? new double[sizes[i]] : new String[sizes[i]];
      }
      scan(cell -> {
        Object column = columns[cell.column()];
        if (column instanceof double[] d) {
          if (cell.text() == null) {
            d[cell.index()] = Double.NaN;
            return;
          }
          double v = cell.number() ? Double.parseDouble(cell.text()) : Double.NaN;
          if (!cell.number() || !Double.isFinite(v)) {
            String name = names.get(cell.column());
            throw new Stop(CommandException.usage(file + ": " + where(cell, name) + ": "
                + (cell.number() ? "the number is out of range" : (cell.string() ? "a text value" : "the value")
                + " is not a number") + (kindsFrom == null ? "" : " (the " + kindsFrom + " column is numeric)")));
          }
          d[cell.index()] = v;
        } else {
          ((String[]) column)[cell.index()] = cell.text();
        }
      });
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < columns.length; i++) {
        out.put(names.get(i), columns[i]);
      }
      return out;
    }

    final CommandException problem(String message) {
      return CommandException.usage(file + ": " + message);
    }

    static String checkName(String name) {
      if (name.isBlank()) {
        return "is empty";
      }
      if (name.length() > DriftBaseline.MAX_NAME_LENGTH) {
        return "is longer than " + DriftBaseline.MAX_NAME_LENGTH + " characters";
      }
      return null;
    }
  }

  /** A CSV file with a header row. */
  private static final class CsvSource extends Source {

    private List<String> names;

    CsvSource(Path file, byte[] bytes) {
      super(file, bytes);
    }

    @Override
    String columnWord() {
      return "column";
    }

    @Override
    String where(Cell cell, String name) {
      return "line " + cell.line() + ", column '" + name + "'";
    }

    private CsvParser open() throws IOException {
      CsvParser parser = CSV.createParser(bytes);
      parser.setSchema(CsvSchema.emptySchema());
      return parser;
    }

    @Override
    List<String> names() throws CommandException {
      if (names == null) {
        try (CsvParser parser = open()) {
          List<String> header = new ArrayList<>();
          if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_ARRAY) {
            throw problem("has no header row");
          }
          Map<String, Integer> positions = new HashMap<>();
          for (JsonToken t = parser.nextToken(); t == JsonToken.VALUE_STRING; t = parser.nextToken()) {
            String name = parser.getText();
            int position = header.size() + 1;
            String bad = checkName(name);
            if (bad != null) {
              throw problem("line 1: the name of column " + position + " " + bad);
            }
            Integer earlier = positions.putIfAbsent(name, position);
            if (earlier != null) {
              throw problem("line 1: columns " + earlier + " and " + position + " are both named '" + name + "'");
            }
            header.add(name);
            if (header.size() > DriftBaseline.MAX_FEATURES) {
              throw problem("line 1: more than " + DriftBaseline.MAX_FEATURES + " columns");
            }
          }
          names = List.copyOf(header);
        } catch (JsonProcessingException e) {
          throw CommandException.usage(describe(file, e));
        } catch (IOException e) {
          throw problem("cannot be read: " + e.getClass().getSimpleName());
        }
      }
      return names;
    }

    @Override
    void scanValues(Consumer<Cell> visitor) throws CommandException {
      int width = names().size();
      long values = 0;
      try (CsvParser parser = open()) {
        parser.nextToken(); // the outer array
        skipRow(parser); // the header
        int index = 0;
        for (JsonToken t = parser.nextToken(); t == JsonToken.START_ARRAY; t = parser.nextToken()) {
          int column = 0;
          long line = -1;
          for (JsonToken v = parser.nextToken(); v == JsonToken.VALUE_STRING; v = parser.nextToken()) {
            if (line < 0) {
              line = parser.currentTokenLocation().getLineNr();
            }
            if (column >= width) {
              throw problem("line " + line + ": more cells than the " + width + " columns of the header");
            }
            String text = parser.getText();
            if (text.isEmpty()) {
              visitor.accept(new Cell(column, index, line, null, false, false));
            } else {
              visitor.accept(new Cell(column, index, line, text, NUMBER.matcher(text).matches(), true));
            }
            column++;
          }
          if (column < width) {
            throw problem("line " + line + ": " + column + (column == 1 ? " cell" : " cells") + ", but the header has "
                + width + " columns");
          }
          values += width;
          if (values > MAX_VALUES) {
            throw problem("line " + line + ": more than " + MAX_VALUES + " values");
          }
          index++;
        }
      } catch (JsonProcessingException e) {
        throw CommandException.usage(describe(file, e));
      } catch (IOException e) {
        throw problem("cannot be read: " + e.getClass().getSimpleName());
      }
    }

    private static void skipRow(CsvParser parser) throws IOException {
      if (parser.nextToken() == JsonToken.START_ARRAY) {
        JsonToken t = parser.nextToken();
        while (t == JsonToken.VALUE_STRING) {
          t = parser.nextToken();
        }
      }
    }
  }

  /** A JSON object of arrays. */
  private static final class JsonSource extends Source {

    private List<String> names;

    JsonSource(Path file, byte[] bytes) {
      super(file, bytes);
    }

    @Override
    String columnWord() {
      return "feature";
    }

    @Override
    String where(Cell cell, String name) {
      return "line " + cell.line() + ": feature '" + name + "' [" + cell.index() + "]";
    }

    @Override
    List<String> names() throws CommandException {
      if (names == null) {
        List<String> found = new ArrayList<>();
        scanJson(found, null);
        names = List.copyOf(found);
      }
      return names;
    }

    @Override
    void scanValues(Consumer<Cell> visitor) throws CommandException {
      scanJson(null, visitor);
    }

    private void scanJson(List<String> found, Consumer<Cell> visitor) throws CommandException {
      long values = 0;
      try (JsonParser parser = JSON.createParser(bytes)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw problem("must be a JSON object of arrays, {\"feature\": [values...]}");
        }
        int column = 0;
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
          String name = parser.currentName();
          long nameLine = parser.currentTokenLocation().getLineNr();
          if (found != null) {
            String bad = checkName(name);
            if (bad != null) {
              throw problem("line " + nameLine + ": feature name " + bad);
            }
            found.add(name);
            if (found.size() > DriftBaseline.MAX_FEATURES) {
              throw problem("line " + nameLine + ": more than " + DriftBaseline.MAX_FEATURES + " features");
            }
          }
          if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw problem("line " + nameLine + ": feature '" + name + "' must be an array of values");
          }
          int index = 0;
          for (JsonToken v = parser.nextToken(); v != JsonToken.END_ARRAY; v = parser.nextToken()) {
            long line = parser.currentTokenLocation().getLineNr();
            Cell cell = switch (v) {
              case VALUE_NULL -> new Cell(column, index, line, null, false, false);
              case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Cell(column, index, line, parser.getText(), true, false);
              case VALUE_STRING, VALUE_TRUE, VALUE_FALSE ->
                  new Cell(column, index, line, parser.getText(), false, true);
              default -> throw problem("line " + line + ": feature '" + name + "' [" + index
                  + "]: a value must be a number, a string, a boolean or null");
            };
            if (++values > MAX_VALUES) {
              throw problem("line " + line + ": more than " + MAX_VALUES + " values");
            }
            if (visitor != null) {
              visitor.accept(cell);
            }
            index++;
          }
          column++;
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
          throw problem("must be a JSON object of arrays, {\"feature\": [values...]}");
        }
      } catch (JsonProcessingException e) {
        throw CommandException.usage(describe(file, e));
      } catch (IOException e) {
        throw problem("cannot be read: " + e.getClass().getSimpleName());
      }
      if (found != null && found.isEmpty()) {
        throw problem("holds no feature");
      }
    }
  }
}
