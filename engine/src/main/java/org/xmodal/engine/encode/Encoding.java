package org.xmodal.engine.encode;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.hha.FloorReference;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.json.Identified;

/**
 * How a run turns the paired modality into its student's input images: the {@code encoding} section of
 * {@code spec.json}. Every field that is missing takes the value runs used before the section existed, and the
 * record always holds every field resolved, so a launched spec says exactly how its network's input was made and an
 * old spec still runs. The encoding lab edits the same values, so what a user tunes there is what the network sees.
 *
 * @param depth for depth datasets: HHA (or plain depth) and its parameters
 * @param flow  for frame pairs: the flow method, its parameters and the image the network sees
 */
@JsonPropertyOrder({"depth", "flow"})
public record Encoding(Depth depth, Flow flow) {
    public Encoding {
        depth = depth == null ? Depth.defaults() : depth;
        flow = flow == null ? Flow.defaults(FlowMethod.BROX) : flow;
    }

    /**
     * What runs used before specs had an encoding, and what a spec without an {@code encoding} section still means,
     * so that such a run resumes on the inputs it started with: reference HHA with the dataset's camera, Brox flow.
     */
    public static Encoding defaults() {
        return new Encoding(null, null);
    }

    /** The flow method new runs start with: DIS at its fast preset (see {@link #forNewRuns()}). */
    public static final FlowMethod NEW_RUN_FLOW = FlowMethod.DIS_FAST;

    /**
     * What a run made from nothing (a builder, a form, a preset, {@code xmodal encode} without a method) uses:
     * reference HHA, and flow by OpenCV's DIS at its fast preset instead of Brox. Measured by {@code xmodal bench
     * flow} on 2 cores: DIS-fast estimates the bundled sequences' flow about 1500 times faster than BoofCV's Brox
     * (thousands of frames a second against a few) at 0.39 px end-point error against Brox's 0.35, so a dataset of
     * the paper's size (UCF-101's 45K frame pairs) encodes in under a minute instead of hours. Brox stays the
     * paper's method and is one setting away; a spec that names it keeps it.
     */
    public static Encoding forNewRuns() {
        return new Encoding(null, Flow.defaults(NEW_RUN_FLOW));
    }

    /** One line of what the student of a {@code modality} run sees and how it is made. */
    public String summary(org.xmodal.engine.data.Modality modality) {
        return modality == org.xmodal.engine.data.Modality.FLOW ? flow.summary() : depth.summary();
    }

    public Encoding withDepth(Depth d) {
        return new Encoding(d, flow);
    }

    public Encoding withFlow(Flow f) {
        return new Encoding(depth, f);
    }

    /** What the student of a depth run sees. */
    public enum DepthInput implements Identified {
        /** Gupta et al.'s geocentric encoding: disparity, height above ground, angle with gravity. */
        HHA("hha"),
        /**
         * Depth as SOCKET's code feeds it: metres over {@code maxDepthMetres}, clipped to [0, 1], in all three
         * channels (0..255 in the image; missing depth is 0).
         */
        DEPTH("depth");

        private final String id;

        DepthInput(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @JsonCreator
        public static DepthInput parse(String s) {
            return s == null ? HHA : Identified.parse(DepthInput.class, s, "encoding.depth.input");
        }
    }

    /** Which intrinsics HHA back-projects with. */
    public enum Camera implements Identified {
        /** The dataset's own intrinsics (its manifest's, or NYU's for a .mat file); NYU's colour camera if it has none. */
        DATASET("dataset"),
        /** NYU Depth v2's colour camera (640 x 480), scaled to the depth image. */
        NYU("nyu"),
        /** The same camera on the 560 x 425 crop of Gupta et al.'s pipeline, scaled to the depth image. */
        NYU_CROP("nyu-crop"),
        /** {@code intrinsics} as given (for the image size given with them, scaled to the depth image). */
        EXPLICIT("explicit");

        private final String id;

        Camera(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @JsonCreator
        public static Camera parse(String s) {
            return s == null ? DATASET : Identified.parse(Camera.class, s, "encoding.depth.camera");
        }
    }

