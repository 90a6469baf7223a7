package org.xmodal.app.shell;

import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Where the main window was and how big (its bounds when not maximised, so that leaving the maximised state goes back
 * to them), and whether it was maximised.
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximised) {
    /** Smaller than this, the window's views are cut off; a size remembered smaller is grown to it. */
    static final double MIN_WIDTH = 640;
    static final double MIN_HEIGHT = 420;
    /** How much of the window must lie on a screen for it to count as visible there: enough of its title bar to grab. */
    static final double GRIP = 80;

    /**
     * This placement moved and shrunk as little as possible to lie on a screen: the screen it overlaps most, when
     * enough of it is on one; else the first (the primary), where it is centred. Screens come and go between sessions
     * (a laptop undocked), and a window restored where no screen is cannot be reached to move it back.
     *
     * @param screens the screens' visual bounds (without task bars), the primary first
     */
    public WindowPlacement onScreen(List<Rectangle2D> screens) {
        if (screens.isEmpty()) {
            return this;
        }
        Rectangle2D best = null;
        double bestArea = 0;
        for (Rectangle2D s : screens) {
            double w = Math.min(x + width, s.getMaxX()) - Math.max(x, s.getMinX());
            double h = Math.min(y + height, s.getMaxY()) - Math.max(y, s.getMinY());
            if (w >= GRIP && h > 0 && w * h > bestArea) {
                best = s;
                bestArea = w * h;
            }
        }
        boolean centre = best == null;
        Rectangle2D screen = centre ? screens.get(0) : best;
        double w = Math.min(Math.max(width, MIN_WIDTH), screen.getWidth());
        double h = Math.min(Math.max(height, MIN_HEIGHT), screen.getHeight());
        double nx = centre ? screen.getMinX() + (screen.getWidth() - w) / 2 : clamp(x, screen.getMinX(),
                screen.getMaxX() - w);
        double ny = centre ? screen.getMinY() + (screen.getHeight() - h) / 2 : clamp(y, screen.getMinY(),
                screen.getMaxY() - h);
        return new WindowPlacement(nx, ny, w, h, maximised);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(v, hi));
    }
}
