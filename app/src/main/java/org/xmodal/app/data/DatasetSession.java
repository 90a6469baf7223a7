package org.xmodal.app.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.xmodal.app.shell.ProblemReporter;
import org.xmodal.app.shell.Problems;
import org.xmodal.app.task.LongWork;
import org.xmodal.app.task.Outcome;
import org.xmodal.app.task.RunningTask;
import org.xmodal.engine.data.DatasetLoaders;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.synth.SynthConfig;
import org.xmodal.engine.synth.SynthDatasetWriter;

/**
 * The dataset the workbench works on and the pair in focus, shared by every view: the data view selects a pair,
 * the encoding lab tunes encodings on it. Opening and generating are long work with progress and cancel.
 */
public final class DatasetSession {
    private final LongWork work;
    private final ProblemReporter problems;
    private final ReadOnlyObjectWrapper<PairedDataset> dataset = new ReadOnlyObjectWrapper<>(this, "dataset");
    private final ObjectProperty<Pair> selectedPair = new SimpleObjectProperty<>(this, "selectedPair");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    /** The name of the dataset being opened, or "" when none is. */
    private final ReadOnlyStringWrapper opening = new ReadOnlyStringWrapper(this, "opening", "");
    /** {@link #dataset}, for other threads. */
    private volatile PairedDataset shown;

    public DatasetSession(LongWork work, ProblemReporter problems) {
        this.work = work;
        this.problems = problems;
    }

    /** Opens a project folder, a plain rgb/ + depth/ folder, a folder of video frames or NYU's .mat file. */
    public RunningTask open(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        opening.set(name);
        return work.start("Opening " + name, (progress, cancel) -> DatasetLoaders.open(path, progress, cancel),
                outcome -> {
                    if (name.equals(opening.get())) {
                        opening.set("");
                    }
                    if (outcome instanceof Outcome.Done<PairedDataset> done) {
                        replace(done.value());
                    } else if (outcome instanceof Outcome.Failed<PairedDataset> failed) {
                        problems.report(Problems.describe("Could not open " + path, failed.error()));
                    }
                });
    }

    /** Writes a synthetic dataset with {@code xmodal synth}'s generator, then opens it. */
    public RunningTask generate(SynthConfig config, Path out, boolean force) {
        int threads = Runtime.getRuntime().availableProcessors();
        return work.start("Generating " + config.scenes() + " synthetic scenes",
                (progress, cancel) -> SynthDatasetWriter.write(config, out, force, threads, progress, cancel),
                outcome -> {
                    if (outcome instanceof Outcome.Done<SynthDatasetWriter.Summary> done) {
                        SynthDatasetWriter.Summary s = done.value();
                        notice.set(String.format(Locale.ROOT, "Generated %d scenes%s in %.1f s into %s", s.depthPairs(),
                                s.flowPairs() > 0 ? " and " + s.flowPairs() + " flow pairs (open "
                                        + SynthDatasetWriter.flowFolder(config, out) + " to see them)" : "",
                                s.elapsed().toMillis() / 1000.0, out));
                        open(out);
                    } else if (outcome instanceof Outcome.Failed<SynthDatasetWriter.Summary> failed) {
                        problems.report(Problems.describe("Could not generate the synthetic dataset", failed.error()));
                    } else {
                        notice.set("Generation cancelled; " + out + " holds an unfinished dataset (tick \"replace\" "
                                + "to write over it)");
                    }
                });
    }

    /** Moves the selection {@code step} pairs along all the dataset's pairs, stopping at its ends. */
    public void step(int step) {
        PairedDataset ds = dataset.get();
        if (ds == null || ds.pairs().isEmpty()) {
            return;
        }
        int i = ds.pairs().indexOf(selectedPair.get());
        selectedPair.set(ds.pairs().get(i < 0 ? 0 : Math.max(0, Math.min(ds.pairs().size() - 1, i + step))));
    }

    private void replace(PairedDataset opened) {
        PairedDataset old = dataset.get();
        selectedPair.set(null);
        shown = opened;
        dataset.set(opened);
        // listeners of the dataset (the data view's filters) may already have chosen a pair
        if (selectedPair.get() == null && !opened.pairs().isEmpty()) {
            selectedPair.set(opened.pairs().get(0));
        }
        if (opened.pairs().isEmpty()) {
            notice.set(opened.name() + " has no usable pairs: " + opened.report().summary());
        }
        if (old != null && old != opened) {
            try {
                old.close();
            } catch (IOException e) {
                // the old dataset is no longer shown; failing to release its file changes nothing the user sees
            }
        }
    }

    public ReadOnlyObjectProperty<PairedDataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public PairedDataset dataset() {
        return dataset.get();
    }

    /**
     * The dataset the window shows if it was opened from the folder {@code folder}, else empty; from any thread. Lets
     * a view that needs a pair of the same folder (the lesson's rooms) use the pairs already checked instead of reading
     * every image again. The caller must not close it. A folder's pixels are read from its files, so it stays
     * readable after the window opens another dataset and closes this one.
     */
    public Optional<PairedDataset> openedFolder(Path folder) {
        PairedDataset ds = shown;
        if (ds == null || !Files.isDirectory(ds.root()) || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try {
            return Files.isSameFile(ds.root(), folder) ? Optional.of(ds) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // one of them went away: the caller opens the folder itself and says why
        }
    }

    public ObjectProperty<Pair> selectedPairProperty() {
        return selectedPair;
    }

    /** The name of the dataset being opened, or "" when none is: views say so instead of showing an empty list. */
    public ReadOnlyStringProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    /** The last thing worth telling that is not a problem (what was generated, what was cancelled). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
