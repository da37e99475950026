package dev.modelgov.k8s.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelgov.api.audit.CustomEvent;
import dev.modelgov.api.provenance.SignatureAlgorithm;
import dev.modelgov.core.audit.Checkpoint;
import dev.modelgov.core.audit.DurableAuditLog;
import dev.modelgov.core.audit.NoteSigner;
import dev.modelgov.core.provenance.SigningKey;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Publishing the audit log's signed checkpoint into the shipped ConfigMap, against fabric8's CRUD mock. */
@EnableKubernetesMockClient(https = false, crud = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckpointPublisherTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path tmp;

  private static Checkpoint writeLog(Path dir, String origin, int events) throws Exception {
    return writeLog(dir, NoteSigner.ed25519(origin, SigningKey.generate(SignatureAlgorithm.ED25519)), origin, events);
  }

  private static Checkpoint writeLog(Path dir, NoteSigner signer, String origin, int events) throws Exception {
    try (DurableAuditLog log = DurableAuditLog.builder(dir).origin(origin).signer(signer)
        .checkpointEvery(1_000_000, Duration.ofHours(1)).open()) {
      for (int i = 0; i < events; i++) {
        log.append(CustomEvent.builder("test.event").attribute("n", i).build());
      }
      return log.checkpointNow();
    }
  }

  private static void shipConfigMap(String ns) {
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
        .withName(CheckpointPublisher.DEFAULT_CONFIG_MAP).withNamespace(ns).endMetadata().build()).create();
  }

  @Test
  void two_replicas_publish_into_one_config_map_and_an_auditor_compares_them() throws Exception {
    // GIVEN the shipped ConfigMap and two replicas' logs of different sizes
    shipConfigMap("cp-a");
    Checkpoint one = writeLog(tmp.resolve("r1"), "bank.example/audit/r1", 3);
    Checkpoint two = writeLog(tmp.resolve("r2"), "bank.example/audit/r2", 5);
    // WHEN both publish (the first one by its origin, the second by its pod name)
    Checkpoint p1 = CheckpointPublisher.builder(client, tmp.resolve("r1")).namespace("cp-a").build().publishNow();
    Checkpoint p2 = CheckpointPublisher.builder(client, tmp.resolve("r2")).namespace("cp-a")
        .replicaId("modelgov-7d9f/pod:2").build().publishNow();
    // THEN an auditor reads both and sees each replica's size and root
    assertThat(p1).isEqualTo(one);
    assertThat(p2).isEqualTo(two);
    Map<String, Checkpoint> all = CheckpointPublisher.read(client, "cp-a", CheckpointPublisher.DEFAULT_CONFIG_MAP);
    assertThat(all).containsOnlyKeys("bank.example_audit_r1", "modelgov-7d9f_pod_2");
    assertThat(all.get("bank.example_audit_r1").treeSize()).isEqualTo(one.treeSize());
    assertThat(all.get("modelgov-7d9f_pod_2").treeSize()).isEqualTo(two.treeSize());
    assertThat(all.get("modelgov-7d9f_pod_2").rootHash()).isEqualTo(two.rootHash());
    // and the stored value is the signed note (body plus a signature line)
    String stored = client.configMaps().inNamespace("cp-a").withName(CheckpointPublisher.DEFAULT_CONFIG_MAP).get()
        .getData().get("bank.example_audit_r1");
    assertThat(stored).startsWith(one.body()).contains("\n\n\u2014 ");
  }

  @Test
  void republishing_replaces_only_this_replicas_key() throws Exception {
    // GIVEN a published checkpoint and another replica's entry
    shipConfigMap("cp-b");
    Path dir = tmp.resolve("log");
    NoteSigner signer = NoteSigner.ed25519("bank.example/audit/x", SigningKey.generate(SignatureAlgorithm.ED25519));
    writeLog(dir, signer, "bank.example/audit/x", 2);
    CheckpointPublisher publisher = CheckpointPublisher.builder(client, dir).namespace("cp-b").replicaId("x").build();
    publisher.publishNow();
    client.configMaps().inNamespace("cp-b").withName(CheckpointPublisher.DEFAULT_CONFIG_MAP)
        .edit(cm -> new ConfigMapBuilder(cm).addToData("other", "kept").build());
    // WHEN the log grows and is published again
    Checkpoint grown = writeLog(dir, signer, "bank.example/audit/x", 4);
    publisher.publishNow();
    // THEN the key holds the new size and the other entry is untouched
    Map<String, String> data = client.configMaps().inNamespace("cp-b")
        .withName(CheckpointPublisher.DEFAULT_CONFIG_MAP).get().getData();
    assertThat(data).containsEntry("other", "kept");
    assertThat(data.get("x")).startsWith(grown.body());
  }

  @Test
  void a_missing_config_map_is_an_error_naming_it() throws Exception {
    // GIVEN no ConfigMap in the namespace
    Path dir = tmp.resolve("log");
    writeLog(dir, "bank.example/audit/m", 1);
    // WHEN publishing THEN the error names the ConfigMap and the file that ships it
    assertThatThrownBy(() -> CheckpointPublisher.builder(client, dir).namespace("cp-missing").build().publishNow())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cp-missing/modelgov-audit-checkpoint").hasMessageContaining("modelgov-components.yaml");
    // and with createIfMissing it is created
    CheckpointPublisher.builder(client, dir).namespace("cp-missing").createIfMissing(true).build().publishNow();
    assertThat(CheckpointPublisher.read(client, "cp-missing", CheckpointPublisher.DEFAULT_CONFIG_MAP)).hasSize(1);
  }

  @Test
  void a_log_without_checkpoint_is_an_io_error() {
    shipConfigMap("cp-c");
    assertThatThrownBy(() -> CheckpointPublisher.builder(client, tmp.resolve("empty")).namespace("cp-c").build()
        .publishNow()).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void scheduled_mode_publishes_in_the_background() throws Exception {
    // GIVEN the ConfigMap and a log
    shipConfigMap("cp-s");
    Path dir = tmp.resolve("log");
    Checkpoint cp = writeLog(dir, "bank.example/audit/s", 2);
    // WHEN started
    try (CheckpointPublisher publisher = CheckpointPublisher.builder(client, dir).namespace("cp-s").build()) {
      publisher.start(Duration.ofSeconds(1));
      // THEN the checkpoint appears without a call to publishNow
      Map<String, Checkpoint> seen = Map.of();
      for (int i = 0; i < 200 && seen.isEmpty(); i++) {
        Thread.sleep(50);
        seen = CheckpointPublisher.read(client, "cp-s", CheckpointPublisher.DEFAULT_CONFIG_MAP);
      }
      assertThat(seen.values()).containsExactly(cp);
      assertThatThrownBy(() -> publisher.start(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void data_keys_are_sanitized() {
    assertThat(CheckpointPublisher.dataKey("a b/c:d")).isEqualTo("a_b_c_d");
    assertThat(CheckpointPublisher.dataKey("..")).isEqualTo("replica..");
  }
}
