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
                        "hha: disparity, height above ground, angle with gravity (the paper); depth: metres over the "
                                + "maximum depth in three channels (as SOCKET's code feeds depth)"),
                SpecField.choice("encoding.depth.camera", ENCODING, "HHA camera", SpecForm.ids(Encoding.Camera.class),
                        "dataset: the dataset's own intrinsics (NYU's when it has none); nyu, nyu-crop: NYU Depth v2's "
                                + "colour camera, whole or cropped; explicit: the intrinsics below"),
                SpecField.of(INTRINSICS + "fx", ENCODING, "Focal length fx", SpecField.Type.NUMBER, "Pixels (explicit "
                        + "camera)"),
                SpecField.of(INTRINSICS + "fy", ENCODING, "Focal length fy", SpecField.Type.NUMBER, "Pixels (explicit "
                        + "camera)"),
                SpecField.of(INTRINSICS + "cx", ENCODING, "Principal point cx", SpecField.Type.NUMBER, "Pixels, "
                        + "1-based as NYU's toolbox (explicit camera)"),
                SpecField.of(INTRINSICS + "cy", ENCODING, "Principal point cy", SpecField.Type.NUMBER, "Pixels, "
                        + "1-based (explicit camera)"),
                SpecField.of(INTRINSICS + "width", ENCODING, "Intrinsics width", SpecField.Type.INTEGER, "The image "
                        + "width the intrinsics are for; they are scaled to the depth image (explicit camera)"),
                SpecField.of(INTRINSICS + "height", ENCODING, "Intrinsics height", SpecField.Type.INTEGER, "The image "
                        + "height the intrinsics are for (explicit camera)"),
                SpecField.of("encoding.depth.unitsPerMetre", ENCODING, "Depth units per metre",
                        SpecField.Type.OPTIONAL_NUMBER, "Blank: the dataset's declared unit; else how many stored "
                                + "units make a metre (1000 for millimetres)"),
                SpecField.of("encoding.depth.normalRadius", ENCODING, "Normal window radius", SpecField.Type.INTEGER,
                        "Half-size of the window of the normals of the angle channel (3: 7 x 7 pixels)"),
                SpecField.of("encoding.depth.gravityRadius", ENCODING, "Gravity window radius",
                        SpecField.Type.INTEGER, "Half-size of the window of the normals used to find gravity (10)"),
                SpecField.of("encoding.depth.gravityStages", ENCODING, "Gravity stages", SpecField.Type.STAGES,
                        "Floor/wall angle in degrees x iterations, stage by stage: 45 x 5, 15 x 5"),
                SpecField.choice("encoding.depth.floorReference", ENCODING, "Height from",
                        SpecForm.ids(FloorReference.class), "lowest-point: the lowest point of the cloud (the reference); "
                                + "floor-plane: the floor's own plane, robust to noise"),
                SpecField.of("encoding.depth.maxDepthMetres", ENCODING, "Maximum depth (m)", SpecField.Type.NUMBER,
                        "For depth as depth: the depth that maps to white"),
                SpecField.choice("encoding.flow.method", ENCODING, "Flow method", OpenCvCuda.availableMethods()
                        .stream().map(FlowMethod::id).toList(), "brox: "
                        + "the papers' method (a few frames/s); dis-ultrafast, dis-fast, dis-medium: OpenCV's DIS "
                        + "(hundreds of frames/s, sub-pixel error on the bundled sequences); farneback: OpenCV's, "
                        + "fast and rougher; tv-l1: OpenCV's dual TV-L1, two-stream action recognition's flow (slow, "
                        + "the most accurate); horn-schunck, klt, region: BoofCV's, rougher; cuda-*: OpenCV's, GPU"),
                SpecField.of("encoding.flow.alpha", ENCODING, "Flow smoothness (alpha)", SpecField.Type.NUMBER,
                        "Brox and Horn-Schunck; for tv-l1, its lambda (data weight)"),
                SpecField.of("encoding.flow.gamma", ENCODING, "Flow gradient weight (gamma)", SpecField.Type.NUMBER,
                        "Brox"),
                SpecField.of("encoding.flow.warps", ENCODING, "Flow warps", SpecField.Type.INTEGER, "Outer "
                        + "iterations (Brox, Horn-Schunck)"),
                SpecField.of("encoding.flow.innerIterations", ENCODING, "Flow inner iterations",
                        SpecField.Type.INTEGER, "Brox's SOR, Horn-Schunck's iterations"),
                SpecField.of("encoding.flow.pyramidScale", ENCODING, "Flow pyramid scale", SpecField.Type.NUMBER,
                        "Between 0.3 and 1"),
                SpecField.of("encoding.flow.pyramidLayers", ENCODING, "Flow pyramid layers", SpecField.Type.INTEGER,
                        "At most this many levels"),
                SpecField.of("encoding.flow.regionRadius", ENCODING, "Flow region radius", SpecField.Type.INTEGER,
                        "KLT and block matching"),
                SpecField.of("encoding.flow.scale", ENCODING, "Flow image scale", SpecField.Type.NUMBER, "Grey levels "
                        + "per pixel of motion in the action-tubes image (16)"),
                SpecField.of("encoding.flow.clip", ENCODING, "Flow clipped at (px)", SpecField.Type.NUMBER, "Motion "
                        + "beyond this many pixels is clipped (128 / scale: where the image saturates)"));
    }
}
