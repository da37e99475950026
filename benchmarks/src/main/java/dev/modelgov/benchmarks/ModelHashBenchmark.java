package dev.modelgov.benchmarks;

import dev.modelgov.core.provenance.ModelHash;
import dev.modelgov.core.provenance.ModelHasher;
import dev.modelgov.core.provenance.ResourceDigest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Model hashing ({@link ModelHasher}, model_signing-compatible, method {@code files}) against {@code openssl dgst
 * -sha256} over the same files, measured in the same run on a page-cached directory of about 1 GiB.
 *
 * <ul>
 *   <li>{@link #modelHasherTwoThreads}: {@code ModelHasher.defaults()} with parallelism 2, the whole path from a
 *       directory to a {@link ModelHash}: walk, sort, hash every file, root digest. Target: at least 1.5x faster than
 *       openssl.
 *   <li>{@link #modelHasherOneThread}: the same on one thread (the calling thread, no pool).
 *   <li>{@link #baselineOpensslDgst}: one {@code openssl dgst -sha256 -r} process over all files (relative names, the
 *       model directory as working directory; more processes only if the names overflow {@value #ARG_BUDGET_BYTES}
 *       bytes of arguments, which the default tree does not), output read fully and its lines counted. Includes
 *       starting the process (a few ms). openssl hashes the files one after another on one core.
 * </ul>
 *
 * <p>The tree, for {@code sizeMiB=1024}: 3 files of 200 MiB, 408 files of 1 MiB in 8 directories and 4096 files of
 * 4 KiB in 64 directories, random content; other sizes scale every count. The trial setup writes it under {@code
 * java.io.tmpdir} (or the directory in system property {@code modelgov.bench.dir}), fsyncs it, reads it once with
 * each contender to warm the page cache, and checks that openssl's digests equal {@link ModelHasher}'s. It fails with
 * a clear message if {@code openssl} is missing. The tear-down deletes the tree. Run with {@code scripts/bench.sh
 * ModelHash}; {@code -p sizeMiB=256} for a smaller tree; see {@code benchmarks/README.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ModelHashBenchmark {

  /** The most argument bytes passed to one openssl process; far below Linux's ARG_MAX (2 MiB by default). */
  static final int ARG_BUDGET_BYTES = 120 * 1024;

  private static final int MIB = 1 << 20;

  /** The total size of the generated tree in MiB; 1024 by default. */
  @Param({"1024"})
  public int sizeMiB;

  private Path base;
  private Path dir;
  private List<String> names;
  private ModelHasher twoThreads;
  private ModelHasher oneThread;

  /**
   * Writes the tree, warms the page cache and cross-checks openssl against the hasher.
   *
   * @throws IOException if the tree cannot be written or openssl fails
   * @throws InterruptedException if interrupted while openssl runs
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException, InterruptedException {
    requireOpenssl();
    Layout layout = Layout.of(sizeMiB);
    String where = System.getProperty("modelgov.bench.dir", System.getProperty("java.io.tmpdir"));
    base = Files.createTempDirectory(Files.createDirectories(Path.of(where)), "modelgov-hash-bench-");
    dir = Files.createDirectories(base.resolve("model"));
    names = layout.write(dir);
    twoThreads = ModelHasher.defaults().toBuilder().parallelism(2).build();
    oneThread = ModelHasher.defaults().toBuilder().parallelism(1).build();

    // Warm the page cache with both contenders and check that they agree on every file.
    ModelHash hash = twoThreads.hash(dir);
    Map<String, String> openssl = opensslDigests();
    if (hash.resources().size() != names.size() || openssl.size() != names.size()) {
      throw new IllegalStateException(
          "expected " + names.size() + " files, ModelHasher listed " + hash.resources().size() + " and openssl "
              + openssl.size());
    }
    for (ResourceDigest r : hash.resources()) {
      if (!r.digest().hex().equals(openssl.get(r.name()))) {
        throw new IllegalStateException(
            "openssl and ModelHasher disagree on " + r.name() + ": " + openssl.get(r.name()) + " vs " + r.digest());
      }
    }
    if (!oneThread.hash(dir).equals(hash)) {
      throw new IllegalStateException("one and two threads give different model hashes");
    }
  }

  /**
   * Deletes the tree.
   *
   * @throws IOException if it cannot be deleted
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (base != null) {
      deleteTree(base);
    }
  }

  /**
   * {@code ModelHasher.defaults()} with parallelism 2.
   *
   * @return the model hash
   * @throws IOException never for the generated tree
   */
  @Benchmark
  public ModelHash modelHasherTwoThreads() throws IOException {
    return twoThreads.hash(dir);
  }

  /**
   * {@code ModelHasher.defaults()} with parallelism 1.
   *
   * @return the model hash
   * @throws IOException never for the generated tree
   */
  @Benchmark
  public ModelHash modelHasherOneThread() throws IOException {
    return oneThread.hash(dir);
  }

  /**
   * The baseline: {@code openssl dgst -sha256 -r} over every file of the tree, output read fully.
   *
   * @return the number of digest lines openssl printed
   * @throws IOException if openssl fails
   * @throws InterruptedException if interrupted while openssl runs
   */
  @Benchmark
  public int baselineOpensslDgst() throws IOException, InterruptedException {
    int lines = 0;
    for (List<String> chunk : chunks(names)) {
      byte[] out = runOpenssl(chunk);
      for (byte b : out) {
        if (b == '\n') {
          lines++;
        }
      }
    }
    if (lines != names.size()) {
      throw new IllegalStateException("openssl printed " + lines + " digests for " + names.size() + " files");
    }
    return lines;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // openssl

  private static void requireOpenssl() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(
            "'openssl version' failed: " + new String(out, StandardCharsets.UTF_8).trim());
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "ModelHashBenchmark needs the openssl command for its baseline, and it is not on the PATH ("
              + e.getMessage() + "). Install it (Debian: apt-get install openssl, or run scripts/setup.sh as root)"
              + " or leave this benchmark out (scripts/bench.sh ManifestDigest).",
          e);
    }
  }

  /** Splits the names so that each openssl command line stays under {@link #ARG_BUDGET_BYTES}. */
  static List<List<String>> chunks(List<String> names) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int bytes = 0;
    for (String n : names) {
      int size = n.getBytes(StandardCharsets.UTF_8).length + 1 + 8; // NUL and the argv pointer
      if (!current.isEmpty() && bytes + size > ARG_BUDGET_BYTES) {
        out.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(n);
      bytes += size;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private byte[] runOpenssl(List<String> chunk) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(chunk.size() + 4);
    command.add("openssl");
    command.add("dgst");
    command.add("-sha256");
    command.add("-r");
    command.addAll(chunk);
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    int exit = p.waitFor();
    if (exit != 0) {
      throw new IOException("openssl dgst exited with " + exit);
    }
    return out;
  }

  /** Every file's digest according to openssl: lines {@code <hex> *<name>}. */
  private Map<String, String> opensslDigests() throws IOException, InterruptedException {
    Map<String, String> out = new HashMap<>();
    for (List<String> chunk : chunks(names)) {
      for (String line : new String(runOpenssl(chunk), StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        int space = line.indexOf(' ');
        String name = line.substring(space + 1);
        out.put(name.startsWith("*") ? name.substring(1) : name, line.substring(0, space));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The tree

  /**
   * How many files of each kind a tree of a given size has.
   *
   * @param largeFiles the number of large files
   * @param largeMiB the size of each large file, in MiB
   * @param mediumFiles the number of 1 MiB files
   * @param smallFiles the number of 4 KiB files
   */
  record Layout(int largeFiles, int largeMiB, int mediumFiles, int smallFiles) {

    static Layout of(int sizeMiB) {
      if (sizeMiB < 16) {
        throw new IllegalArgumentException("sizeMiB must be at least 16, was " + sizeMiB);
      }
      return new Layout(3, Math.max(1, sizeMiB * 200 / 1024), Math.max(1, sizeMiB * 408 / 1024),
          Math.max(1, sizeMiB * 4096 / 1024));
    }

    long totalBytes() {
      return (long) largeFiles * largeMiB * MIB + (long) mediumFiles * MIB + (long) smallFiles * 4096;
    }

    /** Writes the tree with random content and fsyncs it; returns the relative names. */
    List<String> write(Path dir) throws IOException {
      SplittableRandom random = new SplittableRandom(20261128L);
      byte[] chunk = new byte[MIB];
      List<String> names = new ArrayList<>();
      for (int i = 0; i < largeFiles; i++) {
        names.add(writeFile(dir, String.format(Locale.ROOT, "large/model-%05d-of-%05d.safetensors", i + 1,
            largeFiles), (long) largeMiB * MIB, random, chunk));
      }
      for (int i = 0; i < mediumFiles; i++) {
        names.add(writeFile(dir, String.format(Locale.ROOT, "medium/d%d/shard-%04d.bin", i % 8, i), MIB, random,
            chunk));
      }
      for (int i = 0; i < smallFiles; i++) {
        names.add(writeFile(dir, String.format(Locale.ROOT, "small/d%02d/tok-%05d.json", i % 64, i), 4096, random,
            chunk));
      }
      return names;
    }

    private static String writeFile(Path dir, String name, long size, SplittableRandom random, byte[] chunk)
        throws IOException {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      try (FileChannel ch =
          FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        long left = size;
        while (left > 0) {
          int n = (int) Math.min(chunk.length, left);
          random.nextBytes(chunk);
          ByteBuffer bb = ByteBuffer.wrap(chunk, 0, n);
          while (bb.hasRemaining()) {
            ch.write(bb);
          }
          left -= n;
        }
        if (size >= MIB) {
          ch.force(false);
        }
      }
      return name;
    }
  }

  /**
   * One line describing the tree of a given size.
   *
   * @param sizeMiB the {@code sizeMiB} parameter
   * @return the description
   */
  static String describeTree(int sizeMiB) {
    Layout l = Layout.of(sizeMiB);
    return String.format(
        Locale.ROOT,
        "%d x %d MiB + %d x 1 MiB + %d x 4 KiB = %d files, %.1f MiB",
        l.largeFiles(),
        l.largeMiB(),
        l.mediumFiles(),
        l.smallFiles(),
        l.largeFiles() + l.mediumFiles() + l.smallFiles(),
        l.totalBytes() / (double) MIB);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Prints the tree layout for a size (default 1024 MiB), to inspect what is measured.
   *
   * @param args optionally the size in MiB
   */
  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    System.out.println(describeTree(size));
  }
}
