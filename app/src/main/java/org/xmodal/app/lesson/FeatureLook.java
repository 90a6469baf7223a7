package org.xmodal.app.lesson;

import java.io.IOException;
import java.util.Locale;
import org.xmodal.app.features.FeatureComparison;
import org.xmodal.app.features.FeatureProbe;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;
import org.xmodal.viz.ColourMap;
import org.xmodal.viz.FeatureMapPictures;
import org.xmodal.viz.FeatureMapPictures.Map2d;

/**
 * The teacher's and a lesson run's student's maps at the transfer layer on the lesson's pair, from the run's
 * newest checkpoint, as three pictures on one colour scale: the teacher's channel over the RGB image, the student's
 * same channel over its HHA image, and the L2 error at each location.
 */
record FeatureLook(long step, RgbImage teacher, RgbImage student, RgbImage error, double relativeError, int channel,
                   String layer) {

    static FeatureLook of(LessonMaterial material, LessonRun.Look look, ProgressListener progress, Cancellation cancel)
            throws IOException {
        long step = look.checkpoint().orElseThrow(() -> new IllegalStateException(look.run().id()
                + " has no checkpoint yet"));
        FeatureComparison c = FeatureProbe.compare(material.context().runsSetup().inspection(),
                look.run().spec(), look.run().checkpoint(step),
                look.teacherScale(), material.dataset(progress, cancel), material.pair(progress, cancel),
                material.context().cache(), cancel);
        int ch = c.mostActiveChannel();
        Map2d t = c.teacherChannel(ch);
        Map2d s = c.studentChannel(ch);
        double hi = Math.max(1e-6, Math.max(t.max(), s.max()));
        RgbImage teacher = FeatureMapPictures.overlay(c.rgb(), t, 0, hi, ColourMap.VIRIDIS, 0.65);
        RgbImage student = FeatureMapPictures.overlay(c.paired(), s, 0, hi, ColourMap.VIRIDIS, 0.65);
        Map2d e = c.error();
        RgbImage error = FeatureMapPictures.heatmap(e, 0, Math.max(1e-6, Math.max(e.max(), hi)), c.rgb().width(),
                c.rgb().height(), ColourMap.VIRIDIS);
        return new FeatureLook(step, teacher, student, error, c.relativeError(), ch, c.layer());
    }

    String describe() {
        return String.format(Locale.ROOT, "error %.0f%% of the teacher's features (%s, step %d)",
                100 * relativeError, layer, step);
    }
}
