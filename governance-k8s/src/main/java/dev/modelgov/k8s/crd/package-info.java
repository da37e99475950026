/**
 * The {@code GovernedModel} custom resource ({@code governance.modelgov.dev/v1alpha1}): its spec and status beans, the
 * factory that fills one from a manifest and a decision, and the committed CRD.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * GovernedModel gm = GovernedModels.from(manifest, codec.digest(manifest), null);
 * gm.getMetadata().setNamespace("ml-serving");
 * String crd = GovernedModelCrd.yaml();
 * }</pre>
 */
package dev.modelgov.k8s.crd;
