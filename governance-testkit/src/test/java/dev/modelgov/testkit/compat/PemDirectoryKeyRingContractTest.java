package dev.modelgov.testkit.compat;

import dev.modelgov.core.provenance.KeyRing;
import dev.modelgov.testkit.doubles.TestKeyRing;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link KeyRing#pemDirectory(Path)} over keys written as {@code governance keygen} does meets the contract. */
class PemDirectoryKeyRingContractTest extends KeyRingContract {

  @TempDir Path tmp;

  private int rings;

  @Override
  protected KeyRing createKeyRing() throws Exception {
    return KeyRing.pemDirectory(TestKeyRing.generate("release", "audit").writePem(tmp.resolve("keys-" + rings++)));
  }
}
