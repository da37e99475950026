/**
 * The on-disk segment format of the audit log: a 64-byte {@link dev.modelgov.core.audit.internal.segment.SegmentHeader},
 * then CRC32C-framed records ({@link dev.modelgov.core.audit.internal.segment.RecordFormat}), written by {@link
 * dev.modelgov.core.audit.internal.segment.SegmentWriter} and validated by {@link
 * dev.modelgov.core.audit.internal.segment.SegmentScanner}, whose {@link
 * dev.modelgov.core.audit.internal.segment.ScanResult} tells a clean end from a torn tail from corruption. For internal
 * use only; may change without notice. Not exported from the module.
 */
package dev.modelgov.core.audit.internal.segment;
