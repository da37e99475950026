package dev.modelgov.api.manifest;

import java.util.Optional;

/**
 * Who owns a model: the accountable team and how to reach it.
 *
 * <p>{@link #toString()} never prints the contact, which may be a person's address.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * new Owner("credit-risk-ml", Optional.of("credit-ml@bank.example"));
 * }</pre>
 *
 * @param team the owning team (required)
 * @param contact an address for the team, if given
 */
public record Owner(String team, Optional<String> contact) {

  /** Normalises a {@code null} contact to empty. */
  public Owner {
    contact = Values.opt(contact);
  }

  /**
   * An owner without contact.
   *
   * @param team the owning team
   * @return the owner
   */
  public static Owner of(String team) {
    return new Owner(team, Optional.empty());
  }

  @Override
  public String toString() {
    return "Owner[team=" + team + ", contact=" + (contact.isPresent() ? "<redacted>" : "<none>") + "]";
  }
}
