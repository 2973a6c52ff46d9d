package org.cnnexplorer.app.lesson;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.cnnexplorer.app.ViewKeys;
import org.cnnexplorer.app.page.Highlight;
import org.cnnexplorer.app.page.Page;
import org.cnnexplorer.app.page.PageIds;
import org.cnnexplorer.lesson.Chapter;
import org.cnnexplorer.lesson.Course;
import org.cnnexplorer.lesson.LessonInput;
import org.cnnexplorer.lesson.LessonPage;
import org.cnnexplorer.lesson.Progress;
import org.cnnexplorer.lesson.Question;
import org.cnnexplorer.lesson.Questions;
import org.cnnexplorer.lesson.Reveal;

/**
 * The lesson beside the views: a chapter's page (short text, typeset equations), what to do now,
 * and a question that is answered before the app works it out from the live model. Switching
 * pages switches the view and marks the part the page is about. Keys while the panel has the
 * focus: Space or → next page, ← back, 0-9 (or 1-n) answer, Home first page of the chapter.
 */
public final class LessonPanel extends VBox {
    public static final double WIDTH = 400;

    private final Course course;
    private final Progress progress;
    private final LessonHost host;
    private final ComboBox<String> chapterBox = new ComboBox<>();
    private final Label position = new Label();
    private final Label scenario = new Label();
    private final Label title = new Label();
    private final VBox body = new VBox(10);
    private final Label action = new Label();
    private final VBox questionBox = new VBox(8);
    private final Label prompt = new Label();
    private final FlowPane choiceButtons = new FlowPane(6, 6);
    private final Label verdict = new Label();
    private final Label reveal = new Label();
    private final Button back = new Button("← Back");
    private final Button next = new Button("Next →");
    private final ScrollPane scroll;
    private final PauseTransition settle = new PauseTransition(Duration.millis(250));
    private int chapter;
    private int page;
    private boolean updatingChapterBox;
    private boolean stale;
    /** The learner's choice on this page's question (index), or -1 before they answer. */
    private int chosen = -1;
    private List<String> choices = List.of();
    private Reveal lastReveal;

