package org.cnnexplorer.lesson;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cnnexplorer.train.TrainConfig;

/**
 * Reads a scenario file (JSON) and checks all of it before anything is used: unknown keys (a
 * typo), wrong types, out-of-range settings, a data folder or model file that is not there. Paths
 * are relative to the scenario file's folder. Every key is optional; what is left out is the
 * article's.
 *
 * <pre>
 * {
 *   "name": "A learning rate that diverges",
 *   "description": "…",
 *   "dataset": "bundled",                    // or a folder of IDX files
 *   "datasetMissing": "Install … with …",    // said when that folder is absent
 *   "model": "seed",                          // "bundled", "seed" or a .npz file
 *   "settings": {"learnRate": 0.5, "epochs": 3, "trainSize": 1000, "testSize": 1000,
 *                "seed": 1, "shuffle": true, "filters": 8, "firstMaxOnly": false},
 *   "startChapter": 6,                        // 1-7
 *   "hide": ["tab-gradcheck", "first-max-only"]
 * }
 * </pre>
 */
public final class ScenarioReader {
    private static final long MAX_BYTES = 1 << 20;
    private static final Set<String> KEYS = Set.of("name", "description", "dataset", "datasetMissing", "model", "settings",
            "startChapter", "hide");
    private static final Set<String> SETTINGS = Set.of("learnRate", "epochs", "trainSize", "testSize", "seed", "shuffle",
            "filters", "firstMaxOnly");

    private ScenarioReader() {
    }

    public static Scenario read(Path file) throws ScenarioException {
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ScenarioException(file.getFileName() + " is not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ScenarioException(file.getFileName() + " is too large for a scenario (over 1 MB)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ScenarioException("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, dir, file.getFileName().toString());
    }

    /** Parses scenario text; relative paths are resolved against {@code baseDir}. */
    public static Scenario parse(String text, Path baseDir, String fileName) throws ScenarioException {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new ScenarioException(fileName + " is not a scenario: expected a JSON object { … }");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new ScenarioException(fileName + " is not valid JSON: " + shortMessage(e));
        }
        for (String k : o.keySet()) {
            if (!KEYS.contains(k)) {
                throw new ScenarioException(fileName + ": unknown key \"" + k + "\" (known: " + String.join(", ", sorted(KEYS)) + ")");
            }
        }
        String name = string(o, "name", fileName, fileName.replaceFirst("\\.json$", ""));
        String description = string(o, "description", fileName, "");

        Path dataset = null;
        String ds = string(o, "dataset", fileName, "bundled");
        if (!ds.equals("bundled")) {
            dataset = baseDir.resolve(ds).normalize();
            if (!Files.isDirectory(dataset)) {
                String hint = string(o, "datasetMissing", fileName, "");
                throw new ScenarioException("The data for \"" + name + "\" is not on this computer: " + dataset + " is not a folder."
                        + (hint.isEmpty() ? "" : "\n" + hint));
            }
        }

        TrainConfig settings = settings(o, fileName);
        Scenario.Model model;
        Path modelFile = null;
        String m = string(o, "model", fileName, "seed");
        switch (m) {
            case "bundled" -> model = Scenario.Model.BUNDLED;
            case "seed" -> model = Scenario.Model.SEED;
            default -> {
                model = Scenario.Model.FILE;
                modelFile = baseDir.resolve(m).normalize();
                if (!Files.isRegularFile(modelFile)) {
                    throw new ScenarioException(fileName + ": the model file " + modelFile + " does not exist"
                            + " (\"model\" is \"bundled\", \"seed\" or a .npz file)");
                }
            }
        }

        int chapter = integer(o, "startChapter", fileName, 1, 1, Course.CHAPTER_IDS.size()) - 1;
        List<String> hide = new ArrayList<>();
        if (o.has("hide")) {
            if (!o.get("hide").isJsonArray()) {
                throw new ScenarioException(fileName + ": \"hide\" must be a list of ids, like [\"tab-gradcheck\"]");
            }
            for (JsonElement e : o.getAsJsonArray("hide")) {
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || !e.getAsString().matches("[A-Za-z0-9_-]+")) {
                    throw new ScenarioException(fileName + ": \"hide\" holds ids (letters, digits, '-'), not " + e);
                }
                hide.add(e.getAsString());
            }
        }
        return new Scenario(name, description, dataset, model, modelFile, settings, chapter, hide);
    }

