package org.xmodal.app.fx;

/**
 * Zoom and pan of an image in a view: the image point (ix, iy) is drawn at screen point
 * (offsetX + ix * zoom, offsetY + iy * zoom). Fitted until the person zooms or pans, so that it refits when the
 * view is resized.
 */
public final class Viewport {
    public static final double MIN_ZOOM = 0.05;
    public static final double MAX_ZOOM = 64;

    private double zoom = 1;
    private double offsetX;
    private double offsetY;
    private boolean fitted = true;

    /** The whole image, as large as fits, centred. */
    public void fit(double imageWidth, double imageHeight, double viewWidth, double viewHeight) {
        zoom = clamp(Math.min(viewWidth / imageWidth, viewHeight / imageHeight));
        centre(imageWidth, imageHeight, viewWidth, viewHeight);
        fitted = true;
    }

    /** One image pixel per screen pixel, centred. */
    public void actualSize(double imageWidth, double imageHeight, double viewWidth, double viewHeight) {
        zoom = 1;
        centre(imageWidth, imageHeight, viewWidth, viewHeight);
        fitted = false;
    }

    /** Zooms by {@code factor} keeping the image point under the screen point (sx, sy) where it is. */
    public void zoomAt(double factor, double sx, double sy) {
        double ix = imageX(sx);
        double iy = imageY(sy);
        zoom = clamp(zoom * factor);
        offsetX = sx - ix * zoom;
        offsetY = sy - iy * zoom;
        fitted = false;
    }

    public void pan(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
        fitted = false;
    }

    public double imageX(double screenX) {
        return (screenX - offsetX) / zoom;
    }

    public double imageY(double screenY) {
        return (screenY - offsetY) / zoom;
    }

    public double screenX(double imageX) {
        return offsetX + imageX * zoom;
    }

    public double screenY(double imageY) {
        return offsetY + imageY * zoom;
    }

    public double zoom() {
        return zoom;
    }

    public boolean isFitted() {
        return fitted;
    }

    private void centre(double iw, double ih, double vw, double vh) {
        offsetX = (vw - iw * zoom) / 2;
        offsetY = (vh - ih * zoom) / 2;
    }

    private static double clamp(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }
}
