package org.xmodal.app.fx;

import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * An image with zoom (wheel, about the cursor), pan (drag), fit (double-click), an optional second image shown
 * right of a swipe line, and {@link Mark}s drawn on top at screen resolution so labels stay sharp at any zoom.
 * Pixels are drawn without smoothing when enlarged, so a zoomed pixel is a square, and blended when shrunk, so that
 * thin strokes survive. Reports the image point under the cursor. Canvases showing pictures of the same pixels can
 * {@linkplain #shareViewport share one view}: the same zoom, and the same image point at the centre of each, so that a
 * pixel is at the same place in all of them, however each is zoomed or panned.
 */
public final class ImageCanvas extends Region {
    private static final Color BACKGROUND = Color.web("#1e1f22");
    private static final Font LABEL_FONT = Font.font("SansSerif", 12);

    private final Canvas canvas = new Canvas();
    private Viewport viewport = new Viewport();
    /** The canvases sharing {@link #viewport}: this one alone unless {@link #shareViewport} joined it to others. */
    private List<ImageCanvas> group = List.of(this);
    private final ObjectProperty<Image> image = new SimpleObjectProperty<>(this, "image");
    private final ObjectProperty<Image> secondImage = new SimpleObjectProperty<>(this, "secondImage");
    private final DoubleProperty split = new SimpleDoubleProperty(this, "split", 0.5);
    private final ObservableList<Mark> marks = FXCollections.observableArrayList();
    private final StringProperty placeholder = new SimpleStringProperty(this, "placeholder", "");
    /** What surrounds the picture: dark for photographs and maps, the pictures' own page colour for figures. */
    private final ObjectProperty<Color> background =
            new SimpleObjectProperty<>(this, "surround", BACKGROUND);
    private final ReadOnlyObjectWrapper<Point2D> pointed = new ReadOnlyObjectWrapper<>(this, "pointed");
    private double imageWidth = -1;
    private double imageHeight = -1;
    private double dragX;
    private double dragY;
    /** What the canvas shows changed since it was last painted. */
    private boolean dirty = true;
    /** Paints so far, for tests. */
    private int paints;

    public ImageCanvas() {
        getChildren().add(canvas);
        getStyleClass().add("image-canvas");
        background.addListener((obs, o, n) -> redraw());
        setMinSize(40, 40);
        setPrefSize(320, 240);
        image.addListener((obs, old, img) -> {
            if (img != null && (img.getWidth() != imageWidth || img.getHeight() != imageHeight)) {
                imageWidth = img.getWidth();
                imageHeight = img.getHeight();
                fit();
            }
            redraw();
        });
        for (Observable o : new Observable[] {secondImage, split, marks, placeholder}) {
            o.addListener(x -> redraw());
        }
        setOnScroll(e -> {
            if (image.get() != null && e.getDeltaY() != 0) {
                viewport.zoomAt(e.getDeltaY() > 0 ? 1.25 : 0.8, e.getX() - shiftX(), e.getY() - shiftY());
                redrawGroup();
            }
        });
        setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        setOnMouseDragged(e -> {
            viewport.pan(e.getX() - dragX, e.getY() - dragY);
            dragX = e.getX();
            dragY = e.getY();
            redrawGroup();
        });
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                fit();
            }
        });
        setOnMouseMoved(e -> pointed.set(toImage(e.getX(), e.getY())));
        setOnMouseExited(e -> pointed.set(null));
    }

    /**
     * Joins canvases into one view: one zoom and pan for all (what is done in one is done in every one), fitted to
     * the smallest of them, and each centred on the same image point. Meant for pictures of the same size.
     */
    public static void shareViewport(ImageCanvas... canvases) {
        Viewport shared = new Viewport();
        List<ImageCanvas> g = List.of(canvases);
        for (ImageCanvas c : canvases) {
            c.viewport = shared;
            c.group = g;
        }
    }

    /** The size the shared view is laid out for: the smallest of the group's canvases that have been laid out. */
    private double viewWidth() {
        return group.stream().mapToDouble(Region::getWidth).filter(w -> w > 0).min().orElse(getWidth());
    }

    private double viewHeight() {
        return group.stream().mapToDouble(Region::getHeight).filter(h -> h > 0).min().orElse(getHeight());
    }

    /** How far this canvas's centre is from the shared view's: a larger canvas shows more around the same centre. */
    private double shiftX() {
        return (getWidth() - viewWidth()) / 2;
    }

    private double shiftY() {
        return (getHeight() - viewHeight()) / 2;
    }

    private double screenX(double imageX) {
        return shiftX() + viewport.screenX(imageX);
    }

    private double screenY(double imageY) {
        return shiftY() + viewport.screenY(imageY);
    }

    /** Where an image point is drawn in this canvas (its own coordinates), for tests and for marks. */
    public Point2D screenPoint(double imageX, double imageY) {
        return new Point2D(screenX(imageX), screenY(imageY));
    }

    /** The current zoom: screen pixels per image pixel. */
    public double zoom() {
        return viewport.zoom();
    }

    private Point2D toImage(double sx, double sy) {
        if (image.get() == null) {
            return null;
        }
        double x = viewport.imageX(sx - shiftX());
        double y = viewport.imageY(sy - shiftY());
        return x >= 0 && y >= 0 && x < imageWidth && y < imageHeight ? new Point2D(x, y) : null;
    }

    public void fit() {
        if (imageWidth > 0 && viewWidth() > 0 && viewHeight() > 0) {
            viewport.fit(imageWidth, imageHeight, viewWidth(), viewHeight());
        }
        redrawGroup();
    }

    public void actualSize() {
        if (imageWidth > 0) {
            viewport.actualSize(imageWidth, imageHeight, viewWidth(), viewHeight());
        }
        redrawGroup();
    }

    public void zoomIn() {
        viewport.zoomAt(1.25, viewWidth() / 2, viewHeight() / 2);
        redrawGroup();
    }

    public void zoomOut() {
        viewport.zoomAt(0.8, viewWidth() / 2, viewHeight() / 2);
        redrawGroup();
    }

    @Override
    protected void layoutChildren() {
        boolean resized = canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight();
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        double zoom = viewport.zoom();
        double left = viewport.screenX(0);
        double top = viewport.screenY(0);
        if (viewport.isFitted() && imageWidth > 0) {
            viewport.fit(imageWidth, imageHeight, viewWidth(), viewHeight());
        }
        if (resized || zoom != viewport.zoom() || left != viewport.screenX(0) || top != viewport.screenY(0)) {
            // the shared view is fitted to the smallest canvas of the group and each is centred on it: all change
            for (ImageCanvas c : group) {
                if (c != this) {
                    c.redraw();
                }
            }
            dirty = true;
        }
        if (dirty) {
            paint();
        }
    }

    /** Redraws every canvas of the view (a change of the shared view, or of the size it is laid out for). */
    private void redrawGroup() {
        for (ImageCanvas c : group) {
            c.redraw();
        }
    }

    /**
     * Has the canvas painted again in its next layout (of this pulse, or the next one), once however often it is
     * asked. A canvas keeps every drawing command given since its last reset, and JavaFX resets it only once they
     * fill a kilobyte: painted on every change, the renderer drew the picture as often in one frame (a pair shown,
     * its marks, each layout; for canvases sharing a view, each of them for every layout of any), and drawing a
     * picture shrunk with smoothing is the renderer's dearest work in the software pipeline.
     */
    private void redraw() {
        dirty = true;
        setNeedsLayout(true);
    }

    private void paint() {
        dirty = false;
        paints++;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(background.get());
        g.fillRect(0, 0, w, h);
        Image img = image.get();
        if (img == null) {
            g.setFill(Color.web("#9aa0a6"));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.setFont(LABEL_FONT);
            g.fillText(placeholder.get(), w / 2, h / 2);
            return;
        }
        // enlarged, a pixel stays a square; shrunk, pixels are blended, or thin strokes (a caption's, a grid line)
        // fall between the sampled ones and vanish
        g.setImageSmoothing(viewport.zoom() < 1);
        drawImage(g, img);
        Image second = secondImage.get();
        if (second != null) {
            // the second picture's part right of the line, drawn where it falls: clipped to the line instead, the
            // canvas was drawn through a mask as large as itself, 10.5-10.9 ms of the renderer's CPU per frame of a
            // swipe of two 640 x 480 pictures against 3.7-4.4 ms (the software pipeline, 2026-12-06)
            double f = Math.min(1, Math.max(0, split.get()));
            double sx = screenX(imageWidth * f);
            if (f < 1) {
                g.drawImage(second, second.getWidth() * f, 0, second.getWidth() * (1 - f), second.getHeight(), sx,
                        screenY(0), imageWidth * (1 - f) * viewport.zoom(), imageHeight * viewport.zoom());
            }
            g.setStroke(Color.WHITE);
            g.setLineWidth(2);
            g.strokeLine(sx, screenY(0), sx, screenY(imageHeight));
        }
        for (Mark m : marks) {
            if (m instanceof Mark.Rect r) {
                drawRect(g, r);
            } else if (m instanceof Mark.Line l) {
                drawLine(g, l);
            }
        }
    }

    private void drawImage(GraphicsContext g, Image img) {
        g.drawImage(img, screenX(0), screenY(0), imageWidth * viewport.zoom(),
                imageHeight * viewport.zoom());
    }

    private void drawRect(GraphicsContext g, Mark.Rect r) {
        Color c = colour(r.colour());
        double x1 = screenX(r.x1());
        double y1 = screenY(r.y1());
        g.setStroke(c);
        g.setLineWidth(2);
        g.strokeRect(x1, y1, screenX(r.x2()) - x1, screenY(r.y2()) - y1);
        label(g, r.label(), x1, y1, c);
    }

    private void drawLine(GraphicsContext g, Mark.Line l) {
        Color c = colour(l.colour());
        double x1 = screenX(l.x1());
        double y1 = screenY(l.y1());
        double x2 = screenX(l.x2());
        double y2 = screenY(l.y2());
        g.setStroke(c);
        g.setLineWidth(2.5);
        g.strokeLine(x1, y1, x2, y2);
        if (l.arrow()) {
            double a = Math.atan2(y2 - y1, x2 - x1);
            for (double side : new double[] {-0.5, 0.5}) {
                g.strokeLine(x2, y2, x2 - 12 * Math.cos(a + side), y2 - 12 * Math.sin(a + side));
            }
            label(g, l.label(), x2 + 4, y2, c);
        } else {
            label(g, l.label(), x1 + 4, y1 + 16, c);
        }
    }

    private static void label(GraphicsContext g, String text, double x, double y, Color c) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Text t = new Text(text);
        t.setFont(LABEL_FONT);
        double tw = t.getLayoutBounds().getWidth() + 6;
        double th = t.getLayoutBounds().getHeight();
        double top = Math.max(0, y - th - 1);
        g.setFill(c);
        g.fillRect(x - 1, top, tw, th + 1);
        g.setFill(c.getBrightness() > 0.7 && c.getSaturation() < 0.8 ? Color.BLACK : Color.WHITE);
        g.setFont(LABEL_FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(text, x + 2, top);
    }

    private static Color colour(int rgb) {
        return Color.rgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    public ObjectProperty<Image> imageProperty() {
        return image;
    }

    /** Drawn right of the swipe line; null for none. */
    public ObjectProperty<Image> secondImageProperty() {
        return secondImage;
    }

    /** The swipe line's position as a fraction of the image width. */
    public DoubleProperty splitProperty() {
        return split;
    }

    public ObservableList<Mark> marks() {
        return marks;
    }

    /** Shown while there is no image. */
    public ObjectProperty<Color> surroundProperty() {
        return background;
    }

    public StringProperty placeholderProperty() {
        return placeholder;
    }

    /** The image point under the mouse, or null when the mouse is not over the image. */
    public ReadOnlyObjectProperty<Point2D> pointedProperty() {
        return pointed.getReadOnlyProperty();
    }

    /** How often the canvas has been painted, for tests. */
    int paints() {
        return paints;
    }

    /** The image currently drawn, for tests and screenshots. */
    public Image currentImage() {
        return image.get();
    }
}
