package org.cnnexplorer.app.lesson;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.scilab.forge.jlatexmath.ParseException;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * LaTeX to a JavaFX image with JLaTeXMath: the formula is laid out and painted into a Java2D
 * image (no AWT window, so it works headless), then converted. Rendered at twice the size and
 * shown at half, so it stays sharp on HiDPI screens.
 */
public final class MathImage {
    private static final float SIZE = 17f;
    private static final int SCALE = 2;
    private static final Map<String, Image> CACHE = new HashMap<>();

    private MathImage() {
    }

    /** The typeset formula; throws IllegalArgumentException with the parser's message for bad LaTeX. */
    public static Image render(String latex) {
        Image cached = CACHE.get(latex);
        if (cached != null) {
            return cached;
        }
        TeXIcon icon;
        try {
            icon = new TeXFormula(latex).createTeXIcon(TeXConstants.STYLE_DISPLAY, SIZE * SCALE);
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot typeset " + latex + ": " + e.getMessage(), e);
        }
        icon.setInsets(new java.awt.Insets(2 * SCALE, 2 * SCALE, 2 * SCALE, 2 * SCALE));
        icon.setForeground(new Color(0x22, 0x22, 0x22));
        BufferedImage img = new BufferedImage(Math.max(1, icon.getIconWidth()), Math.max(1, icon.getIconHeight()),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        icon.paintIcon(null, g, 0, 0);
        g.dispose();
        Image fx = SwingFXUtils.toFXImage(img, null);
        CACHE.put(latex, fx);
        return fx;
    }

    /** The factor the image is drawn larger than shown. */
    public static int scale() {
        return SCALE;
    }
}
