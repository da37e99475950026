package dev.modelgov.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

  private static final String HEX = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

  @Test
  void a_digest_is_sha256_with_64_lowercase_hex_digits() {
    Digest d = Digest.parse("sha256:" + HEX);
    assertThat(d.hex()).isEqualTo(HEX);
    assertThat(d).hasToString("sha256:" + HEX);
    assertThat(Digest.sha256(d.bytes())).isEqualTo(d);
    assertThat(d.matches(Digest.parse("sha256:" + HEX))).isTrue();
    assertThat(d.matches(Digest.parse("sha256:" + HEX.replace('2', '3')))).isFalse();
  }

  @Test
  void malformed_digests_are_rejected_with_the_reason() {
    assertThatThrownBy(() -> Digest.parse("sha256:" + HEX.toUpperCase()))
        .hasMessageContaining("not a lowercase hex digit at position 1");
    assertThatThrownBy(() -> Digest.parse("sha512:" + HEX)).hasMessageContaining("must be sha256");
    assertThatThrownBy(() -> Digest.parse(HEX)).hasMessageContaining("sha256:<64 lowercase hex digits>");
    assertThatThrownBy(() -> Digest.parse("sha256:abc")).hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> Digest.sha256(new byte[31])).hasMessageContaining("32 bytes");
  }

  @Test
  void model_ids_are_label_like_namespace_and_name() {
    ModelId id = ModelId.parse("risk/credit-scoring");
    assertThat(id.namespace()).isEqualTo("risk");
    assertThat(id).hasToString("risk/credit-scoring");
    assertThatThrownBy(() -> ModelId.parse("credit-scoring")).hasMessageContaining("namespace/name");
    assertThatThrownBy(() -> ModelId.parse("a/b/c")).hasMessageContaining("namespace/name");
    assertThatThrownBy(() -> ModelId.parse("Risk/x")).hasMessageContaining("namespace must be");
    assertThatThrownBy(() -> ModelId.parse("risk/-x")).hasMessageContaining("name must be");
  }

  @Test
  void images_must_be_pinned_by_digest_without_a_tag() {
    ImageRef img = ImageRef.parse("registry.example:5000/ml/train@sha256:" + HEX);
    assertThat(img.repository()).isEqualTo("registry.example:5000/ml/train");
    assertThat(img).hasToString("registry.example:5000/ml/train@sha256:" + HEX);
    assertThatThrownBy(() -> ImageRef.parse("registry.example/ml/train:latest")).hasMessageContaining("pinned by digest");
    assertThatThrownBy(() -> ImageRef.parse("registry.example/ml/train:1.0@sha256:" + HEX))
        .hasMessageContaining("must not carry a tag");
    assertThatThrownBy(() -> ImageRef.parse("Registry/ML@sha256:" + HEX)).hasMessageContaining("lowercase OCI name");
  }

  @Test
  void a_model_ref_names_coordinates_and_digest() {
    ModelRef ref = new ModelRef(ModelId.parse("risk/credit-scoring"), "2.4.0", Digest.parse("sha256:" + HEX));
    assertThat(ref.coordinates()).isEqualTo("risk/credit-scoring@2.4.0");
    assertThat(ref).hasToString("risk/credit-scoring@2.4.0 (sha256:" + HEX + ")");
    assertThatThrownBy(() -> new ModelRef(ref.id(), " ", ref.manifestDigest())).hasMessageContaining("version");
  }
}
