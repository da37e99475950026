/**
 * Export of declarative CEL policies to Kubernetes ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding
 * objects ({@code admissionregistration.k8s.io/v1}), with an explicit list of what cannot be exported.
 */
package dev.modelgov.k8s.vap;
