package dev.modelgov.testkit.generators;

import dev.modelgov.core.provenance.ModelHasher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes random model directories for tests of hashing, signing and serving: a seed in, a directory tree out, byte for
 * byte the same tree for the same seed and options. A tree holds a few files with model-like names ({@code
 * config.json}, {@code weights/shard-00001.safetensors}, {@code tokenizer/vocab.txt}) in nested directories, with
 * sizes from 0 bytes up to {@link Builder#maxFileBytes(int)}; at least one file is not empty, so {@link
 * #flipOneByte(Path, long)} always has a byte to change. No name is one of the paths {@code ModelHasher} ignores by
 * default ({@code .git}, {@code model.sig}, ...).
 *
 * <pre>{@code
 * List<String> files = ModelDirectoryGenerator.defaults().write(tempDir.resolve("model"), 42L);
 * Digest before = ModelHasher.defaults().hash(tempDir.resolve("model")).rootDigest();
 * ModelDirectoryGenerator.flipOneByte(tempDir.resolve("model"), 7L);   // the hash now differs
 * }</pre>
 */
public final class ModelDirectoryGenerator {

  /** The default largest file: 256 KiB. */
  public static final int DEFAULT_MAX_FILE_BYTES = 256 * 1024;

  /** The default largest number of files: 8. */
  public static final int DEFAULT_MAX_FILES = 8;

  /** The default deepest nesting of directories below the model root: 3. */
  public static final int DEFAULT_MAX_DEPTH = 3;

  private static final int LIMIT_MAX_FILE_BYTES = 64 << 20;
  private static final int LIMIT_MAX_FILES = 10_000;
  private static final int LIMIT_MAX_DEPTH = 32;
  private static final List<String> DIRS =
      List.of("weights", "tokenizer", "onnx", "checkpoints", "assets", "layers", "extra", "v1", "fp16");
  private static final List<String> FILES =
      List.of("config.json", "model.safetensors", "vocab.txt", "merges.txt", "README.md", "model.onnx",
          "weights.bin", "special_tokens_map.json", "preprocessor.pkl", "labels.csv", "LICENSE", "empty.marker",
          "shard-00001.safetensors", "shard-00002.safetensors", "generation_config.json", "scaler.joblib");
  private static final ModelDirectoryGenerator DEFAULTS = builder().build();

  private final int maxFileBytes;
  private final int maxFiles;
  private final int maxDepth;

  private ModelDirectoryGenerator(Builder b) {
    this.maxFileBytes = b.maxFileBytes;
    this.maxFiles = b.maxFiles;
    this.maxDepth = b.maxDepth;
  }

  /**
   * A generator of up to {@value #DEFAULT_MAX_FILES} files of up to 256 KiB, nested up to {@value #DEFAULT_MAX_DEPTH}
   * directories deep.
   *
   * @return the shared default generator
   */
  public static ModelDirectoryGenerator defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the {@link #defaults()}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes a random model directory. The directory is created if missing; no file it writes may exist already.
   *
   * @param dir the model root, must not be {@code null}
   * @param seed any long; equal seeds give equal trees
   * @return the relative paths of the files written, with {@code /} separators, in writing order
   * @throws FileAlreadyExistsException if a file to write exists already
   * @throws IOException if the tree cannot be written
   */
  public List<String> write(Path dir, long seed) throws IOException {
    Objects.requireNonNull(dir, "dir must not be null");
    Draws d = new Draws(seed);
    int count = d.between(1, maxFiles);
    Set<String> paths = new LinkedHashSet<>();
    while (paths.size() < count) {
      StringBuilder p = new StringBuilder();
      int depth = d.between(0, maxDepth);
      for (int i = 0; i < depth; i++) {
        p.append(d.pick(DIRS)).append(i == 0 ? "" : String.valueOf(i)).append('/');
      }
      String file = d.pick(FILES);
      String candidate = p + (paths.size() >= FILES.size() ? paths.size() + "-" : "") + file;
      if (!clashes(paths, candidate)) {
        paths.add(candidate);
      }
    }
    Files.createDirectories(dir);
    List<String> written = new ArrayList<>(paths.size());
    boolean first = true;
    for (String p : paths) {
      int size = first ? d.between(1, Math.max(1, maxFileBytes)) : d.between(0, maxFileBytes);
      first = false;
      Path target = dir.resolve(p);
      Files.createDirectories(target.getParent());
      try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
        out.write(content(p, size, d));
      }
      written.add(p);
    }
    return List.copyOf(written);
  }

  /**
   * Changes one byte of one non-empty regular file below {@code dir} (chosen by the seed among the files in sorted
   * order, skipping paths {@code ModelHasher} ignores by default) to a different value, so that the tree's hash
   * changes.
   *
   * @param dir a model root, must not be {@code null}
   * @param seed any long
   * @return the relative path of the changed file, with {@code /} separators
   * @throws IOException if the tree cannot be read or written, or holds no non-empty regular file
   */
  public static String flipOneByte(Path dir, long seed) throws IOException {
    Objects.requireNonNull(dir, "dir must not be null");
    List<Path> files;
    try (var walk = Files.walk(dir)) {
      files = walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
    List<Path> nonEmpty = new ArrayList<>();
    for (Path f : files) {
      if (Files.size(f) > 0 && !ignoredByDefault(dir.relativize(f))) {
        nonEmpty.add(f);
      }
    }
    if (nonEmpty.isEmpty()) {
      throw new IOException("no non-empty regular file below the model directory to change");
    }
    Draws d = new Draws(seed);
    Path target = d.pick(nonEmpty);
    byte[] bytes = Files.readAllBytes(target);
    int at = d.between(0, bytes.length - 1);
    bytes[at] = (byte) (bytes[at] ^ d.between(1, 255));
    Files.write(target, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    return dir.relativize(target).toString().replace(dir.getFileSystem().getSeparator(), "/");
  }

  private static boolean ignoredByDefault(Path relative) {
    for (Path component : relative) {
      if (ModelHasher.DEFAULT_IGNORE_PATHS.contains(component.toString())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code candidate} is a file where another path needs a directory, or the other way round. */
  private static boolean clashes(Set<String> paths, String candidate) {
    for (String p : paths) {
      if (p.equals(candidate) || p.startsWith(candidate + "/") || candidate.startsWith(p + "/")) {
        return true;
      }
    }
    return false;
  }

  private static byte[] content(String path, int size, Draws d) {
    byte[] out = new byte[size];
    if (path.endsWith(".json") || path.endsWith(".txt") || path.endsWith(".md") || path.endsWith(".csv")) {
      byte[] line = ("{\"layer\": " + d.between(0, 99) + ", \"hidden_size\": " + d.between(64, 4096)
          + ", \"token\": \"" + d.hex(8) + "\"}\n").getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < size; i++) {
        out[i] = line[i % line.length];
      }
    } else {
      d.nextBytes(out);
    }
    return out;
  }

  @Override
  public String toString() {
    return "ModelDirectoryGenerator[maxFileBytes=" + maxFileBytes + ", maxFiles=" + maxFiles + ", maxDepth="
        + maxDepth + "]";
  }

  /** Builds a {@link ModelDirectoryGenerator}; every option has a default. */
  public static final class Builder {
    private int maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private int maxFiles = DEFAULT_MAX_FILES;
    private int maxDepth = DEFAULT_MAX_DEPTH;

    private Builder() {}

    /**
     * @param bytes the largest file, in 1..64 MiB; default 256 KiB
     * @return this builder
     */
    public Builder maxFileBytes(int bytes) {
      this.maxFileBytes = bytes;
      return this;
    }

    /**
     * @param files the most files, in 1..10,000; default {@value #DEFAULT_MAX_FILES}
     * @return this builder
     */
    public Builder maxFiles(int files) {
      this.maxFiles = files;
      return this;
    }

    /**
     * @param depth the deepest nesting of directories below the root, in 0..32; default {@value #DEFAULT_MAX_DEPTH}
     * @return this builder
     */
    public Builder maxDepth(int depth) {
      this.maxDepth = depth;
      return this;
    }

    /**
     * Builds the generator.
     *
     * @return the generator
     * @throws IllegalStateException naming the option out of range
     */
    public ModelDirectoryGenerator build() {
      if (maxFileBytes < 1 || maxFileBytes > LIMIT_MAX_FILE_BYTES) {
        throw new IllegalStateException("maxFileBytes must be in 1.." + LIMIT_MAX_FILE_BYTES + ", got " + maxFileBytes);
      }
      if (maxFiles < 1 || maxFiles > LIMIT_MAX_FILES) {
        throw new IllegalStateException("maxFiles must be in 1.." + LIMIT_MAX_FILES + ", got " + maxFiles);
      }
      if (maxDepth < 0 || maxDepth > LIMIT_MAX_DEPTH) {
        throw new IllegalStateException("maxDepth must be in 0.." + LIMIT_MAX_DEPTH + ", got " + maxDepth);
      }
      return new ModelDirectoryGenerator(this);
    }
  }
}
