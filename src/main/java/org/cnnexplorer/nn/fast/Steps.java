package org.cnnexplorer.nn.fast;

import java.util.Locale;
import org.cnnexplorer.nn.Network;

/**
 * Which step trains and which forward pass evaluates. By default the vector step at the CPU's
 * double lane count (8 with AVX-512, 4 with AVX2, 2 with NEON) when this JVM has
 * jdk.incubator.vector, else its scalar twin, which here is faster than the plain layers (see the
 * README's Speed section); the layers for images other than 28x28; {@link FlatStep} for every
 * other architecture (ReLU, two convolutions).
 *
 * <p>{@value #PROPERTY} (a system property) or {@value #ENV} (an environment variable) forces a
 * choice: {@code 8}, {@code 4} or {@code 2} lanes (to time what an AVX2 or NEON machine runs),
 * {@code scalar} or {@code layers}. Every fused choice gives the same bits.
 */
public final class Steps {
    public static final String PROPERTY = "cnnexplorer.lanes";
    public static final String ENV = "CNN_EXPLORER_LANES";
    static final String MODULE = "jdk.incubator.vector";

    private Steps() {
    }

    /** The step the trainer takes on {@code net}. */
    public static TrainStep forTraining(Network net) {
        if (!net.arch.isArticleShape()) {
            return "layers".equals(forced()) ? TrainStep.LAYERS : new FlatStep(net);
        }
        if (!FusedStep.supports(net)) {
            return TrainStep.LAYERS;
        }
        String forced = forced();
        if ("layers".equals(forced)) {
            return TrainStep.LAYERS;
        }
        return fused(net.numFilters, forced);
    }

    /**
     * A fused step for the fast forward pass on {@code net} (one per thread), or null when the
     * network's shape has none. The same choice as {@link #forTraining}, but never the layers.
     */
    public static FusedStep forForward(Network net) {
        return FusedStep.supports(net) ? fused(net.numFilters, forced()) : null;
    }

    /**
     * A step whose forward pass only reads {@code net}'s weights (one per thread): the fused step,
     * the flat step for other architectures, or null for the article's layers on other image sizes.
     */
    public static TrainStep forFastForward(Network net) {
        return net.arch.isArticleShape() ? forForward(net) : new FlatStep(net);
    }

    private static FusedStep fused(int filters, String forced) {
        if ("scalar".equals(forced) || "layers".equals(forced)) {
            return new ScalarStep(filters);
        }
        int lanes = forced == null ? preferredLanes() : Integer.parseInt(forced);
        FusedStep v = lanes == 0 ? null : vectorOrNull(filters, lanes);
        return v != null ? v : new ScalarStep(filters);
    }

    /** The forced choice, or null; an unknown value is ignored (with the default taken). */
    static String forced() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(ENV);
        }
        if (v == null) {
            return null;
        }
        v = v.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "2", "4", "8", "scalar", "layers" -> v;
            default -> null;
        };
    }

    /** Whether this JVM was started with {@code --add-modules jdk.incubator.vector}. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /** The CPU's double lanes per vector, capped at 8, or 0 without the module or below 2 lanes. */
    public static int preferredLanes() {
        if (!vectorModulePresent()) {
            return 0;
        }
        try {
            Class<?> c = Class.forName("org.cnnexplorer.nn.fast.VectorLanes");
            int n = (int) c.getDeclaredMethod("preferred").invoke(null);
            return n >= 8 ? 8 : n >= 4 ? 4 : n >= 2 ? 2 : 0;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The vector step at 2, 4 or 8 lanes, or null without the module. Every lane count runs on
     * every CPU (emulated where it is not native), so tests can pin all three anywhere. Only the
     * first lane count a JVM loads runs at full speed (see {@link VectorStep}); the others give
     * the same bits, slower.
     */
    public static FusedStep vectorOrNull(int filters, int lanes) {
        if (lanes != 2 && lanes != 4 && lanes != 8) {
            throw new IllegalArgumentException("lanes must be 2, 4 or 8, got " + lanes);
        }
        if (!vectorModulePresent()) {
            return null;
        }
        try {
            // By name, so a JVM without the module never links against jdk.incubator.vector.
            Class<?> c = Class.forName("org.cnnexplorer.nn.fast.Vector" + lanes + "Step");
            return (FusedStep) c.getDeclaredConstructor(int.class).newInstance(filters);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** The flat step's row loops in vectors, or the plain ones if the vector classes cannot be loaded. */
    static ConvKernels vectorConvKernels() {
        try {
            // By name, so a JVM without the module never links against jdk.incubator.vector.
            return (ConvKernels) Class.forName("org.cnnexplorer.nn.fast.VectorConvKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new ConvKernels();
        }
    }

    /** The plain-Java twin of the vector steps. */
    public static FusedStep scalar(int filters) {
        return new ScalarStep(filters);
    }
}
