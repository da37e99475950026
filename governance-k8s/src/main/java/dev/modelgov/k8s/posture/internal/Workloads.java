package dev.modelgov.k8s.posture.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the pod specs of a workload and where they are: {@code /spec} of a Pod, {@code /spec/template/spec} of a
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController or Job, {@code
 * /spec/jobTemplate/spec/template/spec} of a CronJob, and {@code /spec/<component>} of each KServe InferenceService
 * component. For internal use only; may change without notice.
 */
public final class Workloads {

  /** The API group of KServe. */
  public static final String KSERVE_GROUP = "serving.kserve.io";

  /** The container name KServe gives a component's main container when none is written. */
  public static final String KSERVE_CONTAINER = "kserve-container";

  /** The InferenceService components, in the order they are checked. */
  public static final List<String> KSERVE_COMPONENTS = List.of("predictor", "transformer", "explainer");

  /** The model-format blocks of a component: container fields plus {@code storageUri}, served by a runtime. */
  static final List<String> MODEL_BLOCKS = List.of(
      "model", "sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx", "pmml", "lightgbm", "paddle",
      "huggingface", "alibi", "art");

  /** Typed kinds a GenericKubernetesResource is converted to, by {@code apiVersion/kind}. */
  private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
      "v1/Pod", Pod.class,
      "v1/ReplicationController", ReplicationController.class,
      "apps/v1/Deployment", Deployment.class,
      "apps/v1/StatefulSet", StatefulSet.class,
      "apps/v1/DaemonSet", DaemonSet.class,
      "apps/v1/ReplicaSet", ReplicaSet.class,
      "batch/v1/Job", Job.class,
      "batch/v1/CronJob", CronJob.class);

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Workloads() {}

  /**
   * @param object any object
   * @return whether it is a KServe InferenceService ({@code serving.kserve.io/*}, kind InferenceService)
   */
  public static boolean isInferenceService(HasMetadata object) {
    return object instanceof GenericKubernetesResource
        && "InferenceService".equals(object.getKind())
        && object.getApiVersion() != null
        && object.getApiVersion().startsWith(KSERVE_GROUP + "/");
  }

  /**
   * @param object any object
   * @return whether the posture checks apply to it: a workload kind or an InferenceService
   */
  public static boolean isWorkload(HasMetadata object) {
    if (object instanceof Pod || object instanceof Deployment || object instanceof StatefulSet
        || object instanceof DaemonSet || object instanceof ReplicaSet || object instanceof ReplicationController
        || object instanceof Job || object instanceof CronJob) {
      return true;
    }
    return isInferenceService(object)
        || (object instanceof GenericKubernetesResource && TYPED.containsKey(object.getApiVersion() + "/"
            + object.getKind()));
  }

  /**
   * The pod groups of a workload.
   *
   * @param object a workload (see {@link #isWorkload})
   * @return its pod groups; empty for other objects or a workload without a pod template
   * @throws IllegalArgumentException if an InferenceService component or a generic workload cannot be read as a pod
   *     spec (naming the field)
   */
  public static List<PodTarget> podTargets(HasMetadata object) {
    HasMetadata workload = object;
    if (object instanceof GenericKubernetesResource generic && !isInferenceService(object)) {
      Class<? extends HasMetadata> type = TYPED.get(object.getApiVersion() + "/" + object.getKind());
      if (type == null) {
        return List.of();
      }
      workload = convert(generic, generic, type, "");
    }
    if (workload instanceof Pod pod) {
      String restart = pod.getSpec() == null ? null : pod.getSpec().getRestartPolicy();
      boolean serving = restart == null || restart.equals("Always");
      return one(pod.getSpec(), "/spec", pod.getMetadata(), "/metadata", serving, false, false);
    }
    if (workload instanceof Deployment d) {
      return template(d.getSpec() == null ? null : d.getSpec().getTemplate(), "/spec/template", true, true, true);
    }
    if (workload instanceof StatefulSet s) {
      return template(s.getSpec() == null ? null : s.getSpec().getTemplate(), "/spec/template", true, true, true);
    }
    if (workload instanceof ReplicaSet r) {
      return template(r.getSpec() == null ? null : r.getSpec().getTemplate(), "/spec/template", true, true, true);
    }
    if (workload instanceof ReplicationController r) {
      return template(r.getSpec() == null ? null : r.getSpec().getTemplate(), "/spec/template", true, true, true);
    }
    if (workload instanceof DaemonSet d) {
      return template(d.getSpec() == null ? null : d.getSpec().getTemplate(), "/spec/template", true, false, false);
    }
    if (workload instanceof Job j) {
      return template(j.getSpec() == null ? null : j.getSpec().getTemplate(), "/spec/template", false, false, false);
    }
    if (workload instanceof CronJob c) {
      JobTemplateSpec job = c.getSpec() == null ? null : c.getSpec().getJobTemplate();
      PodTemplateSpec template = job == null || job.getSpec() == null ? null : job.getSpec().getTemplate();
      return template(template, "/spec/jobTemplate/spec/template", false, false, false);
    }
    if (isInferenceService(workload)) {
      return inferenceService((GenericKubernetesResource) workload);
    }
    return List.of();
  }

  private static List<PodTarget> template(
      PodTemplateSpec template, String path, boolean serving, boolean scalable, boolean budgeted) {
    if (template == null) {
      return List.of();
    }
    return one(template.getSpec(), path + "/spec", template.getMetadata(), path + "/metadata", serving, scalable,
        budgeted);
  }

  private static List<PodTarget> one(
      PodSpec spec, String specPath, ObjectMeta meta, String metaPath, boolean serving, boolean scalable,
      boolean budgeted) {
    if (spec == null) {
      return List.of();
    }
    Map<String, String> labels = meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
    Map<String, String> annotations =
        meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    return List.of(new PodTarget("", spec, specPath, labels, metaPath + "/labels", annotations,
        metaPath + "/annotations", serving, scalable, budgeted, containers(spec, specPath)));
  }

  private static List<ContainerView> containers(PodSpec spec, String specPath) {
    List<ContainerView> views = new ArrayList<>(4);
    addContainers(views, spec.getContainers(), specPath + "/containers", ContainerView.Role.CONTAINER, "");
    addContainers(views, spec.getInitContainers(), specPath + "/initContainers", ContainerView.Role.INIT, "");
    List<EphemeralContainer> ephemeral = spec.getEphemeralContainers();
    if (ephemeral != null) {
      for (int i = 0; i < ephemeral.size(); i++) {
        if (ephemeral.get(i) != null) {
          views.add(ContainerView.of(ephemeral.get(i), specPath + "/ephemeralContainers/" + i));
        }
      }
    }
    return views;
  }

  private static void addContainers(
      List<ContainerView> views, List<Container> containers, String path, ContainerView.Role role,
      String defaultName) {
    if (containers == null) {
      return;
    }
    for (int i = 0; i < containers.size(); i++) {
      if (containers.get(i) != null) {
        views.add(ContainerView.of(containers.get(i), role, path + "/" + i, defaultName));
      }
    }
  }

  private static List<PodTarget> inferenceService(GenericKubernetesResource isvc) {
    if (!(isvc.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec)) {
      return List.of();
    }
    ObjectMeta meta = isvc.getMetadata();
    String name = meta == null || meta.getName() == null ? "" : meta.getName();
    List<PodTarget> targets = new ArrayList<>();
    for (String component : KSERVE_COMPONENTS) {
      if (!(spec.get(component) instanceof Map<?, ?> body)) {
        continue;
      }
      String path = "/spec/" + component;
      PodSpec podSpec = convert(body, isvc, PodSpec.class, path);
      List<ContainerView> views = containers(podSpec, path);
      for (String block : MODEL_BLOCKS) {
        if (body.get(block) instanceof Map<?, ?> model) {
          String blockPath = path + "/" + block;
          Container container = convert(model, isvc, Container.class, blockPath);
          String uri = model.get("storageUri") instanceof String s ? s : null;
          views.add(ContainerView.of(container, ContainerView.Role.MODEL, blockPath, KSERVE_CONTAINER)
              .withStorageUri(uri));
        }
      }
      // The v1alpha2 form, still in KServe samples: custom: {container: {...}}.
      if (body.get("custom") instanceof Map<?, ?> custom && custom.get("container") instanceof Map<?, ?> c) {
        String containerPath = path + "/custom/container";
        views.add(ContainerView.of(convert(c, isvc, Container.class, containerPath), ContainerView.Role.CONTAINER,
            containerPath, KSERVE_CONTAINER));
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (meta != null && meta.getLabels() != null) {
        labels.putAll(meta.getLabels());
      }
      if (body.get("labels") instanceof Map<?, ?> componentLabels) {
        componentLabels.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
      }
      labels.put(KSERVE_GROUP + "/inferenceservice", name);
      labels.put("component", component);
      Map<String, String> annotations =
          meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
      targets.add(new PodTarget(component, podSpec, path, Collections.unmodifiableMap(labels), path + "/labels",
          annotations, "/metadata/annotations", true, false, true, List.copyOf(views)));
    }
    return targets;
  }

  private static <T> T convert(Object value, HasMetadata owner, Class<T> type, String path) {
    try {
      return MAPPER.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      StringBuilder pointer = new StringBuilder(path);
      String expected = "";
      if (e.getCause() instanceof JsonMappingException m) {
        for (JsonMappingException.Reference r : m.getPath()) {
          if (r.getFieldName() != null) {
            pointer.append('/').append(Pointers.escape(r.getFieldName()));
          } else if (r.getIndex() >= 0) {
            pointer.append('/').append(r.getIndex());
          }
        }
        if (m instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
          expected = " (expected " + mismatch.getTargetType().getSimpleName() + ")";
        }
      }
      throw new IllegalArgumentException(describe(owner) + ": " + pointer + ": has the wrong type" + expected, e);
    }
  }

  /**
   * @param object an object
   * @return {@code Kind namespace/name}, or {@code Kind name} without a namespace
   */
  public static String describe(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    String namespace = meta == null || meta.getNamespace() == null ? "" : meta.getNamespace();
    String name = meta == null || meta.getName() == null ? "" : meta.getName();
    return object.getKind() + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
