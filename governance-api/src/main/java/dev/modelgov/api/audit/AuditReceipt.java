package dev.modelgov.api.audit;

import dev.modelgov.api.Digest;
import java.util.Objects;

/**
 * The log's promise that an event was recorded: its position in the log and the RFC 6962 leaf hash of its recorded
 * bytes. Keep it to ask the log later for an inclusion proof; a signed checkpoint plus that proof shows the event is
 * in the log unaltered.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * AuditReceipt r = auditLog.append(event);
 * r.toJson(); // {"index":41,"leafHash":"sha256:9f2c..."}
 * }</pre>
 *
 * @param index the zero-based index of the event in the log
 * @param leafHash SHA-256 of {@code 0x00 || recorded bytes}
 */
public record AuditReceipt(long index, Digest leafHash) {

  /** Checks that the index is not negative and the hash is present. */
  public AuditReceipt {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    Objects.requireNonNull(leafHash, "leafHash must not be null");
  }

  /**
   * The receipt as one line of JSON.
   *
   * @return {@code {"index":N,"leafHash":"sha256:..."}}
   */
  public String toJson() {
    return "{\"index\":" + index + ",\"leafHash\":\"" + leafHash + "\"}";
  }
}
