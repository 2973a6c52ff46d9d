package org.cnnexplorer.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.cnnexplorer.io.ImageInk;

/**
 * Reads a folder of digit pictures laid out one subfolder per class ({@code 0/}, {@code 1/}, …,
 * {@code 9/}) into a {@link Dataset} of 28x28 images, each through the same MNIST-style
 * preprocessing as the drawing canvas and {@code predict} ({@link ImageInk}, then
 * {@link DigitPreprocessor}). A picture that cannot be used (damaged, not an image, blank) is
 * skipped with a {@link Skipped} note saying why; the {@link Result} always says how many were
 * read and how many skipped, so an import never loses files silently.
 */
public final class ImageFolder {
    /** Class folders are named by their digit. */
    private static final String[] CLASSES = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    private ImageFolder() {
    }

    /** One file or folder that was not read, relative to the folder read, and why. */
    public record Skipped(String file, String reason) {
        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }

    /** The images read and the files skipped. {@code cancelled} when the caller stopped it early. */
    public record Result(Dataset dataset, List<Skipped> skipped, boolean cancelled) {
        /** "245 images read, 3 skipped (2 blank, 1 not a readable image)". */
        public String summary() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%,d image%s read", dataset.count(),
                    dataset.count() == 1 ? "" : "s"));
            if (skipped.isEmpty()) {
                s.append(", none skipped");
            } else {
                s.append(String.format(Locale.ROOT, ", %,d skipped (", skipped.size()));
                Map<String, Integer> kinds = new LinkedHashMap<>();
                for (Skipped k : skipped) {
                    kinds.merge(kind(k.reason()), 1, Integer::sum);
                }
                String sep = "";
                for (Map.Entry<String, Integer> e : kinds.entrySet()) {
                    String k = e.getKey();
                    // "2 folders", "1 folder"; "1 blank", "2 blank"
                    String named = e.getValue() == 1 ? k.replace("folders", "folder").replace("images", "image") : k;
                    s.append(sep).append(e.getValue()).append(' ').append(named);
                    sep = ", ";
                }
                s.append(')');
            }
            if (cancelled) {
                s.append("; stopped before the end");
            }
            return s.toString();
        }
    }

    /** Told how far a read has got: files done of the total. Called on the reading thread. */
    public interface Progress {
        void update(int done, int total);
    }

    /**
     * Whether {@code dir} has at least one class folder ({@code 0/} … {@code 9/}). Says nothing
     * about whether the pictures in it are usable.
     */
    public static boolean hasClassFolders(Path dir) {
        for (String c : CLASSES) {
            if (Files.isDirectory(dir.resolve(c))) {
                return true;
            }
        }
        return false;
    }

    public static Result read(Path dir) throws DataException {
        return read(dir, null, null);
    }

    /**
     * Reads every picture in {@code dir}'s class folders, class by class, files in name order.
     *
     * @param progress told after each file (may be null)
     * @param cancelled asked before each file; when it says so, what was read so far is returned (may be null)
     * @throws DataException if {@code dir} is not a folder or has no class folders
     */
    public static Result read(Path dir, Progress progress, BooleanSupplier cancelled) throws DataException {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + " is not a folder");
        }
        if (!hasClassFolders(dir)) {
            throw new DataException(dir + " has no class folders: expected subfolders named 0 to 9 holding the pictures of each digit");
        }
        List<Skipped> skipped = new ArrayList<>();
        noteStrayFolders(dir, skipped);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < CLASSES.length; c++) {
            Path classDir = dir.resolve(CLASSES[c]);
            if (!Files.isDirectory(classDir)) {
                continue;
            }
            for (Path f : sortedEntries(classDir)) {
                String name = f.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;  // hidden files (.DS_Store and the like) are no one's digits
                }
                if (Files.isDirectory(f)) {
                    skipped.add(new Skipped(relative(dir, f), "a folder inside a class folder; only pictures directly in 0/ to 9/ are read"));
                } else {
                    files.add(f);
                    labels.add(c);
                }
            }
        }

        byte[] pixels = new byte[files.size() * DigitPreprocessor.SIZE * DigitPreprocessor.SIZE];
        byte[] lb = new byte[files.size()];
        int n = 0;
        boolean stopped = false;
        for (int i = 0; i < files.size(); i++) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                stopped = true;
                break;
            }
            Path f = files.get(i);
            try {
                byte[] img = toMnist(f);
                System.arraycopy(img, 0, pixels, n * img.length, img.length);
                lb[n++] = (byte) (int) labels.get(i);
            } catch (ImageInk.ImageException e) {
                skipped.add(new Skipped(relative(dir, f), reasonWithoutPath(e.getMessage(), f)));
            }
            if (progress != null) {
                progress.update(i + 1, files.size());
            }
        }
        int size = DigitPreprocessor.SIZE;
        Dataset d = new Dataset(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), n, size, size,
                java.util.Arrays.copyOf(pixels, n * size * size), java.util.Arrays.copyOf(lb, n));
        return new Result(d, List.copyOf(skipped), stopped);
    }

    /**
     * One picture as MNIST's 28x28 bytes, the way the canvas and {@code predict} see it.
     *
     * @throws ImageInk.ImageException if it cannot be read or shows no digit
     */
    public static byte[] toMnist(Path file) throws ImageInk.ImageException {
        ImageInk.Ink ink = ImageInk.read(file);
        DigitPreprocessor.Prepared p = ink.blank() ? null : DigitPreprocessor.prepare(ink.values(), ink.width(), ink.height());
        if (p == null || p.empty()) {
            throw new ImageInk.ImageException(file + " looks blank: no digit stands out from the background");
        }
        return DigitPreprocessor.toBytes(p.pixels());
    }

    /** Other entries at the top that look like they were meant as classes ("10", "a") are named, not silently ignored. */
    private static void noteStrayFolders(Path dir, List<Skipped> skipped) throws DataException {
        for (Path f : sortedEntries(dir)) {
            String name = f.getFileName().toString();
            if (Files.isDirectory(f) && !name.startsWith(".") && !java.util.Arrays.asList(CLASSES).contains(name)
                    && !name.equals("train") && !name.equals("test")) {
                skipped.add(new Skipped(name + "/", "not a class folder; class folders are named 0 to 9"));
            }
        }
    }

    private static List<Path> sortedEntries(Path dir) throws DataException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                out.add(p);
            }
        } catch (IOException e) {
            throw new DataException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    private static String relative(Path dir, Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }

    /** ImageInk's messages name the file by its full path; the note names it already. */
    private static String reasonWithoutPath(String message, Path f) {
        String m = message == null ? "cannot be read" : message;
        return m.replace(f.toString(), "the file").trim();
    }

    /** A short name for a kind of reason, for the summary. */
    private static String kind(String reason) {
        if (reason.contains("blank")) {
            return "blank";
        }
        if (reason.contains("too large")) {
            return "too large";
        }
        if (reason.contains("folder")) {
            return "folders";
        }
        return "not readable images";
    }
}
