package org.cnnexplorer.app.step;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.cnnexplorer.app.render.ColorLegend;
import org.cnnexplorer.app.render.ColorMap;
import org.cnnexplorer.app.render.HeatmapPainter;
import org.cnnexplorer.app.render.HeatmapView;

/** Small building blocks for the stages: number tables, captioned heatmaps, grids of maps, formatting. */
final class StageWidgets {
    private StageWidgets() {
    }

    /** A column of a number table. */
    record Column(String header, String[] cells) {
        static Column probabilities(String header, double[] values) {
            String[] s = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                s[i] = prob(values[i]);
            }
            return new Column(header, s);
        }

        static Column of(String header, double[] values) {
            String[] s = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                s[i] = num(values[i]);
            }
            return new Column(header, s);
        }
    }

    /** Four significant digits, scientific notation for very small or large magnitudes. */
    static String num(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e-3 && a < 1e5) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /**
     * A probability: like {@link #num}, but near 1 as "1 − 2.3e-06" so a confident network's p_c
     * does not read as exactly 1.
     */
    static String prob(double p) {
        return p > 0.9995 && p < 1 ? String.format(Locale.ROOT, "1 − %.2e", 1 - p) : num(p);
    }

    /**
     * Two probabilities as {@link #prob} writes them, or, where that writes both alike, with as
     * many decimals as it takes to tell them apart (one small step moves p a little).
     */
    static String[] probs(double before, double after) {
        String a = prob(before);
        String b = prob(after);
        for (int d = 5; a.equals(b) && d <= 15; d++) {
            a = String.format(Locale.ROOT, "%." + d + "f", before);
            b = String.format(Locale.ROOT, "%." + d + "f", after);
        }
        return new String[] {a, b};
    }

    /** A table with one row per class k (0-9); the true class's row is highlighted. */
    static GridPane classTable(int highlight, List<Column> columns) {
        GridPane g = new GridPane();
        g.getStyleClass().add("number-table");
        g.setHgap(0);
        g.setVgap(0);
        g.add(cell("k", "header"), 0, 0);
        for (int c = 0; c < columns.size(); c++) {
            g.add(cell(columns.get(c).header(), "header"), c + 1, 0);
        }
        int rows = columns.isEmpty() ? 0 : columns.get(0).cells().length;
        for (int r = 0; r < rows; r++) {
            String style = r == highlight ? "highlight" : null;
            g.add(cell(r == highlight ? r + " = c" : Integer.toString(r), style), 0, r + 1);
            for (int c = 0; c < columns.size(); c++) {
                g.add(cell(columns.get(c).cells()[r], style), c + 1, r + 1);
            }
        }
        return g;
    }

    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add("table-cell");
        if (style != null) {
            l.getStyleClass().add(style);
        }
        l.setMaxWidth(Double.MAX_VALUE);
        l.setAlignment(Pos.CENTER_RIGHT);
        return l;
    }

    /** A heatmap of a (rows x cols) slice of {@code data} from {@code offset}. */
    static HeatmapView map(double[] data, int offset, int cols, int rows, ColorMap cmap, double lo, double hi, double cell) {
        HeatmapView v = new HeatmapView(cell);
        double[] r = HeatmapPainter.nonEmpty(lo, hi);
        v.setData(data, offset, cols, rows, cmap, r[0], r[1]);
        v.setPrefSize(cols * cell, rows * cell);
        v.setMaxSize(cols * cell, rows * cell);
        return v;
    }

    /** A diverging map on the symmetric scale [-maxAbs, maxAbs]. */
    static HeatmapView signed(double[] data, int offset, int cols, int rows, double maxAbs, double cell) {
        return map(data, offset, cols, rows, ColorMap.DIVERGING, -maxAbs, maxAbs, cell);
    }

    /** A 3x3 filter (or any small map) with its numbers written in the cells. */
    /** One signed heatmap per filter plane of {@code v} (planes of w x h, one after the other), on one scale. */
    static Node[] signedMaps(double[] v, int filters, int w, int h, double maxAbs, double cell) {
        Node[] maps = new Node[filters];
        for (int f = 0; f < filters; f++) {
            maps[f] = signed(v, f * w * h, w, h, maxAbs, cell);
        }
        return maps;
    }

    static HeatmapView numbers(double[] data, int offset, int cols, int rows, double maxAbs, double cell, String format) {
        HeatmapView v = signed(data, offset, cols, rows, maxAbs, cell);
        v.setCellLines(true);
        v.setValueFormat(format);
        return v;
    }

    /** A node with a caption above it. */
    static VBox captioned(String caption, Node n) {
        Label l = new Label(caption);
        l.getStyleClass().add("caption");
        VBox b = new VBox(2, l, n);
        b.setAlignment(Pos.TOP_CENTER);
        return b;
    }

    static ColorLegend symmetricLegend(String caption, double maxAbs) {
        ColorLegend l = new ColorLegend(ColorMap.DIVERGING, caption, 200);
        l.setSymmetric(maxAbs, "%.3g");
        return l;
    }

    static ColorLegend legend(ColorMap map, String caption, double lo, double hi) {
        ColorLegend l = new ColorLegend(map, caption, 200);
        l.setRange(lo, hi, "%.3g");
        return l;
    }

    /** A worked example or a result line: monospaced, selectable-looking, wrapping. */
    static Label worked(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("worked");
        l.setWrapText(true);
        l.setMaxWidth(1050);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /**
     * A grid with one column per filter and one row per caption; {@code rows[r][f]} is row r of
     * filter f. With more filters than {@code perBand}, the filters wrap into even bands (0-3, then 4-7),
     * so small maps with numbers in them stay big enough to read.
     */
    static GridPane perFilter(String[] rowCaptions, Node[][] rows, int perBand) {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        g.setPadding(new Insets(4, 0, 4, 0));
        int filters = rows.length == 0 ? 0 : rows[0].length;
        perBand = Math.max(1, perBand);
        int bands = perBand >= filters ? 1 : (filters + perBand - 1) / perBand;
        // Even bands (4 + 4 rather than 7 + 1).
        perBand = bands <= 1 ? Math.max(1, filters) : (filters + bands - 1) / bands;
        for (int band = 0; band < bands; band++) {
            int top = band * (rows.length + 1);
            for (int f = band * perBand; f < Math.min(filters, (band + 1) * perBand); f++) {
                int col = f - band * perBand + 1;
                Label h = new Label("filter " + (f + 1));
                h.getStyleClass().add("caption");
                g.add(h, col, top);
                for (int r = 0; r < rows.length; r++) {
                    g.add(rows[r][f], col, top + r + 1);
                }
            }
            for (int r = 0; r < rows.length; r++) {
                Label c = new Label(rowCaptions[r]);
                c.getStyleClass().add("caption");
                c.setWrapText(true);
                c.setMaxWidth(110);
                g.add(c, 0, top + r + 1);
            }
        }
        return g;
    }

    /** Largest |value| of the array, never 0 (a flat map still gets a scale). */
    static double maxAbs(double[] v) {
        return Math.max(HeatmapPainter.maxAbs(v, 0, v.length), 1e-12);
    }
}
