package dev.modelgov.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes the files of the provenance commands, turning every I/O failure into a one-line {@link
 * CommandException} ({@code <file>: <reason>}, exit 2). For internal use only; may change without notice.
 */
final class CliFiles {

  /** Key files are small: a PEM key is well under 1 KiB. */
  static final int MAX_KEY_BYTES = 64 * 1024;

  private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

  private CliFiles() {}

  /**
   * Reads a whole regular file.
   *
   * @param file the file
   * @param maxBytes the most bytes to accept
   * @return its bytes
   * @throws CommandException if it is missing, a directory, unreadable or larger than {@code maxBytes}
   */
  static byte[] readBytes(Path file, long maxBytes) throws CommandException {
    if (Files.isDirectory(file)) {
      throw CommandException.usage(file + ": is a directory, not a file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw CommandException.usage(file + ": is larger than " + maxBytes + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw CommandException.usage(file + ": " + readProblem(e));
    }
  }

  /**
   * Reads a small UTF-8 text file, such as a PEM key.
   *
   * @param file the file
   * @return its text
   * @throws CommandException if it cannot be read, is larger than {@link #MAX_KEY_BYTES} or is not UTF-8
   */
  static String readText(Path file) throws CommandException {
    byte[] bytes = readBytes(file, MAX_KEY_BYTES);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw CommandException.usage(file + ": is not a text (UTF-8) file");
    }
  }

  /**
   * Writes a file, replacing any file there.
   *
   * @param file the file
   * @param content the bytes
   * @throws CommandException if it cannot be written
   */
  static void write(Path file, byte[] content) throws CommandException {
    if (Files.isDirectory(file)) {
      throw CommandException.usage(file + ": is a directory, not a file");
    }
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw CommandException.usage(file + ": " + writeProblem(e));
    }
  }

  /**
   * Creates a new file that must not exist yet, readable and writable by its owner only (mode 600) where the file
   * system has POSIX permissions. The permissions are set when the file is created, so the content is never readable
   * by others, whatever the umask.
   *
   * @param file the file
   * @param content the bytes
   * @param secret whether only the owner may read it
   * @throws CommandException if the file exists or cannot be written
   */
  static void createNew(Path file, byte[] content, boolean secret) throws CommandException {
    boolean posix = secret && posix(file);
    FileAttribute<?>[] attributes = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
        : new FileAttribute<?>[0];
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (OutputStream out = Channels.newOutputStream(
        Files.newByteChannel(file, options, attributes))) {
      out.write(content);
    } catch (FileAlreadyExistsException e) {
      throw CommandException.usage(file + ": already exists; use --force to replace it");
    } catch (IOException e) {
      throw CommandException.usage(file + ": " + writeProblem(e));
    }
    if (posix) {
      try {
        Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
      } catch (IOException e) {
        throw CommandException.usage(file + ": cannot restrict its permissions to the owner: " + writeProblem(e));
      }
    }
  }

  /**
   * Deletes a file if it exists, for {@code --force}.
   *
   * @param file the file
   * @throws CommandException if it is a directory or cannot be deleted
   */
  static void deleteIfExists(Path file) throws CommandException {
    if (Files.isDirectory(file)) {
      throw CommandException.usage(file + ": is a directory, not a file");
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw CommandException.usage(file + ": cannot be replaced: " + problem(e));
    }
  }

  /** Deletes a file after a failure, ignoring any error: the failure itself is what gets reported. */
  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The original failure is reported; this one adds nothing.
    }
  }

  private static boolean posix(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent != null && parent.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * @param e why a file could not be read
   * @return the reason, for a {@code <file>: <reason>} line
   */
  static String readProblem(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return "cannot be read: " + problem(e);
  }

  private static String writeProblem(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "cannot be written: no such directory";
    }
    if (e instanceof AccessDeniedException) {
      return "cannot be written: permission denied";
    }
    return "cannot be written: " + problem(e);
  }

  private static String problem(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      // The reason is the operating system's text, such as "Is a directory"; the other parts repeat the path.
      String reason = fse.getReason();
      return reason.isEmpty() ? "I/O error" : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }
    return "I/O error";
  }
}
