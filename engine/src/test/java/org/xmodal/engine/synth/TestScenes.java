package org.xmodal.engine.synth;

import java.util.List;
import org.xmodal.engine.data.CameraIntrinsics;

/** Small fixed scenes and cameras for the synth tests. */
final class TestScenes {
    /** A 100x80 camera whose principal point falls on the centre of 0-based pixel (50, 40). */
    static final CameraIntrinsics CAMERA = new CameraIntrinsics(100, 100, 51, 41, 100, 80);

    private TestScenes() {
    }

    static Room emptyRoom(double width, double depth, double height) {
        Material grey = Material.plain(0.5f, 0.5f, 0.5f);
        return new Room(width, depth, height, grey, grey, grey, new double[] {width / 2, height - 0.1, depth / 2},
                0.6, new double[] {0, 1, 0}, 0.2, 0.4);
    }

    static Scene emptyScene(double width, double depth, double height) {
        return new Scene(SceneKind.OFFICE, emptyRoom(width, depth, height), List.of());
    }
}
