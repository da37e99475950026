package dev.modelgov.testkit.compat;

import dev.modelgov.api.audit.AuditEvent;
import dev.modelgov.api.audit.AuditLog;
import dev.modelgov.api.audit.AuditReceipt;
import dev.modelgov.api.audit.Durability;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.api.policy.Rule;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.provenance.InsecureKeyAccess;
import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.core.provenance.SigningKey;
import dev.modelgov.core.provenance.TrustRoot;
import dev.modelgov.testkit.doubles.InMemoryAuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Implementations that break one contract each, run only through {@code EngineTestKit} by
 * {@link ContractsDetectBrokenImplementationsTest}. The classes are nested, so Surefire does not run them on its own.
 */
final class BrokenImplementations {

  private BrokenImplementations() {}

  /** An audit log whose receipts skip every other index (0, 2, 4, ...); everything else is delegated. */
  static final class SkippingIndicesLog implements AuditLog {
    private final InMemoryAuditLog delegate = InMemoryAuditLog.create();

    @Override
    public AuditReceipt append(AuditEvent event) {
      AuditReceipt r = delegate.append(event);
      return new AuditReceipt(r.index() * 2, r.leafHash());
    }

    @Override
    public AuditReceipt eraseSubject(String subjectId, String reason) {
      return delegate.eraseSubject(subjectId, reason);
    }

    @Override
    public void flush() {
      delegate.flush();
    }

    @Override
    public long size() {
      return delegate.size();
    }

    @Override
    public Durability durability() {
      return delegate.durability();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** Runs the audit log contract on {@link SkippingIndicesLog}. */
  static final class SkippingIndicesLogContract extends AuditLogContract {
    @Override
    protected AuditLog createLog() {
      return new SkippingIndicesLog();
    }
  }

  /** A key ring of two keys whose trust root trusts only the first. */
  static final class PartlyTrustedKeyRing implements KeyRing {
    private final Map<String, SigningKey> keys = new LinkedHashMap<>();
    private final TrustRoot trust;

    PartlyTrustedKeyRing() {
      keys.put("release", SigningKey.generate(SignatureAlgorithm.ED25519));
      keys.put("audit", SigningKey.generate(SignatureAlgorithm.ED25519));
      trust = TrustRoot.builder().trust("release", keys.get("release").verificationKey()).build();
    }

    @Override
    public Set<String> names() {
      return keys.keySet();
    }

    @Override
    public Optional<SigningKey> signingKey(String name) {
      return Optional.ofNullable(keys.get(name));
    }

    @Override
    public TrustRoot trustRoot() {
      return trust;
    }
  }

  /** Runs the key ring contract on {@link PartlyTrustedKeyRing}. */
  static final class PartlyTrustedKeyRingContract extends KeyRingContract {
    @Override
    protected KeyRing createKeyRing() {
      return new PartlyTrustedKeyRing();
    }
  }

  /** Runs the key ring contract on a correct ring wrapped in a {@code toString} that prints the private keys. */
  static final class LeakyKeyRingContract extends KeyRingContract {
    @Override
    protected KeyRing createKeyRing() {
      KeyRing ring = KeyRing.generated(SignatureAlgorithm.ED25519, "release");
      return new KeyRing() {
        @Override
        public Set<String> names() {
          return ring.names();
        }

        @Override
        public Optional<SigningKey> signingKey(String name) {
          return ring.signingKey(name);
        }

        @Override
        public TrustRoot trustRoot() {
          return ring.trustRoot();
        }

        @Override
        public String toString() {
          return "LeakyKeyRing" + ring.signingKey("release").orElseThrow().toPkcs8Pem(InsecureKeyAccess.get());
        }
      };
    }
  }

  /** A license rule that, on a licensed model, also fails every third evaluation: nondeterministic. */
  static final class FlakyRuleContract extends RuleContract {
    @Override
    protected Rule rule() {
      AtomicInteger calls = new AtomicInteger();
      return Rule.builder("test.flaky-license")
          .check((ModelManifest m) -> calls.incrementAndGet() % 3 != 0 && !m.license().equals("NOASSERTION"))
          .message("the license is not set")
          .build();
    }

    @Override
    protected ModelManifest passingManifest() {
      return Manifests.creditScoring();
    }

    @Override
    protected ModelManifest failingManifest() {
      return Manifests.creditScoring().toBuilder().license("NOASSERTION").build();
    }
  }

  /** A rule whose check throws instead of failing: an ERROR, not a FAIL. */
  static final class ThrowingRuleContract extends RuleContract {
    @Override
    protected Rule rule() {
      return Rule.builder("test.throwing-license")
          .check((ModelManifest m) -> {
            if (m.license().equals("NOASSERTION")) {
              throw new IllegalStateException("no license to check");
            }
            return true;
          })
          .build();
    }

    @Override
    protected ModelManifest passingManifest() {
      return Manifests.creditScoring();
    }

    @Override
    protected ModelManifest failingManifest() {
      return Manifests.creditScoring().toBuilder().license("NOASSERTION").build();
    }
  }
}
