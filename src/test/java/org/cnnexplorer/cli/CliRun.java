package org.cnnexplorer.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnexplorer.data.Dataset;

/** Runs the command line in this JVM and keeps what it printed. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.run(args, o, e, false);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** Writes an MNIST-style folder holding the first n images of each set, uncompressed. */
    static void writeMnist(Path dir, Dataset train, Dataset test, int n) throws IOException {
        Files.createDirectories(dir);
        writeImages(dir.resolve("train-images-idx3-ubyte"), train.head(n));
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), train.head(n));
        writeImages(dir.resolve("t10k-images-idx3-ubyte"), test.head(n));
        writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), test.head(n));
    }

    static void writeImages(Path file, Dataset d) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
            out.writeInt(0x803);
            out.writeInt(d.count());
            out.writeInt(d.rows());
            out.writeInt(d.cols());
            out.write(d.pixels());
        }
    }

    static void writeLabels(Path file, Dataset d) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
            out.writeInt(0x801);
            out.writeInt(d.count());
            out.write(d.labels());
        }
    }
}
