package org.xmodal.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewportTest {
    @Test
    void fitShowsTheWholeImageCentred() {
        Viewport v = new Viewport();
        v.fit(160, 120, 800, 300);
        assertEquals(2.5, v.zoom(), 1e-12);
        assertEquals(200, v.screenX(0), 1e-9);
        assertEquals(600, v.screenX(160), 1e-9);
        assertEquals(0, v.screenY(0), 1e-9);
        assertTrue(v.isFitted());
    }

    @Test
    void zoomKeepsTheImagePointUnderTheCursorInPlace() {
        Viewport v = new Viewport();
        v.fit(160, 120, 640, 480);
        double ix = v.imageX(300);
        double iy = v.imageY(100);
        v.zoomAt(1.25, 300, 100);
        assertEquals(5, v.zoom(), 1e-12);
        assertEquals(ix, v.imageX(300), 1e-9);
        assertEquals(iy, v.imageY(100), 1e-9);
        assertFalse(v.isFitted(), "a zoomed view is not refitted when the window changes");
    }

    @Test
    void panMovesTheImageWithTheMouse() {
        Viewport v = new Viewport();
        v.actualSize(100, 100, 100, 100);
        v.pan(10, -5);
        assertEquals(10, v.screenX(0), 1e-9);
        assertEquals(-5, v.screenY(0), 1e-9);
    }

    @Test
    void zoomIsBounded() {
        Viewport v = new Viewport();
        for (int i = 0; i < 100; i++) {
            v.zoomAt(2, 0, 0);
        }
        assertEquals(Viewport.MAX_ZOOM, v.zoom());
    }
}
