package dev.modelgov.core.provenance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The ring behind {@link KeyRing#of(Map)}. */
final class MapKeyRing implements KeyRing {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Map<String, SigningKey> keys;
  private final TrustRoot trustRoot;

  MapKeyRing(Map<String, SigningKey> keys) {
    Objects.requireNonNull(keys, "keys must not be null");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("keys: a key ring needs at least one key");
    }
    Map<String, SigningKey> copy = new LinkedHashMap<>();
    TrustRoot.Builder trust = TrustRoot.builder();
    keys.forEach((name, key) -> {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("keys: invalid key name '" + name
            + "' (letters, digits, '.', '_' and '-', at most 64)");
      }
      copy.put(name, Objects.requireNonNull(key, () -> "keys." + name + " must not be null"));
      trust.trust(name, key.verificationKey());
    });
    this.keys = Collections.unmodifiableMap(copy);
    this.trustRoot = trust.build();
  }

  @Override
  public Set<String> names() {
    return keys.keySet();
  }

  @Override
  public Optional<SigningKey> signingKey(String name) {
    return Optional.ofNullable(keys.get(Objects.requireNonNull(name, "name must not be null")));
  }

  @Override
  public TrustRoot trustRoot() {
    return trustRoot;
  }

  /** Names and key ids only: never key material. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("KeyRing[");
    keys.forEach((name, key) -> s.append(s.length() > 8 ? ", " : "").append(name).append('=')
        .append(key.keyId(), 0, 16).append('…'));
    return s.append(']').toString();
  }
}