    private static TrainConfig settings(JsonObject o, String file) throws ScenarioException {
        TrainConfig a = TrainConfig.article();
        if (!o.has("settings")) {
            return a;
        }
        if (!o.get("settings").isJsonObject()) {
            throw new ScenarioException(file + ": \"settings\" must be an object { \"learnRate\": 0.005, … }");
        }
        JsonObject s = o.getAsJsonObject("settings");
        for (String k : s.keySet()) {
            if (!SETTINGS.contains(k)) {
                throw new ScenarioException(file + ": unknown setting \"" + k + "\" (known: " + String.join(", ", sorted(SETTINGS)) + ")");
            }
        }
        double lr = number(s, "learnRate", file, a.learnRate());
        if (!(lr > 0) || lr > 100) {
            throw new ScenarioException(file + ": learnRate must be above 0 and at most 100, not " + lr);
        }
        return new TrainConfig(
                size(s, "trainSize", file, 60_000), size(s, "testSize", file, 10_000),
                integer(s, "epochs", file, a.epochs(), 1, 100), lr,
                integer(s, "seed", file, (int) a.seed(), 0, Integer.MAX_VALUE),
                bool(s, "shuffle", file, a.shuffle()),
                integer(s, "filters", file, a.numFilters(), 1, 32),
                bool(s, "firstMaxOnly", file, a.firstMaxOnly()));
    }

    /** A count of images, or "all". */
    private static int size(JsonObject s, String key, String file, int max) throws ScenarioException {
        if (s.has(key) && s.get(key).isJsonPrimitive() && s.get(key).getAsJsonPrimitive().isString()
                && s.get(key).getAsString().equals("all")) {
            return TrainConfig.ALL;
        }
        return integer(s, key, file, 1000, 1, max);
    }

    private static String string(JsonObject o, String key, String file, String dflt) throws ScenarioException {
        if (!o.has(key)) {
            return dflt;
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new ScenarioException(file + ": \"" + key + "\" must be text in quotes");
        }
        return e.getAsString();
    }

    private static double number(JsonObject o, String key, String file, double dflt) throws ScenarioException {
        if (!o.has(key)) {
            return dflt;
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ScenarioException(file + ": \"" + key + "\" must be a number");
        }
        double d = e.getAsDouble();
        if (!Double.isFinite(d)) {
            throw new ScenarioException(file + ": \"" + key + "\" must be a finite number");
        }
        return d;
    }

    private static int integer(JsonObject o, String key, String file, int dflt, int min, int max) throws ScenarioException {
        if (!o.has(key)) {
            return dflt;
        }
        JsonElement e = o.get(key);
        JsonPrimitive p = e.isJsonPrimitive() ? e.getAsJsonPrimitive() : null;
        double d = p != null && p.isNumber() ? p.getAsDouble() : Double.NaN;
        if (d != Math.rint(d) || d < min || d > max) {
            throw new ScenarioException(file + ": \"" + key + "\" must be a whole number from " + min + " to " + max + ", not " + e);
        }
        return (int) d;
    }

    private static boolean bool(JsonObject o, String key, String file, boolean dflt) throws ScenarioException {
        if (!o.has(key)) {
            return dflt;
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new ScenarioException(file + ": \"" + key + "\" must be true or false");
        }
        return e.getAsBoolean();
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        l.sort(null);
        return l;
    }

    private static String shortMessage(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl > 0 ? m.substring(0, nl) : m;
        return m.replaceFirst("^com\\.google\\.gson\\.[A-Za-z.]+: ", "").replaceAll("\\s*See https?://\\S+", "");
    }
}