    /** One stage of the gravity estimate: floor/wall angle threshold and iterations. */
    public record GravityStage(double angleDegrees, int iterations) {
        /**
         * Stages as people type them, {@code 45 x 5, 15 x 5} (angle in degrees x iterations; "x", "*" or the times
         * sign, an optional degree sign).
         *
         * @throws IllegalArgumentException naming {@code what} and the part that is not a stage
         */
        public static List<GravityStage> parseList(String text, String what) {
            List<GravityStage> out = new java.util.ArrayList<>();
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] ab = part.replace("\u00b0", "").trim().split("\\s*[xX\u00d7*]\\s*");
                try {
                    if (ab.length != 2) {
                        throw new NumberFormatException(part);
                    }
                    out.add(new GravityStage(Double.parseDouble(ab[0].trim()), Integer.parseInt(ab[1].trim())));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(what + ": '" + part.trim() + "' is not a stage (give each as "
                            + "angle x iterations: 45 x 5, 15 x 5)");
                }
            }
            return out;
        }

        /** The stages as {@link #parseList} reads them. */
        public static String format(List<GravityStage> stages) {
            StringBuilder b = new StringBuilder();
            for (GravityStage g : stages) {
                double a = g.angleDegrees();
                b.append(b.isEmpty() ? "" : ", ").append(a == Math.rint(a) ? String.valueOf((long) a)
                        : String.valueOf(a)).append(" x ").append(g.iterations());
            }
            return b.toString();
        }
    }

