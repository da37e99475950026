package dev.modelgov.api.manifest;

import dev.modelgov.api.Digest;
import java.util.Optional;

/**
 * One version of a dataset a model was trained, validated or tested on, pinned by digest (data lineage).
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * Dataset train = Dataset.of("applications", "2025q4-v7", DatasetRole.TRAIN, Digest.parse("sha256:1111...1111"))
 *     .withUri("s3://ml-data/credit/applications/2025q4-v7/")
 *     .withPersonalData(true);
 * }</pre>
 *
 * @param name the dataset name, unique within a manifest (required)
 * @param version the dataset version (required)
 * @param role what it was used for (required)
 * @param uri where it is stored, if stated
 * @param digest the digest of its content (required)
 * @param containsPersonalData whether it contains personal data
 * @param classification its data classification, such as {@code confidential}, if stated
 * @param license its license as an SPDX expression, if stated
 */
public record Dataset(
    String name,
    String version,
    DatasetRole role,
    Optional<String> uri,
    Digest digest,
    boolean containsPersonalData,
    Optional<String> classification,
    Optional<String> license) {

  /** Normalises {@code null} optionals to empty. */
  public Dataset {
    uri = Values.opt(uri);
    classification = Values.opt(classification);
    license = Values.opt(license);
  }

  /**
   * A dataset with its required fields only.
   *
   * @param name the name
   * @param version the version
   * @param role the role
   * @param digest the content digest
   * @return the dataset
   */
  public static Dataset of(String name, String version, DatasetRole role, Digest digest) {
    return new Dataset(name, version, role, Optional.empty(), digest, false, Optional.empty(), Optional.empty());
  }

  /**
   * This dataset with a storage URI.
   *
   * @param newUri the URI
   * @return a copy with the URI set
   */
  public Dataset withUri(String newUri) {
    return new Dataset(name, version, role, Optional.of(newUri), digest, containsPersonalData, classification, license);
  }

  /**
   * This dataset with its personal-data flag set.
   *
   * @param personal whether it contains personal data
   * @return a copy with the flag set
   */
  public Dataset withPersonalData(boolean personal) {
    return new Dataset(name, version, role, uri, digest, personal, classification, license);
  }
}
