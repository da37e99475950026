package dev.modelgov.core.audit;

import static dev.modelgov.core.audit.AuditLogFixtures.event;
import static dev.modelgov.core.audit.AuditLogFixtures.newSigner;
import static dev.modelgov.core.audit.AuditLogFixtures.quietBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.audit.AuditReceipt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proofs served from a log directory with the public key alone, next to a live writer or on a copy. */
class AuditProofsTest {

  @TempDir Path dir;

  @Test
  void every_receipt_is_proven_against_the_signed_checkpoint_without_the_signing_key() throws Exception {
    // GIVEN a closed log of 300 events (more than one tile) signed by a key
    NoteSigner signer = newSigner();
    List<AuditReceipt> receipts = new ArrayList<>();
    try (DurableAuditLog log = quietBuilder(dir, signer).open()) {
      for (int i = 0; i < 300; i++) {
        receipts.add(log.append(event("w", i)));
      }
    }

    // WHEN the proofs are opened with the public key only
    try (AuditProofs proofs = AuditProofs.open(dir, List.of(signer.verifier()))) {
      Checkpoint cp = proofs.checkpoint();

      // THEN every receipt's inclusion proof reaches the signed root, and the tiles agree with the receipts
      assertThat(cp.treeSize()).isGreaterThanOrEqualTo(300);
      for (AuditReceipt r : receipts) {
        assertThat(proofs.leafHash(r.index())).isEqualTo(r.leafHash());
        proofs.inclusionProof(r.index(), cp.treeSize()).verify(r.leafHash(), cp.rootHash());
      }
      // AND an older size is consistent with the checkpoint
      proofs.consistencyProof(100, cp.treeSize()).verify(proofs.rootHash(100), cp.rootHash());
      assertThat(proofs.checkpointNote()).startsWith(cp.origin() + "\n");
    }
  }

  @Test
  void proofs_are_served_while_the_writer_holds_the_log() throws Exception {
    // GIVEN a live log with a checkpoint
    NoteSigner signer = newSigner();
    try (DurableAuditLog log = quietBuilder(dir, signer).open()) {
      AuditReceipt r = log.append(event("w", 1));
      Checkpoint issued = log.checkpointNow();

      // WHEN another reader opens the proofs without the writer's lock
      try (AuditProofs proofs = AuditProofs.open(dir, List.of(signer.verifier()))) {
        // THEN it sees the same checkpoint and proves the event
        assertThat(proofs.checkpoint()).isEqualTo(issued);
        proofs.inclusionProof(r.index(), issued.treeSize()).verify(r.leafHash(), issued.rootHash());
      }
      // AND the writer goes on
      assertThat(log.append(event("w", 2)).index()).isGreaterThan(r.index());
    }
  }

  @Test
  void a_checkpoint_signed_by_another_key_is_refused() throws Exception {
    // GIVEN a closed log
    try (DurableAuditLog log = quietBuilder(dir, newSigner()).open()) {
      log.append(event("w", 1));
    }

    // WHEN it is opened trusting another key THEN the signature check fails
    assertThatThrownBy(() -> AuditProofs.open(dir, List.of(newSigner().verifier())))
        .isInstanceOf(NoteVerificationException.class);
  }

  @Test
  void tiles_that_disagree_with_the_checkpoint_are_refused_and_left_unchanged() throws Exception {
    // GIVEN a closed log whose first leaf hash in the tiles was changed
    try (DurableAuditLog log = quietBuilder(dir, newSigner()).open()) {
      for (int i = 0; i < 10; i++) {
        log.append(event("w", i));
      }
    }
    Path tile = dir.resolve("tiles").resolve("0");
    try (FileChannel ch = FileChannel.open(tile, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {0x42}), 0);
    }
    long before = java.nio.file.Files.size(tile);

    // WHEN the proofs are opened THEN they are refused, naming the checkpoint, and the tiles are not touched
    assertThatThrownBy(() -> AuditProofs.open(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tiles disagree with the checkpoint");
    assertThat(java.nio.file.Files.size(tile)).isEqualTo(before);
  }

  @Test
  void a_log_without_a_checkpoint_has_no_proofs() {
    // GIVEN an empty directory WHEN proofs are opened THEN the missing checkpoint is named
    assertThatThrownBy(() -> AuditProofs.open(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no checkpoint yet");
  }

  @Test
  void an_empty_log_refuses_to_issue_a_checkpoint() throws Exception {
    // GIVEN a new, empty log
    try (DurableAuditLog log = quietBuilder(dir, newSigner()).open()) {
      // WHEN a checkpoint is asked for THEN it is refused as there is nothing to commit to, and no file is written
      assertThatThrownBy(log::checkpointNow)
          .isInstanceOf(dev.modelgov.api.audit.AuditLogException.class)
          .hasMessageContaining("nothing to checkpoint");
      assertThat(dir.resolve("checkpoint")).doesNotExist();
    }
  }
}
