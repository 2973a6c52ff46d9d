package org.cnnexplorer.app.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.cnnexplorer.app.AppModel;
import org.cnnexplorer.app.render.ColorLegend;
import org.cnnexplorer.app.render.ColorMap;
import org.cnnexplorer.app.render.HeatmapView;
import org.cnnexplorer.app.render.PowerOfTen;
import org.cnnexplorer.train.NetworkSnapshot;

/**
 * The conv layer's F 3x3 filters, each beside its latest gradient dL/dfilter, as heatmaps with
 * the numbers in the cells. All filters share one symmetric scale, all gradients another, so
 * colours compare across filters and white is exactly zero.
 */
public final class FiltersView extends LiveView {
    private static final double CELL = 46;

    private final AppModel model;
    private final FlowPane cards = new FlowPane(14, 14);
    private final List<HeatmapView> weightMaps = new ArrayList<>();
    private final List<HeatmapView> gradientMaps = new ArrayList<>();
    private final ColorLegend weightLegend = new ColorLegend(ColorMap.DIVERGING, "filter weights", 220);
    private final ColorLegend gradientLegend = new ColorLegend(ColorMap.DIVERGING, "gradient dL/dfilter (last step)", 220);
    private final Label info = new Label();
    /** The second convolution's filters: row = its output filter, column = input channel (a layer-1 filter). */
    private final javafx.scene.layout.GridPane layer2 = new javafx.scene.layout.GridPane();
    private final Label layer2Title = new Label();
    private final List<HeatmapView> layer2Maps = new ArrayList<>();
    private int layer2Rows;
    private int layer2Cols;
    /** The power of ten the gradient cells are written in; MIN_VALUE until the first render. */
    private int gradientExponent = Integer.MIN_VALUE;

    public FiltersView(AppModel model) {
        this.model = model;
        setId("filters-view");
        ViewHeader header = new ViewHeader("Filters",
                "The conv layer's 3×3 filters, which the article initialises to random numbers divided by 9 and then "
                        + "changes with every SGD step by −learning rate × dL/dfilter, shown right of each filter.",
                "Blue is negative, white zero, red positive; one shared scale for all filters and another for all gradients "
                        + "(see the legends). Hover a cell for its exact value.");
        weightLegend.setId("filter-legend");
        gradientLegend.setId("gradient-legend");
        info.getStyleClass().add("hint");
        HBox legends = new HBox(30, weightLegend, gradientLegend, info);
        legends.setAlignment(Pos.BOTTOM_LEFT);
        VBox top = new VBox(8, header, legends);
        top.setPadding(new Insets(10));
        setTop(top);
        cards.setPadding(new Insets(10));
        layer2.setHgap(4);
        layer2.setVgap(4);
        layer2.setPadding(new Insets(0, 10, 10, 10));
        layer2.setId("layer2-filters");
        layer2Title.getStyleClass().add("card-title");
        layer2Title.setPadding(new Insets(0, 10, 0, 10));
        layer2Title.setWrapText(true);
        ScrollPane scroll = new LiveScrollPane(new VBox(6, cards, layer2Title, layer2));
        scroll.setFitToWidth(true);
        setCenter(scroll);
        model.snapshotProperty().addListener((o, was, now) -> requestRender());
        render();
    }

    /** Filter f's weight heatmap, for tests. */
    public HeatmapView weightMap(int f) {
        return weightMaps.get(f);
    }

    public int filterCount() {
        return weightMaps.size();
    }

    /** Heatmaps of the second convolution's filters, one per (output filter, input channel); none with one layer. */
    public int layer2MapCount() {
        return layer2Maps.size();
    }

