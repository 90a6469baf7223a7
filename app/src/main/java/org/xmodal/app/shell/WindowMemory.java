package org.xmodal.app.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Puts the main window where it was last time, on the view shown last, and remembers both when it closes. Its bounds
 * are followed while it is neither maximised nor minimised, so a window closed maximised opens maximised and goes back
 * to its own size when un-maximised.
 */
public final class WindowMemory {
    private final Stage stage;
    private double x = Double.NaN;
    private double y = Double.NaN;
    private double width = Double.NaN;
    private double height = Double.NaN;

    private WindowMemory(Stage stage) {
        this.stage = stage;
    }

    /**
     * Call before the stage is shown: places it as remembered (on a screen that is there now), and from then on
     * remembers its placement and the view shown, saving them when it hides.
     */
    public static WindowMemory attach(Stage stage, WorkbenchShell shell, RememberedSettings remembered) {
        WindowMemory memory = new WindowMemory(stage);
        WorkbenchSettings s = remembered.settings();
        if (s.window() != null) {
            memory.place(s.window().onScreen(screens()));
        }
        if (s.lastView() != null && shell.titles().contains(s.lastView())) {
            shell.show(s.lastView());
        }
        memory.follow();
        shell.shownProperty().addListener((obs, o, title) -> remembered.viewShown(title));
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> {
            remembered.viewShown(shell.shownProperty().get());
            remembered.windowPlaced(memory.placement());
            remembered.save();
        });
        return memory;
    }

    /** The screens' usable bounds, the primary first. */
    static List<Rectangle2D> screens() {
        List<Rectangle2D> out = new ArrayList<>();
        Screen primary = Screen.getPrimary();
        out.add(primary.getVisualBounds());
        Screen.getScreens().stream().filter(s -> !s.equals(primary)).forEach(s -> out.add(s.getVisualBounds()));
        return out;
    }

    private void place(WindowPlacement p) {
        stage.setX(p.x());
        stage.setY(p.y());
        stage.setWidth(p.width());
        stage.setHeight(p.height());
        stage.setMaximized(p.maximised());
        x = p.x();
        y = p.y();
        width = p.width();
        height = p.height();
    }

    private void follow() {
        stage.xProperty().addListener((obs, o, v) -> {
            if (normal()) {
                x = v.doubleValue();
            }
        });
        stage.yProperty().addListener((obs, o, v) -> {
            if (normal()) {
                y = v.doubleValue();
            }
        });
        stage.widthProperty().addListener((obs, o, v) -> {
            if (normal()) {
                width = v.doubleValue();
            }
        });
        stage.heightProperty().addListener((obs, o, v) -> {
            if (normal()) {
                height = v.doubleValue();
            }
        });
    }

    private boolean normal() {
        return !stage.isMaximized() && !stage.isIconified() && !stage.isFullScreen();
    }

    /** Where the window is now: its own bounds (not the maximised ones) and whether it is maximised. */
    public WindowPlacement placement() {
        return new WindowPlacement(known(x, stage.getX()), known(y, stage.getY()), known(width, stage.getWidth()),
                known(height, stage.getHeight()), stage.isMaximized());
    }

    private static double known(double followed, double now) {
        return Double.isNaN(followed) ? now : followed;
    }
}
