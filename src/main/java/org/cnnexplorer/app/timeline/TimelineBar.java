package org.cnnexplorer.app.timeline;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.cnnexplorer.train.RunHistory;

/**
 * The timeline under the tabs: which run, a slider across it with a mark at every epoch, play and
 * pause at a chosen speed, ±1 and ±100 steps, back to live, resume from here. It only ever sets the
 * {@link MomentPresenter}'s moment; the views follow that. While a run is being recorded the
 * slider follows its end until the user moves it; moving it back to the end follows again.
 */
public final class TimelineBar extends javafx.scene.layout.VBox {
    /** Replay speeds in steps per second; the replay draws 30 frames a second. */
    static final int[] SPEEDS = {1, 10, 30, 100, 300, 1000, 3000, 10_000};
    static final double FPS = 30;

    private final SessionRuns runs;
    private final MomentPresenter presenter;
    private final ChoiceBox<SessionRun> runBox = new ChoiceBox<>();
    private final Slider slider = new Slider(0, 1, 0);
    private final Button play = new Button("Play");
    private final ChoiceBox<Integer> speed = new ChoiceBox<>();
    private final Label where = new Label("No run yet: press Start");
    private final Button live = new Button("Live");
    private final Button resume = new Button("Resume from here…");
    private final AnimationTimer timer;
    private boolean following = true;
    private boolean playing;
    private boolean updating;
    private double carry;
    private long lastFrame;
    private final FramePacer pacer = new FramePacer(FPS);
    private Runnable onResume = () -> { };
    private final HBox controls = new HBox(6);
    /** The row's end: where the timeline is, Live, Resume (and Evaluate); a row of its own when the window is narrow. */
    private final HBox tail = new HBox(6);

    public TimelineBar(SessionRuns runs, MomentPresenter presenter) {
        super(2);
        this.runs = runs;
        this.presenter = presenter;
        setId("timeline");
        getStyleClass().add("timeline");
        setPadding(new Insets(2, 8, 4, 8));
        controls.setAlignment(Pos.CENTER_LEFT);
        tail.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(tail, Priority.ALWAYS);

        runBox.setId("timeline-run");
        runBox.setItems(runs.runs());
        runBox.setPrefWidth(150);
        runBox.setTooltip(new Tooltip("The run the timeline shows"));
        Button back100 = button("−100", "timeline-back100", "100 steps back (Alt+Shift+Left)", () -> move(-100));
        Button back1 = button("−1", "timeline-back1", "One step back (Alt+Left)", () -> move(-1));
        Button fwd1 = button("+1", "timeline-fwd1", "One step forward (Alt+Right)", () -> move(1));
        Button fwd100 = button("+100", "timeline-fwd100", "100 steps forward (Alt+Shift+Right)", () -> move(100));
        play.setId("timeline-play");
        play.setTooltip(new Tooltip("Replay the run from here (Alt+P)"));
        play.setOnAction(e -> togglePlay());
        play.setMinWidth(58);
        speed.setId("timeline-speed");
        for (int s : SPEEDS) {
            speed.getItems().add(s);
        }
        speed.setValue(100);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : String.format(Locale.ROOT, "%,d steps/s", v);
            }

