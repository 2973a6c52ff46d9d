package org.cnnexplorer.app.view;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.render.ColorLegend;
import org.cnnexplorer.app.render.ColorMap;
import org.cnnexplorer.app.render.HeatmapPainter;
import org.cnnexplorer.app.render.HeatmapView;
import org.cnnexplorer.app.render.PowerOfTen;
import org.cnnexplorer.train.ImageActivations;

/**
 * Max-pool gradient routing for one image and one filter, like the article's figures: the 26x26
 * conv output with its 2x2 blocks and each block's max, the gradient arriving at the 13x13 pooled
 * output, and that gradient routed back to the 26x26 positions of the maxima (zero elsewhere),
 * with one 4x4 patch zoomed in with its numbers. Click any map to move the patch.
 */
public final class PoolingView extends LiveView {
    private static final String EXPLANATION =
            "The article's MaxPool2.backprop: each 2×2 block passed only its max forward, so the gradient of the pooled "
                    + "cell goes back only to where that max was; every other position gets 0.";

    private final ImageSelection selection;
    private final ImagePicker picker;
    private final ChoiceBox<String> filter = new ChoiceBox<>();
    private final HeatmapView conv = new HeatmapView(10);
    private final HeatmapView incoming = new HeatmapView(20);
    private final HeatmapView routed = new HeatmapView(10);
    private final HeatmapView convPatch = new HeatmapView(36);
    private final HeatmapView pooledPatch = new HeatmapView(36);
    private final HeatmapView incomingPatch = new HeatmapView(36);
    private final HeatmapView routedPatch = new HeatmapView(36);
    private final ColorLegend convLegend = new ColorLegend(ColorMap.SEQUENTIAL, "conv output", 220);
    private final ColorLegend gradLegend = new ColorLegend(ColorMap.DIVERGING, "gradient", 220);
    private final Label convTitle = new Label();
    private final Label incomingTitle = new Label();
    private final Label routedTitle = new Label();
    private final Label ties = new Label();
    private final Label patchTitle = new Label();
    private final ViewHeader header;
    private ImageActivations shown;
    private int f;
    private int blockRow = -1;   // top-left block of the zoomed patch; -1 = follow the strongest gradient
    private int blockCol = -1;
    private int patchRow;
    private int patchCol;

