package dev.modelgov.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelgov.api.Digest;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.InclusionProof;
import dev.modelgov.core.audit.NoteLimits;
import dev.modelgov.core.audit.NoteVerificationException;
import dev.modelgov.core.audit.NoteVerifier;
import dev.modelgov.core.audit.ProofVerificationException;
import dev.modelgov.core.audit.SignedNote;
import dev.modelgov.core.provenance.VerificationKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code governance audit verify-proof PROOF.json --pub PUB.pem [--origin O]}: verifies an inclusion proof offline, as
 * printed by {@code governance audit prove} or served at {@code /governance/audit/proof}: the checkpoint note's
 * signature with the given key, that the signed checkpoint's size and root are the proof's, and the inclusion path from
 * the leaf hash to that root. Exits 0 when it verifies, 1 when it does not (one line saying why), 2 when the file is
 * unreadable or malformed (naming the field). For internal use only; may change without notice.
 *
 * <pre>{@code
 * {"index":42,"treeSize":100,"leafHash":"sha256:...","rootHash":"sha256:...","path":["sha256:...",...],
 *  "checkpoint":"bank.example/audit\n100\n<base64 root>\n\n— bank.example/audit <base64 signature>\n"}
 * }</pre>
 */
@Command(
    name = "verify-proof",
    mixinStandardHelpOptions = true,
    versionProvider = GovernanceCli.Version.class,
    description = {
      "Verifies an inclusion proof offline (the JSON 'governance audit prove' prints, or the example server's "
          + "/governance/audit/proof): the checkpoint note's signature with --pub, that the signed checkpoint's tree "
          + "size and root hash are the proof's, and the path from the leaf hash to that root.",
      "The proof must carry the checkpoint note: a root that no trusted key signed proves nothing. Fields other "
          + "than index, treeSize, leafHash, rootHash, path and checkpoint are ignored."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:The proof verifies.",
      "1:The proof does not verify: the checkpoint is not signed by a given key, it is of another log or tree, or "
          + "the path does not lead to its root.",
      "2:Usage error, an unreadable key, or an unreadable or malformed proof file (the field is named)."
    })
final class AuditVerifyProofCommand extends ProvenanceCommand {

  /** The largest proof file read: a checkpoint note of at most 1 MiB and a path of at most 64 hashes. */
  static final int MAX_PROOF_BYTES = NoteLimits.DEFAULT_MAX_NOTE_BYTES + (64 << 10);

  /** The most hashes a path can need: one per level of a tree of up to 2^64 leaves. */
  static final int MAX_PATH_HASHES = 64;

  private static final ObjectMapper MAPPER = mapper();

  @Parameters(paramLabel = "PROOF.json", arity = "1", description = "The proof file.")
  Path proofFile;

  @Option(
      names = {"-p", "--pub"},
      required = true,
      paramLabel = "PUB.pem",
      description = "A trusted checkpoint public key (Ed25519 SPKI PEM, as written by 'governance keygen'); repeat "
          + "for rotated keys.")
  List<Path> publicKeys = new ArrayList<>();

  @Option(
      names = "--origin",
      paramLabel = "O",
      description = "The log the checkpoint must be of (its origin, which also names the note key); default: the "
          + "origin the checkpoint states.")
  String origin;

  /** Picocli creates the command. */
  AuditVerifyProofCommand() {}

  /**
   * What a proof file says, read and checked for form but not yet verified.
   *
   * @param index the record's index
   * @param treeSize the tree size the proof is against
   * @param leafHash the record's leaf hash
   * @param rootHash the root the path leads to
   * @param path the sibling hashes, leaf to root
   * @param checkpoint the signed checkpoint note
   */
  record Proof(long index, long treeSize, Digest leafHash, Digest rootHash, List<Digest> path, String checkpoint) {}

