/**
 * A small client for {@code GovernedModel} resources over fabric8: create, get, update, JSON merge patch, the status
 * subresource from a policy decision, and apply by server-side apply (the production default) or merge patch.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * GovernedModelClient models = GovernedModelClient.builder(kubernetesClient).build();
 * models.apply(gm);
 * models.updateStatus(gm.getMetadata().getNamespace(), gm.getMetadata().getName(), decision);
 * }</pre>
 */
package dev.modelgov.k8s.client;
