package dev.modelgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelgov.core.manifest.ManifestCodec;
import org.junit.jupiter.api.Test;

class SchemaCommandTest {

  @Test
  void prints_the_manifest_json_schema() throws Exception {
    // WHEN the schema is asked for
    Cli.Result result = Cli.run("manifest", "schema");
    // THEN it is the JSON Schema shipped in core, with its $id, and nothing goes to stderr
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    JsonNode schema = JsonMapper.builder().build().readTree(result.out());
    assertThat(schema.get("$id").asText()).isEqualTo("https://modelgov.dev/schemas/model-manifest-v1.schema.json");
    assertThat(schema.at("/properties/apiVersion/const").asText()).isEqualTo("modelgov.dev/v1");
    assertThat(result.out()).isEqualTo(ManifestCodec.jsonSchema());
  }
}
