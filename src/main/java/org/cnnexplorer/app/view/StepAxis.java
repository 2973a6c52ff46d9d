package org.cnnexplorer.app.view;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.scene.chart.NumberAxis;
import javafx.scene.text.Text;
import javafx.util.StringConverter;

/**
 * Ranges an x axis that counts training steps: whole numbers only (a run of 5 steps is not ticked
 * at 0.5), from 0, with as many ticks as fit their labels side by side. NumberAxis's own ranging
 * lets long labels ("1,200,000") run into each other, so the labels are measured here as drawn.
 */
public final class StepAxis {
    /** Space kept between two tick labels, in pixels. */
    static final double GAP = 14;

    private static final ThreadLocal<DecimalFormat> FORMAT =
            ThreadLocal.withInitial(() -> new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));

    private final NumberAxis axis;
    private final Text measure = new Text();
    private double max;

    /** Takes over the ranging of {@code axis}. */
    public StepAxis(NumberAxis axis) {
        this.axis = axis;
        axis.setAutoRanging(false);
        axis.setMinorTickCount(0);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return label(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        axis.widthProperty().addListener((o, was, now) -> update());
        axis.tickLabelFontProperty().addListener((o, was, now) -> update());
        update();
    }

    /** The largest step the data reaches (0 when there is none). */
    public void setMax(double maxStep) {
        if (maxStep != max) {
            max = maxStep;
            update();
        }
    }

    private void update() {
        double length = axis.getWidth() > 0 ? axis.getWidth() : 600;
        measure.setFont(axis.getTickLabelFont());
        // An empty chart spans the first window (100 steps) rather than a bare 0 to 1.
        double[] t = ticks(0, max > 0 ? max : 100, length, s -> {
            measure.setText(s);
            return measure.getLayoutBounds().getWidth();
        });
        axis.setLowerBound(t[0]);
        axis.setUpperBound(t[1]);
        axis.setTickUnit(t[2]);
    }

    static String label(double steps) {
        return FORMAT.get().format(Math.round(steps));
    }

    /**
     * The axis for data from {@code min} to {@code max} on {@code length} pixels: {lower, upper,
     * tick unit}, all whole numbers; the unit is 1, 2 or 5 times a power of ten, the smallest whose
     * labels fit side by side with {@link #GAP} between them.
     */
    static double[] ticks(double min, double max, double length, ToDoubleFunction<String> labelWidth) {
        double lo = Math.min(0, Math.floor(min));
        // 2% room past the last point, so a test dot at the very end is not cut in half
        double hi = Math.max(Math.ceil(max > 100 ? max * 1.02 : max), lo + 1);
        for (double pow = 1; ; pow *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                double unit = m * pow;
                double lower = Math.floor(lo / unit) * unit;
                double upper = Math.ceil(hi / unit) * unit;
                double pixelsPerTick = length * unit / (upper - lower);
                double widest = Math.max(labelWidth.applyAsDouble(label(lower)), labelWidth.applyAsDouble(label(upper)));
                if (pixelsPerTick >= widest + GAP || upper - lower == unit || pow > 1e15) {
                    return new double[] {lower, upper, unit};
                }
            }
        }
    }
}
