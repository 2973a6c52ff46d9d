package org.cnnexplorer.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.DataIdentity;
import org.cnnexplorer.train.RunHistory;
import org.cnnexplorer.train.TrainConfig;
import org.cnnexplorer.train.WindowStats;

/**
 * A training run as one file (".cnnrun"): a zip archive holding {@code run.json} (the format and
 * its version, the settings with the seed, the images used, the curves and which steps have
 * snapshots) and the snapshots' weights as three stacked NumPy arrays in the article's layout
 * ({@code snapshot_conv_filters.npy} (S, F, 3, 3), {@code snapshot_softmax_weights.npy}
 * (S, 13*13*F, 10), {@code snapshot_softmax_biases.npy} (S, 10)), so numpy's {@code np.load} reads
 * them too. The README describes every field. Written atomically; read with one clear message for
 * a file that is not a run file, is truncated or damaged, or comes from a newer version.
 */
public final class RunFile {
    public static final String FORMAT = "cnn-explorer-run";
    public static final int VERSION = 1;
    public static final String EXTENSION = ".cnnrun";
    static final String JSON = "run.json";
    static final String FILTERS = "snapshot_conv_filters.npy";
    static final String WEIGHTS = "snapshot_softmax_weights.npy";
    static final String BIASES = "snapshot_softmax_biases.npy";
    private static final int MAX_JSON = 64 << 20;
    private static final int MAX_FILTERS = 64;
    private static final long ENTRY_TIME = 946_684_800_000L; // 2000-01-01: same run, same bytes
    private static final int PLANE = 13 * 13;

    private RunFile() {
    }

    // ---- writing ----

    /** Writes the run atomically: an existing file is replaced only once the new one is complete. */
    public static void save(RunHistory run, Path file) throws IOException {
        AtomicFile.write(file, out -> write(run, out));
    }

    /** The run file's bytes into {@code out}. */
    public static void write(RunHistory run, OutputStream out) throws IOException {
        int s = run.snapshotCount();
        int f = run.numFilters();
        ZipOutputStream zip = new ZipOutputStream(out);
        putEntry(zip, JSON);
        zip.write(toJson(run, s).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        // Doubles hardly compress: store them (deflate level 0 needs no sizes or CRC up front).
        zip.setLevel(Deflater.NO_COMPRESSION);
        writeArray(zip, FILTERS, new int[] {s, f, 3, 3}, run, 0, f * 9, false);
        writeArray(zip, WEIGHTS, new int[] {s, PLANE * f, Network.CLASSES}, run, f * 9, PLANE * f * Network.CLASSES, true);
        writeArray(zip, BIASES, new int[] {s, Network.CLASSES}, run, f * 9 + PLANE * f * Network.CLASSES, Network.CLASSES, false);
        zip.finish();
        zip.flush();
    }

    private static void putEntry(ZipOutputStream zip, String name) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(ENTRY_TIME);
        zip.putNextEntry(e);
    }

    private static void writeArray(ZipOutputStream zip, String name, int[] shape, RunHistory run, int from, int len,
                                   boolean articleLayout) throws IOException {
        putEntry(zip, name);
        zip.write(Npy.header(shape));
        ByteBuffer row = ByteBuffer.allocate(len * 8).order(ByteOrder.LITTLE_ENDIAN);
        double[] article = articleLayout ? new double[len] : null;
        for (int i = 0; i < run.snapshotCount(); i++) {
            double[] p = run.snapshot(i);
            row.clear();
            if (articleLayout) {
                engineToArticle(p, from, article, run.numFilters());
                row.asDoubleBuffer().put(article);
            } else {
                row.asDoubleBuffer().put(p, from, len);
            }
            zip.write(row.array(), 0, len * 8);
        }
        zip.closeEntry();
    }

    /** Softmax weights: engine (class, C, H, W) to the article's rows (H, W, C) by 10 classes. */
    static void engineToArticle(double[] p, int from, double[] out, int f) {
        int inputLen = PLANE * f;
        for (int pos = 0; pos < PLANE; pos++) {
            for (int ch = 0; ch < f; ch++) {
                int row = pos * f + ch;
                int i = ch * PLANE + pos;
                for (int k = 0; k < Network.CLASSES; k++) {
                    out[row * Network.CLASSES + k] = p[from + k * inputLen + i];
                }
            }
        }
    }

