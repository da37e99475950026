package dev.modelgov.k8s.events;

import dev.modelgov.core.audit.AuditProofs;
import dev.modelgov.core.audit.Checkpoint;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes an audit log's latest signed checkpoint (the {@code checkpoint} file of the log directory, read with
 * {@link AuditProofs}) into a ConfigMap, one data key per replica, so that auditors can compare replicas' tree sizes
 * and roots. Uses get and JSON merge patch only: the shipped RBAC ({@code modelgov-components.yaml}) grants no create,
 * so a missing ConfigMap is an error naming it, unless {@link Builder#createIfMissing(boolean)} is set.
 *
 * <pre>{@code
 * try (CheckpointPublisher publisher = CheckpointPublisher.builder(client, Path.of("/var/lib/modelgov/audit"))
 *     .namespace("modelgov-system").replicaId(System.getenv("POD_NAME")).build()) {
 *   publisher.publishNow();
 *   publisher.start(Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class CheckpointPublisher implements AutoCloseable {

  /** The default ConfigMap, shipped by {@code modelgov-components.yaml}. */
  public static final String DEFAULT_CONFIG_MAP = "modelgov-audit-checkpoint";

  /** The default namespace, as in {@code modelgov-components.yaml}. */
  public static final String DEFAULT_NAMESPACE = "modelgov-system";

  private static final System.Logger LOG = System.getLogger(CheckpointPublisher.class.getName());

  private final KubernetesClient client;
  private final Path logDir;
  private final String namespace;
  private final String configMap;
  private final String replicaId;
  private final boolean createIfMissing;
  private final AtomicLong failures = new AtomicLong();
  private ScheduledExecutorService scheduler;

  private CheckpointPublisher(Builder b) {
    this.client = b.client;
    this.logDir = b.logDir;
    this.namespace = b.namespace;
    this.configMap = b.configMap;
    this.replicaId = b.replicaId;
    this.createIfMissing = b.createIfMissing;
  }

  /**
   * @param client the client
   * @param logDir the audit log directory
   * @return a builder
   */
  public static Builder builder(KubernetesClient client, Path logDir) {
    return new Builder(Objects.requireNonNull(client, "client"), Objects.requireNonNull(logDir, "logDir"));
  }

  /**
   * Reads the latest checkpoint and writes its signed note under this replica's key.
   *
   * @return the checkpoint published
   * @throws IOException if the log has no checkpoint or cannot be read
   * @throws IllegalStateException if the ConfigMap is missing (and may not be created)
   */
  public Checkpoint publishNow() throws IOException {
    Checkpoint checkpoint;
    String note;
    try (AuditProofs proofs = AuditProofs.open(logDir)) {
      checkpoint = proofs.checkpoint();
      note = proofs.checkpointNote();
    }
    String key = dataKey(replicaId != null ? replicaId : checkpoint.origin());
    var resource = client.configMaps().inNamespace(namespace).withName(configMap);
    if (resource.get() == null) {
      if (!createIfMissing) {
        throw new IllegalStateException("the ConfigMap " + namespace + "/" + configMap + " is missing; it is shipped "
            + "in modelgov-components.yaml (the publisher may not create ConfigMaps)");
      }
      client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
          .withName(configMap).withNamespace(namespace).endMetadata().build()).create();
    }
    Map<String, Object> patch = Map.of("data", Map.of(key, note));
    resource.patch(PatchContext.of(PatchType.JSON_MERGE), new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
        .asJson(patch));
    return checkpoint;
  }

  /**
   * Publishes now and then every {@code interval} on a daemon thread; failures are counted and logged, never thrown.
   *
   * @param interval the period, at least one second
   * @throws IllegalStateException if already started
   */
  public synchronized void start(Duration interval) {
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("interval must be at least 1s, not " + interval);
    }
    if (scheduler != null) {
      throw new IllegalStateException("already started");
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "modelgov-checkpoint-publisher");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleAtFixedRate(this::publishQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void publishQuietly() {
    try {
      publishNow();
    } catch (IOException | RuntimeException e) {
      long n = failures.incrementAndGet();
      LOG.log(Level.WARNING, "cannot publish the audit checkpoint (" + n + " failures): " + e.getMessage());
    }
  }

  /** @return scheduled publications that failed */
  public long failures() {
    return failures.get();
  }

  /**
   * Reads every replica's published checkpoint, for an auditor comparing replicas.
   *
   * @param client the client
   * @param namespace the ConfigMap's namespace
   * @param configMap the ConfigMap's name
   * @return data key to the checkpoint in its signed note (signatures not verified here; use {@code SignedNote.open})
   * @throws IllegalStateException if the ConfigMap is missing
   * @throws IllegalArgumentException naming the key whose value is not a checkpoint note
   */
  public static Map<String, Checkpoint> read(KubernetesClient client, String namespace, String configMap) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(configMap).get();
    if (cm == null) {
      throw new IllegalStateException("the ConfigMap " + namespace + "/" + configMap + " is missing");
    }
    Map<String, Checkpoint> out = new TreeMap<>();
    Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
    for (Map.Entry<String, String> e : data.entrySet()) {
      int end = e.getValue().indexOf("\n\n");
      try {
        out.put(e.getKey(), Checkpoint.parse(end < 0 ? e.getValue() : e.getValue().substring(0, end + 1)));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("data key " + e.getKey() + " is not a checkpoint: " + ex.getMessage(), ex);
      }
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(out));
  }

  /**
   * A ConfigMap data key from a replica or origin id: characters outside {@code [-._a-zA-Z0-9]} become {@code _}, at
   * most 253 characters.
   *
   * @param id the id
   * @return the key
   */
  public static String dataKey(String id) {
    String s = id.replaceAll("[^-._a-zA-Z0-9]", "_");
    if (s.isEmpty() || s.equals(".") || s.equals("..")) {
      s = "replica" + s;
    }
    return s.length() > 253 ? s.substring(0, 253) : s;
  }

  /** Stops the schedule, if started. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "CheckpointPublisher[" + namespace + "/" + configMap + ", " + logDir + "]";
  }

  /** Builds a {@link CheckpointPublisher}. */
  public static final class Builder {
    private final KubernetesClient client;
    private final Path logDir;
    private String namespace = DEFAULT_NAMESPACE;
    private String configMap = DEFAULT_CONFIG_MAP;
    private String replicaId;
    private boolean createIfMissing;

    private Builder(KubernetesClient client, Path logDir) {
      this.client = client;
      this.logDir = logDir;
    }

    /**
     * @param value the ConfigMap's namespace
     * @return this builder
     */
    public Builder namespace(String value) {
      this.namespace = Objects.requireNonNull(value, "namespace");
      return this;
    }

    /**
     * @param value the ConfigMap's name
     * @return this builder
     */
    public Builder configMap(String value) {
      this.configMap = Objects.requireNonNull(value, "configMap");
      return this;
    }

    /**
     * @param value this replica's id (for example the pod name), sanitized into the data key; default the log origin
     * @return this builder
     */
    public Builder replicaId(String value) {
      this.replicaId = value;
      return this;
    }

    /**
     * @param value whether to create the ConfigMap when missing (needs RBAC create, which the shipped role lacks)
     * @return this builder
     */
    public Builder createIfMissing(boolean value) {
      this.createIfMissing = value;
      return this;
    }

    /**
     * @return the publisher
     * @throws IllegalArgumentException naming the bad field
     */
    public CheckpointPublisher build() {
      if (namespace.isBlank()) {
        throw new IllegalArgumentException("namespace must not be blank");
      }
      if (configMap.isBlank()) {
        throw new IllegalArgumentException("configMap must not be blank");
      }
      if (replicaId != null && replicaId.isBlank()) {
        throw new IllegalArgumentException("replicaId must not be blank");
      }
      return new CheckpointPublisher(this);
    }
  }
}
