package org.xmodal.app.fx;

/**
 * What the window gets ready before JavaFX starts, in one place for both ways of starting it (the workbench's own
 * window and the headless one that bench fx and the screenshots open): the renderer's classes and the heap's
 * memory on background threads ({@link ClassWarmUp#startRenderer}, {@link HeapWarmUp#start}), Java2D's fonts on the
 * calling thread ({@link ChartWarmUp#beforeToolkit}); first of all the renderer's setting for region backgrounds
 * ({@link RegionCaching}), before the renderer's classes are loaded.
 */
public final class WarmUp {
    private WarmUp() {
    }

    /** Call on the launching thread before JavaFX starts; returns once the fonts are set up. */
    public static void beforeToolkit() {
        RegionCaching.turnOffUnlessChosen();
        ClassWarmUp.startRenderer();
        HeapWarmUp.start();
        ChartWarmUp.beforeToolkit();
    }
}
