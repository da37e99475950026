package dev.modelgov.core.provenance.internal.hashing;

import dev.modelgov.core.provenance.ModelHashingException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists the files of a model the way model_signing does: every regular file below the root, by relative POSIX name,
 * minus ignored paths; symbolic links refused unless allowed.
 *
 * <p>For internal use only; may change without notice.
 */
public final class ModelWalker {

  private final boolean allowSymlinks;
  private final List<String[]> ignored;
  private final int maxFiles;
  private final int maxPathLength;
  private final boolean forbidColon;

  /**
   * @param allowSymlinks whether symbolic links to files are hashed (their target's content, under the link's name)
   * @param ignorePaths canonical ignore paths, relative to the root
   * @param maxFiles the most files accepted
   * @param maxPathLength the longest relative name accepted, in chars
   * @param forbidColon whether names with {@code :} are refused (shard names cannot hold them)
   */
  public ModelWalker(
      boolean allowSymlinks, List<String> ignorePaths, int maxFiles, int maxPathLength, boolean forbidColon) {
    this.allowSymlinks = allowSymlinks;
    this.ignored = new ArrayList<>();
    for (String p : ignorePaths) {
      ignored.add(ModelPaths.components(p));
    }
    this.maxFiles = maxFiles;
    this.maxPathLength = maxPathLength;
    this.forbidColon = forbidColon;
  }

  /**
   * A file to hash.
   *
   * @param name the relative POSIX name ({@code "."} for a single-file model)
   * @param components the name's components
   * @param path where to read it
   * @param size its size when listed
   */
  public record Entry(String name, String[] components, Path path, long size) {}

  /**
   * The model's files, in no particular order.
   *
   * @param model an absolute, normalised path to a file or directory
   * @return the files
   * @throws IOException if the model cannot be read, or holds a refused symbolic link, special file or name, or more
   *     files than allowed
   */
  public List<Entry> walk(Path model) throws IOException {
    BasicFileAttributes own = Files.readAttributes(model, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Path root = model;
    if (own.isSymbolicLink()) {
      if (!allowSymlinks) {
        throw new ModelHashingException(
            "the model path " + model + " is a symbolic link; symbolic links are refused unless allowSymlinks is"
                + " set",
            ModelPaths.SINGLE_FILE_NAME);
      }
      root = model.toRealPath();
      own = Files.readAttributes(root, BasicFileAttributes.class);
    }
    if (own.isRegularFile()) {
      return List.of(
          new Entry(ModelPaths.SINGLE_FILE_NAME, new String[] {ModelPaths.SINGLE_FILE_NAME}, root, own.size()));
    }
    if (!own.isDirectory()) {
      throw new ModelHashingException(
          "the model path " + model + " is neither a regular file nor a directory", ModelPaths.SINGLE_FILE_NAME);
    }
    List<Entry> entries = new ArrayList<>();
    Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
        new Visitor(root, entries));
    return entries;
  }

  private final class Visitor implements FileVisitor<Path> {

    private final Path root;
    private final List<Entry> entries;

    Visitor(Path root, List<Entry> entries) {
      this.root = root;
      this.entries = entries;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      if (dir.equals(root)) {
        return FileVisitResult.CONTINUE;
      }
      return isIgnored(components(dir)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      String[] components = components(file);
      if (isIgnored(components)) {
        return FileVisitResult.CONTINUE;
      }
      String name = String.join("/", components);
      BasicFileAttributes target = attrs;
      if (attrs.isSymbolicLink()) {
        if (!allowSymlinks) {
          throw new ModelHashingException(
              "'" + ModelPaths.printable(name) + "' is a symbolic link; symbolic links are refused unless"
                  + " allowSymlinks is set",
              name);
        }
        try {
          target = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
          throw new ModelHashingException(
              "'" + ModelPaths.printable(name) + "' is a broken symbolic link or its target cannot be read: " + e,
              name,
              e);
        }
        if (target.isDirectory()) {
          // model_signing does not descend into symbolic links to directories, and they are not files.
          return FileVisitResult.CONTINUE;
        }
      }
      if (!target.isRegularFile()) {
        throw new ModelHashingException(
            "'" + ModelPaths.printable(name) + "' is neither a regular file nor a directory (a socket, pipe or"
                + " device)",
            name);
      }
      checkName(name);
      if (entries.size() >= maxFiles) {
        throw new ModelHashingException(
            "the model has more than " + maxFiles + " files (maxFiles); found while listing '"
                + ModelPaths.printable(name) + "'",
            name);
      }
      entries.add(new Entry(name, components, file, target.size()));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
      String name = file.equals(root) ? ModelPaths.SINGLE_FILE_NAME : String.join("/", components(file));
      throw new ModelHashingException("cannot read '" + ModelPaths.printable(name) + "': " + exc, name, exc);
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
      if (exc != null) {
        String name = dir.equals(root) ? ModelPaths.SINGLE_FILE_NAME : String.join("/", components(dir));
        throw new ModelHashingException("cannot list '" + ModelPaths.printable(name) + "': " + exc, name, exc);
      }
      return FileVisitResult.CONTINUE;
    }

    private String[] components(Path p) {
      Path rel = root.relativize(p);
      String[] out = new String[rel.getNameCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rel.getName(i).toString();
      }
      return out;
    }
  }

  private boolean isIgnored(String[] components) {
    for (String[] prefix : ignored) {
      if (ModelPaths.startsWith(components, prefix)) {
        return true;
      }
    }
    return false;
  }

  private void checkName(String name) throws ModelHashingException {
    if (name.length() > maxPathLength) {
      throw new ModelHashingException(
          "the name '" + ModelPaths.printable(name) + "' has " + name.length() + " chars, more than maxPathLength "
              + maxPathLength,
          name);
    }
    String problem = ModelPaths.nameProblem(name);
    if (problem != null) {
      throw new ModelHashingException(problem, name);
    }
    if (name.indexOf('\uFFFD') >= 0) {
      throw new ModelHashingException(
          "the name '" + ModelPaths.printable(name) + "' is not valid UTF-8 or cannot be represented in the platform"
              + " encoding (it contains U+FFFD)",
          name);
    }
    if (forbidColon && name.indexOf(':') >= 0) {
      throw new ModelHashingException(
          "the name '" + ModelPaths.printable(name) + "' contains ':', which shard names 'path:start:end' cannot"
              + " hold; hash this model with method FILES",
          name);
    }
  }
}
