package org.xmodal.engine.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowEstimator;
import org.xmodal.engine.flow.FlowImages;
import org.xmodal.engine.flow.OpenCvCuda;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.hha.HhaEncoder;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/**
 * One dataset's paired modality encoded as an {@link Encoding} says, through an {@link EncodingCache}: the one place
 * where runs, fine-tuning, proposals, {@code encode} and the workbench's views get the student's input images, so
 * they all see the same ones. Safe to use from several threads (each has its own encoder).
 */
public final class PairEncoding {
    /** Bumped when the plain-depth image changes for the same inputs. */
    static final int DEPTH_IMAGE_VERSION = 1;

    private final PairedDataset ds;
    private final EncodingCache cache;
    private final Encoding encoding;
    private final HhaConfig hha;
    private final double depthRatio;
    private final FlowConfig flowConfig;
    private final ThreadLocal<HhaEncoder> hhaEncoders = ThreadLocal.withInitial(HhaEncoder::new);
    private final ThreadLocal<FlowEstimator> estimators;

    private PairEncoding(PairedDataset ds, EncodingCache cache, Encoding encoding) {
        this.ds = ds;
        this.cache = cache;
        this.encoding = encoding;
        this.hha = encoding.depth().hha(ds.camera());
        this.depthRatio = encoding.depth().depthRatio(ds.depthUnitsPerMetre());
        this.flowConfig = encoding.flow().config();
        if (ds.modality() == Modality.FLOW) {
            OpenCvCuda.require(flowConfig.method()); // a GPU-only method where it cannot run: at once, in one line
        }
        this.estimators = ThreadLocal.withInitial(() -> new FlowEstimator(flowConfig));
    }

    /**
     * @throws IllegalArgumentException for frame pairs whose flow method is a CUDA one that cannot run here
     *                                  ({@link OpenCvCuda#require})
     */
    public static PairEncoding of(Encoding encoding, PairedDataset ds, EncodingCache cache) {
        return new PairEncoding(ds, cache, encoding == null ? Encoding.defaults() : encoding);
    }

    public PairedDataset dataset() {
        return ds;
    }

    public EncodingCache cache() {
        return cache;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** The HHA parameters with this dataset's camera. */
    public HhaConfig hhaConfig() {
        return hha;
    }

    public FlowConfig flowConfig() {
        return flowConfig;
    }

    /** What the student sees, for messages: "HHA", "depth", "flow (brox)". */
    public String label() {
        if (ds.modality() == Modality.FLOW) {
            return "flow (" + flowConfig.method().id() + ")";
        }
        return encoding.depth().input() == Encoding.DepthInput.HHA ? "HHA" : "depth";
    }

    /** The cache key text of the HHA images: every parameter, the encoder's version and a unit correction. */
    public String hhaFingerprint() {
        return hha.fingerprint() + (depthRatio == 1 ? "" : String.format(Locale.ROOT, " depth-x%.9g", depthRatio));
    }

    /** Where the HHA image of a pair is (or will be) cached. */
    public Path hhaFile(Pair pair) throws IOException {
        return cache.file("hha", EncodingCache.key(pair, ds.root(), hhaFingerprint()), "png");
    }

    Path flowFile(Pair pair) throws IOException {
        return cache.file("flow", EncodingCache.key(pair, ds.root(), flowConfig.fingerprint()), "flo");
    }

    /**
     * Computes and caches what a pair needs that is not cached yet (HHA for depth read as HHA, flow for frame
     * pairs; plain depth needs nothing).
     *
     * @return true when it was cached already
     */
    boolean ensureCached(Pair pair) throws IOException {
        if (ds.modality() != Modality.FLOW && encoding.depth().input() != Encoding.DepthInput.HHA) {
            return true;
        }
        Path file = ds.modality() == Modality.FLOW ? flowFile(pair) : hhaFile(pair);
        if (Files.exists(file)) {
            return true;
        }
        if (ds.modality() == Modality.FLOW) {
            writeFlow(pair, file);
        } else {
            writeHha(pair, file);
        }
        return false;
    }

    private void writeFlow(Pair pair, Path file) throws IOException {
        FloFile.write(estimators.get().estimate(ds.rgb(pair), ds.next(pair)), file);
    }

    private void writeHha(Pair pair, Path file) throws IOException {
        DepthMap filled = ds.depth(pair).scaled(depthRatio);
        DepthMap raw = ds.rawDepth(pair).map(d -> d.scaled(depthRatio)).orElse(null);
        ImageFiles.writeRgb(hhaEncoders.get().encode(filled, raw, hha).hha(), file);
    }

    /** The pair's HHA image (whatever the student's input form: object proposals use it too). */
    public RgbImage hha(Pair pair) throws IOException {
        Path file = hhaFile(pair);
        if (!Files.exists(file)) {
            writeHha(pair, file);
        }
        return ImageFiles.readRgb(file);
    }

    /** The image a depth student sees: HHA, or the plain depth. */
    public RgbImage depthInput(Pair pair) throws IOException {
        return encoding.depth().input() == Encoding.DepthInput.HHA ? hha(pair)
                : plainDepth(ds.depth(pair).scaled(depthRatio), encoding.depth().maxDepthMetres());
    }

    /** The pair's flow field (from the cache, or estimated and cached). */
    public FlowField flow(Pair pair) throws IOException {
        Path file = flowFile(pair);
        if (!Files.exists(file)) {
            writeFlow(pair, file);
        }
        return FloFile.read(file);
    }

    /** The image a flow student sees of a field. */
    public RgbImage flowImage(FlowField f) {
        return FlowImages.actionTubes(f, encoding.flow().scale(), encoding.flow().clip());
    }

    /** The image the student sees of a pair: its depth input, or its flow image. */
    public RgbImage studentImage(Pair pair) throws IOException {
        return ds.modality() == Modality.FLOW ? flowImage(flow(pair)) : depthInput(pair);
    }

    /**
     * Depth as SOCKET's code feeds it: metres / {@code maxMetres} clipped to [0, 1], as 0..255 in all three channels;
     * missing depth is 0.
     */
    public static RgbImage plainDepth(DepthMap d, double maxMetres) {
        byte[] out = new byte[d.width() * d.height() * 3];
        float[] m = d.metres();
        for (int i = 0; i < m.length; i++) {
            double z = m[i] > 0 && Float.isFinite(m[i]) ? Math.min(1, m[i] / maxMetres) : 0;
            byte b = (byte) Math.round(255 * z);
            out[3 * i] = b;
            out[3 * i + 1] = b;
            out[3 * i + 2] = b;
        }
        return new RgbImage(d.width(), d.height(), out);
    }
}
