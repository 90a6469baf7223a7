package org.xmodal.app.fx;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.function.BooleanSupplier;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import org.xmodal.app.runs.SpecForm;

/**
 * Gets the classes the views are made of ready before a view is first shown. The first visit of a view used to spend
 * most of its time, with the window frozen, loading classes (about a thousand for the encoding lab: controls, skins,
 * behaviours, this workbench's own) and running their static initialisers, a few hundred milliseconds; later visits
 * of the same kind of view take a tenth of that. So, once the window's first work is done (the first dataset opened,
 * the engine probed), not to compete with it for the cores, a background thread loads the classes of JavaFX's
 * controls, styling, layout and text, of this workbench's views and of the chart library, without initialising them
 * and pausing every few classes so as to leave the window a core; then the controls' classes are initialised on the
 * FX thread, where they would have been anyway, a few at a time at the start of pulses (at most
 * {@link #INIT_BUDGET_NANOS} a pulse). Only JavaFX's control classes are initialised ahead: their initialisers only
 * describe styleable properties and input maps, while some of this workbench's and the chart library's draw text with
 * Java2D, which must never happen on the FX thread. The JSON library's first use (a run's spec read and written) is
 * made on the background thread too, and the chart library's on a thread of its own a second after the window shows,
 * without waiting for the window to be quiet ({@link ChartWarmUp#start}). Loaded classes still run slowly until the
 * just-in-time compiler has seen them at work: {@link StyleWarmUp} puts JavaFX's styling and layout to work
 * beforehand.
 */
public final class ClassWarmUp {
    /** Packages loaded ahead (as paths in their jars or class folders). */
    private static final List<String> LOADED = List.of("javafx/scene/control/", "com/sun/javafx/scene/control/",
            "javafx/css/", "com/sun/javafx/css/", "javafx/scene/layout/", "com/sun/javafx/scene/layout/",
            "javafx/scene/text/", "com/sun/javafx/scene/text/", "com/sun/javafx/text/", "org/xmodal/app/",
            "org/jfree/chart/fx/", "org/jfree/chart/plot/", "org/jfree/chart/renderer/", "org/jfree/chart/axis/");
    /** The renderer's packages, loaded as soon as the window starts. */
    private static final List<String> RENDERER = List.of("com/sun/javafx/sg/prism/", "com/sun/prism/sw/",
            "com/sun/prism/impl/", "com/sun/marlin/", "com/sun/javafx/geom/", "com/sun/prism/paint/");
    /** Packages whose classes are also initialised ahead, on the FX thread. */
    private static final List<String> INITIALISED = List.of("javafx/scene/control/", "com/sun/javafx/scene/control/");
    static final long INIT_BUDGET_NANOS = 3_000_000;
    /** Classes loaded between two pauses: the loading takes its time rather than a core the window needs. */
    private static final int BATCH = 20;
    private static final long PAUSE_MILLIS = 15;

    private ClassWarmUp() {
    }

    /**
     * Starts styling form rows at once ({@link StyleWarmUp}, with the style sheets of {@code window}, the window's
     * scene, in what its pulses leave), and loading classes once {@code idle} (read off the FX thread) has held for a
     * moment; once the controls' classes are initialised, the styling takes in lists, tables and the other dearer
     * groups. Returns at once. Call on the FX thread once the window is shown.
     */
    public static void start(BooleanSupplier idle, Scene window) {
        StyleWarmUp styling = StyleWarmUp.start(window, () -> { });
        ChartWarmUp.start();
        WhenQuiet.run("xmodal-class-warm-up", idle, () -> load(styling));
    }

    /**
     * Loads the renderer's classes (scene graph rendering, software pipeline, shape rasteriser) on a background
     * thread, at once: the first view's first frames draw kinds of content the window's opening did not (images,
     * shapes), and the renderer spent about 200 ms of them loading classes, with the FX thread waiting for it. Call
     * before or while the toolkit starts; returns at once.
     */
    public static void startRenderer() {
        Thread t = new Thread(() -> loadAll(RENDERER, List.of(), javafx.scene.Node.class), "xmodal-renderer-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void load(StyleWarmUp styling) {
        List<String> toInitialise = loadAll(LOADED, INITIALISED, Control.class, javafx.scene.Node.class,
                ClassWarmUp.class, named("org.jfree.chart.JFreeChart"), named("org.jfree.chart.fx.ChartViewer"));
        if (toInitialise == null) {
            return;
        }
        SpecForm.warmUp();
        ClassLoader loader = ClassWarmUp.class.getClassLoader();
        Platform.runLater(() -> initialiseBetweenPulses(toInitialise, loader, styling::addHeavy));
    }

    /**
     * Loads (without initialising) the classes of {@code packages} in the jars or folders of {@code anchors}, a few at
     * a time; returns those of them in {@code toInitialise}'s packages, or null when interrupted.
     */
    private static List<String> loadAll(List<String> packages, List<String> toInitialise, Class<?>... anchors) {
        ClassLoader loader = ClassWarmUp.class.getClassLoader();
        List<String> out = new ArrayList<>();
        for (Class<?> anchor : anchors) {
            if (anchor == null) {
                continue;
            }
            int n = 0;
            for (String name : classNames(anchor, packages)) {
                if (++n % BATCH == 0 && !pause()) {
                    return null;
                }
                try {
                    Class.forName(name, false, loader);
                    if (toInitialise.stream().anyMatch(p -> name.startsWith(p.replace('/', '.')))) {
                        out.add(name);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class that cannot be loaded here (another platform's) is one the views will not use
                }
            }
        }
        return out;
    }

    private static void initialiseBetweenPulses(List<String> names, ClassLoader loader, Runnable then) {
        Deque<String> left = new ArrayDeque<>(names);
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                long until = System.nanoTime() + INIT_BUDGET_NANOS;
                while (!left.isEmpty() && System.nanoTime() < until) {
                    try {
                        Class.forName(left.poll(), true, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // as when loading: a class the views will not use
                    }
                }
                if (left.isEmpty()) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }

    /** Sleeps a little (thread priorities mean nothing to Linux): false when interrupted, to give up. */
    private static boolean pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A class of a jar to list, loaded (not initialised); null when this build has none. */
    private static Class<?> named(String name) {
        try {
            return Class.forName(name, false, ClassWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The classes of {@code packages} in the jar or class folder {@code anchor} comes from. */
    private static List<String> classNames(Class<?> anchor, List<String> packages) {
        List<String> out = new ArrayList<>();
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return out; // a module image: nothing to list, nothing warmed
        }
        try {
            Path where = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.walk(where)) {
                    files.map(p -> where.relativize(p).toString().replace('\\', '/')).forEach(p -> add(p, packages, out));
                }
            } else if (Files.isRegularFile(where)) {
                try (JarFile jar = new JarFile(where.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        add(e.nextElement().getName(), packages, out);
                    }
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            // not a place classes can be listed from: those classes load when first used, as without this
        }
        return out;
    }

    private static void add(String path, List<String> packages, List<String> out) {
        if (path.endsWith(".class") && !path.contains("module-info") && packages.stream().anyMatch(path::startsWith)) {
            out.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }
}
