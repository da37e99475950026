package dev.modelgov.core.audit.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.Digest;
import dev.modelgov.core.audit.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The C2SP tlog-checkpoint body: exact format and strict parsing. */
class CheckpointTest {

  private static final String ROOT_B64 = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";
  private static final Digest ROOT =
      new Digest("sha256", "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  @Test
  void body_is_origin_size_root_and_extensions_each_ending_in_newline() {
    // GIVEN a checkpoint with two extension lines
    Checkpoint cp = new Checkpoint("example.com/log", 8, ROOT, List.of("ext one", "— two"));

    // WHEN its body is written and parsed back
    String body = cp.body();

    // THEN it has the exact C2SP form and round-trips
    assertThat(body).isEqualTo("example.com/log\n8\n" + ROOT_B64 + "\next one\n— two\n");
    assertThat(Checkpoint.parse(body)).isEqualTo(cp);
    assertThat(Checkpoint.parse(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(cp);
  }

  @Test
  void size_zero_and_the_largest_size_are_accepted() {
    assertThat(Checkpoint.parse("o\n0\n" + ROOT_B64 + "\n").treeSize()).isZero();
    assertThat(Checkpoint.parse("o\n9223372036854775807\n" + ROOT_B64 + "\n").treeSize()).isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // nothing
        "o\n", // missing lines
        "o\n8\n", // missing root
        "o\n8\nROOT", // no final newline
        "\n8\nROOT\n", // empty origin
        "o\n\nROOT\n", // empty size
        "o\n08\nROOT\n", // leading zero
        "o\n00\nROOT\n", // leading zero
        "o\n+8\nROOT\n", // sign
        "o\n-1\nROOT\n", // negative
        "o\n 8\nROOT\n", // space
        "o\n8 \nROOT\n", // space
        "o\n9223372036854775808\nROOT\n", // too large
        "o\n８\nROOT\n", // fullwidth digit
        "o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg\n", // missing padding
        "o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyh=\n", // non-canonical trailing bits
        "o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz-Nw7_RgQyg=\n", // URL-safe alphabet
        "o\n8\nXcnaeacGWamtVZy3Ad7Zoqud gjqtL0lgz+Nw7/RgQyg=\n", // space in base64
        "o\n8\nAAAA\n", // 3-byte hash
        "o\n8\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", // 64 bytes
        "o\n8\nROOT\n\n", // empty extension line
        "o\n8\nROOT\n\next\n", // empty line before extension
        "o\r\n8\nROOT\n", // CR
        "o\n8\r\nROOT\n", // CR
        "o\n8\nROOT\r\n", // CR
        "o\n8\nROOT\next\r\n", // CR in extension
        "o\u0000\n8\nROOT\n", // NUL
        "o\t\n8\nROOT\n", // tab
        "o\ud800\n8\nROOT\n", // lone surrogate
      })
  void malformed_bodies_are_rejected(String template) {
    // GIVEN a malformed body
    String body = template.replace("ROOT", ROOT_B64);

    // WHEN / THEN parsing fails with a message
    assertThatThrownBy(() -> Checkpoint.parse(body)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(
        "checkpoint");
  }

  @Test
  void non_utf8_bytes_are_rejected() {
    // GIVEN a body with an invalid UTF-8 byte in the origin
    byte[] body = ("o\n8\n" + ROOT_B64 + "\n").getBytes(StandardCharsets.UTF_8);
    body[0] = (byte) 0xff;

    // WHEN / THEN parsing fails
    assertThatThrownBy(() -> Checkpoint.parse(body)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(
        "UTF-8");
  }

  @Test
  void constructor_rejects_what_could_not_be_written() {
    assertThatThrownBy(() -> Checkpoint.of("", 1, ROOT)).hasMessageContaining("origin must not be empty");
    assertThatThrownBy(() -> Checkpoint.of("a\nb", 1, ROOT)).hasMessageContaining("newline");
    assertThatThrownBy(() -> Checkpoint.of("a\rb", 1, ROOT)).hasMessageContaining("carriage return");
    assertThatThrownBy(() -> Checkpoint.of("o", -1, ROOT)).hasMessageContaining("negative");
    assertThatThrownBy(() -> new Checkpoint("o", 1, ROOT, List.of(""))).hasMessageContaining("extension line 1");
    assertThatThrownBy(() -> new Checkpoint("o", 1, ROOT, List.of("x\ny"))).hasMessageContaining("newline");
  }
}