  /**
   * A proof that verified.
   *
   * @param proof what it says
   * @param origin the log the signed checkpoint is of
   * @param keyName the note key name that signed it
   * @param keyId the note key ID that signed it
   */
  record VerifiedProof(Proof proof, String origin, String keyName, String keyId) {}

  /** Why a proof was not verified: it does not verify (exit 1), or it is malformed (exit 2). */
  static final class ProofProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final transient Proof proof;

    /**
     * @param exitCode {@link ExitCodes#INVALID} or {@link ExitCodes#USAGE}
     * @param proof the proof as read, or null when it could not be read
     * @param message why, without the file name
     */
    ProofProblem(int exitCode, Proof proof, String message) {
      super(message, null, false, false);
      this.exitCode = exitCode;
      this.proof = proof;
    }

    /** @return the exit code */
    int exitCode() {
      return exitCode;
    }

    /** @return the proof as read, when it could be read */
    java.util.Optional<Proof> proof() {
      return java.util.Optional.ofNullable(proof);
    }
  }

  @Override
  int execute() throws CommandException {
    if (origin != null && origin.isBlank()) {
      throw CommandException.usage("--origin must not be blank");
    }
    byte[] bytes = CliFiles.readBytes(proofFile, MAX_PROOF_BYTES);
    List<VerificationKey> keys = publicKeys();
    String keysName = publicKeys.size() == 1 ? "the key " + publicKeys.get(0) : "any of the --pub keys";
    VerifiedProof verified;
    try {
      verified = verify(bytes, keys, keysName, origin);
    } catch (IllegalArgumentException e) {
      throw CommandException.usage(AuditLogCommand.message(e));
    } catch (ProofProblem e) {
      if (e.exitCode() != ExitCodes.INVALID) {
        throw new CommandException(e.exitCode(), proofFile + ": " + e.getMessage());
      }
      err().println(proofFile + ": does not verify: " + e.getMessage());
      if (json()) {
        ObjectNode node = JsonOutput.object();
        node.put("verified", false);
        e.proof().ifPresent(p -> result(node, p));
        node.put("reason", e.getMessage());
        JsonOutput.print(out(), node);
      }
      return ExitCodes.INVALID;
    }
    Proof proof = verified.proof();
    if (json()) {
      ObjectNode node = JsonOutput.object();
      node.put("verified", true);
      result(node, proof);
      node.put("origin", verified.origin());
      node.put("keyName", verified.keyName());
      node.put("keyId", verified.keyId());
      JsonOutput.print(out(), node);
    } else {
      out().println("verified: record " + proof.index() + " (" + proof.leafHash() + ") is in log '"
          + verified.origin() + "' of size " + proof.treeSize() + " (root " + proof.rootHash()
          + "), checkpoint signed by key " + verified.keyId());
    }
    return ExitCodes.OK;
  }

  /**
   * Verifies a proof document: reads it strictly, checks the checkpoint note's signature, that the signed checkpoint
   * is of the log and has the proof's tree size and root, and the inclusion path. Shared with {@code governance demo}.
   *
   * @param json the proof JSON
   * @param keys the trusted Ed25519 checkpoint keys, at least one
   * @param keysName how to name the keys in a message, e.g. {@code the key audit.pub.pem}
   * @param originOption the log the checkpoint must be of, or null for the origin the note states
   * @return what was verified
   * @throws ProofProblem exit 2 when the document is malformed (naming the field), exit 1 when it does not verify
   * @throws IllegalArgumentException if {@code originOption} cannot name a note key
   */
  static VerifiedProof verify(byte[] json, List<VerificationKey> keys, String keysName, String originOption)
      throws ProofProblem {
    Proof proof = read(json);
    String logOrigin = originOption != null ? originOption : statedOrigin(proof.checkpoint());
    List<NoteVerifier> verifiers = new ArrayList<>();
    for (VerificationKey key : keys) {
      try {
        verifiers.add(NoteVerifier.ed25519(logOrigin, key));
      } catch (IllegalArgumentException e) {
        String problem = "is not a valid note key name (no spaces, '+' or control characters)";
        if (originOption != null) {
          throw new IllegalArgumentException("--origin: " + problem, e);
        }
        throw malformed("checkpoint", "the origin on its first line " + problem);
      }
    }
    SignedNote note;
    try {
      note = SignedNote.open(proof.checkpoint(), verifiers);
    } catch (NoteVerificationException e) {
      switch (e.reason()) {
        case UNKNOWN_KEY, BAD_SIGNATURE -> throw fails(proof, "the checkpoint is not signed by " + keysName
            + " for log '" + logOrigin + "' (" + AuditLogCommand.message(e) + ")");
        default -> throw malformed("checkpoint", "not a signed note: " + AuditLogCommand.message(e));
      }
    }
    Checkpoint checkpoint;
    try {
      checkpoint = note.checkpoint();
    } catch (NoteVerificationException e) {
      throw malformed("checkpoint", AuditLogCommand.message(e));
    }
    if (!checkpoint.origin().equals(logOrigin)) {
      throw fails(proof, "the checkpoint is of log '" + checkpoint.origin() + "', not '" + logOrigin + "'");
    }
    if (checkpoint.treeSize() != proof.treeSize()) {
      throw fails(proof, "treeSize is " + proof.treeSize() + " but the signed checkpoint is of size "
          + checkpoint.treeSize());
    }
    if (!checkpoint.rootHash().equals(proof.rootHash())) {
      throw fails(proof, "rootHash is not the root hash of the signed checkpoint (" + checkpoint.rootHash() + ")");
    }
    try {
      new InclusionProof(proof.index(), proof.treeSize(), proof.path()).verify(proof.leafHash(), proof.rootHash());
    } catch (ProofVerificationException e) {
      throw fails(proof, "the path does not lead from leafHash to the signed root: " + AuditLogCommand.message(e));
    }
    NoteVerifier signer = note.verifiedBy().get(0);
    return new VerifiedProof(proof, checkpoint.origin(), signer.keyName(), signer.keyId());
  }

  private static ProofProblem fails(Proof proof, String why) {
    return new ProofProblem(ExitCodes.INVALID, proof, why);
  }

  private static void result(ObjectNode node, Proof proof) {
    node.put("index", proof.index());
    node.put("treeSize", proof.treeSize());
    node.put("leafHash", proof.leafHash().toString());
    node.put("rootHash", proof.rootHash().toString());
  }

  /** Reads the {@code --pub} keys, which must be Ed25519: audit checkpoints are signed with Ed25519. */
  private List<VerificationKey> publicKeys() throws CommandException {
    List<VerificationKey> keys = new ArrayList<>();
    for (Path file : publicKeys) {
      VerificationKey key;
      try {
        key = VerificationKey.fromSpkiPem(CliFiles.readText(file));
      } catch (GeneralSecurityException e) {
        throw CommandException.usage(file + ": not a supported public key (SPKI PEM): " + AuditLogCommand.message(e));
      }
      if (key.algorithm() != SignatureAlgorithm.ED25519) {
        throw CommandException.usage(file + ": not an Ed25519 public key; audit checkpoints are signed with Ed25519");
      }
      keys.add(key);
    }
    return keys;
  }

  /** The origin a checkpoint note states on its first line; it names the note key too. */
  private static String statedOrigin(String note) throws ProofProblem {
    int nl = note.indexOf('\n');
    String first = nl < 0 ? note : note.substring(0, nl);
    if (first.isBlank()) {
      throw malformed("checkpoint", "the note does not start with the log's origin");
    }
    return first;
  }

  private static ProofProblem malformed(String field, String message) {
    return new ProofProblem(ExitCodes.USAGE, null, (field.isEmpty() ? "" : field + ": ") + message);
  }

  private static Proof read(byte[] bytes) throws ProofProblem {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw malformed("", "exceeds a limit: " + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw syntax(e);
    } catch (IOException e) {
      throw malformed("", "cannot be read: " + e.getClass().getSimpleName());
    }
    if (root == null || root.isMissingNode()) {
      throw malformed("", "empty: expected a JSON object");
    }
    if (!root.isObject()) {
      throw malformed("", "expected a JSON object");
    }
    long index = number(root, "index", 0);
    long treeSize = number(root, "treeSize", 1);
    Digest leafHash = digest(root.get("leafHash"), "leafHash");
    Digest rootHash = digest(root.get("rootHash"), "rootHash");
    JsonNode pathNode = root.get("path");
    if (pathNode == null) {
      throw malformed("path", "is required");
    }
    if (!pathNode.isArray()) {
      throw malformed("path", "must be an array of sha256:<hex> strings");
    }
    if (pathNode.size() > MAX_PATH_HASHES) {
      throw malformed("path", "has " + pathNode.size() + " hashes, more than the " + MAX_PATH_HASHES
          + " any tree needs");
    }
    List<Digest> path = new ArrayList<>(pathNode.size());
    for (int i = 0; i < pathNode.size(); i++) {
      path.add(digest(pathNode.get(i), "path[" + i + "]"));
    }
    JsonNode checkpoint = root.get("checkpoint");
    if (checkpoint == null || checkpoint.isNull()) {
      throw malformed("checkpoint", "is required: the signed checkpoint note vouches for the root (prove against "
          + "the latest checkpoint: 'governance audit prove' without --size)");
    }
    if (!checkpoint.isTextual()) {
      throw malformed("checkpoint", "must be a string (the signed checkpoint note)");
    }
    return new Proof(index, treeSize, leafHash, rootHash, path, checkpoint.textValue());
  }

  private static long number(JsonNode root, String field, long min) throws ProofProblem {
    JsonNode n = root.get(field);
    if (n == null) {
      throw malformed(field, "is required");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw malformed(field, "must be an integer");
    }
    long value = n.longValue();
    if (value < min) {
      throw malformed(field, "must be at least " + min + ", was " + value);
    }
    return value;
  }

  private static Digest digest(JsonNode n, String field) throws ProofProblem {
    if (n == null) {
      throw malformed(field, "is required");
    }
    if (!n.isTextual()) {
      throw malformed(field, "must be a string sha256:<64 lowercase hex digits>");
    }
    Digest digest;
    try {
      digest = Digest.parse(n.textValue());
    } catch (IllegalArgumentException e) {
      throw malformed(field, AuditLogCommand.message(e));
    }
    if (!digest.algorithm().equals(Digest.SHA256)) {
      throw malformed(field, "must be a sha256 digest");
    }
    return digest;
  }

  private static ProofProblem syntax(JsonProcessingException e) {
    String message = firstLine(e.getOriginalMessage());
    int marker = message.indexOf(" (start marker at ");
    if (marker > 0) {
      message = message.substring(0, marker);
    }
    if (message.startsWith("Duplicate field '") && e.getProcessor() instanceof JsonParser parser) {
      String name = parser.getParsingContext() == null ? null : parser.getParsingContext().getCurrentName();
      return malformed(name == null ? "" : name, "duplicate key");
    }
    JsonLocation at = e.getLocation();
    String where = at == null || at.getCharOffset() < 0 && at.getByteOffset() < 0 ? ""
        : " (byte offset " + Math.max(at.getByteOffset(), at.getCharOffset()) + ")";
    return malformed("", "invalid JSON: " + message + where);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "malformed";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  private static ObjectMapper mapper() {
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxNestingDepth(4)
        .maxDocumentLength(MAX_PROOF_BYTES)
        .maxStringLength(NoteLimits.DEFAULT_MAX_NOTE_BYTES)
        .maxNumberLength(25)
        .maxNameLength(256)
        .build();
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(constraints)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .build();
  }
}