    static void articleToEngine(double[] article, double[] p, int from, int f) {
        int inputLen = PLANE * f;
        for (int pos = 0; pos < PLANE; pos++) {
            for (int ch = 0; ch < f; ch++) {
                int row = pos * f + ch;
                int i = ch * PLANE + pos;
                for (int k = 0; k < Network.CLASSES; k++) {
                    p[from + k * inputLen + i] = article[row * Network.CLASSES + k];
                }
            }
        }
    }

    static String toJson(RunHistory run, int snapshots) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", VERSION);
        o.addProperty("name", run.name());
        TrainConfig c = run.config();
        JsonObject settings = new JsonObject();
        addSize(settings, "train", c.trainSize());
        addSize(settings, "test", c.testSize());
        settings.addProperty("epochs", c.epochs());
        settings.addProperty("learn_rate", c.learnRate());
        settings.addProperty("seed", c.seed());
        settings.addProperty("shuffle", c.shuffle());
        settings.addProperty("filters", c.numFilters());
        settings.addProperty("first_max_only", c.firstMaxOnly());
        o.add("settings", settings);
        DataIdentity d = run.data();
        JsonObject data = new JsonObject();
        data.addProperty("source", d.source());
        data.addProperty("images", d.count());
        data.addProperty("rows", d.rows());
        data.addProperty("cols", d.cols());
        data.addProperty("crc32", String.format("%08x", d.crc32()));
        o.add("data", data);
        o.addProperty("steps_per_epoch", run.stepsPerEpoch());
        o.addProperty("start_step", run.startStep());
        o.addProperty("end_step", run.endStep());
        o.addProperty("status", run.status().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("step_path", run.stepPath());
        if (run.augmented()) {
            o.addProperty("augmented", true);
        }
        if (run.origin() != null) {
            JsonObject origin = new JsonObject();
            origin.addProperty("run", run.origin().run());
            origin.addProperty("step", run.origin().step());
            o.add("resumed_from", origin);
        }
        o.addProperty("snapshot_every", run.snapshotEvery());
        JsonArray steps = new JsonArray();
        for (int i = 0; i < snapshots; i++) {
            steps.add(run.snapshotStep(i));
        }
        o.add("snapshot_steps", steps);
        JsonArray windows = new JsonArray();
        for (WindowStats w : run.windows()) {
            JsonArray a = new JsonArray();
            a.add(w.globalStep());
            a.add(w.epoch());
            a.add(w.step());
            a.add(w.count());
            a.add(w.averageLoss());
            a.add(w.correct());
            windows.add(a);
        }
        o.add("windows", windows);
        JsonArray tests = new JsonArray();
        for (RunHistory.TestPoint t : run.tests()) {
            JsonArray a = new JsonArray();
            a.add(t.step());
            a.add(t.epoch());
            a.add(t.count());
            a.add(t.loss());
            a.add(t.accuracy());
            tests.add(a);
        }
        o.add("tests", tests);
        return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    private static void addSize(JsonObject o, String key, int n) {
        if (n == TrainConfig.ALL) {
            o.addProperty(key, "all");
        } else {
            o.addProperty(key, n);
        }
    }

    // ---- reading ----

    public static RunHistory load(Path file) throws RunFileException {
        String name = String.valueOf(file.getFileName());
        if (Files.isDirectory(file)) {
            throw new RunFileException(file + " is a folder, not a run file");
        }
        if (!Files.exists(file)) {
            throw new RunFileException(file + " does not exist");
        }
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        } catch (NoSuchFileException e) {
            throw new RunFileException(file + " does not exist");
        } catch (IOException e) {
            throw new RunFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
            throw new RunFileException(name + " is not a cnn-explorer run file (not a zip archive)");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return read(zip, name);
        } catch (ZipException e) {
            String why = String.valueOf(e.getMessage()).contains("END header") ? "its end is missing" : e.getMessage();
            throw new RunFileException(name + " is truncated or damaged (" + why + ")");
        } catch (EOFException e) {
            throw new RunFileException(name + " is truncated or damaged (it ends too early)");
        } catch (IOException e) {
            throw new RunFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static RunHistory read(ZipFile zip, String name) throws IOException, RunFileException {
        ZipEntry json = zip.getEntry(JSON);
        if (json == null) {
            if (zip.getEntry(NpzModel.FILTERS + ".npy") != null) {
                throw new RunFileException(name + " is a model file, not a run file; open it as a model");
            }
            throw new RunFileException(name + " is not a cnn-explorer run file (it has no " + JSON + ")");
        }
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(new String(readEntry(zip, json, MAX_JSON, name), StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new RunFileException(name + " is not a cnn-explorer run file (" + JSON + " is not an object)");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new RunFileException(name + " is damaged: " + JSON + " is not valid JSON");
        }
        Fields top = new Fields(o, name, "");
        if (!FORMAT.equals(optString(o, "format"))) {
            throw new RunFileException(name + " is not a cnn-explorer run file (its " + JSON + " has no \"format\": \"" + FORMAT + "\")");
        }
        long version = top.integer("version", 1, Long.MAX_VALUE);
        if (version > VERSION) {
            throw new RunFileException(name + " was written by a newer cnn-explorer (run format " + version
                    + "; this one reads up to " + VERSION + "); open it with a newer version");
        }
        Fields s = top.object("settings");
        int filters = (int) s.integer("filters", 1, MAX_FILTERS);
        TrainConfig config;
        try {
            config = new TrainConfig(s.size("train"), s.size("test"), (int) s.integer("epochs", 1, 100_000),
                    s.number("learn_rate"), s.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE), s.bool("shuffle"),
                    filters, s.bool("first_max_only"));
        } catch (IllegalArgumentException e) {
            throw new RunFileException(name + " is damaged: its settings are not usable (" + e.getMessage() + ")");
        }
        Fields d = top.object("data");
        long crc;
        try {
            crc = Long.parseLong(d.string("crc32"), 16);
        } catch (NumberFormatException e) {
            throw new RunFileException(name + " is damaged: data.crc32 is not a hexadecimal number");
        }
        DataIdentity data = new DataIdentity(d.string("source"), (int) d.integer("images", 1, Integer.MAX_VALUE),
                (int) d.integer("rows", 28, 28), (int) d.integer("cols", 28, 28), crc);
        int perEpoch = (int) top.integer("steps_per_epoch", 1, Integer.MAX_VALUE);
        long planned = (long) perEpoch * config.epochs();
        long start = top.integer("start_step", 0, planned);
        long end = top.integer("end_step", start, planned);
        int every = (int) top.integer("snapshot_every", 1, Integer.MAX_VALUE);
        RunHistory.Status status;
        try {
            status = RunHistory.Status.valueOf(top.string("status").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RunFileException(name + " is damaged: unknown status \"" + top.string("status") + "\"");
        }
        String stepPath = optString(o, "step_path");
        RunHistory.Origin origin = null;
        if (o.has("resumed_from")) {
            Fields r = top.object("resumed_from");
            origin = new RunHistory.Origin(cleanName(r.string("run")), r.integer("step", 0, Long.MAX_VALUE));
        }
        long[] steps = top.longs("snapshot_steps");
        if (steps.length == 0 || steps[0] != start) {
            throw new RunFileException(name + " is damaged: its first snapshot is not at the start step " + start);
        }
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] <= steps[i - 1] || steps[i] > end) {
                throw new RunFileException(name + " is damaged: snapshot_steps are not increasing steps within the run");
            }
        }
        int n = steps.length;
        int plane = PLANE * filters;
        int paramCount = filters * 9 + plane * Network.CLASSES + Network.CLASSES;
        if ((long) n * paramCount > Integer.MAX_VALUE / 2) {
            throw new RunFileException(name + " is damaged: it claims " + n + " snapshots, too many to hold");
        }
        double[][] params = new double[n][paramCount];
        readArray(zip, name, FILTERS, new int[] {n, filters, 3, 3}, params, 0, false, filters);
        readArray(zip, name, WEIGHTS, new int[] {n, plane, Network.CLASSES}, params, filters * 9, true, filters);
        readArray(zip, name, BIASES, new int[] {n, Network.CLASSES}, params, filters * 9 + plane * Network.CLASSES, false, filters);

        Network first = new Network(filters, 28, 28, 0);
        RunHistory.loadParams(params[0], first);
        RunHistory h = new RunHistory(cleanName(top.string("name")), config, data, perEpoch, start, every, stepPath, origin, first);
        JsonElement aug = o.get("augmented");
        h.setAugmented(aug != null && aug.isJsonPrimitive() && aug.getAsJsonPrimitive().isBoolean() && aug.getAsBoolean());
        for (int i = 1; i < n; i++) {
            h.addSnapshot(steps[i], params[i]);
            params[i] = null;
        }
        // Every point must lie within the run: one far past its end stretched the Runs charts' axis.
        JsonArray windows = top.array("windows");
        for (int i = 0; i < windows.size(); i++) {
            JsonElement e = windows.get(i);
            long[] w = rowOf(e, 6, name, "windows");
            double loss = e.getAsJsonArray().get(4).getAsDouble();
            String why = w[0] <= start || w[0] > end ? "its step " + w[0] + " is not after the start step " + start
                    + " and up to the end step " + end
                    : w[1] < 1 || w[1] > config.epochs() ? "its epoch " + w[1] + " is not from 1 to " + config.epochs()
                    : w[2] < 1 || w[2] > perEpoch ? "its step in the epoch " + w[2] + " is not from 1 to " + perEpoch
                    : w[3] < 1 || w[3] > w[2] || w[5] < 0 || w[5] > w[3] || !Double.isFinite(loss) ? "it has impossible numbers"
                    : null;
            if (why != null) {
                throw new RunFileException(name + " is damaged: windows entry " + (i + 1) + " " + e + ": " + why);
            }
            h.addWindow(new WindowStats((int) w[1], (int) w[2], w[0], (int) w[3], loss, (int) w[5]));
        }
        JsonArray tests = top.array("tests");
        for (int i = 0; i < tests.size(); i++) {
            JsonElement e = tests.get(i);
            long[] t = rowOf(e, 5, name, "tests");
            JsonArray a = e.getAsJsonArray();
            double loss = a.get(3).getAsDouble();
            double accuracy = a.get(4).getAsDouble();
            String why = t[0] < start || t[0] > end ? "its step " + t[0] + " is not from the start step " + start
                    + " to the end step " + end
                    : t[1] < 0 || t[1] > config.epochs() ? "its epoch " + t[1] + " is not from 0 to " + config.epochs()
                    : t[2] < 1 || !Double.isFinite(loss) || !(accuracy >= 0 && accuracy <= 1) ? "it has impossible numbers"
                    : null;
            if (why != null) {
                throw new RunFileException(name + " is damaged: tests entry " + (i + 1) + " " + e + ": " + why);
            }
            h.addTest(new RunHistory.TestPoint(t[0], (int) t[1], (int) t[2], loss, accuracy));
        }
        h.setEndStep(end);
        h.finish(status == RunHistory.Status.RUNNING ? RunHistory.Status.STOPPED : status);
        return h;
    }

