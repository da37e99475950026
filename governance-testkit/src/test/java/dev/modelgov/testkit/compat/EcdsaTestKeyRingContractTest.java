package dev.modelgov.testkit.compat;

import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.testkit.doubles.TestKeyRing;

/** The generated ECDSA P-256 test key ring meets the key ring contract. */
class EcdsaTestKeyRingContractTest extends KeyRingContract {

  @Override
  protected KeyRing createKeyRing() {
    return TestKeyRing.ecdsaP256("release", "attest");
  }
}
