package org.xmodal.app.runs;

import java.util.List;
import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.flow.OpenCvCuda;
import org.xmodal.engine.hha.FloorReference;

/**
 * The run form's fields of how the student's modality is encoded: HHA or plain depth ({@code encoding.depth.*}) and
 * optical flow ({@code encoding.flow.*}).
 */
final class EncodingFields {
    private static final String ENCODING = SpecForm.ENCODING;
    private static final String INTRINSICS = SpecForm.INTRINSICS;

    private EncodingFields() {
    }

    static List<SpecField> fields() {
        return List.of(
                SpecField.choice("encoding.depth.input", ENCODING, "Depth as", SpecForm.ids(Encoding.DepthInput.class),
                        "hha (the default): disparity, height above ground, angle with gravity (the paper); depth: "
                                + "metres over the maximum depth in three channels (as SOCKET's code feeds depth)"),
                SpecField.choice("encoding.depth.camera", ENCODING, "HHA camera", SpecForm.ids(Encoding.Camera.class),
                        "dataset (the default): the dataset's own intrinsics (NYU's when it has none); nyu, nyu-crop: "
                                + "NYU Depth v2's colour camera, whole or cropped; explicit: the intrinsics below"),
                SpecField.of(INTRINSICS + "fx", ENCODING, "Focal length fx", SpecField.Type.NUMBER, "The horizontal "
                        + "focal length in pixels, above 0 (required by the explicit camera; NYU's colour camera: "
                        + "518.86)"),
                SpecField.of(INTRINSICS + "fy", ENCODING, "Focal length fy", SpecField.Type.NUMBER, "The vertical "
                        + "focal length in pixels, above 0 (required by the explicit camera; NYU's colour camera: "
                        + "519.47)"),
                SpecField.of(INTRINSICS + "cx", ENCODING, "Principal point cx", SpecField.Type.NUMBER, "The principal "
                        + "point's column in pixels, 1-based as NYU's toolbox (required by the explicit camera; NYU: "
                        + "325.58)"),
                SpecField.of(INTRINSICS + "cy", ENCODING, "Principal point cy", SpecField.Type.NUMBER, "The principal "
                        + "point's row in pixels, 1-based (required by the explicit camera; NYU: 253.74)"),
                SpecField.of(INTRINSICS + "width", ENCODING, "Intrinsics width", SpecField.Type.INTEGER, "The image "
                        + "width in pixels the intrinsics are for; they are scaled to the depth image (required by "
                        + "the explicit camera; NYU: 640)"),
                SpecField.of(INTRINSICS + "height", ENCODING, "Intrinsics height", SpecField.Type.INTEGER, "The image "
                        + "height in pixels the intrinsics are for (required by the explicit camera; NYU: 480)"),
                SpecField.of("encoding.depth.unitsPerMetre", ENCODING, "Depth units per metre",
                        SpecField.Type.OPTIONAL_NUMBER, "Blank (the default): the dataset's declared unit; else how "
                                + "many stored units make a metre, above 0 (1000 for millimetres)"),
                SpecField.of("encoding.depth.normalRadius", ENCODING, "Normal window radius", SpecField.Type.INTEGER,
                        "Half-size in pixels of the window of the normals of the angle channel, 1 to 50 (default 3: "
                                + "7 x 7 pixels)"),
                SpecField.of("encoding.depth.gravityRadius", ENCODING, "Gravity window radius",
                        SpecField.Type.INTEGER, "Half-size in pixels of the window of the normals used to find "
                                + "gravity, 1 to 50 (default 10)"),
                SpecField.of("encoding.depth.gravityStages", ENCODING, "Gravity stages", SpecField.Type.STAGES,
                        "Floor/wall angle in degrees (0 to 90) x iterations (0 to 100), stage by stage (default "
                                + "45 x 5, 15 x 5)"),
                SpecField.choice("encoding.depth.floorReference", ENCODING, "Height from",
                        SpecForm.ids(FloorReference.class), "lowest-point (the default): the lowest point of the "
                                + "cloud, as the reference code; floor-plane: the floor's own plane, robust to noise"),
                SpecField.of("encoding.depth.maxDepthMetres", ENCODING, "Maximum depth (m)", SpecField.Type.NUMBER,
                        "For depth as depth: the depth in metres that maps to white, above 0 (default 10)"),
                SpecField.choice("encoding.flow.method", ENCODING, "Flow method", OpenCvCuda.availableMethods()
                        .stream().map(FlowMethod::id).toList(), "brox (the default of a spec without one; the "
                        + "presets use dis-fast): the papers' method (a few frames/s); dis-ultrafast, dis-fast, "
                        + "dis-medium: OpenCV's DIS (hundreds of frames/s, sub-pixel error on the bundled sequences); "
                        + "farneback: OpenCV's, fast and rougher; tv-l1: OpenCV's dual TV-L1, two-stream action "
                        + "recognition's flow (slow, the most accurate); horn-schunck, klt, region: BoofCV's, rougher; "
                        + "cuda-*: OpenCV's, GPU"),
                SpecField.of("encoding.flow.alpha", ENCODING, "Flow smoothness (alpha)", SpecField.Type.NUMBER,
                        "The smoothness weight of Brox and Horn-Schunck; for tv-l1, its lambda (data weight); "
                                + "default: the method's own (Brox 0.04)"),
                SpecField.of("encoding.flow.gamma", ENCODING, "Flow gradient weight (gamma)", SpecField.Type.NUMBER,
                        "The gradient constancy weight of Brox (default 0.03)"),
                SpecField.of("encoding.flow.warps", ENCODING, "Flow warps", SpecField.Type.INTEGER, "Outer "
                        + "iterations, or warps (Brox, Horn-Schunck, tv-l1; default: the method's own, Brox 10)"),
                SpecField.of("encoding.flow.innerIterations", ENCODING, "Flow inner iterations",
                        SpecField.Type.INTEGER, "Brox's SOR iterations, Horn-Schunck's iterations (default: the "
                                + "method's own, Brox 1)"),
                SpecField.of("encoding.flow.pyramidScale", ENCODING, "Flow pyramid scale", SpecField.Type.NUMBER,
                        "Each pyramid level's size over the one below, between 0.3 and 1 (default: the method's "
                                + "own, Brox 0.75)"),
                SpecField.of("encoding.flow.pyramidLayers", ENCODING, "Flow pyramid layers", SpecField.Type.INTEGER,
                        "At most this many pyramid levels (default: the method's own, Brox 100)"),
                SpecField.of("encoding.flow.regionRadius", ENCODING, "Flow region radius", SpecField.Type.INTEGER,
                        "The window radius in pixels of KLT and block matching (default: the method's own)"),
                SpecField.of("encoding.flow.scale", ENCODING, "Flow image scale", SpecField.Type.NUMBER, "Grey levels "
                        + "per pixel of motion in the action-tubes image, above 0 (default 16)"),
                SpecField.of("encoding.flow.clip", ENCODING, "Flow clipped at (px)", SpecField.Type.NUMBER, "Motion "
                        + "beyond this many pixels is clipped (default 128 / scale: where the image saturates)"));
    }
}
