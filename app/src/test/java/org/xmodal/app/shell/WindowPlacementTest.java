package org.xmodal.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1440, 870);
    private static final Rectangle2D MONITOR = new Rectangle2D(1440, 0, 2560, 1400);

    @Test
    void aWindowOnAScreenStaysWhereItWas() {
        WindowPlacement p = new WindowPlacement(1600, 100, 1360, 860, false);
        assertEquals(p, p.onScreen(List.of(LAPTOP, MONITOR)));
    }

    @Test
    void aWindowLeftOnAScreenThatIsGoneIsCentredOnThePrimary() {
        WindowPlacement onMonitor = new WindowPlacement(1600, 100, 1000, 700, true);
        assertEquals(new WindowPlacement(220, 85, 1000, 700, true), onMonitor.onScreen(List.of(LAPTOP)));
    }

    @Test
    void aWindowLargerThanItsScreenIsShrunkToIt() {
        WindowPlacement big = new WindowPlacement(1500, 20, 2400, 1600, false);
        assertEquals(new WindowPlacement(1500, 0, 2400, 1400, false), big.onScreen(List.of(LAPTOP, MONITOR)));
        assertEquals(new WindowPlacement(0, 0, 1440, 870, false),
                new WindowPlacement(-50, -20, 2400, 1600, false).onScreen(List.of(LAPTOP)));
    }

    @Test
    void aWindowHalfOffItsScreenIsMovedBackOntoIt() {
        WindowPlacement hanging = new WindowPlacement(1200, 600, 800, 500, false);
        assertEquals(new WindowPlacement(640, 370, 800, 500, false), hanging.onScreen(List.of(LAPTOP)));
    }

    @Test
    void aWindowRememberedTinyIsGrownToAUsableSize() {
        WindowPlacement tiny = new WindowPlacement(100, 100, 120, 90, false);
        assertEquals(new WindowPlacement(100, 100, WindowPlacement.MIN_WIDTH, WindowPlacement.MIN_HEIGHT, false),
                tiny.onScreen(List.of(LAPTOP)));
    }
}
