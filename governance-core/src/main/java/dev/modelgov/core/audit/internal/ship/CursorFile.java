package dev.modelgov.core.audit.internal.ship;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.core.audit.internal.store.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The tailer's cursor file: {@code {"next":N,"origin":"..."}} and a newline, the index of the next record to ship and
 * the log it belongs to, replaced atomically (temp file, fsync, rename, directory fsync). For internal use only; may
 * change without notice.
 */
public final class CursorFile {

  private static final int MAX_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final Path file;

  /**
   * @param file the cursor file; its directory must exist
   */
  public CursorFile(Path file) {
    this.file = Objects.requireNonNull(file, "file must not be null").toAbsolutePath();
  }

  /**
   * @return the cursor file
   */
  public Path file() {
    return file;
  }

  /**
   * Reads the cursor.
   *
   * @param origin the origin of the log being shipped
   * @return the next index to ship; 0 when the file does not exist
   * @throws IOException if the file cannot be read, is malformed, or belongs to a log of another origin
   */
  public long read(String origin) throws IOException {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IOException(file + ": cursor file is larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": cursor file is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IOException(file + ": cursor file is not a JSON object");
    }
    JsonNode next = node.get("next");
    if (next == null || !next.isIntegralNumber() || !next.canConvertToLong() || next.longValue() < 0) {
      throw new IOException(file + ": cursor file: next must be an index >= 0");
    }
    JsonNode stored = node.get("origin");
    if (stored == null || !stored.isTextual()) {
      throw new IOException(file + ": cursor file: origin must be a string");
    }
    if (!stored.textValue().equals(origin)) {
      throw new IOException(file + ": the cursor belongs to the log of origin " + stored.textValue() + ", not "
          + origin + "; delete it to ship this log from the start");
    }
    return next.longValue();
  }

  /**
   * Replaces the cursor atomically and durably.
   *
   * @param origin the log's origin
   * @param next the next index to ship
   * @throws IOException if the file cannot be written
   */
  public void write(String origin, long next) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("next", next);
    node.put("origin", origin);
    byte[] json = (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    Layout.writeAtomically(file, json);
  }
}
