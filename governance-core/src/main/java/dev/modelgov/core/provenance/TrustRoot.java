package dev.modelgov.core.provenance;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys a verifier trusts, each under a name and optionally for a validity window, plus a list of revoked key IDs.
 * Trusted keys come from configuration, never from the envelope or bundle being verified. Immutable and thread-safe.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * TrustRoot root = TrustRoot.builder()
 *     .trust("release-2026", VerificationKey.fromSpkiPem(releasePem),
 *         Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
 *     .trust("ci", VerificationKey.fromSpkiPem(ciPem))
 *     .revoke("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
 *     .build();
 * for (TrustRoot.TrustedKey candidate : root.candidates(envelopeKeyId)) {
 *   // try candidate.key().verify(pae, sig); on success check root.status(candidate.key(), now)
 * }
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Each key is bound to the algorithm of the key itself; nothing in a signature can change it.
 *   <li>A key ID is only used to order {@link #candidates(String) candidates}; {@link #status} compares whole keys
 *       (their SPKI), never a hint.
 *   <li>Revocation wins over everything else: a revoked key is {@link KeyStatus#REVOKED} at every instant.
 * </ul>
 */
public final class TrustRoot {

  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{64}");

  /** The trust status of a key at an instant. */
  public enum KeyStatus {
    /** The key is trusted and within its validity window. */
    TRUSTED,
    /** The key is not in the trust root. */
    UNKNOWN,
    /** The key's ID is revoked; this wins over every other status. */
    REVOKED,
    /** The instant is after the key's {@code notAfter}. */
    EXPIRED,
    /** The instant is before the key's {@code notBefore}. */
    NOT_YET_VALID
  }

  /**
   * One trusted key. The window is inclusive at both ends, as in X.509: the key is valid at {@code t} when {@code
   * notBefore <= t <= notAfter}; an absent bound is open.
   *
   * @param name the configured name, unique in the trust root, not blank
   * @param key the key, bound to its algorithm
   * @param notBefore the first instant the key is valid, if bounded
   * @param notAfter the last instant the key is valid, if bounded
   */
  public record TrustedKey(String name, VerificationKey key, Optional<Instant> notBefore, Optional<Instant> notAfter) {

    /**
     * Validates the fields.
     *
     * @param name the configured name, unique in the trust root, not blank
     * @param key the key, bound to its algorithm
     * @param notBefore the first instant the key is valid, if bounded
     * @param notAfter the last instant the key is valid, if bounded
     * @throws NullPointerException if a field is {@code null}
     * @throws IllegalArgumentException if the name is blank or {@code notBefore} is after {@code notAfter}
     */
    public TrustedKey {
      Objects.requireNonNull(name, "name must not be null");
      Objects.requireNonNull(key, "key must not be null");
      Objects.requireNonNull(notBefore, "notBefore must not be null");
      Objects.requireNonNull(notAfter, "notAfter must not be null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("trusted key name must not be blank");
      }
      if (notBefore.isPresent() && notAfter.isPresent() && notBefore.get().isAfter(notAfter.get())) {
        throw new IllegalArgumentException(
            "trusted key '" + name + "': notBefore " + notBefore.get() + " is after notAfter " + notAfter.get());
      }
    }

    /**
     * @param at an instant
     * @return the status at that instant, ignoring revocation
     */
    KeyStatus windowStatus(Instant at) {
      if (notBefore.isPresent() && at.isBefore(notBefore.get())) {
        return KeyStatus.NOT_YET_VALID;
      }
      if (notAfter.isPresent() && at.isAfter(notAfter.get())) {
        return KeyStatus.EXPIRED;
      }
      return KeyStatus.TRUSTED;
    }
  }

  private final List<TrustedKey> keys;
  private final Map<String, TrustedKey> byKeyId;
  private final Set<String> revoked;

  private TrustRoot(List<TrustedKey> keys, Set<String> revoked) {
    this.keys = List.copyOf(keys);
    Map<String, TrustedKey> index = new LinkedHashMap<>();
    for (TrustedKey k : this.keys) {
      index.put(k.key().keyId(), k);
    }
    this.byKeyId = Collections.unmodifiableMap(index);
    this.revoked = Set.copyOf(revoked);
  }

  /**
   * Starts a trust root.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The status of {@code key} at {@code at}. Keys are matched by their SPKI (the P1363 setting does not matter). In
   * order: {@link KeyStatus#REVOKED} if its key ID is revoked, {@link KeyStatus#UNKNOWN} if it is not trusted, {@link
   * KeyStatus#NOT_YET_VALID} or {@link KeyStatus#EXPIRED} outside its window, else {@link KeyStatus#TRUSTED}.
   *
   * @param key the key, must not be {@code null}
   * @param at the instant, must not be {@code null}
   * @return the status
   */
  public KeyStatus status(VerificationKey key, Instant at) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(at, "at must not be null");
    String id = key.keyId();
    if (revoked.contains(id)) {
      return KeyStatus.REVOKED;
    }
    TrustedKey trusted = byKeyId.get(id);
    // The key ID is a SHA-256 of the SPKI; the SPKI is compared as well so that no hash is taken on trust.
    if (trusted == null || !MessageDigest.isEqual(trusted.key().spkiDerShared(), key.spkiDerShared())) {
      return KeyStatus.UNKNOWN;
    }
    return trusted.windowStatus(at);
  }

  /**
   * The trusted keys, in the order they were added. Revoked keys stay listed; see {@link #status}.
   *
   * @return an unmodifiable list
   */
  public List<TrustedKey> keys() {
    return keys;
  }

  /**
   * The revoked key IDs.
   *
   * @return an unmodifiable set of lowercase hex key IDs
   */
  public Set<String> revokedKeyIds() {
    return revoked;
  }

  /**
   * The keys to try for a signature, best guess first. If {@code keyIdHint} equals a trusted key's {@link
   * VerificationKey#keyId() key ID} (hex, any case) or its configured name, that key comes first; the others follow
   * in configuration order. The hint is unauthenticated: it only orders the list, it never removes a key and never
   * decides trust. Every trusted key is returned, revoked or not: a caller that finds the key that verifies must still
   * check {@link #status} for it.
   *
   * @param keyIdHint the hint from the envelope, may be {@code null} or empty for none
   * @return an unmodifiable list of all trusted keys
   */
  public List<TrustedKey> candidates(String keyIdHint) {
    if (keyIdHint == null || keyIdHint.isEmpty() || keys.size() < 2) {
      return keys;
    }
    String hint = keyIdHint.toLowerCase(Locale.ROOT);
    List<TrustedKey> first = new ArrayList<>(1);
    List<TrustedKey> rest = new ArrayList<>(keys.size());
    for (TrustedKey k : keys) {
      if (k.key().keyId().equals(hint) || k.name().equals(keyIdHint)) {
        first.add(k);
      } else {
        rest.add(k);
      }
    }
    if (first.isEmpty()) {
      return keys;
    }
    first.addAll(rest);
    return Collections.unmodifiableList(first);
  }

  @Override
  public String toString() {
    return "TrustRoot[" + keys.size() + " keys, " + revoked.size() + " revoked]";
  }

  /**
   * Builds a {@link TrustRoot}. Names and keys must be unique; conflicting calls fail at once, with the culprit named.
   * Not thread-safe.
   */
  public static final class Builder {

    private final List<TrustedKey> keys = new ArrayList<>();
    private final Set<String> revoked = new LinkedHashSet<>();

    private Builder() {}

    /**
     * Trusts a key at every instant.
     *
     * @param name a unique, non-blank name for the key, e.g. {@code "release-2026"}
     * @param key the key, must not be {@code null}
     * @return this builder
     * @throws IllegalArgumentException if the name or the key is already trusted
     */
    public Builder trust(String name, VerificationKey key) {
      return trust(new TrustedKey(name, key, Optional.empty(), Optional.empty()));
    }

    /**
     * Trusts a key from {@code notBefore} to {@code notAfter}, both inclusive.
     *
     * @param name a unique, non-blank name for the key
     * @param key the key, must not be {@code null}
     * @param notBefore the first valid instant, must not be {@code null}
     * @param notAfter the last valid instant, must not be {@code null} or before {@code notBefore}
     * @return this builder
     * @throws IllegalArgumentException if the window is empty, or the name or the key is already trusted
     */
    public Builder trust(String name, VerificationKey key, Instant notBefore, Instant notAfter) {
      Objects.requireNonNull(notBefore, "notBefore must not be null");
      Objects.requireNonNull(notAfter, "notAfter must not be null");
      return trust(new TrustedKey(name, key, Optional.of(notBefore), Optional.of(notAfter)));
    }

    /**
     * Trusts a key as described, e.g. with only one bound of the window.
     *
     * @param trustedKey the entry, must not be {@code null}
     * @return this builder
     * @throws IllegalArgumentException if the name or the key is already trusted
     */
    public Builder trust(TrustedKey trustedKey) {
      Objects.requireNonNull(trustedKey, "trustedKey must not be null");
      for (TrustedKey k : keys) {
        if (k.name().equals(trustedKey.name())) {
          throw new IllegalArgumentException("a key named '" + trustedKey.name() + "' is already trusted");
        }
        if (k.key().keyId().equals(trustedKey.key().keyId())) {
          throw new IllegalArgumentException(
              "key " + trustedKey.key().keyId() + " is already trusted as '" + k.name() + "'");
        }
      }
      keys.add(trustedKey);
      return this;
    }

    /**
     * Revokes a key ID: a key with this ID is {@link KeyStatus#REVOKED} whether or not it is trusted.
     *
     * @param keyId the key ID, 64 hex characters (any case)
     * @return this builder
     * @throws IllegalArgumentException if it is not 64 hex characters
     */
    public Builder revoke(String keyId) {
      Objects.requireNonNull(keyId, "keyId must not be null");
      String id = keyId.toLowerCase(Locale.ROOT);
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "a key ID is 64 hex characters (SHA-256 of the DER SPKI), got " + keyId.length() + " characters");
      }
      revoked.add(id);
      return this;
    }

    /**
     * Builds the trust root. An empty trust root is allowed; every key is {@link KeyStatus#UNKNOWN} in it.
     *
     * @return the trust root
     */
    public TrustRoot build() {
      return new TrustRoot(keys, revoked);
    }
  }
}
