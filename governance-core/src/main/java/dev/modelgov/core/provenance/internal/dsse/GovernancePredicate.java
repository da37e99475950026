package dev.modelgov.core.provenance.internal.dsse;

import static dev.modelgov.core.provenance.internal.dsse.ProvenanceJson.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.json.CanonicalJson;
import dev.modelgov.core.json.JsonFormatException;

/**
 * Reads the governance predicate ({@code https://modelgov.dev/governance/manifest/v1}) and checks that the manifest it
 * carries has the digest it states. For internal use only; may change without notice.
 */
public final class GovernancePredicate {

  private GovernancePredicate() {}

  /**
   * A parsed governance predicate.
   *
   * @param manifestDigest the signed manifest digest
   * @param modelRef the signed {@code namespace/name@version}
   * @param manifest the signed manifest tree
   */
  public record Parsed(Digest manifestDigest, String modelRef, ObjectNode manifest) {}

  /**
   * @param predicate the predicate
   * @return the parsed predicate
   * @throws ProvenanceVerificationException {@code MALFORMED_ENVELOPE} for a missing or ill-typed field, {@code
   *     MANIFEST_DIGEST_MISMATCH} if the carried manifest does not have the stated digest, or {@code modelRef} is not
   *     its {@code id@version}
   */
  public static Parsed read(JsonNode predicate) throws ProvenanceVerificationException {
    ObjectNode p = ProvenanceJson.object(predicate, "predicate");
    String digestText = ProvenanceJson.text(p, "manifestDigest", "predicate");
    Digest digest;
    try {
      digest = Digest.parse(digestText);
    } catch (IllegalArgumentException e) {
      throw malformed("predicate.manifestDigest must be sha256:<64 lowercase hex digits>");
    }
    String modelRef = ProvenanceJson.text(p, "modelRef", "predicate");
    ObjectNode manifest = ProvenanceJson.object(p.get("manifest"), "predicate.manifest");
    Digest actual;
    try {
      actual = CanonicalJson.sha256(CanonicalJson.canonicalize(manifest));
    } catch (JsonFormatException e) {
      throw malformed("predicate.manifest has no canonical JSON form");
    }
    if (!actual.matches(digest)) {
      throw new ProvenanceVerificationException(
          Reason.MANIFEST_DIGEST_MISMATCH, "the signed manifest does not have the signed manifestDigest");
    }
    JsonNode id = manifest.get("id");
    JsonNode version = manifest.get("version");
    if (id == null || !id.isTextual() || version == null || !version.isTextual()
        || !modelRef.equals(id.textValue() + "@" + version.textValue())) {
      throw new ProvenanceVerificationException(
          Reason.MANIFEST_DIGEST_MISMATCH, "the signed modelRef does not name the signed manifest");
    }
    return new Parsed(digest, modelRef, manifest);
  }
}
