package dev.modelgov.testkit.compat;

import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.testkit.doubles.TestKeyRing;

/** The generated Ed25519 test key ring meets the key ring contract. */
class TestKeyRingContractTest extends KeyRingContract {

  @Override
  protected KeyRing createKeyRing() {
    return TestKeyRing.generate("release", "audit");
  }
}
