package dev.modelgov.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories of the audit-log benchmarks: under {@code java.io.tmpdir}, deleted in the tear-down. */
final class AuditBenchFiles {

  private AuditBenchFiles() {}

  /**
   * Creates a fresh directory under {@code java.io.tmpdir}, or under the directory in system property {@code
   * modelgov.bench.dir} if set.
   *
   * @param prefix the name prefix
   * @return the new directory
   * @throws IOException if it cannot be created
   */
  static Path tempDir(String prefix) throws IOException {
    String where = System.getProperty("modelgov.bench.dir", System.getProperty("java.io.tmpdir"));
    return Files.createTempDirectory(Files.createDirectories(Path.of(where)), prefix);
  }

  /**
   * Deletes a directory tree; nothing if {@code dir} is {@code null} or gone.
   *
   * @param dir the directory
   */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /**
   * The total size of the regular files in a tree.
   *
   * @param dir the directory
   * @return bytes
   * @throws IOException if the tree cannot be read
   */
  static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      long total = 0;
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        total += Files.size(p);
      }
      return total;
    }
  }
}
