package org.cnnexplorer.cli;

import org.cnnexplorer.nn.Architecture;
import org.cnnexplorer.nn.Init;

/**
 * The network options of {@code train}: {@code --relu}, {@code --conv-layers 1|2},
 * {@code --filters F} or {@code F1,F2}, and the initialisation, a scheme name given to
 * {@code --init} (any other --init value is a model file to start from).
 */
final class ArchitectureArgs {
    private ArchitectureArgs() {
    }

    /** Whether an --init value names a scheme (article, glorot, he) rather than a file. */
    static boolean isScheme(String init) {
        return init != null && Init.parse(init) != null;
    }

    static Architecture parse(Options o) throws UsageException {
        int layers = o.intInRange("conv-layers", 1, 1, 2);
        String f = o.string("filters");
        int f1 = 8;
        int f2 = 0;
        int max = layers == 1 ? Architecture.MAX_FILTERS_ONE_LAYER : Architecture.MAX_FILTERS_TWO_LAYERS;
        if (f != null) {
            String[] parts = f.split(",", -1);
            if (parts.length > 2) {
                throw new UsageException("--filters takes one count or two separated by a comma (8 or 8,16), got \"" + f + "\"");
            }
            f1 = count(parts[0], f, max);
            if (parts.length == 2) {
                if (!o.has("conv-layers")) {
                    layers = 2;
                    max = Architecture.MAX_FILTERS_TWO_LAYERS;
                    f1 = count(parts[0], f, max);
                } else if (layers == 1) {
                    throw new UsageException("--filters " + f + " gives two layers but --conv-layers is 1; give one count");
                }
                f2 = count(parts[1], f, max);
            } else if (layers == 2) {
                f2 = f1;  // one count for both layers
            }
        } else if (layers == 2) {
            f2 = 8;
        }
        String init = o.string("init");
        Init scheme = isScheme(init) ? Init.parse(init) : Init.ARTICLE;
        return new Architecture(f1, layers == 2 ? f2 : 0, o.has("relu"), scheme);
    }

    private static int count(String s, String whole, int max) throws UsageException {
        String t = s.trim();
        if (!t.matches("\\+?\\d{1,9}") || Integer.parseInt(t.replace("+", "")) < 1 || Integer.parseInt(t.replace("+", "")) > max) {
            throw new UsageException("--filters must be " + (max == Architecture.MAX_FILTERS_ONE_LAYER
                    ? "a whole number from 1 to 64" : "whole numbers from 1 to 32 per layer with two layers")
                    + ", got \"" + whole + "\"");
        }
        return Integer.parseInt(t.replace("+", ""));
    }
}
