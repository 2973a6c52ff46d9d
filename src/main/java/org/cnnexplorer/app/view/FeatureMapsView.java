package org.cnnexplorer.app.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.cnnexplorer.app.render.HeatmapPainter;
import org.cnnexplorer.app.render.HeatmapView;
import org.cnnexplorer.app.render.ProbabilityBars;
import org.cnnexplorer.train.ImageActivations;

/**
 * One image's trip through the network: the 28x28 input, the 26x26 output of each filter, the
 * 13x13 result of max pooling each one, and the ten softmax probabilities. With two convolutions
 * both layers' maps are shown (26x26, then 24x24 pooled to 12x12), each row captioned with its size.
 */
public final class FeatureMapsView extends LiveView {
    private final ImageSelection selection;
    private final ImagePicker picker;
    private final HeatmapView input = new HeatmapView(6);
    private final ProbabilityBars bars = new ProbabilityBars();
    private final Label verdict = new Label();
    private final FlowPane firstRow = new FlowPane(10, 10);
    private final FlowPane convRow = new FlowPane(10, 10);
    private final FlowPane poolRow = new FlowPane(10, 10);
    private final Label firstCaption = caption("");
    private final Label convCaption = caption("");
    private final Label poolCaption = caption("");
    private final List<HeatmapView> firstMaps = new ArrayList<>();
    private final List<HeatmapView> convMaps = new ArrayList<>();
    private final List<HeatmapView> poolMaps = new ArrayList<>();
    private final ViewHeader header;
    private final ColorLegend legend = new ColorLegend(ColorMap.SEQUENTIAL, "conv and pooled outputs of this image", 260);

    public FeatureMapsView(AppModel model, ImageSelection selection) {
        this.selection = selection;
        setId("feature-maps-view");
        header = new ViewHeader("Feature maps",
                "The forward pass, as the article's forward() makes it: the image scaled to [−0.5, 0.5], convolved with each 3×3 "
                        + "filter, halved by 2×2 max pooling, then flattened into the softmax layer's ten probabilities. "
                        + "Each row below says its maps' size.",
                colourKey(false));
        picker = new ImagePicker(model, selection, "maps");
        VBox top = new VBox(8, header, picker);
        top.setPadding(new Insets(10));
        setTop(top);

        input.setId("input-map");
        bars.setId("probability-bars");
        verdict.setId("verdict");
        verdict.getStyleClass().add("card-title");
        ColorLegend inputLegend = new ColorLegend(ColorMap.GREYS, "input pixel", 168);
        inputLegend.setRange(0, 255, "%.0f");
        VBox inputBox = new VBox(4, caption("Input (28×28)"), input, inputLegend);
        VBox barsBox = new VBox(4, caption("Softmax output: probability of each digit"), bars, verdict);
        legend.setId("activation-legend");
        HBox first = new HBox(30, inputBox, barsBox, legend);
        first.setAlignment(Pos.TOP_LEFT);
        VBox content = new VBox(14, first, firstCaption, firstRow, convCaption, convRow, poolCaption, poolRow);
        firstCaption.managedProperty().bind(firstCaption.visibleProperty());
        firstRow.managedProperty().bind(firstRow.visibleProperty());
        firstRow.visibleProperty().bind(firstCaption.visibleProperty());
        caption(1, false, 26, 13);
        content.setPadding(new Insets(4, 10, 10, 10));
        ScrollPane scroll = new LiveScrollPane(content);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        selection.addListener(this::requestRender);
        render();
    }

