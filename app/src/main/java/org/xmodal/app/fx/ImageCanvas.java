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
 * thin strokes survive. Reports the image point under the cursor.
 */
public final class ImageCanvas extends Region {
    private static final Color BACKGROUND = Color.web("#1e1f22");
    private static final Font LABEL_FONT = Font.font("SansSerif", 12);

    private final Canvas canvas = new Canvas();
    private final Viewport viewport = new Viewport();
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
                viewport.zoomAt(e.getDeltaY() > 0 ? 1.25 : 0.8, e.getX(), e.getY());
                redraw();
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
            redraw();
        });
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                fit();
            }
        });
        setOnMouseMoved(e -> pointed.set(toImage(e.getX(), e.getY())));
        setOnMouseExited(e -> pointed.set(null));
    }

    private Point2D toImage(double sx, double sy) {
        if (image.get() == null) {
            return null;
        }
        double x = viewport.imageX(sx);
        double y = viewport.imageY(sy);
        return x >= 0 && y >= 0 && x < imageWidth && y < imageHeight ? new Point2D(x, y) : null;
    }

    public void fit() {
        if (imageWidth > 0 && getWidth() > 0 && getHeight() > 0) {
            viewport.fit(imageWidth, imageHeight, getWidth(), getHeight());
        }
        redraw();
    }

    public void actualSize() {
        if (imageWidth > 0) {
            viewport.actualSize(imageWidth, imageHeight, getWidth(), getHeight());
        }
        redraw();
    }

    public void zoomIn() {
        viewport.zoomAt(1.25, getWidth() / 2, getHeight() / 2);
        redraw();
    }

    public void zoomOut() {
        viewport.zoomAt(0.8, getWidth() / 2, getHeight() / 2);
        redraw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        if (viewport.isFitted() && imageWidth > 0) {
            viewport.fit(imageWidth, imageHeight, getWidth(), getHeight());
        }
        redraw();
    }

    private void redraw() {
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
            double sx = viewport.screenX(imageWidth * split.get());
            g.save();
            g.beginPath();
            g.rect(sx, 0, Math.max(0, w - sx), h);
            g.closePath();
            g.clip();
            drawImage(g, second);
            g.restore();
            g.setStroke(Color.WHITE);
            g.setLineWidth(2);
            g.strokeLine(sx, viewport.screenY(0), sx, viewport.screenY(imageHeight));
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
        g.drawImage(img, viewport.screenX(0), viewport.screenY(0), imageWidth * viewport.zoom(),
                imageHeight * viewport.zoom());
    }

    private void drawRect(GraphicsContext g, Mark.Rect r) {
        Color c = colour(r.colour());
        double x1 = viewport.screenX(r.x1());
        double y1 = viewport.screenY(r.y1());
        g.setStroke(c);
        g.setLineWidth(2);
        g.strokeRect(x1, y1, viewport.screenX(r.x2()) - x1, viewport.screenY(r.y2()) - y1);
        label(g, r.label(), x1, y1, c);
    }

    private void drawLine(GraphicsContext g, Mark.Line l) {
        Color c = colour(l.colour());
        double x1 = viewport.screenX(l.x1());
        double y1 = viewport.screenY(l.y1());
        double x2 = viewport.screenX(l.x2());
        double y2 = viewport.screenY(l.y2());
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

    /** The image currently drawn, for tests and screenshots. */
    public Image currentImage() {
        return image.get();
    }
}
