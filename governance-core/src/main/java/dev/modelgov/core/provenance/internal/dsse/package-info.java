/**
 * The DSSE, in-toto and Sigstore bundle implementation behind {@code dev.modelgov.core.provenance}. For internal use
 * only; may change without notice. Not exported by {@code module-info}.
 */
package dev.modelgov.core.provenance.internal.dsse;