    /**
     * The depth encoding.
     *
     * @param input          {@code hha} (the default) or {@code depth}
     * @param camera         {@code dataset} (the default), {@code nyu}, {@code nyu-crop} or {@code explicit}
     * @param intrinsics     the camera when {@code explicit}: fx, fy, cx, cy (1-based) for a width x height image
     * @param unitsPerMetre  null: the dataset's declared unit; else how many stored units make a metre in truth (the
     *                       depths are rescaled by the declared over this)
     * @param normalRadius   half-size of the normal window of the angle channel (3: 7 x 7)
     * @param gravityRadius  half-size of the normal window of the gravity estimate (10: 21 x 21)
     * @param gravityStages  floor/wall thresholds and iterations (45 degrees x 5, then 15 degrees x 5)
     * @param floorReference what heights are measured from ({@code lowest-point}, the reference, or
     *                       {@code floor-plane})
     * @param maxDepthMetres for {@code input: depth}: the depth that maps to 1 (10 m)
     */
    @JsonPropertyOrder({"input", "camera", "intrinsics", "unitsPerMetre", "normalRadius", "gravityRadius",
            "gravityStages", "floorReference", "maxDepthMetres"})
    public record Depth(DepthInput input, Camera camera, CameraIntrinsics intrinsics, Double unitsPerMetre,
                        Integer normalRadius, Integer gravityRadius, List<GravityStage> gravityStages,
                        FloorReference floorReference, Double maxDepthMetres) {
        public static final double DEFAULT_MAX_DEPTH_METRES = 10;

        public Depth {
            HhaConfig ref = HhaConfig.reference(CameraIntrinsics.nyuColour());
            input = input == null ? DepthInput.HHA : input;
            camera = camera == null ? Camera.DATASET : camera;
            normalRadius = normalRadius == null ? ref.normalRadius() : normalRadius;
            gravityRadius = gravityRadius == null ? ref.gravityRadius() : gravityRadius;
            if (gravityStages == null) {
                double[] a = ref.stageAnglesDegrees();
                int[] n = ref.stageIterations();
                gravityStages = List.of(new GravityStage(a[0], n[0]), new GravityStage(a[1], n[1]));
            }
            gravityStages = List.copyOf(gravityStages);
            floorReference = floorReference == null ? ref.floorReference() : floorReference;
            maxDepthMetres = maxDepthMetres == null ? DEFAULT_MAX_DEPTH_METRES : maxDepthMetres;
            if (camera == Camera.EXPLICIT && intrinsics == null) {
                throw new IllegalArgumentException("encoding.depth.intrinsics is required when camera is explicit "
                        + "(fx, fy, cx, cy, width, height)");
            }
            if (camera != Camera.EXPLICIT && intrinsics != null) {
                throw new IllegalArgumentException("encoding.depth.intrinsics is only read when camera is explicit, "
                        + "but camera is " + camera.id());
            }
            if (unitsPerMetre != null && !(unitsPerMetre > 0 && Double.isFinite(unitsPerMetre))) {
                throw new IllegalArgumentException("encoding.depth.unitsPerMetre must be a positive number (or absent "
                        + "for the dataset's own), got " + unitsPerMetre);
            }
            radius("encoding.depth.normalRadius", normalRadius);
            radius("encoding.depth.gravityRadius", gravityRadius);
            if (gravityStages.isEmpty()) {
                throw new IllegalArgumentException("encoding.depth.gravityStages needs at least one stage");
            }
            for (int i = 0; i < gravityStages.size(); i++) {
                GravityStage g = gravityStages.get(i);
                if (g == null || !(g.angleDegrees() > 0 && g.angleDegrees() < 90) || g.iterations() < 0
                        || g.iterations() > 100) {
                    throw new IllegalArgumentException("encoding.depth.gravityStages[" + i + "]: angleDegrees must be "
                            + "in (0, 90) and iterations in 0..100, got " + g);
                }
            }
            if (!(maxDepthMetres > 0 && Double.isFinite(maxDepthMetres))) {
                throw new IllegalArgumentException("encoding.depth.maxDepthMetres must be a positive number of "
                        + "metres, got " + maxDepthMetres);
            }
        }

        private static void radius(String field, int r) {
            if (r < 1 || r > 50) {
                throw new IllegalArgumentException(field + " must be 1 to 50 pixels, got " + r);
            }
        }

        /** Reference HHA with the dataset's camera. */
        public static Depth defaults() {
            return new Depth(null, null, null, null, null, null, null, null, null);
        }

        /**
         * The depth settings of an HHA config (what the encoding lab shows), with the camera chosen as
         * {@code camera}; the config's camera is kept only when that is {@code explicit}.
         */
        public static Depth of(HhaConfig config, Camera camera, Double unitsPerMetre) {
            double[] a = config.stageAnglesDegrees();
            int[] n = config.stageIterations();
            List<GravityStage> stages = new java.util.ArrayList<>();
            for (int i = 0; i < a.length; i++) {
                stages.add(new GravityStage(a[i], n[i]));
            }
            return new Depth(DepthInput.HHA, camera, camera == Camera.EXPLICIT ? config.camera() : null, unitsPerMetre,
                    config.normalRadius(), config.gravityRadius(), stages, config.floorReference(), null);
        }

        public Depth withInput(DepthInput newInput) {
            return new Depth(newInput, camera, intrinsics, unitsPerMetre, normalRadius, gravityRadius, gravityStages,
                    floorReference, maxDepthMetres);
        }

        /** The intrinsics this encoding uses with a dataset that has {@code datasetCamera}. */
        public CameraIntrinsics intrinsics(Optional<CameraIntrinsics> datasetCamera) {
            return switch (camera) {
                case DATASET -> datasetCamera.orElse(CameraIntrinsics.nyuColour());
                case NYU -> CameraIntrinsics.nyuColour();
                case NYU_CROP -> CameraIntrinsics.nyuCrop();
                case EXPLICIT -> intrinsics;
            };
        }

        /** The HHA parameters with a dataset's camera; the constants not listed here stay the reference's. */
        public HhaConfig hha(Optional<CameraIntrinsics> datasetCamera) {
            HhaConfig ref = HhaConfig.reference(intrinsics(datasetCamera));
            return new HhaConfig(ref.camera(), normalRadius, gravityRadius,
                    gravityStages.stream().mapToDouble(GravityStage::angleDegrees).toArray(),
                    gravityStages.stream().mapToInt(GravityStage::iterations).toArray(), ref.floorVisibleCm(),
                    ref.assumedCameraHeightCm(), ref.minDepthCm(), ref.disparityNumerator(), ref.angleOffsetDegrees(),
                    floorReference);
        }

        public String summary() {
            String cam = camera == Camera.EXPLICIT ? String.format(Locale.ROOT, "fx %.1f fy %.1f cx %.1f cy %.1f at "
                    + "%dx%d", intrinsics.fx(), intrinsics.fy(), intrinsics.cx(), intrinsics.cy(), intrinsics.width(),
                    intrinsics.height()) : camera.id();
            String units = unitsPerMetre == null ? "the dataset's units" : String.format(Locale.ROOT,
                    "%s units per metre", unitsPerMetre);
            if (input == DepthInput.DEPTH) {
                return String.format(Locale.ROOT, "depth / %s m in 3 channels, %s", maxDepthMetres, units);
            }
            return String.format(Locale.ROOT, "HHA, camera %s, %s, normals r=%d, gravity r=%d, stages %s, floor %s",
                    cam, units, normalRadius, gravityRadius, GravityStage.format(gravityStages), floorReference.id());
        }

        /** What the dataset's depths (read with its declared unit) are multiplied by. */
        public double depthRatio(double declaredUnitsPerMetre) {
            return unitsPerMetre == null ? 1 : declaredUnitsPerMetre / unitsPerMetre;
        }
    }

