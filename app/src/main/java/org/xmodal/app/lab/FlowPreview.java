package org.xmodal.app.lab;

import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.RgbImage;

/**
 * One flow estimate shown in the encoding lab, coloured on the same wheel as the ground truth (when the dataset
 * has it) so the two can be compared by eye, with the end-point error between them, and the legends (drawn with the
 * pictures, off the UI thread).
 *
 * @param truthWheel null when the dataset has no ground truth
 * @param endPointError average end-point error in pixels against the ground truth, NaN without it
 */
public record FlowPreview(RgbImage frame, RgbImage next, FlowField estimate, RgbImage estimateWheel,
                          RgbImage truthWheel, RgbImage actionTubes, RgbImage wheelLegend, RgbImage tubesLegend,
                          double endPointError, String summary) {
}
