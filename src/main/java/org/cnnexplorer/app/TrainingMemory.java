package org.cnnexplorer.app;

import java.math.BigDecimal;
import java.util.Locale;
import org.cnnexplorer.app.view.SettingsPane;
import org.cnnexplorer.app.view.SettingsRules;
import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Init;
import org.cnnexplorer.train.TrainConfig;

/**
 * Remembers the Settings pane (every field, the network options and augmentation) and the speed
 * between sessions. A stored value is checked by the settings' own rules before it is shown; one
 * that no longer passes is replaced by the article's default for that field, and if the pane still
 * finds a problem the whole pane goes back to the defaults, so a field never shows one value while
 * a run would use another.
 */
public final class TrainingMemory {
    private static final String ALL = "all";
    private final AppPreferences prefs;
    private final SettingsPane pane;
    private final TrainingController controller;

    private TrainingMemory(AppPreferences prefs, SettingsPane pane, TrainingController controller) {
        this.prefs = prefs;
        this.pane = pane;
        this.controller = controller;
    }

    /** Restores what was stored, keeps it up to date, and adds itself to Help > Reset preferences. */
    public static void install(WindowSettings settings, SettingsPane pane, TrainingController controller) {
        TrainingMemory m = new TrainingMemory(settings.preferences(), pane, controller);
        settings.onReset(m::showDefaults);
        if (m.prefs != null) {
            m.restore();
            m.watch();
        }
    }

    /** The article's settings and the default speed (Help > Reset preferences). */
    private void showDefaults() {
        pane.show(TrainConfig.article());
        controller.augmentProperty().set(false);
        controller.paceProperty().set(TrainingController.DEFAULT_PACE);
    }

    private void restore() {
        TrainConfig d = TrainConfig.article();
        Architecture da = d.architecture();
        double lr = SettingsRules.learnRate(prefs.text("settings.learn-rate"));
        Long epochs = SettingsRules.whole(prefs.text("settings.epochs"), 1, SettingsRules.MAX_EPOCHS);
        Long seed = SettingsRules.whole(prefs.text("settings.seed"), Long.MIN_VALUE, Long.MAX_VALUE);
        int layers = wholeOr("settings.conv-layers", 1, 2, 1);
        int maxFilters = layers == 2 ? Architecture.MAX_FILTERS_TWO_LAYERS : SettingsRules.MAX_FILTERS;
        int filters1 = wholeOr("settings.filters", 1, maxFilters, Math.min(da.filters1(), maxFilters));
        int filters2 = layers == 2 ? wholeOr("settings.filters2", 1, Architecture.MAX_FILTERS_TWO_LAYERS, 16) : 0;
        Init init = Init.ARTICLE;
        try {
            String i = prefs.text("settings.init");
            init = i == null ? Init.ARTICLE : Init.valueOf(i.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // an unknown initialisation: the article's
        }
        TrainConfig c;
        try {
            c = new TrainConfig(size("settings.train-size", d.trainSize()), size("settings.test-size", d.testSize()),
                    epochs == null ? d.epochs() : (int) (long) epochs, Double.isNaN(lr) ? d.learnRate() : lr,
                    seed == null ? d.seed() : seed, bool("settings.shuffle", d.shuffle()),
                    new Architecture(filters1, filters2, bool("settings.relu", da.relu()), init),
                    bool("settings.first-max-only", d.firstMaxOnly()), wholeOr("settings.batch", 1, TrainConfig.MAX_BATCH, d.batch()));
        } catch (IllegalArgumentException e) {
            c = d;
        }
        pane.show(c);
        if (pane.problem() != null) {
            // e.g. a size the data set no longer has: the defaults, not a field the run cannot use
            pane.show(d);
        }
        controller.augmentProperty().set(bool("settings.augment", false));
        controller.paceProperty().set(pace(prefs.text("speed")));
    }

    /** A stored speed on the slider's scale, or the default for anything else. */
    static double pace(String text) {
        if (text == null) {
            return TrainingController.DEFAULT_PACE;
        }
        try {
            double p = Double.parseDouble(text.trim());
            if (Double.isNaN(p) || p <= 0) {
                return TrainingController.DEFAULT_PACE;
            }
            return SpeedScale.paceAt(SpeedScale.positionOf(p));
        } catch (NumberFormatException e) {
            return TrainingController.DEFAULT_PACE;
        }
    }

    private void watch() {
        controller.configProperty().addListener((o, was, c) -> {
            if (c != null) {
                save(c);
            }
        });
        controller.augmentProperty().addListener((o, was, now) -> prefs.putText("settings.augment", now.toString()));
        controller.paceProperty().addListener((o, was, now) -> prefs.putText("speed", Double.toString(now.doubleValue())));
        if (controller.configProperty().get() != null) {
            save(controller.configProperty().get());
        }
    }

    /** What a run would use: only valid settings are published, so only those are stored. */
    private void save(TrainConfig c) {
        prefs.putText("settings.learn-rate", BigDecimal.valueOf(c.learnRate()).stripTrailingZeros().toPlainString());
        prefs.putText("settings.epochs", Integer.toString(c.epochs()));
        prefs.putText("settings.train-size", c.trainSize() == TrainConfig.ALL ? ALL : Integer.toString(c.trainSize()));
        prefs.putText("settings.test-size", c.testSize() == TrainConfig.ALL ? ALL : Integer.toString(c.testSize()));
        prefs.putText("settings.seed", Long.toString(c.seed()));
        prefs.putText("settings.shuffle", Boolean.toString(c.shuffle()));
        prefs.putText("settings.first-max-only", Boolean.toString(c.firstMaxOnly()));
        Architecture a = c.architecture();
        prefs.putText("settings.conv-layers", Integer.toString(a.convLayers()));
        prefs.putText("settings.filters", Integer.toString(a.filters1()));
        if (a.convLayers() == 2) {
            prefs.putText("settings.filters2", Integer.toString(a.filters2()));
        }
        prefs.putText("settings.relu", Boolean.toString(a.relu()));
        prefs.putText("settings.init", a.init().name());
        prefs.putText("settings.batch", Integer.toString(c.batch()));
    }

    private int size(String key, int fallback) {
        String t = prefs.text(key);
        if (ALL.equals(t)) {
            return TrainConfig.ALL;
        }
        Long v = SettingsRules.whole(t, 1, Integer.MAX_VALUE);
        return v == null ? fallback : (int) (long) v;
    }

    private int wholeOr(String key, int min, int max, int fallback) {
        Long v = SettingsRules.whole(prefs.text(key), min, max);
        return v == null ? fallback : (int) (long) v;
    }

    private boolean bool(String key, boolean fallback) {
        String t = prefs.text(key);
        return "true".equals(t) ? true : "false".equals(t) ? false : fallback;
    }
}
