package dev.modelgov.k8s.posture.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Image references, model URIs, credential names and JSON Pointer escaping. */
class PostureHelpersTest {

  @Test
  void image_tags_ignore_registry_ports_and_digests() {
    assertThat(Images.tag("nginx")).isNull();
    assertThat(Images.tag("nginx:1.27")).isEqualTo("1.27");
    assertThat(Images.tag("registry.local:5000/ml/server")).isNull();
    assertThat(Images.tag("registry.local:5000/ml/server:2.0")).isEqualTo("2.0");
    assertThat(Images.tag("nginx:latest@sha256:" + "ab".repeat(32))).isEqualTo("latest");
    assertThat(Images.tag("ko://github.com/kserve/kserve/cmd/manager")).isNull();
  }

  @Test
  void only_a_well_formed_digest_pins() {
    assertThat(Images.pinnedByDigest("nginx@sha256:" + "0123456789abcdef".repeat(4))).isTrue();
    assertThat(Images.pinnedByDigest("nginx@sha256:" + "0123456789abcdef".repeat(4) + "0")).isFalse();
    assertThat(Images.pinnedByDigest("nginx@sha256:" + "0123456789ABCDEF".repeat(4))).isFalse();
    assertThat(Images.pinnedByDigest("nginx:sha256")).isFalse();
  }

  @Test
  void model_uris() {
    assertThat(ModelUris.pinned("oci://r/m@sha256:" + "ab".repeat(32))).isTrue();
    assertThat(ModelUris.pinned("hf://org/model:" + "ab".repeat(20))).isTrue();
    assertThat(ModelUris.pinned("hf://org/model:" + "ab".repeat(19))).isFalse();
    assertThat(ModelUris.pinned("s3://b/m?versionId=abc")).isTrue();
    assertThat(ModelUris.pinned("s3://b/m?versionId=")).isFalse();
    assertThat(ModelUris.pinned("gs://b/m/1.0/model")).isFalse();
    assertThat(PodChecks.withoutUserInfo("https://u:p@host/x@y")).isEqualTo("https://***@host/x@y");
    assertThat(PodChecks.withoutUserInfo("s3://bucket/m")).isEqualTo("s3://bucket/m");
  }

  @Test
  void credential_names_split_into_words() {
    assertThat(CredentialNames.words("awsSecretAccessKey")).containsExactly("aws", "secret", "access", "key");
    assertThat(CredentialNames.words("HF_HUB-token.v2")).containsExactly("hf", "hub", "token", "v2");
    for (String name : List.of("PASSWORD", "db.password", "X_API_KEY", "SigningKey", "BEARER", "MY_SECRETS")) {
      assertThat(CredentialNames.looksLikeCredential(name)).as(name).isTrue();
    }
    for (String name : List.of("SECRET_NAME", "TOKEN_URL", "KEY", "MONKEY", "CACHE_KEY", "TOKENIZER", "PWD",
        "credentials_path", "")) {
      assertThat(CredentialNames.looksLikeCredential(name)).as(name).isFalse();
    }
  }

  @Test
  void pointer_tokens_are_escaped() {
    assertThat(Pointers.child("/metadata/annotations", "a/b~c")).isEqualTo("/metadata/annotations/a~1b~0c");
    assertThat(Pointers.child("/x", 3)).isEqualTo("/x/3");
  }
}