    static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("card-title");
        return l;
    }

    private static String colourKey(boolean relu) {
        return "Input: black background, white ink. Conv and pooled outputs share one scale: dark purple is this image's lowest value, "
                + "yellow its highest " + (relu ? "(after ReLU, none below 0)" : "(no ReLU in the article, so values can be negative)")
                + ". Bars: dark blue is the true label, the red outline the prediction.";
    }

    /** The rows' captions for a network of {@code layers} convolutions whose last one gives size x size maps. */
    private void caption(int layers, boolean relu, int size, int pooled) {
        header.setColourMeaning(colourKey(relu));
        String r = relu ? " after ReLU" : "";
        firstCaption.setVisible(layers == 2);
        firstCaption.setText("Layer 1 convolution" + r + ": one 26×26 map per filter");
        convCaption.setText(layers == 2
                ? "Layer 2 convolution" + r + ": one " + size + "×" + size + " map per filter, each the sum of a 3×3 filter slice over every map of layer 1"
                : "Convolution output" + r + ": one " + size + "×" + size + " map per filter");
        poolCaption.setText("After 2×2 max pooling: " + pooled + "×" + pooled + " per filter (each cell is the largest of a 2×2 block above)");
    }

    /** The row captions in order, for tests. */
    public String captions() {
        return (firstCaption.isVisible() ? firstCaption.getText() + "\n" : "") + convCaption.getText() + "\n" + poolCaption.getText();
    }

    /** Maps shown for convolution layer 1 or 2 (with one layer, layer 1's are the pooled ones' source). */
    public int layerMapCount(int layer) {
        return layer == 2 || firstMaps.isEmpty() ? (layer == 2 && firstMaps.isEmpty() ? 0 : convMaps.size()) : firstMaps.size();
    }

    public ProbabilityBars probabilityBars() {
        return bars;
    }

    /** Filter f's conv map, for tests. */
    public HeatmapView convMap(int f) {
        return convMaps.get(f);
    }

    public HeatmapView inputMap() {
        return input;
    }

    @Override
    protected void render() {
        picker.refresh();
        ImageActivations a = selection.activations();
        if (a == null) {
            input.clear();
            bars.clear();
            verdict.setText("");
            for (HeatmapView v : convMaps) {
                v.clear();
            }
            for (HeatmapView v : poolMaps) {
                v.clear();
            }
            for (HeatmapView v : firstMaps) {
                v.clear();
            }
            return;
        }
        int firstCount = a.convLayers() == 2 ? a.firstFilters() : 0;
        if (convMaps.size() != a.numFilters() || firstMaps.size() != firstCount) {
            build(a.numFilters(), firstCount);
        }
        caption(a.convLayers(), a.relu(), a.convWidth(), a.pooledWidth());
        input.setBytes(a.input(), 0, a.width(), a.height(), ColorMap.GREYS);
        // pooled values are a subset of the conv values, so the conv range covers both rows
        double[] span = HeatmapPainter.range(a.conv(), 0, a.conv().length);
        if (firstCount > 0) {
            double[] s1 = HeatmapPainter.range(a.firstConv(), 0, a.firstConv().length);
            span = new double[] {Math.min(span[0], s1[0]), Math.max(span[1], s1[1])};
        }
        double[] r = HeatmapPainter.nonEmpty(span[0], span[1]);
        for (int f = 0; f < firstCount; f++) {
            firstMaps.get(f).setData(a.firstConv(), a.firstConvOffset(f), a.firstConvWidth(), a.firstConvHeight(),
                    ColorMap.SEQUENTIAL, r[0], r[1]);
        }
        int ch = a.convHeight();
        int cw = a.convWidth();
        int ph = a.pooledHeight();
        int pw = a.pooledWidth();
        for (int f = 0; f < a.numFilters(); f++) {
            convMaps.get(f).setData(a.conv(), a.convOffset(f), cw, ch, ColorMap.SEQUENTIAL, r[0], r[1]);
            poolMaps.get(f).setData(a.pooled(), a.pooledOffset(f), pw, ph, ColorMap.SEQUENTIAL, r[0], r[1]);
        }
        legend.setRange(r[0], r[1], "%.2f");
        bars.setProbabilities(a.probabilities(), a.label());
        int p = a.predicted();
        double loss = a.label() >= 0 ? -Math.log(a.probabilities()[a.label()]) : Double.NaN;
        verdict.setText(a.label() < 0
                ? String.format(Locale.ROOT, "Predicted %d (%.1f%%)", p, 100 * a.probabilities()[p])
                : String.format(Locale.ROOT, "Label %d, predicted %d (%.1f%%)%s · loss %.3f",
                        a.label(), p, 100 * a.probabilities()[p], p == a.label() ? ": right" : ": wrong", loss));
    }

    private void build(int n, int first) {
        firstRow.getChildren().clear();
        firstMaps.clear();
        for (int f = 0; f < first; f++) {
            HeatmapView m = new HeatmapView(4);
            m.setId("layer1-map-" + f);
            firstMaps.add(m);
            firstRow.getChildren().add(new VBox(2, new Label("filter " + (f + 1)), m));
        }
        convRow.getChildren().clear();
        poolRow.getChildren().clear();
        convMaps.clear();
        poolMaps.clear();
        for (int f = 0; f < n; f++) {
            HeatmapView c = new HeatmapView(4);
            HeatmapView p = new HeatmapView(8);
            c.setId("conv-map-" + f);
            p.setId("pool-map-" + f);
            convMaps.add(c);
            poolMaps.add(p);
            convRow.getChildren().add(new VBox(2, new Label("filter " + (f + 1)), c));
            poolRow.getChildren().add(new VBox(2, new Label("filter " + (f + 1)), p));
        }
    }
}
