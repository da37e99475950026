/** Implementation of the ValidatingAdmissionPolicy export. For internal use only; may change without notice. */
package dev.modelgov.k8s.vap.internal;
