package org.cnnexplorer.app.draw;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.cnnexplorer.data.DigitPreprocessor;
import org.cnnexplorer.draw.Drawing;
import org.cnnexplorer.draw.PenInput;

/**
 * The paper: a canvas the size of the drawing's raster, one screen pixel per raster pixel, that
 * turns mouse or pen drags into strokes of a {@link Drawing} and shows its ink (dark on white).
 * The ink is painted from the same raster the network reads, so what you see is what it gets.
 * Optionally outlines the box the preprocessing crops to.
 */
final class SketchPad extends Region {
    private static final int PAPER = 0xffffffff;
    private final Drawing drawing;
    private final PenInput pen;
    private final Canvas canvas;
    private final WritableImage image;
    private final int[] argb;
    private final int[] inkColor = new int[256];
    private final Runnable onChange;
    private final Runnable onPenUp;
    private DigitPreprocessor.Box crop;

    /** @param onChange after the ink changed; {@code onPenUp} after the pen is lifted */
    SketchPad(Drawing drawing, Runnable onChange, Runnable onPenUp) {
        this.drawing = drawing;
        this.pen = new PenInput(drawing);
        this.onChange = onChange;
        this.onPenUp = onPenUp;
        int w = drawing.raster().width;
        int h = drawing.raster().height;
        this.canvas = new Canvas(w, h);
        this.image = new WritableImage(w, h);
        this.argb = new int[w * h];
        for (int i = 0; i < 256; i++) {
            // Paper white to ink 0x1a1a1a, linear in coverage.
            int v = 255 - Math.round(i * (255 - 0x1a) / 255f);
            inkColor[i] = 0xff000000 | v << 16 | v << 8 | v;
        }
        java.util.Arrays.fill(argb, PAPER);
        getChildren().add(canvas);
        setId("draw-canvas");
        getStyleClass().add("sketch-pad");
        setFocusTraversable(true);
        setMinSize(w, h);
        setPrefSize(w, h);
        setMaxSize(w, h);
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        repaintAll();
    }

    /** The crop box to outline (raster pixels), or null for none. */
    void setCrop(DigitPreprocessor.Box box) {
        this.crop = box;
        draw();
    }

    /** Whether a stroke is being drawn. */
    boolean isPenDown() {
        return pen.isDown();
    }

    /** Repaints every pixel from the raster (after undo or clear). */
    void repaintAll() {
        update(new int[] {0, 0, drawing.raster().width - 1, drawing.raster().height - 1});
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        requestFocus();
        update(pen.press(e.getX(), e.getY()));
        onChange.run();
    }

    private void dragged(MouseEvent e) {
        if (!e.isPrimaryButtonDown()) {
            return;
        }
        changed(pen.move(e.getX(), e.getY()));
    }

    /** A fast stroke may arrive as a press and a release only: the release point is part of it. */
    private void released(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && pen.isDown()) {
            changed(pen.release(e.getX(), e.getY()));
            onPenUp.run();
        }
    }

    private void changed(int[] rect) {
        if (rect != null) {
            update(rect);
            onChange.run();
        }
    }

    /** Copies the touched rectangle of the raster into the image, then redraws the canvas. */
    private void update(int[] rect) {
        if (rect != null) {
            int w = drawing.raster().width;
            double[] ink = drawing.raster().ink();
            for (int y = rect[1]; y <= rect[3]; y++) {
                for (int x = rect[0]; x <= rect[2]; x++) {
                    int i = y * w + x;
                    argb[i] = inkColor[(int) Math.round(ink[i] * 255)];
                }
            }
            int rw = rect[2] - rect[0] + 1;
            int rh = rect[3] - rect[1] + 1;
            image.getPixelWriter().setPixels(rect[0], rect[1], rw, rh, PixelFormat.getIntArgbInstance(), argb, rect[1] * w + rect[0], w);
        }
        draw();
    }

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        gc.drawImage(image, 0, 0);
        if (drawing.isEmpty()) {
            gc.setFill(Color.gray(0.55));
            gc.setFont(Font.font("System", 15));
            gc.setTextAlign(TextAlignment.CENTER);
            gc.fillText("Draw a digit here", w / 2, h / 2);
        } else if (crop != null) {
            gc.setStroke(Color.web("#2166ac", 0.7));
            gc.setLineWidth(1);
            gc.setLineDashes(4, 4);
            gc.strokeRect(crop.x0() + 0.5, crop.y0() + 0.5, crop.width() - 1, crop.height() - 1);
            gc.setLineDashes();
        }
        gc.setStroke(Color.gray(0.6));
        gc.setLineWidth(1);
        gc.strokeRect(0.5, 0.5, w - 1, h - 1);
    }
}
