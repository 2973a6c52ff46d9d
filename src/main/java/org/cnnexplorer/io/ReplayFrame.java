package org.cnnexplorer.io;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.cnnexplorer.nn.Network;
import org.cnnexplorer.train.ImageActivations;

/**
 * One picture of a run at one step, for slides: the filters on a blue-white-red scale (fixed for
 * the whole replay, so colours compare across frames) and, optionally, one image's feature maps on
 * a viridis-like scale. Plain Java2D, so the command line needs no JavaFX.
 */
public final class ReplayFrame {
    /** The app's diverging and sequential maps' control colours (app.render.ColorMap; a test keeps them equal). */
    static final int[] DIVERGING = {0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f};
    static final int[] SEQUENTIAL = {0x440154, 0x482878, 0x3e4a89, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6dcd59, 0xb4de2c, 0xfde725};
    private static final int[] DIV_TABLE = table(DIVERGING);
    private static final int[] SEQ_TABLE = table(SEQUENTIAL);
    private static final int FILTER_CELL = 16;
    private static final int MAP_SCALE = 2;
    private static final int GAP = 8;
    private static final int MARGIN = 12;
    private static final int TITLE = 22;
    private static final int LABEL = 18;

    private final int numFilters;
    private final double filterScale;
    private final boolean withMaps;
    private final int width;
    private final int height;

    /**
     * @param filterScale the largest |weight| over the whole replay: the ends of the colour scale
     * @param withMaps whether frames show one image's feature maps under the filters
     */
    public ReplayFrame(int numFilters, double filterScale, boolean withMaps) {
        this.numFilters = numFilters;
        this.filterScale = filterScale > 0 ? filterScale : 1;
        this.withMaps = withMaps;
        int filtersWidth = numFilters * (3 * FILTER_CELL + GAP) - GAP;
        int mapsWidth = (numFilters + 1) * (26 * MAP_SCALE + GAP) + 4;
        this.width = Math.max(320, 2 * MARGIN + Math.max(filtersWidth, withMaps ? mapsWidth : 0));
        this.height = MARGIN + TITLE + LABEL + 3 * FILTER_CELL + (withMaps ? GAP * 2 + LABEL + 28 * MAP_SCALE : 0) + MARGIN;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * Draws the network at one step.
     *
     * @param maps the image's activations under these weights, or null
     */
    public BufferedImage render(Network net, long step, long lastStep, int epoch, ImageActivations maps, int imageIndex) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x202020));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        int y = MARGIN;
        g.drawString(String.format(Locale.ROOT, "step %,d of %,d  \u00b7  epoch %d", step, lastStep, epoch), MARGIN, y + 15);
        y += TITLE;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "filters (blue -%.2f, white 0, red +%.2f)", filterScale, filterScale), MARGIN, y + 12);
        y += LABEL;
        double[] w = net.conv.filters();
        for (int f = 0; f < numFilters; f++) {
            int x0 = MARGIN + f * (3 * FILTER_CELL + GAP);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    g.setColor(new Color(DIV_TABLE[index(w[f * 9 + r * 3 + c], -filterScale, filterScale)]));
                    g.fillRect(x0 + c * FILTER_CELL, y + r * FILTER_CELL, FILTER_CELL, FILTER_CELL);
                }
            }
        }
        y += 3 * FILTER_CELL + GAP * 2;
        if (withMaps && maps != null) {
            g.setColor(new Color(0x202020));
            g.drawString(String.format(Locale.ROOT, "training image %d (a%s %d): input and feature maps, predicted %d",
                    imageIndex, maps.label() == 8 ? "n" : "", maps.label(), Network.argmax(maps.probabilities())), MARGIN, y + 12);
            y += LABEL;
            BufferedImage input = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < 28 * 28; i++) {
                int v = maps.input()[i] & 0xff;
                input.setRGB(i % 28, i / 28, v << 16 | v << 8 | v);
            }
            g.drawImage(input, MARGIN, y, 28 * MAP_SCALE, 28 * MAP_SCALE, null);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : maps.conv()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            int side = maps.convHeight();
            BufferedImage map = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int f = 0; f < numFilters; f++) {
                for (int i = 0; i < side * side; i++) {
                    map.setRGB(i % side, i / side, SEQ_TABLE[index(maps.conv()[f * side * side + i], lo, hi)]);
                }
                int x0 = MARGIN + 28 * MAP_SCALE + GAP + 4 + f * (side * MAP_SCALE + GAP);
                g.drawImage(map, x0, y + MAP_SCALE, side * MAP_SCALE, side * MAP_SCALE, null);
            }
        }
        g.dispose();
        return img;
    }

    static int[] table(int[] rgb) {
        int[] t = new int[256];
        int segments = rgb.length - 1;
        for (int i = 0; i < 256; i++) {
            double x = i / 255.0 * segments;
            int s = Math.min((int) x, segments - 1);
            double f = x - s;
            int r = (int) Math.round(((rgb[s] >> 16) & 0xff) * (1 - f) + ((rgb[s + 1] >> 16) & 0xff) * f);
            int gr = (int) Math.round(((rgb[s] >> 8) & 0xff) * (1 - f) + ((rgb[s + 1] >> 8) & 0xff) * f);
            int b = (int) Math.round((rgb[s] & 0xff) * (1 - f) + (rgb[s + 1] & 0xff) * f);
            t[i] = r << 16 | gr << 8 | b;
        }
        return t;
    }

    static int index(double v, double lo, double hi) {
        if (!(hi > lo)) {
            return 128;
        }
        double t = (v - lo) / (hi - lo);
        if (!(t >= 0)) {
            return Double.isNaN(t) ? 128 : 0;
        }
        return t >= 1 ? 255 : (int) (t * 256);
    }
}
