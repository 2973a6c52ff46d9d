package org.cnnexplorer.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntPredicate;

/**
 * A numerical gradient check: compares an analytic gradient (from backprop) with central
 * differences of the loss, one coordinate at a time, in double precision.
 *
 * <p>For coordinate i the numeric gradient is (L(v_i + eps) - L(v_i - eps)) / (2 eps); the value
 * is put back bit for bit afterwards. A coordinate passes when its relative error
 * |a - n| / (|a| + |n|) is at most {@code maxRelError}, or when the absolute error |a - n| is
 * below {@code minAbsError} (two gradients that are both essentially zero have a meaningless
 * relative error). The defaults are those of DL4J's {@code GradientCheckUtil}: eps 1e-6, max
 * relative error 1e-3, min absolute error 1e-8.
 *
 * <p>The loss is any function of the live parameter array: typically "set the input, run the
 * forward pass, return the scalar loss". It must not depend on anything the check does not
 * perturb (no randomness, no training).
 *
 * <p>Where the loss has kinks (max pooling is not differentiable where two values of a block tie)
 * a central difference that straddles a kink measures neither one-sided derivative. The check can
 * be given a {@code sameBranch} test, asked right after each perturbed evaluation of the loss:
 * when it says the perturbation landed on another smooth piece (for max pooling: some block's
 * argmax moved), the coordinate is skipped and counted in {@link Report#skipped()}.
 *
 * <p>Self-contained: no test framework, no dependency beyond the JDK.
 */
public final class GradCheck {
    public static final double DEFAULT_EPS = 1e-6;
    public static final double DEFAULT_MAX_REL_ERROR = 1e-3;
    public static final double DEFAULT_MIN_ABS_ERROR = 1e-8;
    private static final int MAX_LISTED_FAILURES = 10;

    private final double eps;
    private final double maxRelError;
    private final double minAbsError;

    public GradCheck(double eps, double maxRelError, double minAbsError) {
        if (!(eps > 0) || !(maxRelError > 0) || !(minAbsError >= 0)) {
            throw new IllegalArgumentException("eps and maxRelError must be positive, minAbsError non-negative");
        }
        this.eps = eps;
        this.maxRelError = maxRelError;
        this.minAbsError = minAbsError;
    }

    /** eps 1e-6, max relative error 1e-3, min absolute error 1e-8. */
    public static GradCheck defaults() {
        return new GradCheck(DEFAULT_EPS, DEFAULT_MAX_REL_ERROR, DEFAULT_MIN_ABS_ERROR);
    }

    public double eps() {
        return eps;
    }

    /** One coordinate that failed. */
    public record Failure(int index, double analytic, double numeric, double relError) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[%d] analytic %.10g numeric %.10g rel %.3g", index, analytic, numeric, relError);
        }
    }

    /**
     * The outcome over all checked coordinates. {@code maxRelError} is taken over the coordinates
     * whose absolute error is above the floor (those are the ones that can fail).
     * {@code maxAbsAnalytic} tells whether the check looked at anything non-trivial.
     */
    public record Report(String name, int checked, int skipped, int failed, double maxRelError, double maxAbsError,
                         double maxAbsAnalytic, List<Failure> failures) {
        public boolean passed() {
            return failed == 0 && checked > 0;
        }

        public String summary() {
            return String.format(Locale.ROOT, "%s: %d checked, %d skipped, %d failed, max rel error above the abs floor %.3g, max abs error %.3g, max |analytic| %.3g%s",
                    name, checked, skipped, failed, maxRelError, maxAbsError, maxAbsAnalytic,
                    failures.isEmpty() ? "" : "; first failures " + failures);
        }

        @Override
        public String toString() {
            return summary();
        }
    }

    /** |a - n| / (|a| + |n|), or 0 when both are exactly 0. */
    public static double relativeError(double analytic, double numeric) {
        double denom = Math.abs(analytic) + Math.abs(numeric);
        return denom == 0 ? 0 : Math.abs(analytic - numeric) / denom;
    }

    /** The central difference of {@code loss} with respect to {@code values[i]}; restores the value. */
    public double numeric(double[] values, int i, DoubleSupplier loss) {
        return numeric(values, i, loss, () -> true).orElseThrow();
    }

    /**
     * The central difference of {@code loss} with respect to {@code values[i]}, or empty when
     * {@code sameBranch} reports that either perturbation crossed a kink. Restores the value.
     */
    public OptionalDouble numeric(double[] values, int i, DoubleSupplier loss, BooleanSupplier sameBranch) {
        double orig = values[i];
        try {
            values[i] = orig + eps;
            double plus = loss.getAsDouble();
            boolean smooth = sameBranch.getAsBoolean();
            values[i] = orig - eps;
            double minus = loss.getAsDouble();
            smooth &= sameBranch.getAsBoolean();
            return smooth ? OptionalDouble.of((plus - minus) / (2 * eps)) : OptionalDouble.empty();
        } finally {
            values[i] = orig;
        }
    }

    /** Central differences for every coordinate of {@code values}. */
    public double[] numericGradient(double[] values, DoubleSupplier loss) {
        double[] n = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            n[i] = numeric(values, i, loss);
        }
        return n;
    }

    /** Checks every coordinate. */
    public Report check(String name, double[] values, double[] analytic, DoubleSupplier loss) {
        return check(name, values, analytic, loss, i -> true);
    }

    /**
     * Checks the coordinates {@code which} accepts. {@code analytic} is copied first, so it may be
     * a live gradient buffer that the loss function's forward passes would not keep.
     */
    public Report check(String name, double[] values, double[] analytic, DoubleSupplier loss, IntPredicate which) {
        return check(name, values, analytic, loss, which, null);
    }

    /**
     * Checks the coordinates {@code which} accepts, skipping those whose perturbation
     * {@code sameBranch} rejects (null: none are skipped).
     */
    public Report check(String name, double[] values, double[] analytic, DoubleSupplier loss, IntPredicate which,
                        BooleanSupplier sameBranch) {
        if (values.length != analytic.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values but " + analytic.length + " gradients");
        }
        double[] a = analytic.clone();
        int checked = 0;
        int skipped = 0;
        int failed = 0;
        double worstRel = 0;
        double worstAbs = 0;
        double maxAbsAnalytic = 0;
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (!which.test(i)) {
                continue;
            }
            OptionalDouble numeric = numeric(values, i, loss, sameBranch == null ? () -> true : sameBranch);
            if (numeric.isEmpty()) {
                skipped++;
                continue;
            }
            double n = numeric.getAsDouble();
            double abs = Math.abs(a[i] - n);
            double rel = relativeError(a[i], n);
            checked++;
            maxAbsAnalytic = Math.max(maxAbsAnalytic, Math.abs(a[i]));
            worstAbs = Math.max(worstAbs, abs);
            boolean bad = Double.isNaN(n) || Double.isNaN(a[i]) || (rel > maxRelError && abs > minAbsError);
            if (abs > minAbsError) {
                worstRel = Math.max(worstRel, rel);
            }
            if (bad) {
                failed++;
                if (failures.size() < MAX_LISTED_FAILURES) {
                    failures.add(new Failure(i, a[i], n, rel));
                }
            }
        }
        return new Report(name, checked, skipped, failed, worstRel, worstAbs, maxAbsAnalytic, List.copyOf(failures));
    }
}
