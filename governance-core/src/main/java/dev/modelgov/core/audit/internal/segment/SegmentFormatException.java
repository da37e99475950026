package dev.modelgov.core.audit.internal.segment;

import java.io.IOException;

/**
 * A segment file whose header is missing, truncated or invalid (bad magic, unsupported version, non-zero reserved
 * bytes, CRC mismatch), so none of its records can be trusted.
 *
 * <p>For internal use only; may change without notice.
 */
public final class SegmentFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the header
   */
  public SegmentFormatException(String message) {
    super(message);
  }
}
