/** Implementation of the GitOps rendering: JSON trees and deterministic YAML. Not an API; may change without notice. */
package dev.modelgov.k8s.gitops.internal;