    /**
     * The flow encoding: the estimator and the action-tubes image (Gkioxari and Malik): R = scale u + 128,
     * G = scale v + 128, B = scale |(u, v)| + 128, each motion first clipped to +-{@code clip} pixels.
     *
     * @param method          {@code brox} (the default), {@code horn-schunck}, {@code klt} or {@code region}
     * @param scale           grey levels per pixel of motion (16)
     * @param clip            motion clipped to this many pixels before scaling (128 / scale: where the image
     *                        saturates anyway)
     */
    @JsonPropertyOrder({"method", "alpha", "gamma", "warps", "innerIterations", "pyramidScale", "pyramidLayers",
            "regionRadius", "scale", "clip"})
    public record Flow(FlowMethod method, Double alpha, Double gamma, Integer warps, Integer innerIterations,
                       Double pyramidScale, Integer pyramidLayers, Integer regionRadius, Double scale, Double clip) {
        public static final double DEFAULT_SCALE = 16;

        public Flow {
            method = method == null ? FlowMethod.BROX : method;
            FlowConfig d = FlowConfig.defaults(method);
            alpha = alpha == null ? d.alpha() : alpha;
            gamma = gamma == null ? d.gamma() : gamma;
            warps = warps == null ? d.warps() : warps;
            innerIterations = innerIterations == null ? d.innerIterations() : innerIterations;
            pyramidScale = pyramidScale == null ? d.pyramidScale() : pyramidScale;
            pyramidLayers = pyramidLayers == null ? d.pyramidLayers() : pyramidLayers;
            regionRadius = regionRadius == null ? d.regionRadius() : regionRadius;
            scale = scale == null ? DEFAULT_SCALE : scale;
            if (!(scale > 0 && Double.isFinite(scale))) {
                throw new IllegalArgumentException("encoding.flow.scale must be a positive number of grey levels per "
                        + "pixel, got " + scale);
            }
            clip = clip == null ? 128 / scale : clip;
            if (!(clip > 0 && Double.isFinite(clip))) {
                throw new IllegalArgumentException("encoding.flow.clip must be a positive number of pixels, got "
                        + clip);
            }
            try {
                new FlowConfig(method, alpha, gamma, warps, innerIterations, pyramidScale, pyramidLayers,
                        regionRadius);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("encoding.flow: " + e.getMessage(), e);
            }
        }

        /** A method's own parameters and the action-tubes image. */
        public static Flow defaults(FlowMethod method) {
            return new Flow(method, null, null, null, null, null, null, null, null, null);
        }

        /** The estimator's parameters of {@code config} with this image encoding. */
        public static Flow of(FlowConfig config, double scale, Double clip) {
            return new Flow(config.method(), config.alpha(), config.gamma(), config.warps(), config.innerIterations(),
                    config.pyramidScale(), config.pyramidLayers(), config.regionRadius(), scale, clip);
        }

        public FlowConfig config() {
            return new FlowConfig(method, alpha, gamma, warps, innerIterations, pyramidScale, pyramidLayers,
                    regionRadius);
        }

        public String summary() {
            return String.format(Locale.ROOT, "%s (alpha %s, gamma %s, %d warps, %d inner, pyramid %s x %d, region r=%d),"
                            + " action tubes x%s clipped at %s px", method.id(), alpha, gamma, warps, innerIterations,
                    pyramidScale, pyramidLayers, regionRadius, scale, clip);
        }

        /** The image parameters, for cache keys and summaries. */
        public String imageFingerprint() {
            return String.format(Locale.ROOT, "tubes s=%.4f c=%.4f", scale, clip);
        }
    }
}
