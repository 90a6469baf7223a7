package org.xmodal.app.fx;

/**
 * Turns off JavaFX's caching of region backgrounds as images ({@code prism.disableRegionCaching}) unless the user
 * set it. With the cache on, a region with more than one background fill (a split pane, a list, a table or a tool
 * bar: Modena draws their border as an outer fill) is painted once into an image and then drawn from that image,
 * stretched in nine slices, on every frame it is in. That saves work on a graphics card, where drawing an image is
 * nearly free; in the software renderer (Xvfb, remote desktops, machines without OpenGL, the tests and the benches)
 * stretching an image costs a sample per pixel, and the workbench's split panes cover most of the window: drawn from
 * the cache, they were most of the renderer's work. Without it each fill is a plain rectangle.
 *
 * <p>Measured with {@code ./xmodal bench fx} (2-core AMD EPYC, software rendering, 17 runs with the cache against
 * 13 without): the renderer's CPU while the views were visited again 0.68 s against 0.33 s of the 5 s, the worst gap
 * of a run 73.4 ms on average against 67.5, and the Data view's first-visit gaps in which the renderer took 40-55 ms
 * were gone. On a graphics card (not measured: these machines have none) a fill is one rectangle either way, drawn
 * from an image or not, and the few shaped regions we have are small.
 */
public final class RegionCaching {
    static final String PROPERTY = "prism.disableRegionCaching";

    private RegionCaching() {
    }

    /**
     * Whether the renderer read the setting the property now holds, as the window's renderer does (true when JavaFX's
     * internals cannot be read): making an animation timer, or any other use of the toolkit, before
     * {@link #turnOffUnlessChosen} starts the renderer with the cache on, and setting the property after that changes
     * nothing.
     */
    public static boolean asSet() {
        try {
            boolean read = (Boolean) Class.forName("com.sun.prism.impl.PrismSettings")
                    .getField("disableRegionCaching").get(null);
            return read == Boolean.getBoolean(PROPERTY);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return true;
        }
    }

    /** Call before JavaFX's renderer is first used (it reads the setting once). */
    public static void turnOffUnlessChosen() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
