package org.xmodal.app.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.xmodal.app.task.RunningTask;
import org.xmodal.engine.synth.SynthConfig;

/**
 * The "Generate synthetic..." dialog's form over {@code xmodal synth}'s options, validated as the person types:
 * the same checks as the command line, told in the form's words, and the command that would make the same files.
 */
public final class SynthDialogViewModel {
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>(this, "folder");
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);
    private final IntegerProperty scenes = new SimpleIntegerProperty(this, "scenes", 100);
    private final IntegerProperty width = new SimpleIntegerProperty(this, "width", 160);
    private final IntegerProperty height = new SimpleIntegerProperty(this, "height", 120);
    private final IntegerProperty flowSequences = new SimpleIntegerProperty(this, "flowSequences", 0);
    private final IntegerProperty frames = new SimpleIntegerProperty(this, "frames", 5);
    private final DoubleProperty labelledFraction = new SimpleDoubleProperty(this, "labelledFraction", 0.2);
    private final DoubleProperty testFraction = new SimpleDoubleProperty(this, "testFraction", 0.25);
    private final BooleanProperty replace = new SimpleBooleanProperty(this, "replace");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper command = new ReadOnlyStringWrapper(this, "command", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");

    public SynthDialogViewModel(Path suggestedFolder) {
        folder.set(suggestedFolder);
        for (Observable o : new Observable[] {folder, seed, scenes, width, height, flowSequences, frames,
            labelledFraction, testFraction, replace}) {
            o.addListener(x -> validate());
        }
        validate();
    }

    private void validate() {
        Optional<SynthConfig> config = buildConfig();
        String folderProblem = folderProblem();
        if (config.isPresent() && folderProblem.isEmpty()) {
            problem.set("");
            command.set("./" + config.get().command() + " --out " + folder.get() + (replace.get() ? " --force" : ""));
        }
        valid.set(config.isPresent() && folderProblem.isEmpty());
        if (config.isPresent() && !folderProblem.isEmpty()) {
            problem.set(folderProblem);
        }
    }

    private Optional<SynthConfig> buildConfig() {
        try {
            return Optional.of(new SynthConfig(seed.get(), scenes.get(), width.get(), height.get(), flowSequences.get(),
                    frames.get(), labelledFraction.get(), testFraction.get()));
        } catch (IllegalArgumentException e) {
            problem.set(inFormWords(e.getMessage()));
            command.set("");
            return Optional.empty();
        }
    }

    private String folderProblem() {
        Path f = folder.get();
        if (f == null) {
            return "Choose the folder to write the dataset into.";
        }
        if (Files.isRegularFile(f)) {
            return f + " is a file; choose a folder.";
        }
        if (Files.isDirectory(f) && !replace.get()) {
            try (Stream<Path> entries = Files.list(f)) {
                if (entries.findAny().isPresent()) {
                    return f + " is not empty: choose a new or empty folder, or tick \"Replace\" to write over an "
                            + "earlier synthetic dataset there.";
                }
            } catch (IOException e) {
                return f + " cannot be read (" + e.getMessage() + ").";
            }
        }
        return "";
    }

    /** The command line's messages name its options; the dialog names its fields. */
    static String inFormWords(String message) {
        return message.replace("--scenes", "Scenes").replace("--size", "Image size")
                .replace("--flow-sequences", "Flow sequences").replace("--frames", "Frames per sequence")
                .replace("--labelled-fraction", "Labelled fraction").replace("--test-fraction", "Test fraction");
    }

    /** Starts the generation (which opens the dataset when done); empty when the form is not valid. */
    public Optional<RunningTask> generate(DatasetSession session) {
        Optional<SynthConfig> config = buildConfig();
        if (config.isEmpty() || !valid.get()) {
            return Optional.empty();
        }
        return Optional.of(session.generate(config.get(), folder.get(), replace.get()));
    }

    public ObjectProperty<Path> folderProperty() {
        return folder;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public IntegerProperty scenesProperty() {
        return scenes;
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public IntegerProperty heightProperty() {
        return height;
    }

    public IntegerProperty flowSequencesProperty() {
        return flowSequences;
    }

    public IntegerProperty framesProperty() {
        return frames;
    }

    public DoubleProperty labelledFractionProperty() {
        return labelledFraction;
    }

    public DoubleProperty testFractionProperty() {
        return testFraction;
    }

    public BooleanProperty replaceProperty() {
        return replace;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The {@code ./xmodal synth} command that writes the same files, when the form is valid. */
    public ReadOnlyStringProperty commandProperty() {
        return command.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
