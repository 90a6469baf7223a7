package org.xmodal.engine.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.nn.NetworkInput;
import org.xmodal.engine.regions.RegionClassifier;
import org.xmodal.engine.regions.RegionImages;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.task.ProgressListener;

/** Runs a trained region classifier on given boxes of given images, in chunks, for their pre-softmax scores. */
final class RegionScorer {
    private static final int CHUNK = 128;

    private RegionScorer() {
    }

    /**
     * @param images  the images, in the order of {@code boxes}
     * @param boxes   each image's id and the boxes to score
     * @param columns names of the network's outputs
     */
    static RegionScores score(RegionClassifier classifier, NDManager manager, RegionImages images,
                              List<RegionScores.ImageBoxes> boxes, List<String> columns, ProgressListener progress,
                              Cancellation cancel) {
        List<int[]> regions = new ArrayList<>(); // {image, box}
        for (int i = 0; i < boxes.size(); i++) {
            for (int b = 0; b < boxes.get(i).boxes().size(); b++) {
                regions.add(new int[] {i, b});
            }
        }
        int k = columns.size();
        int side = images.side();
        float[] scores = new float[regions.size() * k];
        for (int start = 0; start < regions.size(); start += CHUNK) {
            cancel.check();
            int n = Math.min(CHUNK, regions.size() - start);
            float[] inputs = new float[n * 3 * side * side];
            int first = start;
            Parallel.forEach(n, j -> {
                int[] r = regions.get(first + j);
                Box box = boxes.get(r[0]).boxes().get(r[1]);
                images.write(r[0], box, false, inputs, j);
            });
            try (NDManager chunk = manager.newSubManager()) {
                NDArray x = NetworkInput.tensor(chunk, inputs, new Shape(n, 3, side, side));
                float[] out = classifier.scores(x, false).toFloatArray();
                System.arraycopy(out, 0, scores, start * k, n * k);
            }
            progress.progress("Scoring " + (start + n) + "/" + regions.size() + " test regions",
                    (start + n) / (double) regions.size());
        }
        return new RegionScores(columns, boxes, scores);
    }
}