    /**
     * A run's name without control characters and bidi embeddings, overrides and isolates
     * (U+202A–U+202E, U+2066–U+2069): a right-to-left override in a name reversed the text after
     * it in the run list, the legends and the status line.
     */
    static String cleanName(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.codePoints()
                .filter(c -> !Character.isISOControl(c) && !(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069))
                .forEach(b::appendCodePoint);
        return b.toString().strip();
    }

    /** A row of numbers; integers where the format has them (the others are read by the caller). */
    private static long[] rowOf(JsonElement e, int len, String name, String what) throws RunFileException {
        try {
            JsonArray a = e.getAsJsonArray();
            if (a.size() != len) {
                throw new IllegalStateException();
            }
            long[] v = new long[len];
            for (int i = 0; i < len; i++) {
                double d = a.get(i).getAsDouble();
                v[i] = (long) d;
            }
            return v;
        } catch (RuntimeException x) {
            throw new RunFileException(name + " is damaged: an entry of " + what + " is not " + len + " numbers");
        }
    }

    private static void readArray(ZipFile zip, String name, String entry, int[] shape, double[][] params, int from,
                                  boolean articleLayout, int filters) throws IOException, RunFileException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new RunFileException(name + " is damaged: it has no " + entry);
        }
        CRC32 crc = new CRC32();
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), crc)) {
            byte[] pre = in.readNBytes(10);
            if (pre.length < 10 || (pre[0] & 0xff) != 0x93 || pre[1] != 'N' || pre[6] != 1) {
                throw new RunFileException(name + " is damaged: " + entry + " is not a version 1.0 .npy array");
            }
            int headerLen = (pre[8] & 0xff) | (pre[9] & 0xff) << 8;
            byte[] header = in.readNBytes(headerLen);
            if (header.length < headerLen) {
                throw new RunFileException(name + " is truncated: " + entry + " ends in its header");
            }
            Map<String, Object> dict;
            try {
                dict = Npy.HeaderParser.parseDict(new String(header, StandardCharsets.ISO_8859_1), name + ": " + entry);
            } catch (ModelFileException x) {
                throw new RunFileException(name + " is damaged: " + x.getMessage());
            }
            if (!"<f8".equals(dict.get("descr")) || !Boolean.FALSE.equals(dict.get("fortran_order"))
                    || !(dict.get("shape") instanceof int[] got) || !Arrays.equals(got, shape)) {
                throw new RunFileException(name + " is damaged: " + entry + " is not float64 of shape " + Npy.shapeText(shape));
            }
            int len = shape[1] * (shape.length > 2 ? shape[2] : 1) * (shape.length > 3 ? shape[3] : 1);
            byte[] row = new byte[len * 8];
            double[] values = new double[len];
            for (double[] p : params) {
                if (in.readNBytes(row, 0, row.length) < row.length) {
                    throw new RunFileException(name + " is truncated: " + entry + " ends early");
                }
                ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
                for (double v : values) {
                    if (!Double.isFinite(v)) {
                        throw new RunFileException(name + " is damaged: " + entry + " holds NaN or infinite weights");
                    }
                }
                if (articleLayout) {
                    articleToEngine(values, p, from, filters);
                } else {
                    System.arraycopy(values, 0, p, from, len);
                }
            }
            if (in.read() >= 0) {
                throw new RunFileException(name + " is damaged: " + entry + " is longer than its shape");
            }
        }
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw new RunFileException(name + " is damaged: " + entry + " fails its checksum");
        }
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry e, int max, String name) throws IOException, RunFileException {
        CRC32 crc = new CRC32();
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), crc)) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) {
                b.write(buf, 0, r);
                if (b.size() > max) {
                    throw new RunFileException(name + " is damaged: " + e.getName() + " is implausibly large");
                }
            }
            if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                throw new RunFileException(name + " is damaged: " + e.getName() + " fails its checksum");
            }
            return b.toByteArray();
        }
    }

    private static String optString(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /** Required fields of one JSON object, each failing with "NAME is damaged: run.json lacks settings.seed". */
    private record Fields(JsonObject o, String file, String path) {
        private RunFileException missing(String key, String what) {
            return new RunFileException(file + " is damaged: " + JSON + " lacks " + path + key + " (" + what + ")");
        }

        JsonElement get(String key, String what) throws RunFileException {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                throw missing(key, what);
            }
            return e;
        }

        Fields object(String key) throws RunFileException {
            JsonElement e = get(key, "an object");
            if (!e.isJsonObject()) {
                throw missing(key, "an object");
            }
            return new Fields(e.getAsJsonObject(), file, path + key + ".");
        }

        JsonArray array(String key) throws RunFileException {
            JsonElement e = get(key, "a list");
            if (!e.isJsonArray()) {
                throw missing(key, "a list");
            }
            return e.getAsJsonArray();
        }

        String string(String key) throws RunFileException {
            JsonElement e = get(key, "a string");
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw missing(key, "a string");
            }
            return e.getAsString();
        }

        boolean bool(String key) throws RunFileException {
            JsonElement e = get(key, "true or false");
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                throw missing(key, "true or false");
            }
            return e.getAsBoolean();
        }

        double number(String key) throws RunFileException {
            JsonElement e = get(key, "a number");
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw missing(key, "a number");
            }
            return e.getAsDouble();
        }

        long integer(String key, long min, long max) throws RunFileException {
            JsonElement e = get(key, "a whole number");
            String range = "a whole number from " + min + " to " + max;
            java.math.BigDecimal v = null;
            try {
                if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                    v = e.getAsJsonPrimitive().getAsBigDecimal();
                }
            } catch (NumberFormatException x) {
                // not a number: falls through to the message
            }
            if (v == null || v.stripTrailingZeros().scale() > 0) {
                throw missing(key, range);
            }
            // A whole number that is there but too big or too small is out of range, not missing.
            if (v.compareTo(java.math.BigDecimal.valueOf(min)) < 0 || v.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
                throw new RunFileException(file + " is damaged: " + JSON + "'s " + path + key + " is " + v
                        + ", out of range (" + range + ")");
            }
            return v.longValueExact();
        }

        /** A count or "all". */
        int size(String key) throws RunFileException {
            JsonElement e = get(key, "a count or \"all\"");
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && e.getAsString().equals("all")) {
                return TrainConfig.ALL;
            }
            return (int) integer(key, 1, Integer.MAX_VALUE);
        }

        long[] longs(String key) throws RunFileException {
            JsonArray a = array(key);
            long[] v = new long[a.size()];
            for (int i = 0; i < v.length; i++) {
                JsonElement e = a.get(i);
                try {
                    v[i] = e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
                } catch (RuntimeException x) {
                    throw missing(key, "a list of whole numbers");
                }
            }
            return v;
        }
    }
}
