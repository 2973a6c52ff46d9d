package org.cnnexplorer.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file all at once: the bytes go to a temporary file in the same folder, which is then
 * renamed over the target. A reader sees the old file or the new one, never half of one, and a
 * failed write leaves the old file as it was.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes what {@code content} puts into a stream; for files too large to build in memory first. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * @throws SaveFailedException naming the target and the reason ("cannot save to
     *         /x/model.npz: permission denied"), never only the temporary file's path
     */
    public static void write(Path target, Content content) throws IOException {
        try {
            replace(target, content);
        } catch (java.nio.file.FileSystemException e) {
            throw new SaveFailedException(target, reason(e), e);
        }
    }

    /** The reason in words: the JDK gives only a path for these. */
    private static String reason(java.nio.file.FileSystemException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the folder does not exist";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }

    private static void replace(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = createTemp(dir, abs.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                // A content that closes its stream (a ZipOutputStream does) must not close the channel before force.
                content.writeTo(new java.io.FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                // On disk before the rename, so a crash cannot leave an empty file under the real name.
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Why {@code target} could not be written, or null if it looks writable: its folder exists and
     * is writable, and it is not itself a folder. Checked before a long run rather than after.
     */
    public static String whyNotWritable(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            return target + " is a folder; give a file name such as model.npz";
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return "cannot save to " + target + ": the folder " + (dir == null ? "" : dir.getFileName() + " ") + "does not exist";
        }
        if (!Files.isWritable(dir)) {
            return "cannot save to " + target + ": its folder is not writable";
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            return "cannot save to " + target + ": the file is read-only";
        }
        return null;
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        // Files.createFile keeps the usual permissions (createTempFile would make it owner-only).
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
