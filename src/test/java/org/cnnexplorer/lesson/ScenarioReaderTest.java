package org.cnnexplorer.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnexplorer.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReaderTest {
    @TempDir
    Path dir;

    static String shipped(String name) throws Exception {
        try (InputStream in = Course.class.getResourceAsStream("scenarios/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theShippedScenariosRead() throws Exception {
        Scenario a = ScenarioReader.parse(shipped("article-run.json"), dir, "article-run.json");
        assertEquals(TrainConfig.article(), a.settings());
        assertEquals(Scenario.Model.SEED, a.model());
        assertNull(a.dataset());
        assertEquals(5, a.startChapter());
        Scenario d = ScenarioReader.parse(shipped("diverging-rate.json"), dir, "diverging-rate.json");
        assertEquals(0.5, d.settings().learnRate());
        assertEquals(List.of("learn-rate"), d.hide());
        Scenario f = ScenarioReader.parse(shipped("first-max-only.json"), dir, "first-max-only.json");
        assertTrue(f.settings().firstMaxOnly());
        assertEquals(Scenario.Model.BUNDLED, f.model());
    }

    @Test
    void aMissingDatasetSaysHowToGetIt() throws Exception {
        String json = shipped("fashion-mnist.json").replace("/usr/share/datasets/fashion-mnist", dir.resolve("absent").toString());
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(json, dir, "fashion-mnist.json"));
        assertTrue(e.getMessage().contains("apt install dataset-fashion-mnist"), e.getMessage());
        Files.createDirectory(dir.resolve("present"));
        String there = shipped("fashion-mnist.json").replace("/usr/share/datasets/fashion-mnist", "present");
        assertEquals(dir.resolve("present"), ScenarioReader.parse(there, dir, "f.json").dataset());
    }

    @Test
    void mistakesAreNamed() {
        assertMessage("{", "not valid JSON");
        assertMessage("[1, 2]", "expected a JSON object");
        assertMessage("{\"learnRate\": 0.1}", "unknown key \"learnRate\"");
        assertMessage("{\"settings\": {\"lr\": 0.1}}", "unknown setting \"lr\"");
        assertMessage("{\"settings\": {\"learnRate\": -1}}", "learnRate must be above 0");
        assertMessage("{\"settings\": {\"learnRate\": \"fast\"}}", "\"learnRate\" must be a number");
        assertMessage("{\"settings\": {\"epochs\": 2.5}}", "\"epochs\" must be a whole number");
        assertMessage("{\"startChapter\": 9}", "\"startChapter\" must be a whole number from 1 to 7");
        assertMessage("{\"model\": \"nope.npz\"}", "does not exist");
        assertMessage("{\"hide\": \"settings\"}", "\"hide\" must be a list");
        assertMessage("{\"settings\": {\"shuffle\": \"yes\"}}", "\"shuffle\" must be true or false");
    }

    @Test
    void readsAFileAndResolvesPathsBesideIt() throws Exception {
        Path model = Files.writeString(dir.resolve("m.npz"), "x");
        Path f = Files.writeString(dir.resolve("s.json"), "{\"model\": \"m.npz\", \"settings\": {\"trainSize\": \"all\"}}");
        Scenario s = ScenarioReader.read(f);
        assertEquals(model.toAbsolutePath(), s.modelFile());
        assertEquals(TrainConfig.ALL, s.settings().trainSize());
        assertEquals("s", s.name());
        assertThrows(ScenarioException.class, () -> ScenarioReader.read(dir.resolve("none.json")));
    }

    private void assertMessage(String json, String part) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(json, dir, "x.json"));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
