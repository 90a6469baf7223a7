package org.xmodal.app.lesson;

import javafx.scene.Node;
import org.xmodal.app.fx.FxImages;
import org.xmodal.app.fx.ImageCanvas;
import org.xmodal.app.lab.HhaPreview;
import org.xmodal.app.lab.HhaPreviewMaker;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.hha.HhaConfig;

/**
 * Step 2: HHA, the depth network's three-channel input, computed live from the pair's depth with the camera's
 * intrinsics: the gravity direction found from the floor and walls is drawn on the image.
 */
final class HhaStep extends LessonStep {
    private final LessonMaterial material;
    private final ImageCanvas gravity = new ImageCanvas();
    private final Pictures disparity = new Pictures("lesson-hha-disparity", "Horizontal disparity");
    private final Pictures height = new Pictures("lesson-hha-height", "Height above the floor");
    private final Pictures angle = new Pictures("lesson-hha-angle", "Angle with gravity");

    HhaStep(LessonMaterial material) {
        super("hha", "What a depth network could see: HHA", "Depth is encoded as three channels, like colour: "
                + "disparity, height above the floor, and each surface's angle with gravity. Gravity comes from the "
                + "room itself (floor and walls): yellow is the horizon it gives, red points up.");
        this.material = material;
    }

    @Override
    protected Node build() {
        gravity.setId("lesson-hha-gravity");
        gravity.placeholderProperty().set("Computing HHA ...");
        return grid(gravity, disparity, height, angle);
    }

    @Override
    protected void start() {
        work(material, "Computing HHA", (progress, cancel) -> {
            PairedDataset ds = material.dataset(progress, cancel);
            HhaConfig config = HhaConfig.reference(ds.camera().orElse(CameraIntrinsics.nyuColour()));
            return HhaPreviewMaker.make(ds, material.pair(progress, cancel), config, 1, cancel);
        }, this::show);
    }

    private void show(HhaPreview p) {
        gravity.imageProperty().set(FxImages.toFx(p.rgb()));
        gravity.marks().setAll(p.gravityMarks());
        disparity.show(p.disparity(), "Disparity: 1 / depth, so near objects are bright and the far wall dark.");
        height.show(p.height(), "Height: the floor is dark, table tops mid-grey, the ceiling bright.");
        angle.show(p.angle(), "Angle: horizontal surfaces (floor, tables) differ from vertical ones (walls).");
        ready(true);
    }
}