    public PoolingView(AppModel model, ImageSelection selection) {
        this.selection = selection;
        setId("pooling-view");
        header = new ViewHeader("Max-pool gradient routing", EXPLANATION, "");
        picker = new ImagePicker(model, selection, "routing");
        filter.setId("routing-filter");
        // its items come with the first image, after the box took its width from none
        filter.setMinWidth(100);
        filter.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                f = filter.getItems().indexOf(now);
                requestRender();
            }
        });
        HBox choose = new HBox(8, picker, new Label("Filter:"), filter);
        choose.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, header, choose);
        top.setPadding(new Insets(10));
        setTop(top);

        conv.setId("routing-conv");
        incoming.setId("routing-incoming");
        routed.setId("routing-routed");
        convPatch.setId("patch-conv");
        routedPatch.setId("patch-routed");
        for (HeatmapView v : new HeatmapView[] {conv, routed}) {
            v.setGrid(2, Color.color(1, 1, 1, 0.6));
            v.setOnCellClicked((r, c) -> pickBlock(r / 2, c / 2));
        }
        incoming.setCellLines(true);
        incoming.setOnCellClicked(this::pickBlock);
        conv.setOverlay((gc, x0, y0, cell, cols, rows) -> {
            if (shown != null) {
                RoutingMarks.maxima(gc, x0, y0, cell, cols, rows, shown, f, 0, 0, false, false);
                RoutingMarks.outline(gc, x0, y0, cell, patchRow, patchCol, 4);
            }
        });
        routed.setOverlay((gc, x0, y0, cell, cols, rows) -> {
            if (shown != null) {
                RoutingMarks.maxima(gc, x0, y0, cell, cols, rows, shown, f, 0, 0, true, false);
                RoutingMarks.outline(gc, x0, y0, cell, patchRow, patchCol, 4);
            }
        });
        incoming.setOverlay((gc, x0, y0, cell, cols, rows) -> {
            if (shown != null) {
                RoutingMarks.outline(gc, x0, y0, cell, patchRow / 2, patchCol / 2, 2);
            }
        });
        convPatch.setOverlay((gc, x0, y0, cell, cols, rows) -> {
            if (shown != null) {
                RoutingMarks.maxima(gc, x0, y0, cell, cols, rows, shown, f, patchRow, patchCol, false, true);
            }
        });
        routedPatch.setOverlay((gc, x0, y0, cell, cols, rows) -> {
            if (shown != null) {
                RoutingMarks.maxima(gc, x0, y0, cell, cols, rows, shown, f, patchRow, patchCol, true, true);
            }
        });
        for (HeatmapView v : new HeatmapView[] {convPatch, routedPatch}) {
            v.setGrid(2, Color.BLACK);
            v.setCellLines(true);
        }
        pooledPatch.setCellLines(true);
        incomingPatch.setCellLines(true);
        convPatch.setValueFormat("%.3f");
        pooledPatch.setValueFormat("%.3f");

        HBox maps = new HBox(20, box(convTitle, conv), box(incomingTitle, incoming), box(routedTitle, routed));
        titles(1, 26, 13);
        GridPane zoom = new GridPane();
        zoom.setHgap(14);
        zoom.setVgap(8);
        // Forward on the left, backward on the right, as in the article's two figures.
        Label forward = new Label("Forward");
        Label backward = new Label("Backward");
        forward.getStyleClass().add("card-title");
        backward.getStyleClass().add("card-title");
        zoom.add(forward, 0, 0);
        zoom.add(backward, 4, 0);
        zoom.addRow(1, zoomed("conv output", convPatch), arrow("max of each 2×2 block →"), zoomed("pooled", pooledPatch),
                gap(), zoomed("incoming gradient", incomingPatch), arrow("→ copied to each max, 0 elsewhere"),
                zoomed("routed gradient", routedPatch));
        patchTitle.getStyleClass().add("card-title");
        ties.setId("tie-count");
        ties.setWrapText(true);
        ties.setMaxWidth(320);
        ties.setMinWidth(220);
        maps.getChildren().add(new VBox(14, convLegend, gradLegend, ties));
        VBox zoomBox = new VBox(6, patchTitle, zoom);
        VBox content = new VBox(12, maps, zoomBox);
        content.setPadding(new Insets(4, 10, 10, 10));
        ScrollPane scroll = new LiveScrollPane(content);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        selection.addListener(this::requestRender);
        render();
    }

    /** The maps' titles with the sizes of this network's pooled layer (26 and 13 in the article; 24 and 12 after two convolutions). */
    private void titles(int layers, int size, int pooled) {
        String conv = (layers == 2 ? "Layer 2 conv output (" : "Conv output (") + size + "×" + size + ")";
        convTitle.setText(conv + " in 2×2 blocks");
        incomingTitle.setText("Incoming gradient dL/d(pooled) (" + pooled + "×" + pooled + ")");
        routedTitle.setText("Routed gradient dL/d(conv) (" + size + "×" + size + ")");
    }

    private static VBox box(Label l, HeatmapView v) {
        l.getStyleClass().add("card-title");
        l.setWrapText(true);
        // As wide as its map; before the map's first layout its width is 0, which wrapped the
        // title one letter per line on the first visit, so never narrower than a short line.
        l.maxWidthProperty().bind(javafx.beans.binding.Bindings.max(v.widthProperty(), 150).add(10));
        return new VBox(4, l, v);
    }

    private static VBox zoomed(String title, HeatmapView v) {
        Label l = new Label(title);
        l.getStyleClass().add("hint");
        return new VBox(2, l, v);
    }

    private static javafx.scene.layout.Region gap() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        r.setMinWidth(30);
        return r;
    }

    private static Label arrow(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("arrow");
        l.setMaxWidth(110);
        l.setMinWidth(110);
        l.setWrapText(true);
        return l;
    }

    /** Moves the zoomed patch so that pooled cell (i, j)'s block is in it. */
    public void pickBlock(int i, int j) {
        blockRow = i;
        blockCol = j;
        requestRender();
    }

    /**
     * A lesson's focus cue: "block f i j" shows filter f (0-based) and zooms in on pooled cell
     * (i, j); returns the id of the node to mark, or null for parts this view does not name.
     */
    public String highlight(String part) {
        String[] w = part.trim().split("\\s+");
        if (w.length == 4 && w[0].equals("block")) {
            try {
                selectFilter(Integer.parseInt(w[1]));
                pickBlock(Integer.parseInt(w[2]), Integer.parseInt(w[3]));
                return "patch-routed";
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public void selectFilter(int index) {
        filter.getSelectionModel().select(index);
    }

    public HeatmapView routedMap() {
        return routed;
    }

    public HeatmapView convMap() {
        return conv;
    }

    @Override
    protected void render() {
        picker.refresh();
        ImageActivations a = selection.activations();
        shown = a;
        if (a == null) {
            for (HeatmapView v : new HeatmapView[] {conv, incoming, routed, convPatch, pooledPatch, incomingPatch, routedPatch}) {
                v.clear();
            }
            ties.setText("");
            patchTitle.setText("");
            return;
        }
        if (filter.getItems().size() != a.numFilters()) {
            int keep = Math.min(f, a.numFilters() - 1);
            filter.getItems().clear();
            for (int k = 1; k <= a.numFilters(); k++) {
                filter.getItems().add("Filter " + k);
            }
            filter.getSelectionModel().select(keep);
            f = keep;
        }
        int ch = a.convHeight();
        int cw = a.convWidth();
        int ph = a.pooledHeight();
        int pw = a.pooledWidth();
        int co = a.convOffset(f);
        int po = a.pooledOffset(f);
        choosePatch(a, ph, pw, po);

        double[] span = HeatmapPainter.range(a.conv(), co, ch * cw);
        double[] r = HeatmapPainter.nonEmpty(span[0], span[1]);
        double g = Math.max(HeatmapPainter.maxAbs(a.dLdPooled(), po, ph * pw), 1e-12);
        int e = PowerOfTen.exponent(g);
        conv.setData(a.conv(), co, cw, ch, ColorMap.SEQUENTIAL, r[0], r[1]);
        incoming.setData(a.dLdPooled(), po, pw, ph, ColorMap.DIVERGING, -g, g);
        routed.setData(a.dLdConv(), co, cw, ch, ColorMap.DIVERGING, -g, g);

        convPatch.setData(patch(a.conv(), co, cw, patchRow, patchCol, 4), 0, 4, 4, ColorMap.SEQUENTIAL, r[0], r[1]);
        pooledPatch.setData(patch(a.pooled(), po, pw, patchRow / 2, patchCol / 2, 2), 0, 2, 2, ColorMap.SEQUENTIAL, r[0], r[1]);
        incomingPatch.setValueFormatter(PowerOfTen.formatter(e, 2));
        routedPatch.setValueFormatter(PowerOfTen.formatter(e, 2));
        incomingPatch.setData(patch(a.dLdPooled(), po, pw, patchRow / 2, patchCol / 2, 2), 0, 2, 2, ColorMap.DIVERGING, -g, g);
        routedPatch.setData(patch(a.dLdConv(), co, cw, patchRow, patchCol, 4), 0, 4, 4, ColorMap.DIVERGING, -g, g);
        convLegend.setRange(r[0], r[1], "%.2f");
        gradLegend.setCaption("gradient" + (e == 0 ? "" : " (patch numbers in " + PowerOfTen.unit(e) + ")"));
        gradLegend.setSymmetric(g, e < -2 ? "%.1e" : "%.3f");
        patchTitle.setText(String.format(Locale.ROOT, "Zoomed: conv rows %d–%d, columns %d–%d (click a map to move it)",
                patchRow, patchRow + 3, patchCol, patchCol + 3));
        titles(a.convLayers(), a.convWidth(), a.pooledWidth());
        int tieBlocks = a.tieCount(f);
        ties.setText(String.format(Locale.ROOT, "Filter %d: %d of %d blocks have tied maxima (mostly flat background, where every "
                        + "pixel is −0.5). %s", f + 1, tieBlocks, ph * pw,
                a.firstMaxOnly() ? "With the first-max-only option, only the first tied position (row by row) gets the gradient."
                        : "Under the article's rule each tied position gets the whole gradient of its block."));
        header.setColourMeaning("Conv output: dark purple (low) to yellow (high). Gradients: blue negative, white zero, red positive "
                + "(one symmetric scale). ● the block's single max, ○ tied maxima; white lines mark the 2×2 blocks, the black box the zoomed patch.");
    }

    /** Follows the strongest incoming gradient unless the user picked a block. */
    private void choosePatch(ImageActivations a, int ph, int pw, int po) {
        int bi = blockRow;
        int bj = blockCol;
        if (bi < 0) {
            double best = -1;
            for (int i = 0; i < ph; i++) {
                for (int j = 0; j < pw; j++) {
                    double v = Math.abs(a.dLdPooled()[po + i * pw + j]);
                    if (v > best) {
                        best = v;
                        bi = i;
                        bj = j;
                    }
                }
            }
        }
        bi = Math.max(0, Math.min(bi, ph - 2));
        bj = Math.max(0, Math.min(bj, pw - 2));
        patchRow = 2 * bi;
        patchCol = 2 * bj;
    }

    /** An n x n window of a row-major plane of width w, from (row0, col0). */
    static double[] patch(double[] plane, int offset, int w, int row0, int col0, int n) {
        double[] out = new double[n * n];
        for (int y = 0; y < n; y++) {
            System.arraycopy(plane, offset + (row0 + y) * w + col0, out, y * n, n);
        }
        return out;
    }
}
