package dev.modelgov.core.provenance;

import dev.modelgov.api.Digest;
import dev.modelgov.core.provenance.internal.hashing.ModelPaths;
import dev.modelgov.core.provenance.internal.hashing.ModelWalker;
import dev.modelgov.core.provenance.internal.hashing.ParallelHasher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Hashes a model directory (or a single model file) exactly as OpenSSF model_signing v1.x does, so that the root
 * digest and the resource list match what {@code model_signing sign} puts in its in-toto statement.
 *
 * <h2>What is hashed</h2>
 *
 * <ul>
 *   <li>Every regular file below the model root, hidden files included, named by its relative POSIX path. A model
 *       that is a single file has one resource named {@code "."}; see {@link ResourceDigest}.
 *   <li>Method {@link HashingMethod#FILES} (default): SHA-256 of each whole file; an empty file hashes to {@code
 *       sha256("")}. Method {@link HashingMethod#SHARDS}: SHA-256 of each {@code shardSize} slice, the last one
 *       shorter; an empty file has no shard and does not appear, as in model_signing.
 *   <li>Resources are sorted by path components, compared by code point, then by shard start: the order of Python's
 *       {@code pathlib} that model_signing uses. It differs from plain string order: {@code a/b} comes before {@code
 *       a.txt}.
 *   <li>The root digest is SHA-256 over the concatenated raw resource digests in that order ({@link
 *       ModelHash#rootOf}).
 *   <li>Ignore paths are relative to the model root and cover a file or a whole directory, component by component
 *       ({@code d0} covers {@code d0/f00} but not {@code d00}). Ignored directories are not even listed. The defaults
 *       are model_signing's: {@code .git}, {@code model.sig} (the default signature file), {@code .gitattributes},
 *       {@code .gitignore} and {@code .github}, recorded in this order in {@link Serialization#ignorePaths()}.
 *   <li>The model name is the last component of the absolute, normalised model path; it is informative only.
 * </ul>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Symbolic links are refused by default, the model path included, with a {@link ModelHashingException} naming
 *       the link; files are opened with {@code NOFOLLOW_LINKS} so a file swapped for a link after listing is refused
 *       too. With {@link Builder#allowSymlinks(boolean) allowSymlinks(true)} a link to a file is hashed with its
 *       target's content under the link's name, even when the target lies outside the model, and a link to a
 *       directory is skipped (model_signing neither follows nor lists it). Sockets, pipes, devices and broken links
 *       are errors.
 *   <li>Names cannot escape the model: they are built from the directory walk, and {@link ResourceDigest} rejects
 *       {@code ..}, absolute paths and NUL in names read from elsewhere.
 *   <li>{@link Builder#maxFiles(int)} (default 1,000,000, counting shards in {@code SHARDS} mode) and {@link
 *       Builder#maxPathLength(int)} (default 4096 chars) bound the manifest; a file that changes size while it is
 *       hashed is an error.
 * </ul>
 *
 * <h2>Performance</h2>
 *
 * <p>Files are streamed through a 1 MiB direct buffer per thread with the JDK's SHA-256 (hardware-accelerated where
 * the CPU has SHA extensions); nothing is read whole. Files (or shards) are hashed on {@link
 * Builder#parallelism(int)} threads, the calling thread included, largest first so that big files do not end up
 * alone at the end. In {@code FILES} mode one file is always hashed by one thread, since its digest is over the whole
 * file; use {@code SHARDS} to spread a single huge file over cores. A {@code ModelHasher} is immutable and thread-safe;
 * each {@link #hash(Path)} call starts and stops its own threads.
 *
 * <h2>Example Usage</h2>
 *
 * <pre>{@code
 * ModelHash h = ModelHasher.defaults().hash(Path.of("models/bert"));
 * Digest identity = h.rootDigest();
 *
 * ModelHasher custom = ModelHasher.builder()
 *     .method(HashingMethod.SHARDS)
 *     .shardSize(1L << 30)
 *     .addIgnorePath("README.md")
 *     .parallelism(4)
 *     .build();
 *
 * // Verifying: re-hash the local copy the way the signed predicate says.
 * ModelHash local = ModelHasher.forSerialization(signed.serialization()).hash(Path.of("models/bert"));
 * }</pre>
 */
public final class ModelHasher {

  /** model_signing's default ignore paths, in the order model_signing records them. */
  public static final List<String> DEFAULT_IGNORE_PATHS =
      List.of(".git", "model.sig", ".gitattributes", ".gitignore", ".github");

  /** model_signing's default shard size: 1,000,000,000 bytes. */
  public static final long DEFAULT_SHARD_SIZE = 1_000_000_000L;

  /** The default for {@link Builder#maxFiles(int)}. */
  public static final int DEFAULT_MAX_FILES = 1_000_000;

  /** The default for {@link Builder#maxPathLength(int)}: Linux's {@code PATH_MAX}. */
  public static final int DEFAULT_MAX_PATH_LENGTH = 4096;

  private final Serialization serialization;
  private final int parallelism;
  private final int maxFiles;
  private final int maxPathLength;

  private ModelHasher(Serialization serialization, int parallelism, int maxFiles, int maxPathLength) {
    this.serialization = serialization;
    this.parallelism = parallelism;
    this.maxFiles = maxFiles;
    this.maxPathLength = maxPathLength;
  }

  /**
   * model_signing's defaults: method {@code files}, SHA-256, the {@link #DEFAULT_IGNORE_PATHS}, symbolic links
   * refused, one thread per available processor.
   *
   * @return the hasher
   */
  public static ModelHasher defaults() {
    return builder().build();
  }

  /**
   * A builder starting from {@link #defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A hasher that re-hashes a local model exactly as a signed predicate says: same method, shard size, symbolic link
   * rule and ignore paths (only those: the defaults are not added). Parallelism and limits are the defaults.
   *
   * <p>model_signing's verifier also ignores the signature file it was given; when the signature lies inside the
   * model under another name than one of the recorded ignore paths, add it with {@code
   * forSerialization(s).toBuilder().addIgnorePath(name).build()}.
   *
   * @param serialization the predicate's serialization, must not be {@code null}
   * @return the hasher
   * @throws IllegalArgumentException if the hash type is not {@code sha256}
   */
  public static ModelHasher forSerialization(Serialization serialization) {
    Objects.requireNonNull(serialization, "serialization must not be null");
    if (!Serialization.SHA256.equals(serialization.hashType())) {
      throw new IllegalArgumentException(
          "hash type '" + serialization.hashType() + "' is not supported; only " + Serialization.SHA256 + " is");
    }
    Builder b = builder().method(serialization.method()).allowSymlinks(serialization.allowSymlinks());
    b.ignorePaths = new ArrayList<>(serialization.ignorePaths());
    if (serialization.shardSize().isPresent()) {
      b.shardSize(serialization.shardSize().getAsLong());
    }
    return b.build();
  }

  /**
   * A builder holding this hasher's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.method = serialization.method();
    b.shardSize = serialization.shardSize().orElse(DEFAULT_SHARD_SIZE);
    b.ignorePaths = new ArrayList<>(serialization.ignorePaths());
    b.allowSymlinks = serialization.allowSymlinks();
    b.parallelism = parallelism;
    b.maxFiles = maxFiles;
    b.maxPathLength = maxPathLength;
    return b;
  }

  /**
   * How this hasher cuts and hashes a model, as it will be recorded in {@link ModelHash#serialization()}.
   *
   * @return the serialization
   */
  public Serialization serialization() {
    return serialization;
  }

  /**
   * The number of threads used by {@link #hash(Path)}, the calling thread included.
   *
   * @return at least 1
   */
  public int parallelism() {
    return parallelism;
  }

  /**
   * Hashes a model.
   *
   * @param model a model directory or a single model file, must not be {@code null}
   * @return the resources, root digest and serialization
   * @throws java.nio.file.NoSuchFileException if the model path does not exist
   * @throws ModelHashingException if the model holds a refused symbolic link, a special file, a name that cannot be a
   *     resource name, more files or a longer name than the limits allow, or a file that changes while it is hashed;
   *     or if reading a file inside the model fails (the cause is the I/O error)
   * @throws java.io.InterruptedIOException if the calling thread is interrupted
   * @throws IOException if the model path cannot be read
   */
  public ModelHash hash(Path model) throws IOException {
    Objects.requireNonNull(model, "model must not be null");
    Path absolute = model.toAbsolutePath().normalize();
    Path fileName = absolute.getFileName();
    String modelName = fileName == null ? "" : fileName.toString();
    boolean shards = serialization.method() == HashingMethod.SHARDS;
    ModelWalker walker =
        new ModelWalker(serialization.allowSymlinks(), serialization.ignorePaths(), maxFiles, maxPathLength, shards);
    List<ModelWalker.Entry> entries = new ArrayList<>(walker.walk(absolute));
    entries.sort(Comparator.comparing(ModelWalker.Entry::components, ModelPaths.COMPONENT_ORDER));

    List<ParallelHasher.Task> tasks = new ArrayList<>(entries.size());
    if (shards) {
      long shardSize = serialization.shardSize().getAsLong();
      for (ModelWalker.Entry e : entries) {
        for (long start = 0; start < e.size(); start += shardSize) {
          long end = shardSize >= e.size() - start ? e.size() : start + shardSize;
          tasks.add(new ParallelHasher.Task(e.name(), e.path(), start, end, false));
          if (tasks.size() > maxFiles) {
            throw new ModelHashingException(
                "the model has more than " + maxFiles + " shards (maxFiles); raise the shard size or maxFiles",
                e.name());
          }
          if (end == e.size()) {
            break;
          }
        }
      }
    } else {
      for (ModelWalker.Entry e : entries) {
        tasks.add(new ParallelHasher.Task(e.name(), e.path(), 0, e.size(), true));
      }
    }

    byte[][] digests = ParallelHasher.hash(tasks, parallelism, !serialization.allowSymlinks());
    List<ResourceDigest> resources = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      ParallelHasher.Task t = tasks.get(i);
      String name = shards ? ModelPaths.shardName(t.name(), t.start(), t.end()) : t.name();
      resources.add(new ResourceDigest(name, Digest.sha256(digests[i])));
    }
    return new ModelHash(modelName, ModelHash.rootOf(resources), resources, serialization);
  }

  /** Returns the settings, for logs. */
  @Override
  public String toString() {
    return "ModelHasher{" + serialization + ", parallelism=" + parallelism + ", maxFiles=" + maxFiles
        + ", maxPathLength=" + maxPathLength + "}";
  }

  /**
   * Configures a {@link ModelHasher}; starts from model_signing's defaults. Setters reject bad values at once;
   * {@link #build()} rejects conflicting settings.
   *
   * <h2>Example</h2>
   *
   * <pre>{@code
   * ModelHasher h = ModelHasher.builder()
   *     .method(HashingMethod.SHARDS).shardSize(1L << 30)
   *     .ignorePaths(List.of(".git", "model.sig"))
   *     .allowSymlinks(true)
   *     .parallelism(8).maxFiles(100_000).maxPathLength(1024)
   *     .build();
   * }</pre>
   */
  public static final class Builder {

    private HashingMethod method = HashingMethod.FILES;
    private long shardSize = DEFAULT_SHARD_SIZE;
    private boolean shardSizeSet;
    private List<String> ignorePaths = new ArrayList<>(DEFAULT_IGNORE_PATHS);
    private boolean allowSymlinks;
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private int maxFiles = DEFAULT_MAX_FILES;
    private int maxPathLength = DEFAULT_MAX_PATH_LENGTH;

    private Builder() {}

    /**
     * How the model is cut into resources; default {@link HashingMethod#FILES}.
     *
     * @param method the method, must not be {@code null}
     * @return this builder
     */
    public Builder method(HashingMethod method) {
      this.method = Objects.requireNonNull(method, "method must not be null");
      return this;
    }

    /**
     * The shard size for {@link HashingMethod#SHARDS}; default {@link #DEFAULT_SHARD_SIZE}. Setting it with method
     * {@code FILES} is an error in {@link #build()}.
     *
     * @param bytes the size of each shard but the last, positive
     * @return this builder
     * @throws IllegalArgumentException if the size is not positive
     */
    public Builder shardSize(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("shardSize must be positive, was " + bytes);
      }
      this.shardSize = bytes;
      this.shardSizeSet = true;
      return this;
    }

    /**
     * Replaces the ignore paths (the defaults included). Each is relative to the model root and is normalised:
     * {@code ./.git/} becomes {@code .git}; duplicates are dropped.
     *
     * @param paths the paths, must not be {@code null} or contain {@code null}
     * @return this builder
     * @throws IllegalArgumentException if a path is absolute, contains {@code ..} or NUL, or names the root itself
     */
    public Builder ignorePaths(List<String> paths) {
      Objects.requireNonNull(paths, "paths must not be null");
      LinkedHashSet<String> normalized = new LinkedHashSet<>();
      for (String p : paths) {
        normalized.add(ModelPaths.normalizeIgnorePath(p));
      }
      this.ignorePaths = new ArrayList<>(normalized);
      return this;
    }

    /**
     * Adds an ignore path after the current ones, unless it is there already.
     *
     * @param path a path relative to the model root, normalised as in {@link #ignorePaths(List)}; must not be
     *     {@code null}
     * @return this builder
     * @throws IllegalArgumentException if the path is absolute, contains {@code ..} or NUL, or names the root itself
     */
    public Builder addIgnorePath(String path) {
      String normalized = ModelPaths.normalizeIgnorePath(path);
      if (!ignorePaths.contains(normalized)) {
        ignorePaths.add(normalized);
      }
      return this;
    }

    /**
     * Whether symbolic links to files are hashed (by their target's content, under the link's name) instead of
     * refused; default {@code false}. Links to directories are skipped either way when allowed.
     *
     * @param allow whether to allow symbolic links
     * @return this builder
     */
    public Builder allowSymlinks(boolean allow) {
      this.allowSymlinks = allow;
      return this;
    }

    /**
     * The number of threads, the calling thread included; default {@link Runtime#availableProcessors()}.
     *
     * @param threads at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder parallelism(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, was " + threads);
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * The most files a model may have (the most shards, in {@code SHARDS} mode); default {@link #DEFAULT_MAX_FILES}.
     *
     * @param files at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxFiles(int files) {
      if (files < 1) {
        throw new IllegalArgumentException("maxFiles must be at least 1, was " + files);
      }
      this.maxFiles = files;
      return this;
    }

    /**
     * The longest relative file name accepted, in chars; default {@link #DEFAULT_MAX_PATH_LENGTH}.
     *
     * @param chars at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxPathLength(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("maxPathLength must be at least 1, was " + chars);
      }
      this.maxPathLength = chars;
      return this;
    }

    /**
     * Builds the hasher.
     *
     * @return the hasher
     * @throws IllegalStateException if a shard size was set for method {@code FILES}
     */
    public ModelHasher build() {
      if (method == HashingMethod.FILES && shardSizeSet) {
        throw new IllegalStateException(
            "shardSize was set to " + shardSize + " but method is FILES; shard sizes apply only to SHARDS");
      }
      Serialization s =
          new Serialization(
              method,
              Serialization.SHA256,
              allowSymlinks,
              ignorePaths,
              method == HashingMethod.SHARDS ? OptionalLong.of(shardSize) : OptionalLong.empty());
      return new ModelHasher(s, parallelism, maxFiles, maxPathLength);
    }
  }
}
