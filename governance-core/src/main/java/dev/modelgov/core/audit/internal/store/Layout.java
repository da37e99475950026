package dev.modelgov.core.audit.internal.store;

import dev.modelgov.core.audit.internal.segment.ChannelFactory;
import dev.modelgov.core.audit.internal.segment.FileIo;
import dev.modelgov.core.audit.internal.segment.SegmentHeader;
import dev.modelgov.core.audit.internal.segment.SegmentWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names and small file operations of a log directory (see docs/audit-log.md). For internal use only; may
 * change without notice.
 */
public final class Layout {

  /** The segments directory. */
  public static final String SEGMENTS = "segments";
  /** The tiles directory. */
  public static final String TILES = "tiles";
  /** The latest checkpoint. */
  public static final String CHECKPOINT = "checkpoint";
  /** The origin line. */
  public static final String ORIGIN = "origin";
  /** Bytes cut by recovery. */
  public static final String RECOVERY = "recovery";
  /** The writer's lock file. */
  public static final String LOCK = ".lock";
  /** Record type of an event. */
  public static final byte TYPE_EVENT = 1;
  /** Record type of a checkpoint. */
  public static final byte TYPE_CHECKPOINT = 2;

  private static final Pattern SEGMENT = Pattern.compile("audit-(\\d{20})\\.seg");

  private Layout() {}

  /**
   * @param dir the log directory
   * @param baseIndex a segment's first index
   * @return the segment's path
   */
  public static Path segment(Path dir, long baseIndex) {
    return dir.resolve(SEGMENTS).resolve(String.format("audit-%020d.seg", baseIndex));
  }

  /**
   * Lists the segments by base index.
   *
   * @param dir the log directory
   * @return base index to file, sorted
   * @throws IOException if the directory cannot be listed
   */
  public static TreeMap<Long, Path> segments(Path dir) throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>();
    Path segs = dir.resolve(SEGMENTS);
    if (!Files.isDirectory(segs)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(segs)) {
      for (Path p : ds) {
        Matcher m = SEGMENT.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.put(Long.parseLong(m.group(1)), p);
        }
      }
    }
    return out;
  }

  /**
   * @param segments the segments by base index
   * @param index an index
   * @return the segment that would hold it, or null
   */
  public static Map.Entry<Long, Path> segmentFor(TreeMap<Long, Path> segments, long index) {
    return segments.floorEntry(index);
  }

  /**
   * Replaces a file atomically and durably: temp file, fsync, rename, directory fsync.
   *
   * @param file the file
   * @param bytes its new content
   * @throws IOException if any step fails
   */
  public static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      FileIo.writeFully(ch, java.nio.ByteBuffer.wrap(bytes), 0);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(file.getParent());
  }

  /**
   * Makes a directory's entries durable. Only where the platform cannot open a directory (not POSIX: Windows, whose
   * renames are durable on NTFS) is a failure ignored.
   *
   * @param dir the directory
   * @throws IOException if the sync fails on a POSIX file system
   */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        throw e;
      }
    }
  }

  /**
   * @param origin a log's origin
   * @return SHA-256 of its UTF-8 bytes, as segment headers carry it
   */
  public static byte[] originHash(String origin) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * Creates a segment durably: header (and preallocation) written and forced under a temporary name, then renamed
   * into place and the directory synced, so that a segment whose name survives a power loss always has its header.
   *
   * @param dir the log directory
   * @param originHash the log's {@link #originHash(String)}
   * @param base the segment's first index
   * @param maxPayload the largest payload the writer accepts
   * @param preallocateBytes the file length to fill with zeros
   * @param channels how to open the file
   * @return a writer positioned after the header
   * @throws IOException if any step fails
   */
  public static SegmentWriter createSegment(Path dir, byte[] originHash, long base, int maxPayload,
      long preallocateBytes, ChannelFactory channels) throws IOException {
    Path file = segment(dir, base);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    SegmentWriter w = SegmentWriter.create(tmp, new SegmentHeader(originHash, base, base), maxPayload,
        preallocateBytes, channels);
    try {
      w.force();
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      fsyncDirectory(file.getParent());
      return w;
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
  }

  /**
   * @param dir the log directory
   * @return the origin, or null when the directory has none yet
   * @throws IOException if it cannot be read
   */
  public static String readOrigin(Path dir) throws IOException {
    Path f = dir.resolve(ORIGIN);
    if (!Files.exists(f)) {
      return null;
    }
    byte[] b = Files.readAllBytes(f);
    if (b.length > 1024) {
      throw new IOException(f + ": origin longer than 1024 bytes");
    }
    return new String(b, StandardCharsets.UTF_8).strip();
  }

  /**
   * The body of a note: the text up to the blank line before the signatures (all of it when unsigned).
   *
   * @param note the note text
   * @return the body, ending in a newline
   */
  public static String noteBody(String note) {
    int blank = note.indexOf("\n\n");
    return blank < 0 ? note : note.substring(0, blank + 1);
  }
}
