package dev.modelgov.k8s.vap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of exporting a policy to Kubernetes: one {@code ValidatingAdmissionPolicy} and one binding per
 * enforcement group ({@code <name>-deny}, {@code -warn}, {@code -audit}, since a binding may not combine Deny with
 * Warn), and every part that could not be exported with its reason. A policy with nothing exportable yields no
 * objects, only the list.
 *
 * <pre>{@code
 * VapExport export = VapExporter.export(policy);
 * Files.writeString(Path.of("vap.yaml"), export.yaml());
 * }</pre>
 *
 * @param policies the admission policies, in the order deny, warn, audit
 * @param bindings their bindings, same order
 * @param notExported the parts left out, in policy order
 */
public record VapExport(
    List<ValidatingAdmissionPolicy> policies,
    List<ValidatingAdmissionPolicyBinding> bindings,
    List<NotExported> notExported) {

  /** Copies the lists. */
  public VapExport {
    policies = List.copyOf(policies);
    bindings = List.copyOf(bindings);
    notExported = List.copyOf(notExported);
  }

  /** @return whether any validation was exported */
  public boolean isEmpty() {
    return policies.isEmpty();
  }

  /**
   * The objects as one multi-document YAML stream (each policy followed by its binding), headed by comments listing
   * the parts not exported; {@code kubectl apply -f} reads it.
   *
   * @return the YAML text, empty documents omitted
   */
  public String yaml() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    StringBuilder out = new StringBuilder();
    for (NotExported n : notExported) {
      out.append("# not exported: ").append(n.part()).append(": ").append(n.reason().replace('\n', ' ')).append('\n');
    }
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      objects.add(policies.get(i));
      objects.add(bindings.get(i));
    }
    for (HasMetadata o : objects) {
      String doc = serialization.asYaml(o);
      out.append(doc.startsWith("---") ? doc : "---\n" + doc);
      if (!doc.endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }
}
