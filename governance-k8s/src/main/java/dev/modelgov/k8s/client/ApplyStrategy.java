package dev.modelgov.k8s.client;

/**
 * How {@link GovernedModelClient#apply} writes a desired {@code GovernedModel}.
 *
 * <pre>{@code
 * GovernedModelClient gm = GovernedModelClient.builder(client).applyStrategy(ApplyStrategy.MERGE_PATCH).build();
 * }</pre>
 */
public enum ApplyStrategy {
  /**
   * Server-side apply ({@code PATCH ...?fieldManager=<manager>&force=true}, content type {@code
   * application/apply-patch+yaml}): the API server merges and tracks field ownership. The production default.
   */
  SERVER_SIDE_APPLY,
  /**
   * Create when absent, otherwise a JSON merge patch (RFC 7386) from the live object to the desired labels,
   * annotations and spec, with {@code null} for what the desired object no longer has. For servers (and the fabric8
   * mock) without server-side apply.
   */
  MERGE_PATCH
}
