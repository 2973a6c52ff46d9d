package org.cnnexplorer.cli;

import java.io.PrintStream;
import java.util.Set;
import org.cnnexplorer.data.DataException;
import org.cnnexplorer.io.ModelFileException;
import org.cnnexplorer.io.RunFileException;
import org.cnnexplorer.train.DivergedException;

/**
 * The command line: train, eval, predict, bench. Returns the exit code: 0 done, 1 the data, a
 * model or an image could not be used (or training diverged), 2 the command line is wrong.
 * Every failure is one line on stderr; nothing escapes as a stack trace.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String HELP = """
            usage: java -jar cnn-explorer.jar                      open the desktop app
                   java -jar cnn-explorer.jar COMMAND [OPTIONS]

            commands:
              train   [--data DIR] [--train N|all] [--test N|all] [--epochs E] [--lr LR] [--seed S]
                      [--no-shuffle] [--filters F] [--first-max-only] [--augment]
                      [--init FILE.npz] [--save FILE.npz]
                      [--steps N] [--save-run FILE.cnnrun]
              run-export RUN.cnnrun [--data DIR] --step N --save FILE.npz
              run-export RUN.cnnrun [--data DIR] (--gif OUT.gif | --png-dir DIR) [--frames K] [--image I]
              eval    [--model FILE.npz] [--data DIR] [--test N|all]
              predict [--model FILE.npz] IMAGE.png
              bench   [--data DIR]
              help    [COMMAND]

            Defaults are the article's: 1000 training and 1000 test images, 3 epochs, learning
            rate 0.005, shuffled each epoch, 8 filters, the bundled MNIST; eval and predict use the
            bundled pre-trained model unless given --model. --data DIR takes MNIST's four IDX files,
            pictures in subfolders 0/ to 9/ (any size; read like predict reads one), or a My digits folder.
            "COMMAND --help" explains a command's options.
            """;

    static final String BENCH_HELP = """
            usage: bench [--data DIR]

            Times training steps on the training images and prints per-stage figures; the last
            line is train_step_us=N (microseconds per step).
            """;

    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.console() != null);
    }

    /** @param terminal whether stderr may show a progress line (a terminal, not a file or pipe) */
    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        try {
            return dispatch(args, out, err, terminal);
        } catch (HelpRequested h) {
            out.print(help(h.command));
            return OK;
        } catch (UsageException e) {
            return fail(err, e.getMessage(), USAGE);
        } catch (DataException | ModelFileException | RunFileException | CommandFailedException | DivergedException e) {
            return fail(err, e.getMessage(), FAILED);
        } catch (OutOfMemoryError e) {
            return fail(err, "out of memory; use fewer images, or give Java more memory (java -Xmx4g -jar ...)", FAILED);
        } catch (Throwable e) {
            // A bug rather than a bad input; still one line, with what is known.
            return fail(err, "unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (this is a bug; please report it)", FAILED);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int dispatch(String[] args, PrintStream out, PrintStream err, boolean terminal) throws Exception {
        if (args.length == 0) {
            throw new UsageException("no command given; commands are train, eval, predict, bench, run-export; see --help");
        }
        String command = args[0];
        switch (command) {
            case "train":
                return TrainCommand.run(args, out, err, terminal);
            case "eval":
                return EvalCommand.run(args, out, err);
            case "predict":
                return PredictCommand.run(args, out);
            case "run-export":
                return RunExportCommand.run(args, out, err);
            case "bench":
                return bench(args, out, err);
            case "help":
            case "--help":
            case "-h":
                if (args.length > 2) {
                    throw new UsageException("help takes at most one command name");
                }
                String topic = args.length == 2 ? args[1] : "";
                if (!topic.isEmpty() && !Set.of("train", "eval", "predict", "bench", "run-export").contains(topic)) {
                    throw new UsageException("no help for \"" + topic + "\"; commands are train, eval, predict, bench, run-export");
                }
                throw new HelpRequested(topic);
            default:
                throw new UsageException((command.startsWith("-") ? "unknown option " + command : "unknown command \"" + command + "\"")
                        + "; commands are train, eval, predict, bench, run-export; see --help");
        }
    }

    private static int bench(String[] args, PrintStream out, PrintStream err) throws UsageException, HelpRequested, DataException {
        Options o = Options.parse("bench", args, 1, Set.of("data"), Set.of());
        o.noMorePositional("bench", 0);
        Bench.run(DataArgs.load(o.path("data"), 1, err::println).train(), out);
        return OK;
    }

    static String help(String command) {
        return switch (command) {
            case "train" -> TrainCommand.HELP;
            case "eval" -> EvalCommand.HELP;
            case "predict" -> PredictCommand.HELP;
            case "bench" -> BENCH_HELP;
            case "run-export" -> RunExportCommand.HELP;
            default -> HELP;
        };
    }

    private static int fail(PrintStream err, String message, int code) {
        String m = message == null ? "failed" : message.replaceAll("\\s*\\R\\s*", " ").trim();
        err.println("error: " + m);
        return code;
    }
}
