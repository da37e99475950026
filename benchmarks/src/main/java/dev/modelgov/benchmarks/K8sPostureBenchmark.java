package dev.modelgov.benchmarks;

import dev.modelgov.k8s.Finding;
import dev.modelgov.k8s.posture.ClusterContext;
import dev.modelgov.k8s.posture.PostureProfile;
import dev.modelgov.k8s.posture.PostureScanner;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The throughput of the workload posture checks: {@link #k8sPostureScan} runs {@link PostureScanner#scan(HasMetadata,
 * ClusterContext)} with the governance-strict profile (every check, including NetworkPolicy, HPA and PDB lookups) over
 * {@value #WORKLOADS} generated Deployments, against a cluster context of {@value #NAMESPACES} namespaces with
 * NetworkPolicies (matchLabels and matchExpressions), HPAs, PDBs and ServiceAccounts.
 *
 * <p>The Deployments are generated once from a fixed seed and vary the way real manifests do: 1 to 3 containers, an
 * init container in one of five, hardened or bare security contexts, images by digest, by tag or {@code latest},
 * resources and probes present or not, literal and Secret-referenced credentials, hostPath volumes, and whether a
 * NetworkPolicy, HPA or PDB covers them. One JMH operation is one workload ({@link OperationsPerInvocation}), so the
 * score is workloads/s. Target: at least 50,000 workloads/s. Run with {@code java -jar benchmarks/target/benchmarks.jar
 * K8sPosture}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class K8sPostureBenchmark {

  /** The number of Deployments scanned per invocation. */
  static final int WORKLOADS = 10_000;

  /** The number of namespaces they are spread over. */
  static final int NAMESPACES = 20;

  private static final String DIGEST = "@sha256:" + "3f".repeat(32);

  private List<Deployment> workloads;
  private ClusterContext context;
  private PostureScanner scanner;

  /** Generates the workloads and the context once. */
  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(20261128L);
    workloads = new ArrayList<>(WORKLOADS);
    for (int i = 0; i < WORKLOADS; i++) {
      workloads.add(deployment(i, random));
    }
    context = ClusterContext.of(context(random));
    scanner = PostureScanner.of(PostureProfile.GOVERNANCE_STRICT);
    long findings = workloads.stream().mapToLong(w -> scanner.scan(w, context).size()).sum();
    if (findings == 0) {
      throw new IllegalStateException("the generated workloads gave no findings");
    }
  }

  /**
   * Scans every workload.
   *
   * @return the number of findings, so that nothing is optimised away
   */
  @Benchmark
  @OperationsPerInvocation(WORKLOADS)
  public int k8sPostureScan() {
    int findings = 0;
    for (Deployment d : workloads) {
      List<Finding> result = scanner.scan(d, context);
      findings += result.size();
    }
    return findings;
  }

  private static Deployment deployment(int i, Random random) {
    String namespace = "ns-" + (i % NAMESPACES);
    String app = "app-" + i;
    boolean hardened = random.nextInt(3) == 0;
    List<Container> containers = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int c = 0; c < count; c++) {
      containers.add(container("c" + c, hardened, random));
    }
    DeploymentBuilder builder = new DeploymentBuilder()
        .withNewMetadata().withName(app).withNamespace(namespace).addToLabels("app", app).endMetadata()
        .withNewSpec()
        .withReplicas(1 + random.nextInt(4))
        .withNewSelector().addToMatchLabels("app", app).endSelector()
        .withNewTemplate()
        .withNewMetadata().addToLabels("app", app).addToLabels("tier", random.nextBoolean() ? "serving" : "batch")
        .addToLabels("team", "t" + random.nextInt(5)).endMetadata()
        .withNewSpec()
        .withServiceAccountName(random.nextBoolean() ? "model" : null)
        .withAutomountServiceAccountToken(hardened ? Boolean.FALSE : null)
        .withContainers(containers)
        .endSpec()
        .endTemplate()
        .endSpec();
    Deployment d = builder.build();
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    if (hardened) {
      pod.setSecurityContext(new io.fabric8.kubernetes.api.model.PodSecurityContextBuilder().withRunAsNonRoot(true)
          .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build());
    }
    if (random.nextInt(5) == 0) {
      pod.setInitContainers(List.of(container("init", hardened, random)));
    }
    pod.setVolumes(
        new ArrayList<>(List.of(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build())));
    if (random.nextInt(20) == 0) {
      pod.getVolumes().add(new VolumeBuilder().withName("host").withNewHostPath().withPath("/var/lib/models")
          .endHostPath().build());
    }
    if (random.nextInt(50) == 0) {
      pod.setHostNetwork(true);
    }
    return d;
  }

  private static Container container(String name, boolean hardened, Random random) {
    String image = switch (random.nextInt(4)) {
      case 0 -> "registry.example/ml/" + name + ":1." + random.nextInt(20) + DIGEST;
      case 1 -> "registry.example/ml/" + name + ":1." + random.nextInt(20);
      case 2 -> "registry.example/ml/" + name + ":latest";
      default -> "nginx";
    };
    ContainerBuilder b = new ContainerBuilder().withName(name).withImage(image);
    if (hardened || random.nextInt(4) == 0) {
      b.withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(hardened)
          .withPrivileged(random.nextInt(40) == 0).withNewCapabilities().withDrop("ALL").endCapabilities()
          .endSecurityContext();
    }
    if (hardened || random.nextBoolean()) {
      b.withNewResources().addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("512Mi"))
          .addToLimits("memory", new Quantity("1Gi")).endResources();
    }
    if (hardened || random.nextBoolean()) {
      b.withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withNewPort(8080).endHttpGet().endLivenessProbe()
          .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(8080).endHttpGet()
          .endReadinessProbe();
    }
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVarBuilder().withName("MODEL_NAME").withValue("model-" + random.nextInt(100)).build());
    env.add(new EnvVarBuilder().withName("LOG_LEVEL").withValue("info").build());
    if (random.nextInt(10) == 0) {
      env.add(new EnvVarBuilder().withName("DB_PASSWORD").withValue("not-a-real-password").build());
    }
    if (random.nextInt(3) == 0) {
      env.add(new EnvVarBuilder().withName("HF_TOKEN").withNewValueFrom().withNewSecretKeyRef().withName("hf")
          .withKey("token").endSecretKeyRef().endValueFrom().build());
    }
    return b.withEnv(env).addNewPort().withContainerPort(8080).endPort().build();
  }

  private static List<HasMetadata> context(Random random) {
    List<HasMetadata> objects = new ArrayList<>();
    for (int n = 0; n < NAMESPACES; n++) {
      String namespace = "ns-" + n;
      objects.add(new NetworkPolicyBuilder().withNewMetadata().withName("serving").withNamespace(namespace)
          .endMetadata().withNewSpec().withNewPodSelector().addNewMatchExpression().withKey("tier").withOperator("In")
          .withValues("serving").endMatchExpression().endPodSelector().endSpec().build());
      objects.add(new NetworkPolicyBuilder().withNewMetadata().withName("team-0").withNamespace(namespace)
          .endMetadata().withNewSpec().withNewPodSelector().addToMatchLabels("team", "t0").endPodSelector().endSpec()
          .build());
      objects.add(new ServiceAccountBuilder().withNewMetadata().withName("model").withNamespace(namespace)
          .endMetadata().withAutomountServiceAccountToken(n % 2 == 0 ? Boolean.FALSE : null).build());
    }
    for (int i = 0; i < WORKLOADS; i += 3) {
      String namespace = "ns-" + (i % NAMESPACES);
      objects.add(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("app-" + i).withNamespace(namespace)
          .endMetadata().withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
          .withName("app-" + i).endScaleTargetRef().withMinReplicas(2).withMaxReplicas(5).endSpec().build());
    }
    for (int i = 0; i < WORKLOADS; i += 50) {
      String namespace = "ns-" + (i % NAMESPACES);
      objects.add(new PodDisruptionBudgetBuilder().withNewMetadata().withName("pdb-" + i).withNamespace(namespace)
          .endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "app-" + (i + random.nextInt(3)))
          .endSelector().withNewMaxUnavailable(1).endSpec().build());
    }
    return objects;
  }
}
