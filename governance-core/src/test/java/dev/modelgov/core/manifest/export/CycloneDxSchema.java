package dev.modelgov.core.manifest.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.modelgov.core.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validates documents against the official CycloneDX JSON schemas saved in {@code shared/schemas/cyclonedx}, offline.
 *
 * <p>The BOM schemas refer to {@code spdx.schema.json}, {@code jsf-0.82.schema.json} and (1.7)
 * {@code cryptography-defs.schema.json} relative to their {@code $id} {@code http://cyclonedx.org/schema/}. The registry
 * is given the content of every file under its {@code $id} ({@code SchemaRegistry.Builder#schemas(Map)}), so nothing
 * is fetched from the network. Formats ({@code date-time}, {@code idn-email}, {@code iri-reference}) are asserted.
 */
final class CycloneDxSchema {

  static final String BASE = "http://cyclonedx.org/schema/";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, Schema> SCHEMAS = new HashMap<>();

  private CycloneDxSchema() {}

  static Path dir() {
    return TestFiles.shared().resolve("schemas/cyclonedx");
  }

  /**
   * @param version {@code 1.6} or {@code 1.7}
   * @return the compiled BOM schema
   */
  static synchronized Schema bom(String version) {
    return SCHEMAS.computeIfAbsent(
        version,
        v -> {
          Map<String, String> files = new HashMap<>();
          for (String f :
              List.of(
                  "bom-1.6.schema.json",
                  "bom-1.7.schema.json",
                  "spdx.schema.json",
                  "jsf-0.82.schema.json",
                  "cryptography-defs.schema.json")) {
            try {
              files.put(BASE + f, Files.readString(dir().resolve(f)));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          SchemaRegistry registry =
              SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b.schemas(files));
          return registry.getSchema(SchemaLocation.of(BASE + "bom-" + v + ".schema.json"));
        });
  }

  /**
   * @param bom the document
   * @param version {@code 1.6} or {@code 1.7}
   * @return one line per validation error; empty when valid
   */
  static List<String> errors(JsonNode bom, String version) {
    List<Error> errors = bom(version).validate(bom);
    return errors.stream().map(Error::toString).collect(Collectors.toList());
  }

  /**
   * Validates a 1.6 BOM against the 1.7 schema, after changing {@code specVersion} and {@code $schema} as a 1.7 tool
   * would.
   *
   * @param bom a 1.6 document
   * @return the errors
   */
  static List<String> errorsAs17(JsonNode bom) {
    ObjectNode copy = (ObjectNode) bom.deepCopy();
    copy.put("specVersion", "1.7");
    if (copy.has("$schema")) {
      copy.put("$schema", BASE + "bom-1.7.schema.json");
    }
    return errors(copy, "1.7");
  }

  static JsonNode read(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
