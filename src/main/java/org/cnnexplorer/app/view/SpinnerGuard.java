package org.cnnexplorer.app.view;

import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/**
 * Makes an editable whole-number spinner safe to type into: text that is not a number in range
 * no longer throws (the stock converter does, on "abc") and is not clamped or kept on screen; the
 * field goes back to the value in use when it is committed (Enter, or leaving the field).
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
            if (!shown.equals(s.getEditor().getText())) {
                s.getEditor().setText(shown);
            }
        };
        s.getEditor().addEventHandler(javafx.event.ActionEvent.ACTION, e -> tidy.run());
        s.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                s.commitValue();
                tidy.run();
            }
        });
    }
}
