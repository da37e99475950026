package dev.modelgov.core.provenance.internal.dsse;

import static dev.modelgov.core.provenance.internal.dsse.ProvenanceJson.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.ProvenanceVerificationException.Reason;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.ProvenanceLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an in-toto Statement v1 strictly from the exact verified payload bytes. For internal use only; may change
 * without notice.
 */
public final class StatementReader {

  private StatementReader() {}

  /** One subject. @param name the name, {@code ""} when absent @param digest its sha256 digest */
  public record Subject(String name, Digest digest) {}

  /**
   * A parsed statement.
   *
   * @param predicateType the predicate type URI
   * @param subjects the subjects
   * @param predicate the predicate, an empty object when absent
   */
  public record Statement(String predicateType, List<Subject> subjects, ObjectNode predicate) {}

  /**
   * Parses and checks a statement.
   *
   * @param payload the verified payload bytes
   * @param limits the limits
   * @return the statement
   * @throws ProvenanceVerificationException {@code MALFORMED_ENVELOPE} if it is not a well-formed statement, {@code
   *     PREDICATE_TYPE_NOT_ALLOWED} if {@code _type} is not in-toto Statement v1, {@code SIZE_LIMIT_EXCEEDED} for too
   *     many subjects
   */
  public static Statement read(byte[] payload, ProvenanceLimits limits) throws ProvenanceVerificationException {
    JsonNode tree = ProvenanceJson.read(payload, limits, "statement");
    ObjectNode st = ProvenanceJson.object(tree, "statement");
    String type = ProvenanceJson.text(st, "_type", "statement");
    if (!InTotoStatements.STATEMENT_TYPE.equals(type)) {
      throw new ProvenanceVerificationException(
          Reason.PREDICATE_TYPE_NOT_ALLOWED, "statement._type is not " + InTotoStatements.STATEMENT_TYPE);
    }
    JsonNode subjectsNode = st.get("subject");
    if (subjectsNode == null || !subjectsNode.isArray() || subjectsNode.isEmpty()) {
      throw malformed("statement.subject must be a non-empty array");
    }
    if (subjectsNode.size() > limits.maxResources()) {
      throw new ProvenanceVerificationException(
          Reason.SIZE_LIMIT_EXCEEDED, "statement has more subjects than the limit of " + limits.maxResources());
    }
    List<Subject> subjects = new ArrayList<>(subjectsNode.size());
    int i = 0;
    for (JsonNode s : subjectsNode) {
      String where = "statement.subject[" + i + "]";
      ObjectNode subject = ProvenanceJson.object(s, where);
      String name = ProvenanceJson.optionalText(subject, "name", where).orElse("");
      ObjectNode digest = ProvenanceJson.object(subject.get("digest"), where + ".digest");
      String hex = ProvenanceJson.text(digest, "sha256", where + ".digest");
      subjects.add(new Subject(name, ProvenanceJson.sha256(hex, where + ".digest.sha256")));
      i++;
    }
    String predicateType = ProvenanceJson.text(st, "predicateType", "statement");
    JsonNode predicateNode = st.get("predicate");
    ObjectNode predicate =
        predicateNode == null ? ProvenanceJson.object() : ProvenanceJson.object(predicateNode, "statement.predicate");
    return new Statement(predicateType, List.copyOf(subjects), predicate);
  }
}
