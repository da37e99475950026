package dev.modelgov.k8s.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code CustomResourceDefinition} of {@link GovernedModel}, as committed in the jar at {@value #RESOURCE}
 * (generated from the Java classes by the fabric8 CRD generator; a test regenerates it and fails on any difference).
 * Apply it before creating governed models: {@code governance k8s crd | kubectl apply -f -}.
 *
 * <pre>{@code
 * client.apiextensions().v1().customResourceDefinitions().resource(GovernedModelCrd.definition()).create();
 * }</pre>
 */
public final class GovernedModelCrd {

  /** Where the CRD YAML is on the class path. */
  public static final String RESOURCE = "/META-INF/fabric8/" + GovernedModel.CRD_NAME + "-v1.yml";

  private GovernedModelCrd() {}

  /**
   * The CRD as YAML, exactly as committed.
   *
   * @return the YAML text
   * @throws IllegalStateException if the jar lacks it (a broken build)
   */
  public static String yaml() {
    try (InputStream in = GovernedModelCrd.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the GovernedModel CRD is missing from the class path: " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * The CRD as a fabric8 object, to create it with a client.
   *
   * @return a new object
   */
  public static CustomResourceDefinition definition() {
    return new KubernetesSerialization().unmarshal(yaml(), CustomResourceDefinition.class);
  }
}