    public LessonPanel(Course course, Progress progress, LessonHost host) {
        this.course = course;
        this.progress = progress;
        this.host = host;
        setId("lesson-panel");
        getStyleClass().addAll("lesson-panel", ViewKeys.OWNS_KEYS);
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setFocusTraversable(true);
        setAccessibleText("Lesson");

        chapterBox.setId("lesson-chapter");
        chapterBox.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(chapterBox, Priority.ALWAYS);
        chapterBox.valueProperty().addListener((o, was, now) -> {
            int i = chapterBox.getSelectionModel().getSelectedIndex();
            if (!updatingChapterBox && i >= 0 && i != chapter) {
                show(i, 0);
            }
        });
        position.setId("lesson-position");
        position.getStyleClass().add("lesson-chapter");
        scenario.setId("lesson-scenario");
        scenario.setWrapText(true);
        scenario.getStyleClass().add("lesson-action");
        scenario.setVisible(false);
        scenario.setManaged(false);
        title.setId("lesson-title");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        action.setId("lesson-action");
        action.getStyleClass().add("lesson-action");
        action.setMaxWidth(Double.MAX_VALUE);
        prompt.setId("lesson-prompt");
        prompt.getStyleClass().add("lesson-prompt");
        choiceButtons.setId("lesson-choices");
        verdict.setId("lesson-verdict");
        verdict.setWrapText(true);
        prompt.setMinHeight(Region.USE_PREF_SIZE);
        verdict.setMinHeight(Region.USE_PREF_SIZE);
        reveal.setMinHeight(Region.USE_PREF_SIZE);
        action.setMinHeight(Region.USE_PREF_SIZE);
        reveal.setId("lesson-reveal");
        reveal.getStyleClass().add("lesson-reveal");
        questionBox.setId("lesson-question");
        questionBox.getStyleClass().add("lesson-question");
        questionBox.getChildren().addAll(prompt, choiceButtons, verdict, reveal);

        VBox content = new VBox(12, title, body, action, questionBox);
        content.setPadding(new Insets(4, 14, 14, 14));
        content.setFillWidth(true);
        scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setFocusTraversable(false);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        back.setId("lesson-back");
        next.setId("lesson-next");
        back.setOnAction(e -> back());
        next.setOnAction(e -> next());
        for (Button b : new Button[] {back, next}) {
            b.setFocusTraversable(false);
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label keys = new Label("Space or → next · ← back");
        keys.getStyleClass().add("hint");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox footer = new HBox(8, back, keys, grow, next);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(8, 14, 10, 14));

        HBox top = new HBox(8, chapterBox);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, top, position, scenario);
        header.setPadding(new Insets(10, 14, 4, 14));
        getChildren().addAll(header, scroll, footer);

        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        setOnMouseClicked(e -> requestFocus());
        settle.setOnFinished(e -> refreshQuestion());
        // At most a few recomputations a second while training runs; the last change is always taken up.
        // A hidden panel costs nothing while training runs: it catches up when shown.
        host.onInputsChanged(() -> {
            if (!isVisible()) {
                stale = true;
            } else if (settle.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                settle.playFromStart();
            }
        });
        visibleProperty().addListener((o, was, now) -> {
            if (now && stale) {
                stale = false;
                refreshQuestion();
            }
        });
        fillChapterBox();
    }

    // ---- navigation ----

    /** Opens chapter {@code c} (0-based) at page {@code p}, switching to its view. */
    public void show(int c, int p) {
        chapter = Math.max(0, Math.min(c, course.size() - 1));
        Chapter ch = course.chapter(chapter);
        page = Math.max(0, Math.min(p, ch.pages().size() - 1));
        progress.setPosition(chapter, page);
        chosen = -1;
        lastReveal = null;
        LessonPage lp = currentPage();
        updatingChapterBox = true;
        chapterBox.getSelectionModel().select(chapter);
        updatingChapterBox = false;
        position.setText(String.format("Chapter %d of %d · page %d of %d", chapter + 1, course.size(), page + 1, ch.pages().size()));
        title.setText(lp.title());
        body.getChildren().setAll(blocks(lp));
        action.setText(lp.action() == null ? "" : "Your turn: " + lp.action());
        action.setVisible(lp.action() != null);
        action.setManaged(lp.action() != null);
        back.setDisable(chapter == 0 && page == 0);
        next.setText(page == ch.pages().size() - 1 ? (chapter == course.size() - 1 ? "Finish ✓" : "Next chapter →") : "Next →");
        goToView(lp);
        refreshQuestion();
        scroll.setVvalue(0);
    }

    public void next() {
        Chapter ch = course.chapter(chapter);
        if (page < ch.pages().size() - 1) {
            show(chapter, page + 1);
            return;
        }
        progress.markDone(ch.id());
        fillChapterBox();
        if (chapter < course.size() - 1) {
            show(chapter + 1, 0);
        } else {
            show(chapter, page);
        }
    }

    public void back() {
        if (page > 0) {
            show(chapter, page - 1);
        } else if (chapter > 0) {
            show(chapter - 1, course.chapter(chapter - 1).pages().size() - 1);
        }
    }

    /** Where the learner left off last time. */
    public void resume() {
        show(progress.chapter(), progress.page());
    }

    /** Shows a teacher's note (a scenario's description) above the page, or hides it when null. */
    public void setScenarioNote(String note) {
        scenario.setText(note == null ? "" : note);
        scenario.setVisible(note != null);
        scenario.setManaged(note != null);
    }

    public void startOver() {
        progress.clear();
        fillChapterBox();
        show(0, 0);
    }

    private void key(KeyEvent e) {
        KeyCode k = e.getCode();
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (k == KeyCode.SPACE || k == KeyCode.RIGHT || k == KeyCode.PAGE_DOWN) {
            next();
        } else if (k == KeyCode.LEFT || k == KeyCode.PAGE_UP) {
            back();
        } else if (k == KeyCode.HOME) {
            show(chapter, 0);
        } else if (k.isDigitKey() && !choices.isEmpty()) {
            int d = k.getName().charAt(k.getName().length() - 1) - '0';
            int i = choices == digitChoices() ? d : d - 1;
            if (i < 0 || i >= choices.size()) {
                return;
            }
            answer(i);
        } else if (k == KeyCode.UP) {
            scroll.setVvalue(Math.max(0, scroll.getVvalue() - 0.15));
        } else if (k == KeyCode.DOWN) {
            scroll.setVvalue(Math.min(1, scroll.getVvalue() + 0.15));
        } else {
            return;
        }
        e.consume();
    }

    private static List<String> digitChoices() {
        return DIGITS;
    }

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** The pages whose views exist: a view not built yet has no mark or cover to take off. */
    private List<Page> builtPages() {
        return host.pages().all().stream().filter(Page::built).toList();
    }

    /** The panel closes: every view shows all its parts again, unmarked (a hidden answer with no question beside it looked broken). */
    public void leaveViews() {
        for (Page p : builtPages()) {
            p.clearHighlight();
            Highlight.uncover(p.node());
        }
    }

    /** The panel opens again: the current page marks its view again, and hides its answer if it is still unanswered. */
    public void returnToViews() {
        LessonPage lp = currentPage();
        if (lp == null) {
            return;
        }
        goToView(lp);
        if (chosen >= 0) {
            for (Page p : builtPages()) {
                Highlight.uncover(p.node());
            }
        }
    }

    /** Switches to the page's view and marks the part it names (or its question's focus). */
    private void goToView(LessonPage lp) {
        for (Page p : builtPages()) {
            p.clearHighlight();
            Highlight.uncover(p.node());
        }
        if (lp.view() == null) {
            return;
        }
        if (!host.pages().show(PageIds.of(lp.view()))) {
            // a teacher's scenario hid it: say so rather than point at nothing
            javafx.scene.control.Tab tab = host.pages().tab(PageIds.of(lp.view()));
            action.setText("This page is about the " + (tab == null ? lp.view() : tab.getText())
                    + " tab, which this scenario hides: read on, or go to the next page.");
            action.setVisible(true);
            action.setManaged(true);
            return;
        }
        host.pageShown(lp);
        markFocus(lp);
        Page p = host.pages().get(PageIds.of(lp.view()));
        if (p != null) {
            for (String id : lp.cover()) {
                Highlight.cover(p.node(), id);
            }
        }
    }

    private void markFocus(LessonPage lp) {
        if (lp.view() == null) {
            return;
        }
        Page p = host.pages().get(PageIds.of(lp.view()));
        if (p == null) {
            return;
        }
        String part = lp.highlight();
        if (part == null && lp.question() != null) {
            LessonInput in = input(lp.question());
            part = in == null ? null : Questions.get(lp.question()).focus(in);
        }
        if (part != null) {
            p.highlight(part);
        }
    }

    // ---- questions ----

    private LessonInput input(String questionId) {
        return Questions.aboutDrawing(questionId) ? host.drawingInput() : host.imageInput();
    }

    /** Rebuilds the question from the live inputs; after an answer, works the answer out again. */
    private void refreshQuestion() {
        LessonPage lp = currentPage();
        boolean has = lp.question() != null;
        questionBox.setVisible(has);
        questionBox.setManaged(has);
        if (!has) {
            choices = List.of();
            return;
        }
        Question q = Questions.get(lp.question());
        LessonInput in = input(lp.question());
        if (in == null) {
            choices = List.of();
            prompt.setText(Questions.aboutDrawing(q.id()) ? "Draw a digit on the Draw tab first; the question is about your drawing."
                    : "Pick an image on the Feature maps tab first (or press Step on the Training tab).");
            choiceButtons.getChildren().clear();
            verdict.setText("");
            reveal.setText("");
            return;
        }
        if (in.diverged()) {
            choices = List.of();
            prompt.setText("These weights have diverged (the probabilities are not numbers any more, or the true digit's is 0), "
                    + "so this question has no answer. Reset the weights (Ctrl+R) or open a model, then come back.");
            choiceButtons.getChildren().clear();
            verdict.setText("");
            reveal.setText("");
            return;
        }
        prompt.setText(q.prompt(in));
        List<String> cs = q.choices(in);
        choices = cs.equals(DIGITS) ? DIGITS : cs;
        if (chosen >= choices.size()) {
            chosen = -1;
        }
        lastReveal = chosen >= 0 ? q.answer(in) : null;
        List<Node> buttons = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            int n = i;
            String key = choices == DIGITS ? "" : (i + 1) + ".  ";
            Button b = new Button(key + choices.get(i));
            b.setId("lesson-choice-" + i);
            b.getStyleClass().add("lesson-choice");
            b.setFocusTraversable(false);
            if (choices != DIGITS) {
                b.setMaxWidth(Double.MAX_VALUE);
                b.setPrefWidth(WIDTH - 60);
            } else {
                b.setMinWidth(32);
            }
            if (n == chosen) {
                b.getStyleClass().add("lesson-choice-picked");
            }
            if (lastReveal != null && n == lastReveal.correct()) {
                b.getStyleClass().add("lesson-choice-right");
            }
            b.setOnAction(e -> answer(n));
            buttons.add(b);
        }
        choiceButtons.getChildren().setAll(buttons);
        showVerdict(in);
    }

    private void showVerdict(LessonInput in) {
        verdict.getStyleClass().removeAll("lesson-verdict-right", "lesson-verdict-wrong");
        if (lastReveal == null) {
            String hint = choices == DIGITS ? "Press a digit key" : "Press 1–" + choices.size();
            verdict.setText(hint + " or click your answer; then the app works it out.");
            reveal.setText("");
            return;
        }
        boolean right = chosen == lastReveal.correct();
        verdict.getStyleClass().add(right ? "lesson-verdict-right" : "lesson-verdict-wrong");
        verdict.setText((right ? "Right: " : "Not this time: ") + "the model says " + choices.get(lastReveal.correct()) + ".");
        reveal.setText(lastReveal.numbers() + "\n\n(" + in.description() + "; computed from the weights as they are now, "
                + "so it follows training and other images.)");
    }

    /** The learner commits to choice {@code i}; only now is the answer computed. */
    public void answer(int i) {
        LessonPage lp = currentPage();
        if (lp.question() == null || i < 0 || i >= choices.size()) {
            return;
        }
        chosen = i;
        for (Page p : builtPages()) {
            Highlight.uncover(p.node());
        }
        refreshQuestion();
        if (lastReveal != null) {
            progress.recordAnswer(lp.question(), choices.get(i), i == lastReveal.correct());
        }
    }

    // ---- content ----

    private List<Node> blocks(LessonPage lp) {
        List<Node> out = new ArrayList<>();
        for (LessonPage.Block b : lp.body()) {
            if (b.math()) {
                out.add(equation(b.text()));
            } else {
                Label l = new Label(b.text());
                l.setWrapText(true);
                l.getStyleClass().add("lesson-text");
                l.setMinHeight(Region.USE_PREF_SIZE);
                out.add(l);
            }
        }
        return out;
    }

    private static Node equation(String latex) {
        try {
            var img = MathImage.render(latex);
            ImageView v = new ImageView(img);
            double w = img.getWidth() / MathImage.scale();
            double max = WIDTH - 40;
            v.setFitWidth(Math.min(w, max));
            v.setPreserveRatio(true);
            v.setSmooth(true);
            v.setAccessibleText(latex);
            HBox box = new HBox(v);
            box.setAlignment(Pos.CENTER);
            box.getStyleClass().add("lesson-equation");
            return box;
        } catch (RuntimeException e) {
            // A teacher's typo in an equation shows the LaTeX rather than breaking the page.
            Label l = new Label(latex);
            l.getStyleClass().add("mono");
            l.setWrapText(true);
            return l;
        }
    }

    private void fillChapterBox() {
        updatingChapterBox = true;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < course.size(); i++) {
            Chapter c = course.chapter(i);
            names.add((progress.isDone(c.id()) ? "✓ " : "") + (i + 1) + ". " + c.title());
        }
        chapterBox.getItems().setAll(names);
        chapterBox.getSelectionModel().select(chapter);
        updatingChapterBox = false;
    }

    // ---- for tests and the feature ----

    public LessonPage currentPage() {
        return course.chapter(chapter).pages().get(page);
    }

    public int chapterIndex() {
        return chapter;
    }

    public int pageIndex() {
        return page;
    }

    /** The answer last revealed on this page, or null. */
    public Reveal lastReveal() {
        return lastReveal;
    }

    public List<String> choices() {
        return choices;
    }

    public String revealText() {
        return reveal.getText();
    }

    public Course course() {
        return course;
    }
}
