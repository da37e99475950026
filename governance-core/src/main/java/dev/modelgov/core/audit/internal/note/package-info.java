/**
 * The C2SP signed-note and tlog-checkpoint encodings behind {@link dev.modelgov.core.audit.SignedNote}, {@link
 * dev.modelgov.core.audit.NoteSigner}, {@link dev.modelgov.core.audit.NoteVerifier} and {@link
 * dev.modelgov.core.audit.Checkpoint}. For internal use only; may change without notice. Not exported from the module.
 */
package dev.modelgov.core.audit.internal.note;
