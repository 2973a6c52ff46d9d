package org.cnnexplorer.app.view;

import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/**
 * A spinner value factory that neither clamps nor throws: typed text becomes the value only if
 * it is valid, and otherwise stays on screen, unchanged, for the settings' validation to point
 * at (the stock factories silently clamp out-of-range input, or throw on "abc"). The arrows step
 * within the valid range.
 */
final class CheckedSpinnerFactory<T> extends SpinnerValueFactory<T> {
    private final BiFunction<T, Integer, T> step;

    /**
     * @param parse  the value in a text, or null if the text is not valid
     * @param format the text for a value
     * @param step   the value {@code n} arrow presses away, kept within the valid range
     */
    CheckedSpinnerFactory(T initial, Function<String, T> parse, Function<T, String> format, BiFunction<T, Integer, T> step) {
        this.step = step;
        setConverter(new StringConverter<>() {
            @Override
            public String toString(T v) {
                return v == null ? "" : format.apply(v);
            }

            @Override
            public T fromString(String s) {
                T v = parse.apply(s);
                return v == null ? getValue() : v;
            }
        });
        setValue(initial);
    }

    @Override
    public void decrement(int steps) {
        setValue(step.apply(getValue(), -steps));
    }

    @Override
    public void increment(int steps) {
        setValue(step.apply(getValue(), steps));
    }

    /** Whole numbers from min to max, stepping by {@code by}. */
    static CheckedSpinnerFactory<Long> whole(long initial, java.util.function.LongSupplier min, java.util.function.LongSupplier max, long by) {
        return new CheckedSpinnerFactory<>(initial, s -> SettingsRules.whole(s, min.getAsLong(), max.getAsLong()), String::valueOf,
                (v, n) -> {
                    long next;
                    try {
                        next = Math.addExact(v, Math.multiplyExact((long) n, by));
                    } catch (ArithmeticException e) {
                        next = n > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
                    }
                    return Math.max(min.getAsLong(), Math.min(max.getAsLong(), next));
                });
    }
}