            @Override
            public Integer fromString(String s) {
                return 100;
            }
        });
        speed.setTooltip(new Tooltip("Replay speed (drawn at 30 frames a second)"));

        slider.setId("timeline-slider");
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(false);
        slider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                SessionRun r = runBox.getValue();
                if (r == null) {
                    return "";
                }
                int e = (int) Math.round(v / r.history().stepsPerEpoch());
                return e == 0 ? "0" : "epoch " + e;
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        });
        slider.setMaxWidth(Double.MAX_VALUE);
        slider.setPadding(new Insets(0, 24, 0, 0));  // room for the last epoch's label
        slider.setDisable(true);
        slider.valueProperty().addListener((o, was, now) -> {
            if (!updating) {
                userMoved(Math.round(now.doubleValue()));
            }
        });
        slider.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            int d = switch (e.getCode()) {
                case LEFT, KP_LEFT, DOWN -> e.isShiftDown() ? -100 : -1;
                case RIGHT, KP_RIGHT, UP -> e.isShiftDown() ? 100 : 1;
                case PAGE_UP -> 100;
                case PAGE_DOWN -> -100;
                default -> 0;
            };
            if (d != 0) {
                move(d);
                e.consume();
            } else if (e.getCode() == KeyCode.SPACE) {
                togglePlay();
                e.consume();
            } else if (e.getCode() == KeyCode.HOME || e.getCode() == KeyCode.END) {
                SessionRun r = runBox.getValue();
                if (r != null) {
                    userMoved(e.getCode() == KeyCode.HOME ? r.history().startStep() : r.history().endStep());
                }
                e.consume();
            }
        });

        where.setId("timeline-where");
        where.setMinWidth(0);  // shortened with an ellipsis rather than pushing the buttons out
        where.setTooltip(new Tooltip("The run, the step the views show, and the epoch"));
        live.setId("timeline-live");
        live.setTooltip(new Tooltip("Follow live training again (Alt+L)"));
        live.setOnAction(e -> goLive());
        resume.setId("timeline-resume");
        resume.setTooltip(new Tooltip("Train a new run from the weights at this step, with other settings"));
        resume.setOnAction(e -> onResume.run());
        resume.setDisable(true);

        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label runLabel = new Label("Timeline:");
        controls.getChildren().addAll(runLabel, runBox, back100, back1, play, fwd1, fwd100, speed, tail);
        tail.getChildren().addAll(where, gap, live, resume);
        org.cnnexplorer.app.view.WholeText.keep(runLabel, runBox, back100, back1, play, fwd1, fwd100, speed, live, resume);
        getChildren().addAll(slider, controls);
        // At the smallest window (800 px) one row needs ~1,200 px: the row's end then goes under it.
        widthProperty().addListener((o, was, now) -> placeTail());

        runBox.valueProperty().addListener((o, was, now) -> {
            if (now != null && now != was) {
                stopPlaying();
                following = now.isRecording();
                syncSlider(now);
                if (following) {
                    presenter.momentProperty().set(Moment.LIVE);
                } else {
                    setMoment(now, now.history().endStep());
                }
            }
            resume.setDisable(now == null);
        });
        runs.liveProperty().addListener((o, was, now) -> {
            // A new live run: the timeline goes to it and follows it.
            if (now != null) {
                runBox.setValue(now);
                // After choosing it: a short run may have finished before it was listed.
                stopPlaying();
                following = true;
                presenter.momentProperty().set(Moment.LIVE);
                syncSlider(now);
            }
        });
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        };
        timer.start();
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return org.cnnexplorer.app.KeyboardReach.tabOnly(b);
    }

    public void setOnResume(Runnable r) {
        onResume = r;
    }

    /** The buttons at the row's end, for more of them (Evaluate here). */
    public HBox actions() {
        return tail;
    }

    /** Room kept for the description before the row's end goes to a row of its own. */
    private static final double WHERE_ROOM = 200;

    /** One row if the buttons and some of the description fit, else two: no button is ever cut off. */
    private void placeTail() {
        double need = snappedLeftInset() + snappedRightInset() + WHERE_ROOM + tail.prefWidth(-1) - where.prefWidth(-1);
        for (javafx.scene.Node n : controls.getChildren()) {
            need += n == tail ? 0 : n.prefWidth(-1) + controls.getSpacing();
        }
        boolean oneRow = getWidth() >= need;
        if (oneRow != (tail.getParent() == controls)) {
            if (oneRow) {
                getChildren().remove(tail);
                controls.getChildren().add(tail);
            } else {
                controls.getChildren().remove(tail);
                getChildren().add(tail);
            }
        }
    }

    public Slider slider() {
        return slider;
    }

    public ChoiceBox<SessionRun> runBox() {
        return runBox;
    }

    public ChoiceBox<Integer> speedBox() {
        return speed;
    }

    public boolean isPlaying() {
        return playing;
    }

    public boolean isFollowing() {
        return following;
    }

    /** The step the timeline is at (the live run's end while following). */
    public long step() {
        Moment m = presenter.moment();
        SessionRun r = runBox.getValue();
        if (m != null && !m.live()) {
            return m.step();
        }
        return r == null ? 0 : r.history().endStep();
    }

    public SessionRun run() {
        return runBox.getValue();
    }

    public void dispose() {
        timer.stop();
    }

    /** Moves the timeline by {@code d} steps (stops following live training). */
    public void move(long d) {
        SessionRun r = runBox.getValue();
        if (r != null) {
            userMoved(step() + d);
        }
    }

    /** Puts the timeline at a step of its run, as the user would. */
    public void userMoved(long step) {
        SessionRun r = runBox.getValue();
        if (r == null) {
            return;
        }
        RunHistory h = r.history();
        long s = Math.max(h.startStep(), Math.min(step, h.endStep()));
        if (r.isRecording() && s >= h.endStep()) {
            goLive();
            return;
        }
        following = false;
        setMoment(r, s);
    }

    public void goLive() {
        stopPlaying();
        SessionRun l = runs.liveProperty().get();
        if (l != null && runBox.getValue() != l) {
            runBox.setValue(l);
        }
        following = true;
        presenter.momentProperty().set(Moment.LIVE);
        SessionRun r = runBox.getValue();
        if (r != null) {
            syncSlider(r);
        }
    }

    public void togglePlay() {
        if (playing) {
            stopPlaying();
            return;
        }
        SessionRun r = runBox.getValue();
        if (r == null) {
            return;
        }
        if (step() >= r.history().endStep() && !r.isRecording()) {
            userMoved(r.history().startStep());  // at the end: play from the start
        } else if (following) {
            following = false;
            setMoment(r, step());
        }
        playing = true;
        carry = 0;
        lastFrame = 0;
        pacer.reset();
        play.setText("Pause");
    }

    private void stopPlaying() {
        playing = false;
        play.setText("Play");
    }

    private void setMoment(SessionRun r, long s) {
        presenter.momentProperty().set(new Moment(r, s, false));
        syncSlider(r);
    }

    /** Once a frame: follow a recording run's end, play the replay. */
    private void frame(long now) {
        SessionRun r = runBox.getValue();
        if (r == null) {
            return;
        }
        if (playing) {
            if (!pacer.pulse(now)) {
                return;
            }
            double dt = lastFrame == 0 ? 1 / FPS : Math.min(0.25, (now - lastFrame) / 1e9);
            lastFrame = now;
            carry += speed.getValue() * dt;
            long d = (long) carry;
            carry -= d;
            if (d > 0) {
                long end = r.history().endStep();
                long next = Math.min(end, step() + d);
                following = false;
                setMoment(r, next);
                if (next >= end) {
                    stopPlaying();
                }
            }
            return;
        }
        syncSlider(r);
    }

    /**
     * The slider's tick spacing: a whole number of epochs (1, 2, 5, 10, 20, 50, …) giving at most
     * 20 ticks. A tick per epoch made 100,000 ticks for many short epochs: a NumberAxis warning and
     * a window at 8 frames a second.
     */
    static double tickUnit(long stepsPerEpoch, double maxStep) {
        double epochs = maxStep / stepsPerEpoch;
        for (double power = 1; ; power *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if (epochs / (m * power) <= 20) {
                    return m * power * stepsPerEpoch;
                }
            }
        }
    }

    private void syncSlider(SessionRun r) {
        RunHistory h = r.history();
        updating = true;
        try {
            double max = Math.max(h.plannedEndStep(), h.endStep());
            if (slider.getMax() != max) {
                slider.setMax(max);
                slider.setMajorTickUnit(tickUnit(h.stepsPerEpoch(), max));
            }
            slider.setMin(0);
            slider.setDisable(false);
            long s = following ? h.endStep() : step();
            if (slider.getValue() != s) {
                slider.setValue(s);
            }
        } finally {
            updating = false;
        }
        long s = following ? h.endStep() : step();
        int epoch = h.epochOf(s);
        String text = String.format(Locale.ROOT, "%s · step %,d of %,d · epoch %d%s", r.name(), s, h.endStep(), epoch,
                following && r.isRecording() ? " · live" : "");
        if (!text.equals(where.getText())) {
            where.setText(text);
        }
    }
}
