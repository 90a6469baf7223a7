package org.xmodal.engine.regions;

import org.xmodal.engine.run.FinetuneInput;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.encode.PairEncoding;
import org.xmodal.engine.run.RunSpec;
import org.xmodal.engine.flow.FlowImages;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.engine.transfer.InputNormalisation;

/**
 * Reads the images a fine-tuning run cuts regions from, for a list of pairs: the RGB image, or the pair's other
 * modality encoded as the run's {@code encoding} says (the transfer saw the same), through the encoding cache, on
 * all cores.
 */
public final class RegionInputs {
    private RegionInputs() {
    }

    public static RegionImages load(PairEncoding encoding, List<Pair> pairs, FinetuneInput input, int side,
                                    ProgressListener progress, Cancellation cancel) throws IOException {
        PairedDataset ds = encoding.dataset();
        boolean rgb = input == FinetuneInput.RGB;
        boolean flow = !rgb && ds.modality() == Modality.FLOW;
        RgbImage[] images = new RgbImage[pairs.size()];
        RgbImage[] mirrored = flow ? new RgbImage[pairs.size()] : null;
        AtomicInteger done = new AtomicInteger();
        IOException[] failure = new IOException[1];
        String what = rgb ? "RGB" : encoding.label();
        Parallel.forEach(pairs.size(), i -> {
            if (failure[0] != null || cancel.isCancelled()) {
                return;
            }
            Pair p = pairs.get(i);
            try {
                if (rgb) {
                    images[i] = ds.rgb(p);
                } else if (flow) {
                    FlowField f = encoding.flow(p);
                    images[i] = encoding.flowImage(f);
                    mirrored[i] = encoding.flowImage(FlowImages.flipHorizontally(f));
                } else {
                    images[i] = encoding.depthInput(p);
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
