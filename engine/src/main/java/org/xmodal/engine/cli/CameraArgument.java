package org.xmodal.engine.cli;

import java.util.Locale;
import org.xmodal.engine.data.CameraIntrinsics;

/**
 * The {@code --camera} argument: {@code nyu} (NYU Depth v2 colour camera), {@code nyu-crop} (its 560x425 crop)
 * or {@code fx,fy,cx,cy} in pixels with a 1-based principal point. A preset is scaled to the image it is used on.
 */
record CameraArgument(String text) {
    static final String HELP = "Camera intrinsics: nyu, nyu-crop, or fx,fy,cx,cy in pixels (cx, cy 1-based as in "
            + "NYU's toolbox). Presets are scaled to the image size. Default: nyu.";

    CameraIntrinsics forImage(int width, int height) {
        String t = text == null ? "nyu" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "nyu":
                return CameraIntrinsics.nyuColour().scaledTo(width, height);
            case "nyu-crop":
                return CameraIntrinsics.nyuCrop().scaledTo(width, height);
            default:
                String[] p = t.split(",");
                if (p.length != 4) {
                    throw new IllegalArgumentException("--camera '" + text + "': expected nyu, nyu-crop or fx,fy,cx,cy");
                }
                try {
                    return new CameraIntrinsics(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
                            Double.parseDouble(p[2]), Double.parseDouble(p[3]), width, height);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--camera '" + text + "': not four numbers");
                }
        }
    }
}
