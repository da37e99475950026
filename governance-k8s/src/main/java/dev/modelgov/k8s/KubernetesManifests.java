package dev.modelgov.k8s;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads Kubernetes manifests (YAML, multi-document, or JSON) as fabric8 model objects: typed classes for the kinds
 * fabric8 knows ({@code Deployment}, {@code NetworkPolicy}...), {@code GenericKubernetesResource} for the rest (KServe
 * {@code InferenceService}, {@code PrometheusRule}...). A {@code List} (or {@code *List}) document yields its items.
 * Empty documents are skipped.
 *
 * <p>Reading is strict: duplicate keys, documents without {@code apiVersion} or {@code kind}, fields of the wrong type
 * and objects without metadata (such as an {@code AdmissionReview}) are errors, reported as one {@link
 * ManifestLoadException} naming the file, the document and the line. Limits: {@value #MAX_FILE_BYTES} bytes and
 * {@value #MAX_DOCUMENTS} documents per file, nesting depth {@value #MAX_DEPTH}, and {@value #MAX_FILES} files per
 * directory.
 *
 * <pre>{@code
 * List<HasMetadata> objects = KubernetesManifests.load(Path.of("deploy/"));   // every *.yaml, *.yml, *.json below
 * List<HasMetadata> one = KubernetesManifests.parse(yamlText, "inline.yaml");
 * }</pre>
 */
public final class KubernetesManifests {

  /** The largest file read: 16 MiB. */
  public static final int MAX_FILE_BYTES = 16 << 20;

  /** The most documents (and List items) in one file. */
  public static final int MAX_DOCUMENTS = 10_000;

  /** The deepest nesting of mappings and sequences. */
  public static final int MAX_DEPTH = 100;

  /** The most manifest files in one directory tree. */
  public static final int MAX_FILES = 10_000;

  private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNestingDepth(MAX_DEPTH)
      .maxStringLength(MAX_FILE_BYTES)
      .maxNumberLength(1000)
      .maxNameLength(50_000)
      .maxDocumentLength(MAX_FILE_BYTES)
      .build();

  private static final ObjectMapper YAML = strict(new YAMLMapper(YAMLFactory.builder()
      .loaderOptions(loaderOptions())
      .streamReadConstraints(CONSTRAINTS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build()));

  private static final ObjectMapper JSON = strict(JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(CONSTRAINTS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build()).build());

  private KubernetesManifests() {}

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_FILE_BYTES);
    return options;
  }

  private static ObjectMapper strict(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    return mapper;
  }

  /** fabric8's serialization, built once: it scans the model classes for kinds. */
  private static final class Serialization {
    static final KubernetesSerialization INSTANCE = new KubernetesSerialization();
  }

  /**
   * Loads one file, or every {@code *.yaml}, {@code *.yml} and {@code *.json} file below a directory in path order.
   * Hidden files and directories (names starting with {@code .}) are skipped; symbolic links to directories are not
   * followed, and a link to a file outside the directory is an error. A file given by name is read whatever its
   * extension ({@code .json} as JSON, anything else as YAML).
   *
   * @param fileOrDirectory a manifest file or a directory, must not be {@code null}
   * @return the objects, file by file and document by document
   * @throws ManifestLoadException if a file cannot be read or holds an invalid document, naming it
   */
  public static List<HasMetadata> load(Path fileOrDirectory) throws ManifestLoadException {
    Objects.requireNonNull(fileOrDirectory, "fileOrDirectory must not be null");
    if (Files.isDirectory(fileOrDirectory)) {
      List<HasMetadata> objects = new ArrayList<>();
      for (Path file : files(fileOrDirectory)) {
        objects.addAll(parse(read(file), file.toString()));
      }
      return objects;
    }
    return parse(read(fileOrDirectory), fileOrDirectory.toString());
  }

  /**
   * Parses manifest text.
   *
   * @param content the text: YAML with any number of documents, or JSON when {@code sourceName} ends in {@code .json};
   *     must not be {@code null}
   * @param sourceName names the source in errors, for example the file name; must not be {@code null}
   * @return the objects, document by document
   * @throws ManifestLoadException if the text is too large, malformed, or holds a document that is not a Kubernetes
   *     object
   */
  public static List<HasMetadata> parse(String content, String sourceName) throws ManifestLoadException {
    Objects.requireNonNull(content, "content must not be null");
    Objects.requireNonNull(sourceName, "sourceName must not be null");
    if (content.length() > MAX_FILE_BYTES / 3 && utf8Length(content) > MAX_FILE_BYTES) {
      throw new ManifestLoadException(sourceName, 0, 0, 0, "is larger than " + MAX_FILE_BYTES + " bytes", null);
    }
    if (!content.isEmpty() && content.charAt(0) == '\uFEFF') {
      content = content.substring(1);
    }
    boolean json = sourceName.toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? JSON : YAML;
    List<HasMetadata> objects = new ArrayList<>();
    int documents = 0;
    try (JsonParser parser = mapper.createParser(content)) {
      int index = 0;
      while (true) {
        index++;
        JsonToken token;
        JsonNode node;
        JsonLocation start;
        try {
          token = parser.nextToken();
          if (token == null) {
            break;
          }
          if (json && index > 1) {
            throw new ManifestLoadException(sourceName, index, parser.currentTokenLocation().getLineNr(),
                parser.currentTokenLocation().getColumnNr(), "trailing content after the JSON document", null);
          }
          start = parser.currentTokenLocation();
          node = mapper.readTree(parser);
        } catch (JsonProcessingException e) {
          throw syntaxError(sourceName, index, e);
        }
        if (node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isEmpty())) {
          continue; // an empty document (Jackson reads some as an empty string)
        }
        documents++;
        objects.addAll(objects(node, sourceName, index, start.getLineNr(), start.getColumnNr()));
        if (documents > MAX_DOCUMENTS || objects.size() > MAX_DOCUMENTS) {
          throw new ManifestLoadException(sourceName, index, 0, 0,
              "has more than " + MAX_DOCUMENTS + " documents or List items", null);
        }
      }
    } catch (IOException e) {
      if (e instanceof JsonProcessingException p) {
        throw syntaxError(sourceName, 0, p);
      }
      throw new ManifestLoadException(sourceName, 0, 0, 0, "cannot be parsed: " + e.getClass().getSimpleName(), e);
    } catch (RuntimeException e) {
      // SnakeYAML reports some limits (aliases, code points) unchecked; name the limit, never the content.
      throw new ManifestLoadException(sourceName, 0, 0, 0,
          "cannot be parsed: " + firstLine(e.getMessage()), e);
    } catch (StackOverflowError e) {
      throw new ManifestLoadException(sourceName, 0, 0, 0, "is nested too deeply (limit " + MAX_DEPTH + ")", null);
    }
    return objects;
  }

  private static List<HasMetadata> objects(JsonNode node, String source, int index, int line, int column)
      throws ManifestLoadException {
    String kind = requireText(node, "kind", "", source, index, line, column);
    requireText(node, "apiVersion", "", source, index, line, column);
    JsonNode items = node.get("items");
    if ((kind.equals("List") || kind.endsWith("List")) && items != null) {
      if (!items.isArray()) {
        throw new ManifestLoadException(source, index, line, column, "/items: expected a list of objects", null);
      }
      List<HasMetadata> objects = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        String prefix = "/items/" + i;
        if (!item.isObject()) {
          throw new ManifestLoadException(source, index, line, column, prefix + ": expected a Kubernetes object",
              null);
        }
        requireText(item, "kind", prefix, source, index, line, column);
        requireText(item, "apiVersion", prefix, source, index, line, column);
        objects.add(convert(item, prefix, source, index, line, column));
      }
      return objects;
    }
    return List.of(convert(node, "", source, index, line, column));
  }

  private static String requireText(JsonNode node, String field, String prefix, String source, int index, int line,
      int column) throws ManifestLoadException {
    if (!node.isObject()) {
      throw new ManifestLoadException(source, index, line, column,
          "expected a Kubernetes object (a mapping with apiVersion and kind), found " + describe(node), null);
    }
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new ManifestLoadException(source, index, line, column, prefix + (prefix.isEmpty() ? "" : ": ") + field
          + " is missing", null);
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new ManifestLoadException(source, index, line, column, prefix + "/" + field
          + ": expected a non-empty string, found " + describe(value), null);
    }
    return value.asText();
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "a mapping";
      case STRING -> node.asText().isBlank() ? "an empty string" : "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> "null";
    };
  }

  private static HasMetadata convert(JsonNode node, String prefix, String source, int index, int line, int column)
      throws ManifestLoadException {
    JsonNode metadata = node.get("metadata");
    if (metadata != null && !metadata.isObject()) {
      throw new ManifestLoadException(source, index, line, column, prefix + "/metadata: expected a mapping, found "
          + describe(metadata), null);
    }
    Object object;
    try {
      object = Serialization.INSTANCE.convertValue(node, KubernetesResource.class);
    } catch (IllegalArgumentException e) {
      throw new ManifestLoadException(source, index, line, column, prefix + mappingProblem(e), e);
    }
    if (!(object instanceof HasMetadata hasMetadata)) {
      throw new ManifestLoadException(source, index, line, column, (prefix.isEmpty() ? "" : prefix + ": ") + "kind "
          + node.get("kind").asText() + " (" + node.get("apiVersion").asText()
          + ") is not a Kubernetes object with metadata", null);
    }
    return hasMetadata;
  }

  /** The JSON Pointer and expected type of a mapping error, without the value found. */
  private static String mappingProblem(IllegalArgumentException e) {
    StringBuilder pointer = new StringBuilder();
    String expected = "";
    if (e.getCause() instanceof JsonMappingException m) {
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          pointer.append('/').append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
        } else if (r.getIndex() >= 0) {
          pointer.append('/').append(r.getIndex());
        }
      }
      if (m instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
        expected = " (expected " + mismatch.getTargetType().getSimpleName() + ")";
      }
    }
    return pointer + ": has the wrong type" + expected;
  }

  private static ManifestLoadException syntaxError(String source, int index, JsonProcessingException e) {
    int line = 0;
    int column = 0;
    String problem;
    if (e.getCause() instanceof MarkedYAMLException y) {
      String context = y.getContext();
      problem = (context == null || context.isBlank() ? "" : context.trim() + ": ") + firstLine(y.getProblem());
      Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
      if (mark != null) {
        line = mark.getLine() + 1;
        column = mark.getColumn() + 1;
      }
    } else {
      problem = firstLine(e.getOriginalMessage());
      if (e instanceof StreamConstraintsException) {
        int from = problem.indexOf(", from `");
        problem = "limit exceeded: " + (from > 0 ? problem.substring(0, from) + ")" : problem);
      }
    }
    if (line == 0 && e.getLocation() != null && e.getLocation() != JsonLocation.NA) {
      line = Math.max(e.getLocation().getLineNr(), 0);
      column = Math.max(e.getLocation().getColumnNr(), 0);
    }
    return new ManifestLoadException(source, Math.max(index, 1), line, column, problem, e);
  }

  private static String firstLine(String s) {
    if (s == null || s.isBlank()) {
      return "malformed document";
    }
    String trimmed = s.strip();
    int nl = trimmed.indexOf('\n');
    String line = nl < 0 ? trimmed : trimmed.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static String read(Path file) throws ManifestLoadException {
    String source = file.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new ManifestLoadException(source, 0, 0, 0, "is a directory", null);
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ManifestLoadException(source, 0, 0, 0, "is larger than " + MAX_FILE_BYTES + " bytes", null);
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
    } catch (NoSuchFileException e) {
      throw new ManifestLoadException(source, 0, 0, 0, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new ManifestLoadException(source, 0, 0, 0, "permission denied", e);
    } catch (IOException e) {
      throw new ManifestLoadException(source, 0, 0, 0, "cannot be read: " + e.getClass().getSimpleName(), e);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new ManifestLoadException(source, 0, 0, 0, "is larger than " + MAX_FILE_BYTES + " bytes", null);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ManifestLoadException(source, 0, 0, 0, "is not UTF-8 text", e);
    }
  }

  private static List<Path> files(Path directory) throws ManifestLoadException {
    Path root;
    try {
      root = directory.toRealPath();
    } catch (IOException e) {
      throw new ManifestLoadException(directory.toString(), 0, 0, 0, "cannot be read: " + e.getClass().getSimpleName(),
          e);
    }
    List<Path> files = new ArrayList<>();
    List<ManifestLoadException> problems = new ArrayList<>(1);
    try {
      Files.walkFileTree(directory, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(directory) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (hidden(file) || !manifest(file)) {
            return FileVisitResult.CONTINUE;
          }
          if (attrs.isSymbolicLink()) {
            try {
              Path target = file.toRealPath();
              if (!target.startsWith(root)) {
                problems.add(new ManifestLoadException(file.toString(), 0, 0, 0,
                    "is a symbolic link to a file outside " + directory + "; not followed", null));
                return FileVisitResult.TERMINATE;
              }
              if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                return FileVisitResult.CONTINUE;
              }
            } catch (IOException e) {
              problems.add(new ManifestLoadException(file.toString(), 0, 0, 0, "is a broken symbolic link", e));
              return FileVisitResult.TERMINATE;
            }
          } else if (!attrs.isRegularFile()) {
            return FileVisitResult.CONTINUE;
          }
          files.add(file);
          if (files.size() > MAX_FILES) {
            problems.add(new ManifestLoadException(directory.toString(), 0, 0, 0,
                "holds more than " + MAX_FILES + " manifest files", null));
            return FileVisitResult.TERMINATE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          problems.add(new ManifestLoadException(file.toString(), 0, 0, 0,
              e instanceof AccessDeniedException ? "permission denied" : "cannot be read: "
                  + e.getClass().getSimpleName(), e));
          return FileVisitResult.TERMINATE;
        }
      });
    } catch (IOException e) {
      throw new ManifestLoadException(directory.toString(), 0, 0, 0, "cannot be read: " + e.getClass().getSimpleName(),
          e);
    }
    if (!problems.isEmpty()) {
      throw problems.get(0);
    }
    files.sort(Comparator.comparing(Path::toString));
    return files;
  }

  private static boolean hidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private static boolean manifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static long utf8Length(String s) {
    long length = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        length++;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }
}
