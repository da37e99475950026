package dev.modelgov.k8s.gitops;

import dev.modelgov.api.Digest;
import dev.modelgov.api.ImageRef;
import dev.modelgov.api.ModelId;
import dev.modelgov.api.manifest.BuildProvenance;
import dev.modelgov.api.manifest.Dataset;
import dev.modelgov.api.manifest.ModelManifest;
import dev.modelgov.k8s.crd.GovernedModel;
import dev.modelgov.k8s.crd.GovernedModels;
import dev.modelgov.k8s.gitops.internal.KubernetesTrees;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders the Kubernetes objects that serve a governed model, for a GitOps repository: deterministic, hardened,
 * labelled with the recommended {@code app.kubernetes.io/*} labels and with the model's identity, digests and lineage.
 *
 * <h2>What is rendered</h2>
 *
 * For {@link WorkloadKind#DEPLOYMENT}: a ServiceAccount (no token mounted), a Deployment, a Service, a NetworkPolicy
 * that denies all ingress and egress of the model's pods and one that allows ingress to the serving port only (from
 * pods of the same namespace, or from the namespaces {@link Builder#ingressFromNamespaceSelector} selects), a
 * HorizontalPodAutoscaler ({@code autoscaling/v2}, at least 2 replicas; when autoscaling is off the Deployment sets
 * {@code replicas} instead), a PodDisruptionBudget ({@code minAvailable: 1}) and the {@link GovernedModel}. For {@link
 * WorkloadKind#INFERENCE_SERVICE}: a KServe InferenceService (RawDeployment, custom predictor container) instead of the
 * Deployment, Service and autoscaler, which KServe creates. No Role or RoleBinding is rendered: the model's pod calls
 * no Kubernetes API, so it gets no permission at all (and no token).
 *
 * <p>The pod runs as a non-root user with no privilege escalation, all capabilities dropped, the {@code
 * RuntimeDefault} seccomp profile and a read-only root file system (with an {@code emptyDir} on {@code /tmp}), with
 * CPU and memory requests and limits, distinct liveness and readiness probes, and the manifest's serving image pinned
 * by digest.
 *
 * <h2>Labels and annotations</h2>
 *
 * Every object has {@code app.kubernetes.io/name} (model name), {@code instance} (the object name, {@code
 * <model namespace>-<model name>}), {@code version}, {@code component} ({@code model-server}), {@code part-of} (the
 * model namespace), {@code managed-by} ({@code modelgov}), and {@code governance.modelgov.dev/model} ({@code
 * namespace.name}), {@code /version} and {@code /risk-class}; a value that is not a valid label value is left out of
 * the labels. The annotations {@code governance.modelgov.dev/model}, {@code /version} and {@code /manifest-digest}
 * always hold the exact values. The workload and its pods also carry the lineage: {@code
 * governance.modelgov.dev/governed-model}, {@code /training-run}, {@code /mlflow-run-id} or {@code
 * /kubeflow-model-version-id}, {@code /source-commit}, {@code /dataset-digests} and {@code /provenance}.
 *
 * <p>With {@link Builder#argoCdApplication}, each object gets {@code argocd.argoproj.io/tracking-id} (annotation
 * tracking, the Argo CD 3 default; label tracking would overwrite {@code app.kubernetes.io/instance}, which is part of
 * the pod selector), and the GovernedModel {@code sync-wave: "-1"} (applied before the workload) and {@code
 * sync-options: Prune=false}. With {@link Builder#fluxKustomization}, each object gets the labels {@code
 * kustomize.toolkit.fluxcd.io/name} and {@code /namespace}, and the GovernedModel {@code
 * kustomize.toolkit.fluxcd.io/prune: disabled}: removing a model from Git does not delete its governance record.
 *
 * <h2>Determinism</h2>
 *
 * {@link #renderYaml} writes map entries sorted by key (fields in the Kubernetes model order), documents sorted by a
 * fixed kind order then namespace and name, no status or server-owned metadata, and quotes every string a YAML 1.1
 * reader could take for something else ({@code "y"}, {@code "2.4.0"}, {@code "1Gi"}): the same input always gives the
 * same bytes.
 *
 * <pre>{@code
 * GitOpsRenderer renderer = GitOpsRenderer.builder()
 *     .namespace("ml-serving")
 *     .replicas(2, 6)
 *     .argoCdApplication("credit-scoring")
 *     .build();
 * String yaml = renderer.renderYaml(manifest, codec.digest(manifest));
 * }</pre>
 */
public final class GitOpsRenderer {

  /** The container name in a Deployment. */
  public static final String CONTAINER = "model-server";

  /** The container name KServe expects in a custom predictor. */
  public static final String KSERVE_CONTAINER = "kserve-container";

  /** The label and annotation prefix of the model's identity. */
  public static final String GOVERNANCE_PREFIX = "governance.modelgov.dev/";

  static final String KSERVE_API_VERSION = "serving.kserve.io/v1beta1";

  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUANTITY =
      Pattern.compile("[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?");
  private static final Pattern HTTP_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*");

  private final String namespace;
  private final WorkloadKind kind;
  private final int minReplicas;
  private final int maxReplicas;
  private final boolean autoscaling;
  private final int targetCpuUtilization;
  private final int containerPort;
  private final String cpuRequest;
  private final String memoryRequest;
  private final String cpuLimit;
  private final String memoryLimit;
  private final long runAsUser;
  private final String livenessPath;
  private final String readinessPath;
  private final Map<String, String> ingressFrom;
  private final String argoCdApplication;
  private final String fluxName;
  private final String fluxNamespace;
  private final Map<String, String> extraLabels;
  private final String provenanceRef;

  private GitOpsRenderer(Builder b) {
    this.namespace = b.namespace;
    this.kind = b.kind;
    this.minReplicas = b.minReplicas;
    this.maxReplicas = b.maxReplicas;
    this.autoscaling = b.autoscaling;
    this.targetCpuUtilization = b.targetCpuUtilization;
    this.containerPort = b.containerPort;
    this.cpuRequest = b.cpuRequest;
    this.memoryRequest = b.memoryRequest;
    this.cpuLimit = b.cpuLimit;
    this.memoryLimit = b.memoryLimit;
    this.runAsUser = b.runAsUser;
    this.livenessPath = b.livenessPath;
    this.readinessPath = b.readinessPath;
    this.ingressFrom = Map.copyOf(b.ingressFrom);
    this.argoCdApplication = b.argoCdApplication;
    this.fluxName = b.fluxName;
    this.fluxNamespace = b.fluxNamespace;
    this.extraLabels = Map.copyOf(b.extraLabels);
    this.provenanceRef = b.provenanceRef;
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the namespace the objects are rendered into */
  public String namespace() {
    return namespace;
  }

  /** @return the workload kind */
  public WorkloadKind workloadKind() {
    return kind;
  }

  /**
   * The name of the rendered objects of a model: {@code <model namespace>-<model name>}, made a DNS-1035 label by the
   * rules of {@link GovernedModels#dnsLabel}. NetworkPolicies add {@code -default-deny} and {@code -allow-serving}.
   *
   * @param id the model id, must not be {@code null}
   * @return the name, for example {@code risk-credit-scoring}
   */
  public static String objectName(ModelId id) {
    Objects.requireNonNull(id, "id must not be null");
    return GovernedModels.dnsLabel(id.namespace() + "-" + id.name(), id.toString());
  }

  /**
   * Renders the objects of a model.
   *
   * @param manifest the manifest, must not be {@code null}; it must have a {@code servingImage}
   * @param manifestDigest its digest, must not be {@code null}
   * @return the objects, in the order {@link #renderYaml} writes them
   * @throws IllegalArgumentException if the manifest has no {@code servingImage}
   */
  public List<HasMetadata> render(ModelManifest manifest, Digest manifestDigest) {
    Objects.requireNonNull(manifest, "manifest must not be null");
    Objects.requireNonNull(manifestDigest, "manifestDigest must not be null");
    ImageRef image = manifest.servingImage().orElseThrow(() -> new IllegalArgumentException(
        "servingImage: manifest " + manifest.coordinates() + " has no serving image; rendering needs servingImage "
            + "(repository@sha256:<digest>)"));
    Context c = new Context(manifest, manifestDigest, image);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new ServiceAccountBuilder().withMetadata(c.meta(c.name, "ServiceAccount", ""))
        .withAutomountServiceAccountToken(false).build());
    objects.add(denyAll(c));
    objects.add(allowServing(c));
    objects.add(new PodDisruptionBudgetBuilder().withMetadata(c.meta(c.name, "PodDisruptionBudget", "policy"))
        .withNewSpec().withMinAvailable(new IntOrString(1)).withSelector(c.podSelector()).endSpec().build());
    objects.add(governedModel(c));
    if (kind == WorkloadKind.DEPLOYMENT) {
      objects.add(service(c));
      objects.add(deployment(c));
      if (autoscaling) {
        objects.add(autoscaler(c));
      }
    } else {
      objects.add(inferenceService(c));
    }
    objects.sort(KubernetesTrees.ORDER);
    return objects;
  }

  /**
   * Renders the objects of a model as deterministic YAML, one document per object (each after a {@code ---} line).
   *
   * @param manifest the manifest, must not be {@code null}; it must have a {@code servingImage}
   * @param manifestDigest its digest, must not be {@code null}
   * @return the YAML text
   * @throws IllegalArgumentException if the manifest has no {@code servingImage}
   */
  public String renderYaml(ModelManifest manifest, Digest manifestDigest) {
    return toYaml(render(manifest, manifestDigest));
  }

  /**
   * Writes any Kubernetes objects as deterministic YAML, as {@link #renderYaml} does: sorted map keys, documents in
   * kind order then namespace and name, without status or server-owned metadata. The objects are not changed.
   *
   * @param objects the objects, must not be {@code null}
   * @return the YAML text
   */
  public static String toYaml(List<? extends HasMetadata> objects) {
    Objects.requireNonNull(objects, "objects must not be null");
    return KubernetesTrees.yaml(objects);
  }

  private HasMetadata denyAll(Context c) {
    return new NetworkPolicyBuilder().withMetadata(c.meta(c.name + "-default-deny", "NetworkPolicy",
        "networking.k8s.io"))
        .withNewSpec().withPodSelector(c.podSelector()).withPolicyTypes("Ingress", "Egress").endSpec().build();
  }

  private HasMetadata allowServing(Context c) {
    NetworkPolicyPeer peer = ingressFrom.isEmpty()
        ? new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build()
        : new NetworkPolicyPeerBuilder().withNamespaceSelector(
            new LabelSelectorBuilder().withMatchLabels(new TreeMap<>(ingressFrom)).build()).build();
    return new NetworkPolicyBuilder().withMetadata(c.meta(c.name + "-allow-serving", "NetworkPolicy",
        "networking.k8s.io"))
        .withNewSpec().withPodSelector(c.podSelector()).withPolicyTypes("Ingress")
        .addNewIngress().withFrom(peer).addNewPort().withPort(new IntOrString(containerPort)).withProtocol("TCP")
        .endPort().endIngress().endSpec().build();
  }

  private HasMetadata service(Context c) {
    return new ServiceBuilder().withMetadata(c.meta(c.name, "Service", ""))
        .withNewSpec().withType("ClusterIP").withSelector(c.selector)
        .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).withProtocol("TCP")
        .endPort().endSpec().build();
  }

  private HasMetadata deployment(Context c) {
    DeploymentBuilder b = new DeploymentBuilder().withMetadata(c.workloadMeta("Deployment", "apps"));
    return b.withNewSpec()
        .withReplicas(autoscaling ? null : minReplicas)
        .withRevisionHistoryLimit(5)
        .withNewSelector().withMatchLabels(c.selector).endSelector()
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxUnavailable(new IntOrString(0))
        .withMaxSurge(new IntOrString(1)).endRollingUpdate().endStrategy()
        .withNewTemplate()
        .withNewMetadata().withLabels(c.labels).withAnnotations(c.lineage).endMetadata()
        .withNewSpec()
        .withServiceAccountName(c.name)
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(podSecurity())
        .withContainers(container(c, CONTAINER))
        .withVolumes(tmpVolume())
        .withTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(1)
            .withTopologyKey("kubernetes.io/hostname").withWhenUnsatisfiable("ScheduleAnyway")
            .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(c.selector).build()).build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private HasMetadata autoscaler(Context c) {
    return new HorizontalPodAutoscalerBuilder().withMetadata(c.meta(c.name, "HorizontalPodAutoscaler", "autoscaling"))
        .withNewSpec()
        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(c.name).endScaleTargetRef()
        .withMinReplicas(minReplicas)
        .withMaxReplicas(maxReplicas)
        .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
        .withType("Utilization").withAverageUtilization(targetCpuUtilization).endTarget().endResource().endMetric()
        .endSpec().build();
  }

  private HasMetadata inferenceService(Context c) {
    GenericKubernetesResource isvc = new GenericKubernetesResource();
    isvc.setApiVersion(KSERVE_API_VERSION);
    isvc.setKind("InferenceService");
    ObjectMeta meta = c.workloadMeta("InferenceService", "serving.kserve.io");
    meta.getAnnotations().put("serving.kserve.io/deploymentMode", "RawDeployment");
    meta.getAnnotations().put("serving.kserve.io/autoscalerClass", "hpa");
    isvc.setMetadata(meta);
    Map<String, Object> predictor = new TreeMap<>();
    predictor.put("minReplicas", minReplicas);
    predictor.put("maxReplicas", maxReplicas);
    predictor.put("scaleMetric", "cpu");
    predictor.put("scaleTarget", targetCpuUtilization);
    predictor.put("serviceAccountName", c.name);
    predictor.put("automountServiceAccountToken", false);
    predictor.put("securityContext", KubernetesTrees.map(podSecurity()));
    predictor.put("labels", new TreeMap<>(c.labels));
    predictor.put("annotations", new TreeMap<>(c.lineage));
    predictor.put("containers", List.of(KubernetesTrees.map(container(c, KSERVE_CONTAINER))));
    predictor.put("volumes", List.of(KubernetesTrees.map(tmpVolume())));
    isvc.setAdditionalProperty("spec", Map.of("predictor", predictor));
    return isvc;
  }

  private GovernedModel governedModel(Context c) {
    GovernedModel gm = GovernedModels.from(c.manifest, c.digest, provenanceRef);
    ObjectMeta meta = c.meta(gm.getMetadata().getName(), GovernedModel.KIND, GovernedModel.GROUP);
    if (argoCdApplication != null) {
      meta.getAnnotations().put("argocd.argoproj.io/sync-wave", "-1");
      meta.getAnnotations().put("argocd.argoproj.io/sync-options", "Prune=false");
    }
    if (fluxName != null) {
      meta.getAnnotations().put("kustomize.toolkit.fluxcd.io/prune", "disabled");
    }
    gm.setMetadata(meta);
    return gm;
  }

  private Container container(Context c, String name) {
    Map<String, Quantity> requests = new TreeMap<>();
    requests.put("cpu", new Quantity(cpuRequest));
    requests.put("memory", new Quantity(memoryRequest));
    Map<String, Quantity> limits = new TreeMap<>();
    limits.put("cpu", new Quantity(cpuLimit));
    limits.put("memory", new Quantity(memoryLimit));
    return new ContainerBuilder()
        .withName(name)
        .withImage(c.image.toString())
        .withImagePullPolicy("IfNotPresent")
        .addNewPort().withName("http").withContainerPort(containerPort).withProtocol("TCP").endPort()
        .withResources(new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build())
        .withLivenessProbe(probe(livenessPath, 10, 10))
        .withReadinessProbe(probe(readinessPath, 5, 5))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .build();
  }

  private static Probe probe(String path, int initialDelay, int period) {
    return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
        .withInitialDelaySeconds(initialDelay).withPeriodSeconds(period).withTimeoutSeconds(2)
        .withFailureThreshold(3).build();
  }

  private PodSecurityContext podSecurity() {
    return new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(runAsUser).withRunAsGroup(runAsUser)
        .withFsGroup(runAsUser).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
  }

  private static Volume tmpVolume() {
    return new VolumeBuilder().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("1Gi")).endEmptyDir()
        .build();
  }

  /** What every object of one rendering shares: names, labels, annotations. */
  private final class Context {
    final ModelManifest manifest;
    final Digest digest;
    final ImageRef image;
    final String name;
    final Map<String, String> selector;
    final Map<String, String> labels;
    final Map<String, String> annotations;
    final Map<String, String> lineage;

    Context(ModelManifest manifest, Digest digest, ImageRef image) {
      this.manifest = manifest;
      this.digest = digest;
      this.image = image;
      ModelId id = manifest.id();
      this.name = objectName(id);
      this.selector = new TreeMap<>(Map.of("app.kubernetes.io/name", id.name(), "app.kubernetes.io/instance", name));
      Map<String, String> l = new TreeMap<>(extraLabels);
      l.putAll(selector);
      putLabel(l, "app.kubernetes.io/version", manifest.version());
      l.put("app.kubernetes.io/component", "model-server");
      l.put("app.kubernetes.io/part-of", id.namespace());
      l.put("app.kubernetes.io/managed-by", "modelgov");
      putLabel(l, GOVERNANCE_PREFIX + "model", id.namespace() + "." + id.name());
      putLabel(l, GOVERNANCE_PREFIX + "version", manifest.version());
      l.put(GOVERNANCE_PREFIX + "risk-class", manifest.risk().riskClass().name().toLowerCase(Locale.ROOT));
      if (fluxName != null) {
        l.put("kustomize.toolkit.fluxcd.io/name", fluxName);
        l.put("kustomize.toolkit.fluxcd.io/namespace", fluxNamespace);
      }
      this.labels = l;
      Map<String, String> a = new TreeMap<>();
      a.put(GOVERNANCE_PREFIX + "model", id.toString());
      a.put(GOVERNANCE_PREFIX + "version", manifest.version());
      a.put(GOVERNANCE_PREFIX + "manifest-digest", digest.toString());
      this.annotations = a;
      Map<String, String> lin = new TreeMap<>(a);
      lin.put(GOVERNANCE_PREFIX + "governed-model", GovernedModels.name(id, manifest.version()));
      BuildProvenance build = manifest.build();
      if (build != null && build.trainingRun() != null) {
        String system = build.trainingRun().system();
        String runId = build.trainingRun().id();
        lin.put(GOVERNANCE_PREFIX + "training-run", system + ":" + runId);
        String s = system == null ? "" : system.trim().toLowerCase(Locale.ROOT);
        if (s.equals("mlflow")) {
          lin.put(GOVERNANCE_PREFIX + "mlflow-run-id", runId);
        } else if (s.equals("kubeflow")) {
          lin.put(GOVERNANCE_PREFIX + "kubeflow-model-version-id", runId);
        }
      }
      if (build != null && build.source() != null) {
        lin.put(GOVERNANCE_PREFIX + "source-commit", build.source().commit());
      }
      lin.put(GOVERNANCE_PREFIX + "dataset-digests", datasetDigests(manifest.datasets()));
      if (provenanceRef != null) {
        lin.put(GOVERNANCE_PREFIX + "provenance", provenanceRef);
      }
      this.lineage = lin;
    }

    private void putLabel(Map<String, String> l, String key, String value) {
      if (value != null && value.length() <= 63 && LABEL_VALUE.matcher(value).matches()) {
        l.put(key, value);
      }
    }

    LabelSelector podSelector() {
      if (kind == WorkloadKind.INFERENCE_SERVICE) {
        return new LabelSelectorBuilder().withMatchLabels(Map.of("serving.kserve.io/inferenceservice", name)).build();
      }
      return new LabelSelectorBuilder().withMatchLabels(new TreeMap<>(selector)).build();
    }

    ObjectMeta meta(String objectName, String objectKind, String group) {
      Map<String, String> a = new TreeMap<>(annotations);
      if (argoCdApplication != null) {
        a.put("argocd.argoproj.io/tracking-id",
            argoCdApplication + ":" + group + "/" + objectKind + ":" + namespace + "/" + objectName);
      }
      return new ObjectMetaBuilder().withName(objectName).withNamespace(namespace).withLabels(new TreeMap<>(labels))
          .withAnnotations(a).build();
    }

    ObjectMeta workloadMeta(String objectKind, String group) {
      ObjectMeta meta = meta(name, objectKind, group);
      Map<String, String> a = new TreeMap<>(meta.getAnnotations());
      a.putAll(lineage);
      meta.setAnnotations(a);
      return meta;
    }
  }

  /**
   * Builds a {@link GitOpsRenderer}; {@link #build()} checks every setting and names the bad one.
   *
   * <pre>{@code
   * GitOpsRenderer r = GitOpsRenderer.builder().namespace("ml").workloadKind(WorkloadKind.DEPLOYMENT)
   *     .replicas(3, 10).containerPort(8000).resources("1", "2Gi", "2", "2Gi").build();
   * }</pre>
   */
  public static final class Builder {

    private String namespace;
    private WorkloadKind kind = WorkloadKind.DEPLOYMENT;
    private int minReplicas = 2;
    private int maxReplicas = 4;
    private boolean autoscaling = true;
    private int targetCpuUtilization = 70;
    private int containerPort = 8080;
    private String cpuRequest = "500m";
    private String memoryRequest = "1Gi";
    private String cpuLimit = "2";
    private String memoryLimit = "1Gi";
    private long runAsUser = 10001;
    private String livenessPath = "/v2/health/live";
    private String readinessPath = "/v2/health/ready";
    private final Map<String, String> ingressFrom = new TreeMap<>();
    private String argoCdApplication;
    private String fluxName;
    private String fluxNamespace;
    private final Map<String, String> extraLabels = new TreeMap<>();
    private String provenanceRef;

    private Builder() {}

    /**
     * @param value the namespace of every rendered object (a DNS-1123 label); required
     * @return this builder
     */
    public Builder namespace(String value) {
      this.namespace = value;
      return this;
    }

    /**
     * @param value what serves the model; default {@link WorkloadKind#DEPLOYMENT}
     * @return this builder
     */
    public Builder workloadKind(WorkloadKind value) {
      this.kind = value;
      return this;
    }

    /**
     * @param min the fewest replicas (at least 2): the HPA minimum, or the Deployment's replicas without autoscaling
     * @param max the most replicas (the HPA maximum), at least {@code min}
     * @return this builder
     */
    public Builder replicas(int min, int max) {
      this.minReplicas = min;
      this.maxReplicas = max;
      return this;
    }

    /**
     * @param value whether to render an autoscaler (default {@code true}); without one, the Deployment sets {@code
     *     replicas} to the minimum. KServe always autoscales, so this applies to {@link WorkloadKind#DEPLOYMENT}
     * @return this builder
     */
    public Builder autoscaling(boolean value) {
      this.autoscaling = value;
      return this;
    }

    /**
     * @param percent the CPU utilization the autoscaler aims at, 1-100; default 70
     * @return this builder
     */
    public Builder targetCpuUtilization(int percent) {
      this.targetCpuUtilization = percent;
      return this;
    }

    /**
     * @param value the port the model server listens on, 1-65535; default 8080
     * @return this builder
     */
    public Builder containerPort(int value) {
      this.containerPort = value;
      return this;
    }

    /**
     * @param cpuRequest the CPU request, a Kubernetes quantity; default {@code 500m}
     * @param memoryRequest the memory request; default {@code 1Gi}
     * @param cpuLimit the CPU limit; default {@code 2}
     * @param memoryLimit the memory limit; default {@code 1Gi}
     * @return this builder
     */
    public Builder resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
      this.cpuRequest = cpuRequest;
      this.memoryRequest = memoryRequest;
      this.cpuLimit = cpuLimit;
      this.memoryLimit = memoryLimit;
      return this;
    }

    /**
     * @param value the user and group id the pod runs as (not 0); default 10001
     * @return this builder
     */
    public Builder runAsUser(long value) {
      this.runAsUser = value;
      return this;
    }

    /**
     * @param liveness the HTTP path of the liveness probe; default {@code /v2/health/live}
     * @param readiness the HTTP path of the readiness probe, not the same; default {@code /v2/health/ready}
     * @return this builder
     */
    public Builder probePaths(String liveness, String readiness) {
      this.livenessPath = liveness;
      this.readinessPath = readiness;
      return this;
    }

    /**
     * @param labels the labels of the namespaces whose pods may call the serving port; empty (the default) allows
     *     pods of the model's own namespace only
     * @return this builder
     */
    public Builder ingressFromNamespaceSelector(Map<String, String> labels) {
      this.ingressFrom.clear();
      if (labels != null) {
        this.ingressFrom.putAll(labels);
      }
      return this;
    }

    /**
     * @param application the Argo CD Application that syncs the objects, or {@code null} for none
     * @return this builder
     */
    public Builder argoCdApplication(String application) {
      this.argoCdApplication = application;
      return this;
    }

    /**
     * @param name the Flux Kustomization that applies the objects, or {@code null} for none
     * @param kustomizationNamespace its namespace, for example {@code flux-system}
     * @return this builder
     */
    public Builder fluxKustomization(String name, String kustomizationNamespace) {
      this.fluxName = name;
      this.fluxNamespace = kustomizationNamespace;
      return this;
    }

    /**
     * @param labels more labels for every object and pod; keys under {@code app.kubernetes.io/} and {@code
     *     governance.modelgov.dev/} are refused (the renderer owns them)
     * @return this builder
     */
    public Builder extraLabels(Map<String, String> labels) {
      this.extraLabels.clear();
      if (labels != null) {
        this.extraLabels.putAll(labels);
      }
      return this;
    }

    /**
     * @param value where the model's signed provenance is, recorded in the GovernedModel and the workload's
     *     annotations; {@code null} (the default) for none
     * @return this builder
     */
    public Builder provenanceRef(String value) {
      this.provenanceRef = value;
      return this;
    }

    /**
     * @return the renderer
     * @throws IllegalArgumentException naming the first bad setting
     */
    public GitOpsRenderer build() {
      if (namespace == null || namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
        throw new IllegalArgumentException(namespace == null ? "namespace is not set"
            : "namespace must be a DNS-1123 label (1-63 lowercase letters, digits and '-'): '" + clip(namespace) + "'");
      }
      if (kind == null) {
        throw new IllegalArgumentException("workloadKind is not set");
      }
      if (minReplicas < 2) {
        throw new IllegalArgumentException("replicas: the minimum must be at least 2 for availability, was "
            + minReplicas);
      }
      if (maxReplicas < minReplicas) {
        throw new IllegalArgumentException("replicas: the maximum (" + maxReplicas + ") is below the minimum ("
            + minReplicas + ")");
      }
      if (targetCpuUtilization < 1 || targetCpuUtilization > 100) {
        throw new IllegalArgumentException("targetCpuUtilization must be 1-100, was " + targetCpuUtilization);
      }
      if (containerPort < 1 || containerPort > 65535) {
        throw new IllegalArgumentException("containerPort must be 1-65535, was " + containerPort);
      }
      quantity("resources.cpuRequest", cpuRequest);
      quantity("resources.memoryRequest", memoryRequest);
      quantity("resources.cpuLimit", cpuLimit);
      quantity("resources.memoryLimit", memoryLimit);
      if (amount(cpuRequest).compareTo(amount(cpuLimit)) > 0) {
        throw new IllegalArgumentException("resources: cpuRequest " + cpuRequest + " is above cpuLimit " + cpuLimit);
      }
      if (amount(memoryRequest).compareTo(amount(memoryLimit)) > 0) {
        throw new IllegalArgumentException("resources: memoryRequest " + memoryRequest + " is above memoryLimit "
            + memoryLimit);
      }
      if (runAsUser <= 0) {
        throw new IllegalArgumentException("runAsUser must be a non-root user id (> 0), was " + runAsUser);
      }
      path("probePaths.liveness", livenessPath);
      path("probePaths.readiness", readinessPath);
      if (livenessPath.equals(readinessPath)) {
        throw new IllegalArgumentException("probePaths: liveness and readiness must differ, both are "
            + livenessPath);
      }
      labels("ingressFromNamespaceSelector", ingressFrom, false);
      labels("extraLabels", extraLabels, true);
      if (argoCdApplication != null && (argoCdApplication.length() > 253
          || !DNS_SUBDOMAIN.matcher(argoCdApplication).matches())) {
        throw new IllegalArgumentException("argoCdApplication must be an Argo CD Application name (a DNS-1123 "
            + "subdomain): '" + clip(argoCdApplication) + "'");
      }
      if (fluxName != null || fluxNamespace != null) {
        if (fluxName == null || !DNS_SUBDOMAIN.matcher(fluxName).matches() || fluxName.length() > 253) {
          throw new IllegalArgumentException("fluxKustomization: the name must be a DNS-1123 subdomain: '"
              + clip(String.valueOf(fluxName)) + "'");
        }
        if (fluxNamespace == null || fluxNamespace.length() > 63 || !DNS_LABEL.matcher(fluxNamespace).matches()) {
          throw new IllegalArgumentException("fluxKustomization: the namespace must be a DNS-1123 label: '"
              + clip(String.valueOf(fluxNamespace)) + "'");
        }
        if (fluxName.length() > 63 || !LABEL_VALUE.matcher(fluxName).matches()) {
          throw new IllegalArgumentException("fluxKustomization: the name must fit a label value (63 characters)");
        }
      }
      if (provenanceRef != null && (provenanceRef.isBlank() || provenanceRef.length() > 2048)) {
        throw new IllegalArgumentException("provenanceRef must be a non-blank reference of at most 2048 characters");
      }
      return new GitOpsRenderer(this);
    }

    private static void quantity(String field, String value) {
      if (value == null || !QUANTITY.matcher(value).matches()) {
        throw new IllegalArgumentException(field + " must be a Kubernetes quantity such as 500m or 1Gi: '"
            + clip(String.valueOf(value)) + "'");
      }
    }

    private static BigDecimal amount(String quantity) {
      return Quantity.getAmountInBytes(new Quantity(quantity));
    }

    private static void path(String field, String value) {
      if (value == null || value.length() > 1024 || !HTTP_PATH.matcher(value).matches()) {
        throw new IllegalArgumentException(field + " must be an HTTP path starting with '/': '"
            + clip(String.valueOf(value)) + "'");
      }
    }

    private static void labels(String field, Map<String, String> labels, boolean reservePrefixes) {
      for (Map.Entry<String, String> e : labels.entrySet()) {
        String key = e.getKey();
        if (key == null || !labelKey(key)) {
          throw new IllegalArgumentException(field + ": '" + clip(String.valueOf(key))
              + "' is not a label key ([prefix/]name, the name at most 63 characters)");
        }
        if (reservePrefixes && (key.startsWith("app.kubernetes.io/") || key.startsWith(GOVERNANCE_PREFIX)
            || key.startsWith("kustomize.toolkit.fluxcd.io/"))) {
          throw new IllegalArgumentException(field + ": " + key + " is set by the renderer");
        }
        String value = e.getValue();
        if (value == null || value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
          throw new IllegalArgumentException(field + ": the value of " + key
              + " is not a label value (at most 63 letters, digits, '-', '_' or '.')");
        }
      }
    }

    private static boolean labelKey(String key) {
      int slash = key.indexOf('/');
      String prefix = slash < 0 ? null : key.substring(0, slash);
      String name = slash < 0 ? key : key.substring(slash + 1);
      if (prefix != null && (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
        return false;
      }
      return name.length() <= 63 && LABEL_NAME.matcher(name).matches();
    }

    private static String clip(String s) {
      return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
  }

  @Override
  public String toString() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("namespace", namespace);
    settings.put("kind", kind);
    settings.put("replicas", minReplicas + ".." + maxReplicas);
    settings.put("autoscaling", autoscaling);
    settings.put("port", containerPort);
    return "GitOpsRenderer" + settings;
  }

  /** The datasets as the dataset-digests annotation holds them: {@code name=sha256:...} pairs, comma-separated. */
  static String datasetDigests(List<Dataset> datasets) {
    return datasets.stream().map(d -> d.name() + "=" + d.digest()).collect(Collectors.joining(","));
  }
}
