package dev.modelgov.core.audit.internal.segment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens the file channels the log writes through, so that tests can inject disk-full and fsync failures.
 *
 * <p>For internal use only; may change without notice.
 */
@FunctionalInterface
public interface ChannelFactory {

  /** The real file system. */
  ChannelFactory DEFAULT = FileChannel::open;

  /**
   * @param file the file
   * @param options how to open it
   * @return an open channel
   * @throws IOException if it cannot be opened
   */
  FileChannel open(Path file, OpenOption... options) throws IOException;
}
