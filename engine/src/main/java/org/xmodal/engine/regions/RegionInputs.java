package org.xmodal.engine.regions;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.DatasetEncoder;
import org.xmodal.engine.encode.EncodingCache;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowEstimator;
import org.xmodal.engine.flow.FlowImages;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.hha.HhaEncoder;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.transfer.InputNormalisation;

/**
 * Reads the images a fine-tuning run cuts regions from, for a list of pairs: the RGB image, or the pair's other
 * modality encoded as the transfer saw it (HHA with the dataset's camera, or flow in the action-tubes encoding),
 * through the encoding cache, on all cores.
 */
public final class RegionInputs {
    private RegionInputs() {
    }

    public static RegionImages load(PairedDataset ds, List<Pair> pairs, String input, int side, EncodingCache cache,
                             ProgressListener progress, Cancellation cancel) throws IOException {
        boolean rgb = input.equals("rgb");
        boolean flow = !rgb && ds.modality() == Modality.FLOW;
        DatasetEncoder encoder = new DatasetEncoder(cache);
        HhaConfig hha = HhaConfig.reference(ds.camera().orElse(CameraIntrinsics.nyuColour()));
        FlowConfig flowConfig = FlowConfig.defaults(FlowMethod.BROX);
        ThreadLocal<HhaEncoder> hhaEncoders = ThreadLocal.withInitial(HhaEncoder::new);
        ThreadLocal<FlowEstimator> estimators = ThreadLocal.withInitial(() -> new FlowEstimator(flowConfig));
        RgbImage[] images = new RgbImage[pairs.size()];
        RgbImage[] mirrored = flow ? new RgbImage[pairs.size()] : null;
        AtomicInteger done = new AtomicInteger();
        IOException[] failure = new IOException[1];
        String what = rgb ? "RGB" : flow ? "flow" : "HHA";
        Parallel.forEach(pairs.size(), i -> {
            if (failure[0] != null || cancel.isCancelled()) {
                return;
            }
            Pair p = pairs.get(i);
            try {
                if (rgb) {
                    images[i] = ds.rgb(p);
                } else if (flow) {
                    FlowField f = FloFile.read(encoder.flow(ds, p, flowConfig, estimators.get()));
                    images[i] = FlowImages.actionTubes(f, FlowImages.ACTION_TUBES_SCALE);
                    mirrored[i] = FlowImages.actionTubes(FlowImages.flipHorizontally(f), FlowImages.ACTION_TUBES_SCALE);
                } else {
                    images[i] = ImageFiles.readRgb(encoder.hha(ds, p, hha, hhaEncoders.get()));
                }
            } catch (IOException e) {
                synchronized (failure) {
                    failure[0] = e;
                }
            }
            int n = done.incrementAndGet();
            progress.progress("Reading " + what + " " + n + "/" + pairs.size(), n / (double) pairs.size());
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        cancel.check();
        InputNormalisation norm = flow ? InputNormalisation.FLOW : InputNormalisation.IMAGE;
        return new RegionImages(List.of(images), mirrored == null ? null : List.of(mirrored), norm, side);
    }
}
