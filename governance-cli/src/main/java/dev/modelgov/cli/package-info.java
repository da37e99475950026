/**
 * The {@code governance} command line: validate, digest, export and assess model manifests; generate keys, hash,
 * sign and verify models (DSSE envelopes and Sigstore bundles). The entry point is
 * {@link dev.modelgov.cli.GovernanceCli}; every other type in this package is an implementation detail.
 *
 * <h2>Exit codes</h2>
 *
 * <ul>
 *   <li>{@code 0}: success (for {@code validate}, every manifest is valid);
 *   <li>{@code 1}: a manifest is invalid, or ({@code verify}) verification failed;
 *   <li>{@code 2}: a usage error, an unreadable input (a missing file, a directory, an I/O error), or an internal
 *       error.
 * </ul>
 */
package dev.modelgov.cli;
