package dev.modelgov.k8s.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code GovernedModel} custom resource ({@code governance.modelgov.dev/v1alpha1}, short name {@code gm}): one
 * model version as the cluster knows it, with the digests that pin it (manifest, serving image), its risk class,
 * approvals, lineage and provenance reference in the spec, and the last governance decision in the status.
 *
 * <p>Like every fabric8 custom resource this is a mutable Jackson bean. Build one from a manifest with {@link
 * GovernedModels#from}; the CRD is {@link GovernedModelCrd#yaml()} (generated from this class and committed as
 * {@code META-INF/fabric8/governedmodels.governance.modelgov.dev-v1.yml}). The status is a subresource: write it with
 * {@code updateStatus}/{@code patchStatus}, never with the main resource.
 *
 * <pre>{@code
 * GovernedModel gm = GovernedModels.from(manifest, codec.digest(manifest), "oci://registry.example/att@sha256:...");
 * gm.getMetadata().setNamespace("ml-serving");
 * client.resources(GovernedModel.class).resource(gm).create();
 * }</pre>
 */
@Group(GovernedModel.GROUP)
@Version(GovernedModel.VERSION)
@Kind(GovernedModel.KIND)
@Plural(GovernedModel.PLURAL)
@Singular("governedmodel")
@ShortNames("gm")
@AdditionalPrinterColumn(name = "Model", jsonPath = ".spec.modelId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Risk", jsonPath = ".spec.riskClass", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
public class GovernedModel extends CustomResource<GovernedModelSpec, GovernedModelStatus> implements Namespaced {

  private static final long serialVersionUID = 1L;

  /** The API group, {@value}. */
  public static final String GROUP = "governance.modelgov.dev";

  /** The API version within the group, {@value}. */
  public static final String VERSION = "v1alpha1";

  /** The kind, {@value}. */
  public static final String KIND = "GovernedModel";

  /** The plural resource name, {@value}. */
  public static final String PLURAL = "governedmodels";

  /** The CRD's name, {@value}. */
  public static final String CRD_NAME = PLURAL + "." + GROUP;

  /** An empty resource; fabric8 and Jackson create instances this way. */
  public GovernedModel() {
    super();
  }
}
