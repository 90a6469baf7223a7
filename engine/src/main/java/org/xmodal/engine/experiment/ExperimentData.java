package org.xmodal.engine.experiment;

import java.nio.file.Path;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;

/**
 * What an experiment needs of its dataset, checked before anything is trained: a teacher of thousands of steps
 * on data that cannot be fine-tuned or scored wastes an hour and then fails, or worse, gives a table of nothing.
 */
final class ExperimentData {
    private ExperimentData() {
    }

    /**
     * @throws BadInputException naming {@code data} when it has no usable pair, is of another modality than the
     *                           experiment's, or has no labelled train or no labelled test pair
     */
    static void require(PairedDataset ds, Path data, Modality modality, String experiment) throws BadInputException {
        if (ds.pairs().isEmpty()) {
            throw new BadInputException(data, "has no usable pair (" + ds.report().summary() + "; see ./xmodal "
                    + "dataset " + data + ")");
        }
        if (ds.modality() != modality) {
            throw new BadInputException(data, "holds " + ds.modality().id() + " pairs, but " + experiment + " needs "
                    + modality.id() + " pairs");
        }
        if (ds.labelled(Split.TRAIN).isEmpty()) {
            throw new BadInputException(data, "has no labelled train pair, so " + experiment + " has nothing to "
                    + "fine-tune on (mark some train pairs \"labelled\": true)");
        }
        if (ds.labelled(Split.TEST).isEmpty()) {
            throw new BadInputException(data, "has no labelled test pair, so " + experiment + " has nothing to "
                    + "score (give some pairs \"split\": \"test\" with annotations)");
        }
    }
}
