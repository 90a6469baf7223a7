package org.xmodal.app.experiments;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.engine.data.PairedDataset;

/**
 * The form that starts an experiment: which one, on which pairs, with which preset and how many seeds, and the name
 * of its folder in the window's folder of runs. Checked at every change, so Start is offered only when the engine
 * will accept it; the message names the field in the form's words.
 */
public final class ExperimentForm {
    /** What Start launches: the experiment's folder and its command. */
    public record Start(Path folder, ExperimentLaunch launch) {
    }

    public static final int MAX_SEEDS = 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private final WorkbenchContext context;
    private final Supplier<Path> runsRoot;
    private final ObjectProperty<ExperimentKind> kind = new SimpleObjectProperty<>(this, "kind",
            ExperimentKind.TABLE1);
    private final ObservableList<String> presets = FXCollections.observableArrayList();
    private final StringProperty preset = new SimpleStringProperty(this, "preset", "");
    private final StringProperty data = new SimpleStringProperty(this, "data", "");
    private final IntegerProperty seeds = new SimpleIntegerProperty(this, "seeds", 3);
    private final javafx.beans.property.BooleanProperty onSlurm = new javafx.beans.property.SimpleBooleanProperty(this,
            "onSlurm");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final ReadOnlyStringWrapper from = new ReadOnlyStringWrapper(this, "from", "");
    private final java.util.Set<Path> starting = new java.util.HashSet<>();
    private boolean nameEdited;
    private boolean suggesting;

    ExperimentForm(WorkbenchContext context, Supplier<Path> runsRoot) {
        this.context = context;
        this.runsRoot = runsRoot;
        kind.addListener((obs, o, k) -> {
            presets.setAll(k.presets());
            preset.set(k.presets().get(0));
            suggestName();
        });
        presets.setAll(kind.get().presets());
        preset.set(kind.get().presets().get(0));
        PairedDataset open = context.session().dataset();
        if (open != null) {
            data.set(open.root().toAbsolutePath().toString());
        }
        // the open dataset is the default until the person types another
        context.session().datasetProperty().addListener((obs, old, ds) -> {
            if (ds != null && (data.get().isBlank() || old != null && data.get().equals(old.root().toAbsolutePath()
                    .toString()))) {
                data.set(ds.root().toAbsolutePath().toString());
            }
        });
        name.addListener((obs, o, n) -> {
            if (!suggesting) {
                nameEdited = true;
            }
        });
        preset.addListener((obs, o, n) -> suggestName());
        for (var p : java.util.List.of(kind, preset, data, seeds, name)) {
            p.addListener((obs, o, n) -> check());
        }
        suggestName();
        check();
    }

    /** Fills the form with what another view asked for. */
    public void fill(ExperimentDraft draft) {
        kind.set(draft.kind());
        if (draft.preset() != null && presets.contains(draft.preset())) {
            preset.set(draft.preset());
        }
        data.set(draft.data());
        seeds.set(draft.seeds());
        from.set(draft.from() == null ? "" : "Filled from " + draft.from() + ": check the fields, then Start.");
        nameEdited = false;
        suggestName();
    }

    /** A fresh name ({@code table1-cpu-demo-20261204-1030}) unless the person typed one. */
    public void suggestName() {
        if (nameEdited) {
            check();
            return;
        }
        suggesting = true;
        try {
            String base = kind.get().command() + "-" + preset.get() + "-" + LocalDateTime.now().format(STAMP);
            String n = base;
            for (int i = 2; isTaken(folderOf(n)); i++) {
                n = base + "-" + i;
            }
            name.set(n);
        } finally {
            suggesting = false;
        }
        check();
    }

    /**
     * An experiment is starting in {@code folder} (its folder is made by the job that starts it): its name is
     * taken from now on, and the form offers a fresh one.
     */
    void taken(Path folder) {
        starting.add(folder);
        nameEdited = false;
        suggestName();
    }

    private boolean isTaken(Path folder) {
        return starting.contains(folder) || Files.exists(folder);
    }

    private Path folderOf(String n) {
        return runsRoot.get().resolve(ExperimentFolder.FOLDER).resolve(n);
    }

    /** What Start launches, or empty when a field is wrong (the problem says which). */
    public Optional<Start> validated() {
        check();
        if (!problem.get().isEmpty()) {
            return Optional.empty();
        }
        Path folder = folderOf(name.get().strip());
        return Optional.of(new Start(folder, new ExperimentLaunch(kind.get().command(),
                Path.of(data.get().strip()).toAbsolutePath().normalize().toString(), preset.get(), seeds.get(),
                null, onSlurm.get())));
    }

    private void check() {
        ExperimentKind k = kind.get();
        description.set(k.description());
        problem.set(problemText(k));
    }

    private String problemText(ExperimentKind k) {
        String d = data.get() == null ? "" : data.get().strip();
        if (d.isEmpty()) {
            return "Dataset: choose the folder of paired images (" + k.modality().id() + " pairs)";
        }
        Path dir;
        try {
            dir = Path.of(d).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return "Dataset: " + d + " is not a path (" + e.getReason() + ")";
        }
        if (!Files.exists(dir)) {
            return "Dataset: " + dir + " does not exist";
        }
        if (!Files.isDirectory(dir)) {
            return "Dataset: " + dir + " is a file; choose the dataset's folder";
        }
        PairedDataset open = context.session().dataset();
        if (open != null && open.root().toAbsolutePath().normalize().equals(dir) && open.modality() != k.modality()) {
            return "Dataset: " + dir.getFileName() + " holds " + open.modality().id() + " pairs, but " + k.title()
                    + " needs " + k.modality().id() + " pairs";
        }
        if (preset.get() == null || preset.get().isBlank()) {
            return "Preset: choose one";
        }
        if (seeds.get() < 1 || seeds.get() > MAX_SEEDS) {
            return "Seeds: between 1 and " + MAX_SEEDS + ", not " + seeds.get();
        }
        String n = name.get() == null ? "" : name.get().strip();
        if (n.isEmpty()) {
            return "Name: give the experiment a name (its folder's)";
        }
        if (!n.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
            return "Name: use letters, digits, '.', '_', '+' or '-' (it names a folder), not \"" + n + "\"";
        }
        if (isTaken(folderOf(n))) {
            return "Name: " + folderOf(n) + " exists already; choose another name, or choose that experiment in "
                    + "the list and Continue it";
        }
        return "";
    }

    public ObjectProperty<ExperimentKind> kindProperty() {
        return kind;
    }

    public ObservableList<String> presets() {
        return presets;
    }

    public StringProperty presetProperty() {
        return preset;
    }

    public StringProperty dataProperty() {
        return data;
    }

    /** Run on: this machine (false) or the Slurm cluster of the cluster profile (true). */
    public javafx.beans.property.BooleanProperty onSlurmProperty() {
        return onSlurm;
    }

    public IntegerProperty seedsProperty() {
        return seeds;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** Why Start cannot go ahead, in the form's words, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** Where the form's values came from, when another view filled it, or empty. */
    public ReadOnlyStringProperty fromProperty() {
        return from.getReadOnlyProperty();
    }
}
