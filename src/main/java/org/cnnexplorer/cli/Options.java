package org.cnnexplorer.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options of one command: {@code --name value}, {@code --name=value} or a bare {@code --flag},
 * plus positional arguments. A repeated option keeps its last value. Values are checked when they
 * are read, each with a message that says what was expected and what was given.
 */
final class Options {
    /** Plain decimal numbers only: Double.parseDouble would also take "NaN", "Infinity", "1d" and hex. */
    private static final Pattern NUMBER = Pattern.compile("[+]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {
    }

    /**
     * @param valued options that take a value (without the leading "--")
     * @param flags options that take none
     */
    static Options parse(String command, String[] args, int from, Set<String> valued, Set<String> flags)
            throws UsageException, HelpRequested {
        Options o = new Options();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new HelpRequested(command);
            }
            if (a.equals("--")) {
                for (i++; i < args.length; i++) {
                    o.positional.add(args[i]);
                }
                break;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                if (valued.contains(name)) {
                    String value;
                    if (eq >= 0) {
                        value = a.substring(eq + 1);
                    } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        value = args[++i];
                    } else {
                        throw new UsageException("--" + name + " needs a value; see " + command + " --help");
                    }
                    o.values.put(name, value);
                } else if (flags.contains(name)) {
                    if (eq >= 0) {
                        throw new UsageException("--" + name + " takes no value, got \"" + a.substring(eq + 1) + "\"");
                    }
                    o.values.put(name, "");
                } else {
                    throw new UsageException("unknown option --" + name + " for " + command + "; see " + command + " --help");
                }
            } else if (a.startsWith("-") && a.length() > 1 && !INTEGER.matcher(a).matches()) {
                throw new UsageException("unknown option " + a + " for " + command + "; see " + command + " --help");
            } else {
                o.positional.add(a);
            }
        }
        return o;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }

    /** Fails if there are positional arguments beyond the first {@code allowed}. */
    void noMorePositional(String command, int allowed) throws UsageException {
        if (positional.size() > allowed) {
            throw new UsageException("unexpected argument \"" + positional.get(allowed) + "\" for " + command + "; see " + command + " --help");
        }
    }

    String string(String name) {
        return values.get(name);
    }

    Path path(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v.isBlank()) {
            throw new UsageException("--" + name + " needs a file or folder name, got \"\"");
        }
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new UsageException("--" + name + " is not a usable path: \"" + v + "\"");
        }
    }

    /** A positive count or "all" ({@code all} is returned for "all"). */
    int countOrAll(String name, int dflt, int all) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (v.equalsIgnoreCase("all")) {
            return all;
        }
        Long n = parseLong(v);
        if (n == null || n < 1 || n > Integer.MAX_VALUE) {
            throw new UsageException("--" + name + " must be a positive whole number or \"all\", got \"" + v + "\"");
        }
        return (int) (long) n;
    }

    int intInRange(String name, int dflt, int min, int max) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        Long n = parseLong(v);
        if (n == null || n < min || n > max) {
            throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + ", got \"" + v + "\"");
        }
        return (int) (long) n;
    }

    long longValue(String name, long dflt) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        Long n = parseLong(v);
        if (n == null) {
            throw new UsageException("--" + name + " must be a whole number, got \"" + v + "\"");
        }
        return n;
    }

    double positiveNumber(String name, double dflt) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        double d = NUMBER.matcher(v).matches() ? Double.parseDouble(v) : Double.NaN;
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new UsageException("--" + name + " must be a positive number, got \"" + v + "\"");
        }
        return d;
    }

    private static Long parseLong(String v) {
        if (!INTEGER.matcher(v).matches()) {
            return null;
        }
        try {
            return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
