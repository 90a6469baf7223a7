package org.xmodal.app.experiments;

/**
 * An experiment to fill the Experiments form with, asked for by another view (the Data view's guided start).
 *
 * @param kind   which experiment
 * @param data   the dataset's folder
 * @param preset a preset of that experiment
 * @param seeds  seeds per arm
 * @param from   where the request came from, said above the form ("the Data view")
 */
public record ExperimentDraft(ExperimentKind kind, String data, String preset, int seeds, String from) {
}
