/** Implementation of the admission handler: strict review parsing, uid salvage, the label patch. Not API. */
package dev.modelgov.k8s.admission.internal;
