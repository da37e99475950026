package dev.modelgov.k8s.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.modelgov.api.manifest.DatasetRole;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * One dataset in a {@link ModelLineage}: its name, version, role and digest, as in the manifest.
 *
 * <pre>{@code
 * DatasetLineage d = lineage.getDatasets().get(0);
 * d.getDigest(); // "sha256:1111..."
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "version", "role", "digest"})
public class DatasetLineage {

  @Required
  @JsonPropertyDescription("The dataset name.")
  private String name;

  @JsonPropertyDescription("The dataset version.")
  private String version;

  @JsonPropertyDescription("What the dataset was used for.")
  private DatasetRole role;

  @Required
  @Pattern(GovernedModelSpec.DIGEST_PATTERN)
  @JsonPropertyDescription("The dataset digest, sha256:<hex>.")
  private String digest;

  /** An empty entry. */
  public DatasetLineage() {}

  /** @return the dataset name */
  public String getName() {
    return name;
  }

  /** @param name the dataset name */
  public void setName(String name) {
    this.name = name;
  }

  /** @return the dataset version, or {@code null} */
  public String getVersion() {
    return version;
  }

  /** @param version the dataset version */
  public void setVersion(String version) {
    this.version = version;
  }

  /** @return the role, or {@code null} */
  public DatasetRole getRole() {
    return role;
  }

  /** @param role the role */
  public void setRole(DatasetRole role) {
    this.role = role;
  }

  /** @return the digest, {@code sha256:<hex>} */
  public String getDigest() {
    return digest;
  }

  /** @param digest the digest, {@code sha256:<hex>} */
  public void setDigest(String digest) {
    this.digest = digest;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatasetLineage d
        && Objects.equals(name, d.name)
        && Objects.equals(version, d.version)
        && role == d.role
        && Objects.equals(digest, d.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, role, digest);
  }

  @Override
  public String toString() {
    return "DatasetLineage[" + name + "@" + version + " " + role + " " + digest + "]";
  }
}
