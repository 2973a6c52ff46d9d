package org.cnnexplorer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void aFailedSaveNamesTheTargetAndTheReasonNotTheTemporaryFile() throws IOException {
        Path target = dir.resolve("missing-folder").resolve("model.npz");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, new byte[] {1}));
        assertEquals("cannot save to " + target + ": the folder does not exist", e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"));
        assertEquals("the folder does not exist", SaveFailedException.reasonOf(e));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("model.npz");
        Files.write(target, new byte[] {7});
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is gone");
        }
    }

    @Test
    void writesTheWholeFile() throws IOException {
        Path target = dir.resolve("a.bin");
        AtomicFile.write(target, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertTrue(Files.isReadable(target));
    }
}
