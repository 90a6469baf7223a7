package org.xmodal.engine.data.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.ProgressListener;

/** NaN in ground-truth flow is reported and that ground truth is not used (it would make every EPE NaN). */
class GroundTruthFlowNanTest {
    @TempDir
    Path root;

    @Test
    void nanInAFloFileIsReportedAndItsGroundTruthIgnored() throws IOException {
        ImageFiles.writeRgb(RgbImage.blank(4, 3), root.resolve("f1.png"));
        ImageFiles.writeRgb(RgbImage.blank(4, 3), root.resolve("f2.png"));
        float[] u = new float[12];
        u[5] = Float.NaN;
        FloFile.write(new FlowField(4, 3, u, new float[12]), root.resolve("f1.flo"));
        try (PairedDataset ds = ImageSequenceLoader.load(root, ProgressListener.NONE)) {
            assertEquals(1, ds.pairs().size());
            assertNull(ds.pairs().get(0).files().groundTruthFlow());
            DatasetIssue w = ds.report().issues().get(0);
            assertTrue(w.location().endsWith("f1.flo"), w.location());
            assertTrue(w.problem().startsWith("has 1 NaN flow vector(s)"), w.problem());
        }
    }
}
