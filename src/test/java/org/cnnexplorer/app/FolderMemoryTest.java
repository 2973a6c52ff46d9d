package org.cnnexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderMemoryTest {
    @Test
    void theNextDialogOpensWhereTheLastWasLeftWhileThatFolderExists(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path models = Files.createDirectory(dir.resolve("models"));
        FolderMemory m = new FolderMemory(home);
        assertEquals(home, m.start(), "the first opens in the user's home");
        Path chosen = models.resolve("run2.npz");
        assertEquals(chosen, m.used(chosen));
        assertEquals(models, m.start());
        Path data = Files.createDirectory(models.resolve("mnist"));
        m.used(data);
        assertEquals(models, m.start(), "beside the folder opened last");
        Files.delete(data);
        Files.delete(models);
        assertEquals(home, m.start(), "a folder since removed is not offered");
    }
}
