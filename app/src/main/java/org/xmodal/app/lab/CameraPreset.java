package org.xmodal.app.lab;

import java.util.Optional;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.PairedDataset;

/** Where the HHA camera intrinsics come from. Presets are scaled to the image by the encoder. */
public enum CameraPreset {
    DATASET("Dataset's camera"),
    NYU_COLOUR("NYU colour (640x480)"),
    NYU_CROP("NYU crop (560x425)"),
    CUSTOM("Custom");

    private final String label;

    CameraPreset(String label) {
        this.label = label;
    }

    /** The preset's intrinsics; empty for {@link #CUSTOM} and for a dataset without calibration. */
    public Optional<CameraIntrinsics> intrinsics(PairedDataset dataset) {
        return switch (this) {
            case DATASET -> dataset == null ? Optional.empty() : dataset.camera();
            case NYU_COLOUR -> Optional.of(CameraIntrinsics.nyuColour());
            case NYU_CROP -> Optional.of(CameraIntrinsics.nyuCrop());
            case CUSTOM -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
