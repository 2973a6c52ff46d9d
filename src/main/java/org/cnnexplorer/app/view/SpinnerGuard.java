package org.cnnexplorer.app.view;

import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/**
 * Makes an editable whole-number spinner safe to type into: text that is not a number in range
 * no longer throws (the stock converter does, on "abc") and is never clamped or swapped for
 * another value behind the user's back. It stays on screen marked as wrong, with the reason in
 * its tooltip, and the value in use does not change; an action that would use the field asks
 * {@link #problem} first and refuses while there is one.
 */
public final class SpinnerGuard {
    private SpinnerGuard() {
    }

    public static void guard(Spinner<Integer> s) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = (SpinnerValueFactory.IntegerSpinnerValueFactory) s.getValueFactory();
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String text) {
                Long v = SettingsRules.whole(text, f.getMin(), f.getMax());
                return v == null ? f.getValue() : (int) (long) v;
            }
        });
        Runnable tidy = () -> {
            String shown = f.getConverter().toString(f.getValue());
            if (problem(s) == null && !shown.equals(s.getEditor().getText())) {
                s.getEditor().setText(shown);  // "007" reads 7
            }
        };
        // The reason shows as the spinner's tooltip while the text is wrong; its own one comes back after.
        javafx.scene.control.Tooltip why = new javafx.scene.control.Tooltip();
        javafx.scene.control.Tooltip[] own = new javafx.scene.control.Tooltip[1];
        s.getEditor().textProperty().addListener((o, was, now) -> {
            String p = problem(s);
            boolean marked = s.getEditor().getStyleClass().remove("invalid");
            if (p != null) {
                s.getEditor().getStyleClass().add("invalid");
                if (!marked) {
                    own[0] = s.getTooltip();
                }
                why.setText(p);
                s.setTooltip(why);
            } else if (marked) {
                s.setTooltip(own[0]);
            }
        });
        // Enter: commit the typed text first. This handler runs before the spinner's own onAction,
        // so tidying alone would put the old value back into the editor before that read it.
        s.getEditor().addEventHandler(javafx.event.ActionEvent.ACTION, e -> {
            s.commitValue();
            tidy.run();
        });
        s.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                s.commitValue();
                tidy.run();
            }
        });
    }

    /** What is wrong with the typed text ("a whole number from 1 to 8, not "99""), or null. */
    public static String problem(Spinner<Integer> s) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = (SpinnerValueFactory.IntegerSpinnerValueFactory) s.getValueFactory();
        String text = s.getEditor().getText();
        if (SettingsRules.whole(text, f.getMin(), f.getMax()) != null) {
            return null;
        }
        return "a whole number from " + f.getMin() + " to " + f.getMax() + ", not \"" + text.strip() + "\"";
    }
}