    @Override
    protected void render() {
        NetworkSnapshot s = model.snapshot();
        if (s == null) {
            return;
        }
        if (weightMaps.size() != s.numFilters) {
            build(s.numFilters);
        }
        double wScale = nonZero(s.maxAbsFilter());
        double gScale = nonZero(s.maxAbsFilterGradient());
        // Gradients are small: their cells show multiples of one power of ten, named in the legend.
        int e = PowerOfTen.exponent(s.maxAbsFilterGradient());
        // A new formatter redraws the map, so set it only when the unit changes (not twice a render).
        var gradientText = e == gradientExponent ? null : PowerOfTen.formatter(e, 2);
        gradientExponent = e;
        for (int f = 0; f < s.numFilters; f++) {
            weightMaps.get(f).setData(s.filter(f), 0, 3, 3, ColorMap.DIVERGING, -wScale, wScale);
            HeatmapView g = gradientMaps.get(f);
            if (gradientText != null) {
                g.setValueFormatter(gradientText);
            }
            g.setData(s.filterGradient(f), 0, 3, 3, ColorMap.DIVERGING, -gScale, gScale);
        }
        weightLegend.setSymmetric(wScale, "%.3f");
        gradientLegend.setCaption("gradient dL/dfilter (last step)" + (e == 0 ? "" : ", cells in " + PowerOfTen.unit(e)));
        if (s.maxAbsFilterGradient() == 0) {
            gradientLegend.clearRange();  // no step yet: a scale of "-0.000 … 0.000" would be made up
        } else {
            gradientLegend.setSymmetric(gScale, e < -2 ? "%.2e" : "%.3f");
        }
        info.setText(s.maxAbsFilterGradient() == 0 ? "No gradient yet: train a step." : "");
        renderLayer2(s);
    }

    /** Layer 2's 3x3 slices on their own shared scale, one row per output filter, one column per input channel. */
    private void renderLayer2(NetworkSnapshot s) {
        int rows = s.arch.filters2();
        int cols = s.arch.filters1();
        if (rows != layer2Rows || cols != layer2Cols) {
            layer2Rows = rows;
            layer2Cols = cols;
            layer2.getChildren().clear();
            layer2Maps.clear();
            for (int c = 0; c < cols && rows > 0; c++) {
                layer2.add(new Label("ch " + (c + 1)), c + 1, 0);
            }
            for (int f = 0; f < rows; f++) {
                layer2.add(new Label("Filter " + (f + 1)), 0, f + 1);
                for (int c = 0; c < cols; c++) {
                    HeatmapView v = new HeatmapView(12);
                    v.setId("layer2-filter-" + f + "-" + c);
                    layer2Maps.add(v);
                    layer2.add(v, c + 1, f + 1);
                }
            }
        }
        layer2Title.setVisible(rows > 0);
        layer2Title.setManaged(rows > 0);
        if (rows == 0) {
            return;
        }
        layer2Title.setText("Layer 2: " + rows + " filters, each a 3×3 slice per input channel (a filter of layer 1 above), "
                + "summed over the channels; one shared scale, ±" + String.format("%.3f", s.maxAbsFilter2())
                + ". The filters above are layer 1's.");
        double scale = nonZero(s.maxAbsFilter2());
        for (int f = 0; f < rows; f++) {
            for (int c = 0; c < cols; c++) {
                layer2Maps.get(f * cols + c).setData(s.filter2(f, c), 0, 3, 3, ColorMap.DIVERGING, -scale, scale);
            }
        }
    }

    private static double nonZero(double m) {
        return m > 0 ? m : 1e-9;
    }

    private void build(int n) {
        gradientExponent = Integer.MIN_VALUE;
        cards.getChildren().clear();
        weightMaps.clear();
        gradientMaps.clear();
        for (int f = 0; f < n; f++) {
            HeatmapView w = map("%.3f");
            HeatmapView g = map("%.2f");
            w.setId("filter-" + f);
            g.setId("filter-gradient-" + f);
            weightMaps.add(w);
            gradientMaps.add(g);
            Label title = new Label("Filter " + (f + 1));
            title.getStyleClass().add("card-title");
            Label wl = new Label("weights");
            Label gl = new Label("gradient");
            wl.getStyleClass().add("hint");
            gl.getStyleClass().add("hint");
            HBox pair = new HBox(10, new VBox(2, wl, w), new VBox(2, gl, g));
            VBox card = new VBox(4, title, pair);
            card.getStyleClass().add("card");
            cards.getChildren().add(card);
        }
    }

    private static HeatmapView map(String format) {
        HeatmapView v = new HeatmapView(CELL);
        v.setCellLines(true);
        v.setValueFormat(format);
        return v;
    }
}
