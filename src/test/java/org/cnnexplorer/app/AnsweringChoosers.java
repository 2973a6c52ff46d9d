package org.cnnexplorer.app;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.stage.Window;

/** For window tests: file dialogs that never open and answer with the path the test has chosen. */
public final class AnsweringChoosers implements Choosers {
    private final Supplier<Path> answer;

    private AnsweringChoosers(Supplier<Path> answer) {
        this.answer = answer;
    }

    /** Every dialog (folder, save, open) returns {@code answer.get()} at the time it is asked. */
    public static Choosers always(Supplier<Path> answer) {
        return new AnsweringChoosers(answer);
    }

    @Override
    public Path chooseDirectory(Window owner, String title) {
        return answer.get();
    }

    @Override
    public Path chooseSaveFile(Window owner, String title, String suggestedName, String description, String extension) {
        return answer.get();
    }

    @Override
    public Path chooseOpenFile(Window owner, String title, String description, String... extensions) {
        return answer.get();
    }
}
