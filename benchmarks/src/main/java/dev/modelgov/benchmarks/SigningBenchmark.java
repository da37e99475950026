package dev.modelgov.benchmarks;

import dev.modelgov.api.provenance.ProvenanceVerificationException;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.Dsse;
import dev.modelgov.core.provenance.DsseEnvelope;
import dev.modelgov.core.provenance.InTotoStatements;
import dev.modelgov.core.provenance.InsecureKeyAccess;
import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.PredicateType;
import dev.modelgov.core.provenance.ProvenanceVerifier;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.core.provenance.VerificationKey;
import dev.modelgov.core.provenance.VerifiedEnvelope;
import dev.modelgov.core.provenance.VerifiedStatement;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@link SigningKey#sign} and {@link VerificationKey#verify} over a realistic DSSE PAE of about 3 KB,
 * against raw BouncyCastle signers on the same bytes and the same keys, measured in the same run.
 *
 * <ul>
 *   <li>Ed25519: {@link #ed25519Sign} vs {@link #ed25519SignRawBc} and {@link #ed25519Verify} vs {@link
 *       #ed25519VerifyRawBc}, where the baseline is one {@link Ed25519Signer} initialised once (the cheapest way to
 *       use it). Target: the library costs at most 10% more.
 *   <li>ECDSA P-256 / SHA-256, DER: {@link #ecdsaP256Sign} vs {@link #ecdsaP256SignRawBc} and {@link #ecdsaP256Verify}
 *       vs {@link #ecdsaP256VerifyRawBc}, where the baseline is {@link ECDSASigner} with the RFC 6979 nonce, BC's
 *       SHA-256 and {@link StandardDSAEncoding}. For information; no target.
 * </ul>
 *
 * <p>The baseline keys are decoded by BouncyCastle's own factories from the library keys' PKCS#8 and SPKI, so both
 * sides use the same keys. {@link #setUp} checks that every signature cross-verifies. Run with {@code scripts/bench.sh
 * Signing}; see {@code benchmarks/README.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SigningBenchmark {

  /** The size of the signed bytes: a DSSE PAE around a mid-sized in-toto statement. */
  static final int PAE_BYTES = 3 * 1024;

  private byte[] pae;

  private SigningKey ed25519;
  private VerificationKey ed25519Public;
  private byte[] ed25519Signature;
  private Ed25519Signer rawEd25519Signer;
  private Ed25519Signer rawEd25519Verifier;

  private byte[] statement;
  private byte[] statementPae;
  private byte[] envelopeJson;
  private ProvenanceVerifier verifier;
  private Ed25519Signer rawStatementVerifier;
  private byte[] statementSignature;

  private SigningKey p256;
  private VerificationKey p256Public;
  private byte[] p256Signature;
  private AsymmetricKeyParameter rawP256Private;
  private AsymmetricKeyParameter rawP256Public;
  private BigInteger p256Order;

  /**
   * Builds the PAE and the keys, and checks that the library and the baseline agree.
   *
   * @throws Exception if a key cannot be made or a signature does not cross-verify
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    pae = pae();

    ed25519 = SigningKey.generate(SignatureAlgorithm.ED25519);
    ed25519Public = ed25519.verificationKey();
    AsymmetricKeyParameter rawEdPrivate = rawPrivate(ed25519);
    rawEd25519Signer = new Ed25519Signer();
    rawEd25519Signer.init(true, rawEdPrivate);
    rawEd25519Verifier = new Ed25519Signer();
    rawEd25519Verifier.init(false, PublicKeyFactory.createKey(ed25519Public.spkiDer()));
    ed25519Signature = ed25519.sign(pae);

    // A realistic envelope: the governance statement of a ~5 KB manifest for a small model directory.
    java.nio.file.Path model = java.nio.file.Files.createTempDirectory("modelgov-signing-bench");
    try {
      java.nio.file.Files.write(model.resolve("weights.bin"), new byte[64 * 1024]);
      java.nio.file.Files.writeString(model.resolve("config.json"), "{\"layers\": 4}");
      ModelHash hash = ModelHasher.defaults().hash(model);
      statement = InTotoStatements.payload(PredicateType.GOVERNANCE, hash, ManifestDigestBenchmark.manifest());
    } finally {
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(model)) {
        for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(f);
        }
      }
    }
    statementPae = Dsse.pae(InTotoStatements.PAYLOAD_TYPE, statement);
    envelopeJson = envelopeSign();
    verifier =
        ProvenanceVerifier.builder().trustRoot(TrustRoot.builder().trust("bench", ed25519Public).build()).build();
    statementSignature = ed25519.sign(statementPae);
    rawStatementVerifier = new Ed25519Signer();
    rawStatementVerifier.init(false, PublicKeyFactory.createKey(ed25519Public.spkiDer()));
    if (envelopeVerify().keyIds().size() != 1 || statementVerify().keyIds().size() != 1 || !envelopeVerifyRawBc()) {
      throw new IllegalStateException("the envelope does not verify");
    }

    p256 = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    p256Public = p256.verificationKey();
    rawP256Private = rawPrivate(p256);
    rawP256Public = PublicKeyFactory.createKey(p256Public.spkiDer());
    p256Order = ((org.bouncycastle.crypto.params.ECKeyParameters) rawP256Public).getParameters().getN();
    p256Signature = p256.sign(pae);

    // Both sides must compute the same thing: identical deterministic signatures, and cross-verification.
    if (!java.util.Arrays.equals(ed25519SignRawBc(), ed25519Signature)
        || !java.util.Arrays.equals(ecdsaP256SignRawBc(), p256Signature)) {
      throw new IllegalStateException("the library and raw BouncyCastle sign differently");
    }
    if (!ed25519VerifyRawBc() || !ecdsaP256VerifyRawBc()) {
      throw new IllegalStateException("raw BouncyCastle rejects the library's signatures");
    }
    ed25519Verify();
    ecdsaP256Verify();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // A whole DSSE envelope with an in-toto statement (Ed25519), against raw BouncyCastle on the same PAE bytes

  /**
   * Signs the statement into a DSSE envelope and writes its JSON: PAE, Ed25519, base64, JSON.
   *
   * @return the envelope JSON
   * @throws GeneralSecurityException never for a valid key
   */
  @Benchmark
  public byte[] envelopeSign() throws GeneralSecurityException {
    return DsseEnvelope.sign(InTotoStatements.PAYLOAD_TYPE, statement, List.of(ed25519)).toJson();
  }

  /**
   * The baseline of {@link #envelopeSign}: raw BouncyCastle Ed25519 over the same PAE bytes.
   *
   * @return the signature
   */
  @Benchmark
  public byte[] envelopeSignRawBc() {
    rawEd25519Signer.update(statementPae, 0, statementPae.length);
    return rawEd25519Signer.generateSignature();
  }

  /**
   * Verifies the envelope JSON: size limit, strict parse, base64, PAE, signature against the trust root (keyid as a
   * hint only), payload type. The payload is not parsed: see {@link #statementVerify}.
   *
   * @return the verified envelope
   * @throws ProvenanceVerificationException never for the envelope made at setup
   */
  @Benchmark
  public VerifiedEnvelope envelopeVerify() throws ProvenanceVerificationException {
    return verifier.verifyEnvelope(DsseEnvelope.parse(envelopeJson));
  }

  /**
   * Everything a serving app's verification does with the envelope: {@link #envelopeVerify}, then the strict parse of
   * the statement, the predicate allow-list, and the governance predicate's checks (the carried manifest's canonical
   * digest and model reference). For information; its cost over the signature is the statement's parsing.
   *
   * @return the verified statement
   * @throws ProvenanceVerificationException never for the envelope made at setup
   */
  @Benchmark
  public VerifiedStatement statementVerify() throws ProvenanceVerificationException {
    return verifier.verify(envelopeJson);
  }

  /**
   * The baseline of {@link #envelopeVerify}: raw BouncyCastle Ed25519 verification of the same PAE bytes.
   *
   * @return whether the signature verifies
   */
  @Benchmark
  public boolean envelopeVerifyRawBc() {
    rawStatementVerifier.update(statementPae, 0, statementPae.length);
    return rawStatementVerifier.verifySignature(statementSignature);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Ed25519

  /**
   * The library: {@code SigningKey.sign}, Ed25519.
   *
   * @return the signature
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] ed25519Sign() throws GeneralSecurityException {
    return ed25519.sign(pae);
  }

  /**
   * The baseline: BouncyCastle's {@link Ed25519Signer}, initialised once.
   *
   * @return the signature
   */
  @Benchmark
  public byte[] ed25519SignRawBc() {
    rawEd25519Signer.update(pae, 0, pae.length);
    return rawEd25519Signer.generateSignature();
  }

  /**
   * The library: {@code VerificationKey.verify}, Ed25519.
   *
   * @return the key, so that the method has a value like the baseline's
   * @throws GeneralSecurityException never: the signature is valid
   */
  @Benchmark
  public VerificationKey ed25519Verify() throws GeneralSecurityException {
    ed25519Public.verify(pae, ed25519Signature);
    return ed25519Public;
  }

  /**
   * The baseline: BouncyCastle's {@link Ed25519Signer}, initialised once.
   *
   * @return whether the signature is valid
   */
  @Benchmark
  public boolean ed25519VerifyRawBc() {
    rawEd25519Verifier.update(pae, 0, pae.length);
    return rawEd25519Verifier.verifySignature(ed25519Signature);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // ECDSA P-256 / SHA-256, DER

  /**
   * The library: {@code SigningKey.sign}, ECDSA P-256 with an RFC 6979 nonce, DER.
   *
   * @return the signature
   * @throws GeneralSecurityException never
   */
  @Benchmark
  public byte[] ecdsaP256Sign() throws GeneralSecurityException {
    return p256.sign(pae);
  }

  /**
   * The baseline: BouncyCastle's {@link ECDSASigner} with an RFC 6979 nonce, BC SHA-256, DER.
   *
   * @return the signature
   * @throws IOException never
   */
  @Benchmark
  public byte[] ecdsaP256SignRawBc() throws IOException {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, rawP256Private);
    BigInteger[] rs = signer.generateSignature(bcSha256(pae));
    return StandardDSAEncoding.INSTANCE.encode(p256Order, rs[0], rs[1]);
  }

  /**
   * The library: {@code VerificationKey.verify}, ECDSA P-256, DER.
   *
   * @return the key, so that the method has a value like the baseline's
   * @throws GeneralSecurityException never: the signature is valid
   */
  @Benchmark
  public VerificationKey ecdsaP256Verify() throws GeneralSecurityException {
    p256Public.verify(pae, p256Signature);
    return p256Public;
  }

  /**
   * The baseline: BouncyCastle's {@link ECDSASigner}, BC SHA-256, strict DER decoding.
   *
   * @return whether the signature is valid
   * @throws IOException never: the signature is DER
   */
  @Benchmark
  public boolean ecdsaP256VerifyRawBc() throws IOException {
    BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(p256Order, p256Signature);
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, rawP256Public);
    return verifier.verifySignature(bcSha256(pae), rs[0], rs[1]);
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static byte[] bcSha256(byte[] data) {
    SHA256Digest digest = new SHA256Digest();
    digest.update(data, 0, data.length);
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }

  private static AsymmetricKeyParameter rawPrivate(SigningKey key) throws IOException {
    String pem = key.toPkcs8Pem(InsecureKeyAccess.get());
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    return PrivateKeyFactory.createKey(der);
  }

  /**
   * A DSSE PAE of exactly {@link #PAE_BYTES} bytes: the real header for an in-toto statement, then a JSON-like body
   * of pseudo-random printable ASCII (fixed seed, so every run signs the same bytes).
   *
   * @return the PAE
   */
  static byte[] pae() {
    String type = "application/vnd.in-toto+json";
    String prefix =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"credit-scoring\",\"digest\":";
    int bodyLength = PAE_BYTES - ("DSSEv1 " + type.length() + " " + type + " " + "0000 ").length();
    StringBuilder body = new StringBuilder(bodyLength).append(prefix);
    SplittableRandom random = new SplittableRandom(20261128);
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789\",:{}[]/._-";
    while (body.length() < bodyLength - 2) {
      body.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    body.append("}}");
    String pae = "DSSEv1 " + type.length() + " " + type + " " + body.length() + " " + body;
    byte[] bytes = pae.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length != PAE_BYTES) {
      throw new IllegalStateException("the benchmark PAE has " + bytes.length + " bytes, not " + PAE_BYTES);
    }
    return bytes;
  }

  /**
   * Checks the setup once outside JMH, prints the PAE's header, then runs an interleaved A/B check: for each pair, 60
   * rounds of 200 calls of the library then 200 of the baseline, in one JVM, and the median over the last 40 rounds.
   * On a noisy shared machine this is steadier than JMH's separate forks, which run minutes apart.
   *
   * @param args ignored
   * @throws Exception if the setup fails
   */
  public static void main(String[] args) throws Exception {
    SigningBenchmark b = new SigningBenchmark();
    b.setUp();
    System.out.println(new String(b.pae, 0, 100, StandardCharsets.US_ASCII) + "... (" + b.pae.length + " bytes)");
    interleaved("ed25519 sign", b::ed25519Sign, b::ed25519SignRawBc);
    interleaved("ed25519 verify", b::ed25519Verify, b::ed25519VerifyRawBc);
    interleaved("ecdsa p256 sign", b::ecdsaP256Sign, b::ecdsaP256SignRawBc);
    interleaved("ecdsa p256 verify", b::ecdsaP256Verify, b::ecdsaP256VerifyRawBc);
  }

  /** Where {@link #interleaved} puts results. */
  private static volatile Object sink;

  /** One operation under test. */
  @FunctionalInterface
  private interface Op {
    Object run() throws Exception;
  }

  private static void interleaved(String label, Op library, Op baseline) throws Exception {
    int rounds = 60;
    int warm = 20;
    int calls = 200;
    double[][] perCall = new double[2][rounds - warm];
    for (int round = 0; round < rounds; round++) {
      for (int side = 0; side < 2; side++) {
        Op op = side == 0 ? library : baseline;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          sink = op.run(); // keeps the JIT from dropping the call
        }
        if (round >= warm) {
          perCall[side][round - warm] = (System.nanoTime() - start) / 1e3 / calls;
        }
      }
    }
    java.util.Arrays.sort(perCall[0]);
    java.util.Arrays.sort(perCall[1]);
    double library50 = perCall[0][perCall[0].length / 2];
    double baseline50 = perCall[1][perCall[1].length / 2];
    System.out.printf(
        java.util.Locale.ROOT,
        "%-18s library %8.1f us  raw BC %8.1f us  ratio %.3f (medians of %d interleaved rounds)%n",
        label, library50, baseline50, library50 / baseline50, rounds - warm);
  }
}
