package org.xmodal.app.runs;

import org.xmodal.engine.run.Distill;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.app.task.Outcome;
import org.xmodal.app.task.TaskExecutor;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.app.NewRunRequests;
import org.xmodal.engine.run.RunSpec;

/**
 * The form of a new run: every field of the run spec as a property, filled from a preset, from a run to clone, or
 * by hand; choosing another kind of run fills what was not typed by hand from that kind's preset. The spec they make
 * is validated by the engine's rules at every change, and what is wrong is said in one line, naming the field by
 * its label; the dataset and the weights it names must exist and be of the right kind, a run's name meaning the
 * newest finished run of that name in the window's folder of runs, whose finished runs the weights fields offer
 * ({@link WeightsFields}). A distill run's spec is also put to the engine's pre-launch check ({@link SpecCheck}, off
 * the UI thread, the latest change winning): whether its teacher's weights can do what its terms ask (kd needs a
 * classifier of the dataset's scene classes) and whether the dataset has the labels they need; until the engine has
 * said yes the run cannot start, and what it refuses is the form's problem. The device choice lists what the engine
 * found (probed once, off the UI thread): the CPU's cores and each GPU with its memory.
 */
public final class RunFormViewModel {
    private final RunLibrary library;
    private final List<SpecField> fields = SpecForm.fields();
    private final Map<String, ObjectProperty<Object>> values = new LinkedHashMap<>();
    private final Map<String, ObservableList<String>> choices = new LinkedHashMap<>();
    private final FinishedRunChoices runs;
    /** The fields set by hand since the form was last filled: a change of kind keeps them. */
    private final Set<String> edited = new HashSet<>();
    /** Text typed in a number field that is not a number of its kind, by the field's key. */
    private final Map<String, String> unparsed = new LinkedHashMap<>();
    private final FormPresets presets;
    private final ObjectProperty<Presets.Preset> preset = new SimpleObjectProperty<>(this, "preset");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "New run");
    private final ReadOnlyStringWrapper devices = new ReadOnlyStringWrapper(this, "devices",
            "Devices: asking the engine...");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<RunSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private final EngineVerdicts engine;
    private boolean filling;

    /** A form whose distill specs are checked by the engine itself ({@link SpecCheck#engine()}). */
    /** Whether the form was opened (a new run, a clone, a fill) or edited: only then is it checked. */
    private boolean opened;

    /** The form's field of the MLflow server a run also logs to. */
    static final String TRACKING_KEY = "tracking.mlflow";

    public RunFormViewModel(TaskExecutor executor, DeviceProbe probe, Path workbenchRoot, RunLibrary library) {
        this(executor, probe, SpecCheck.engine(), workbenchRoot, library);
    }

    /**
     * @param library the window's runs: names resolve in its folder (whichever folder it shows when the form is
     *                checked), and its finished runs are offered as teachers, initialisations and source models
     */
    public RunFormViewModel(TaskExecutor executor, DeviceProbe probe, SpecCheck check, Path workbenchRoot,
                            RunLibrary library) {
        this.library = library;
        this.runs = new FinishedRunChoices(library);
        this.presets = new FormPresets(workbenchRoot, library::root);
        this.engine = new EngineVerdicts(executor, check, (canStart, why) -> {
            spec.set(canStart);
            problem.set(FormWords.of(why, canStart == null ? kind() : canStart.kind().id()));
        });
        for (SpecField f : fields) {
            ObjectProperty<Object> p = new SimpleObjectProperty<>(this, f.key(), f.blank());
            p.addListener((obs, o, n) -> {
                if (!filling) {
                    edited.add(f.key());
                    opened = true;
                    validate();
                }
            });
            values.put(f.key(), p);
            choices.put(f.key(), FXCollections.observableArrayList(f.choices()));
        }
        // a new kind fills what was not typed from its preset; a kind with an objective starts from its own terms
        // (a transfer preset's hint means nothing to a socket run); a distill run from its settings' defaults
        values.get("kind").addListener((obs, o, kind) -> {
            if (filling || !(kind instanceof String k)) {
                return;
            }
            filling = true;
            try {
                unparsed.clear(); // the kind's editors are made anew, showing the form's values
                fillFromPresetOf(k);
                // the preset box names the preset the fields now come from (without filling the form again)
                presets.presetOf(k).ifPresent(preset::set);
                ObjectProperty<Object> terms = values.get("objective.terms");
                if (!SpecForm.termsFit(k, (String) terms.get())) {
                    SpecForm.defaultTerms(k).ifPresent(terms::set);
                }
                if ("distill".equals(k)) {
                    fillDistillDefaults();
                }
            } finally {
                filling = false;
            }
            validate();
        });
        values.get("modality").addListener((obs, o, n) -> {
            if (!unparsed.isEmpty()) {
                unparsed.clear(); // the modality's editors are made anew, showing the form's values
                validate();
            }
        });
        preset.addListener((obs, o, p) -> {
            if (p != null && !filling) {
                applyPreset(p);
            }
        });
        library.afterEachLook(this::offerFinishedRuns);
        library.rootProperty().addListener((obs, o, n) -> switchedRunsFolder(o, n));
        offerFinishedRuns();
        executor.submit("Finding the engine's devices", (progress, cancel) -> probe.probe(), outcome -> {
            if (outcome instanceof Outcome.Done<EngineInfo> done) {
                showDevices(done.value());
            } else if (outcome instanceof Outcome.Failed<EngineInfo> failed) {
                devices.set("Devices: the engine could not be asked (" + failed.error().getMessage() + "); auto and "
                        + "cpu are offered");
            }
        });
        validate();
        if (!presets.unreadable().isEmpty()) {
            problem.set(presets.unreadable());
        }
    }

    private void showDevices(EngineInfo info) {
        List<String> ids = new ArrayList<>(List.of("auto", "cpu"));
        StringBuilder text = new StringBuilder("Devices the engine found: cpu (" + info.cpuCores() + " cores)");
        if (info.gpus().isEmpty()) {
            text.append("; no GPU (").append(info.nativeFlavour()).append(" natives)");
        }
        for (EngineInfo.Gpu g : info.gpus()) {
            ids.add("gpu:" + g.index());
            text.append(", ").append(g.describe());
        }
        if (info.gpus().size() > 1) {
            ids.add("gpu:all"); // a transfer run shares each step over every GPU
        }
        choices.get(SpecForm.DEVICE_KEY).setAll(ids);
        devices.set(text.toString());
    }

    /** An empty form titled "New run", filled from the first preset when there is one. */
    public void newRun() {
        opened = true;
        title.set("New run");
        preset.set(null);
        ObservableList<Presets.Preset> listed = presets.list();
        if (!listed.isEmpty()) {
            preset.set(listed.stream().filter(p -> p.name().startsWith("transfer")).findFirst()
                    .orElse(listed.get(0)));
        } else {
            validate();
        }
    }

    /**
     * A new run's form (from the preset a new run starts from) on {@code r}'s dataset, with every encoding field
     * set from {@code r}'s encoding: what was tuned elsewhere is what the run will train on.
     */
    public void newRunFrom(NewRunRequests.Request r) {
        opened = true;
        newRun();
        title.set("New run with the encoding of " + r.from());
        filling = true;
        try {
            values.get("data").set(r.data());
            values.get("modality").set(r.modality().id());
            SpecForm.encodingValues(r.encoding()).forEach((k, v) -> values.get(k).set(v));
        } finally {
            filling = false;
        }
        validate();
    }

    /** The form filled with a run's spec, to change and start as a new run. */
    public void cloneOf(String runId, RunSpec original) {
        opened = true;
        title.set("Clone of " + runId);
        preset.set(null);
        fill(original);
    }

    private void applyPreset(Presets.Preset p) {
        try {
            fill(presets.load(p));
            trackingDefault();
        } catch (IOException e) {
            problem.set(e.getMessage());
        }
    }

    /** The window's MLflow server (File > MLflow tracking server...) for a new run whose preset names none. */
    private void trackingDefault() {
        String server = library.mlflowTrackingProperty().get();
        ObjectProperty<Object> field = values.get(TRACKING_KEY);
        if (server != null && !server.isBlank() && !edited.contains(TRACKING_KEY)
                && (field.get() == null || field.get().toString().isBlank())) {
            filling = true;
            try {
                field.set(server.strip());
            } finally {
                filling = false;
            }
            validate();
        }
    }

    /** Fills every field from a spec. */
    public void fill(RunSpec s) {
        opened = true;
        filling = true;
        try {
            SpecForm.values(s).forEach((k, v) -> values.get(k).set(v));
            edited.clear();
            unparsed.clear();
        } finally {
            filling = false;
        }
        validate();
    }

    /**
     * The fields of the form not set by hand, from the preset of {@code kind}'s runs: a fine-tuning run gets its
     * task, input, proposals and initialisation, a teacher run its network and steps. What describes the data (the
     * dataset, the paired modality, its encoding) stays: the person chose the pairs, not the kind.
     */
    private void fillFromPresetOf(String kind) {
        try {
            presets.ofKind(kind).ifPresent(p -> SpecForm.values(p).forEach((k, v) -> {
                if (!edited.contains(k) && !describesTheData(k)) {
                    values.get(k).set(v);
                }
            }));
            trackingDefault();
        } catch (IOException e) {
            problem.set(e.getMessage());
        }
    }

    private static boolean describesTheData(String key) {
        return key.equals("kind") || key.equals("data") || key.equals("modality")
                || key.startsWith(SpecForm.DEPTH_ENCODING) || key.startsWith(SpecForm.FLOW_ENCODING);
    }

    /** The finished runs of the folder each weights field takes; the form checked again if they changed. */
    private void offerFinishedRuns() {
        if (runs.refresh()) {
            validate(); // a run of the name the form gives may just have finished
        }
    }

    /**
     * The window shows another folder of runs: weights named inside the old folder (a preset's runs/NAME made
     * absolute there) now name the same place in the new one, and the lists offer the new folder's runs.
     */
    private void switchedRunsFolder(Path old, Path now) {
        filling = true;
        try {
            for (WeightsFields w : WeightsFields.values()) {
                ObjectProperty<Object> v = values.get(w.key());
                FinishedRunChoices.rebased(v.get(), old, now).ifPresent(v::set);
            }
        } finally {
            filling = false;
        }
        runs.refresh();
        validate();
    }

    /**
     * A distill run's settings at their defaults when the form has none yet (every distill field blank: it never held
     * a distill spec), and a teacher network (the only teacher a distill run takes) of the student's architecture
     * when none is named.
     */
    private void fillDistillDefaults() {
        boolean blank = fields.stream().filter(f -> f.key().startsWith(SpecForm.DISTILL_PREFIX))
                .allMatch(f -> f.blank().equals(values.get(f.key()).get()));
        if (blank) {
            SpecForm.distillValues(Distill.defaults()).forEach((k, v) -> values.get(k).set(v));
        }
        values.get("teacher.source").set("network");
        ObjectProperty<Object> teacher = values.get("teacher.architecture");
        if (teacher.get() == null || String.valueOf(teacher.get()).isBlank()) {
            teacher.set(values.get("student.architecture").get());
        }
    }

    private void validate() {
        if (!opened) {
            // nothing to say about a form nobody has opened: the window makes its runs view (and this form) on the
            // view's first visit, and checking a blank spec there (the spec classes loaded and built the first time)
            // was a good part of that visit's time
            return;
        }
        engine.forget();
        try {
            if (!unparsed.isEmpty()) {
                // what a number field shows and what the form holds differ: said before anything else
                Map.Entry<String, String> u = unparsed.entrySet().iterator().next();
                SpecField f = SpecForm.field(u.getKey());
                throw new IllegalArgumentException(label(f) + ": '" + u.getValue().trim() + "' is not "
                        + (f.type() == SpecField.Type.NUMBER ? "a number" : "a whole number") + " (the field "
                        + "keeps " + SpecField.format(values.get(u.getKey()).get()) + " until it is one)");
            }
            RunSpec s = SpecForm.build(currentValues());
            DatasetPath.check(s.data(), labelOf("data"));
            s = WeightsPaths.resolve(s, library.root(), this::labelOf, runs::known);
            if (engine.mustAsk(s)) {
                // the teacher's weights and the dataset's labels decide whether the terms can work: the engine says
                spec.set(null);
                problem.set("Checking the teacher's weights and the dataset's labels with the engine...");
                engine.ask(s);
                return;
            }
            spec.set(s);
            problem.set("");
        } catch (IllegalArgumentException e) {
            spec.set(null);
            problem.set(e.getMessage());
        }
    }

    private Map<String, Object> currentValues() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, p) -> out.put(k, p.get()));
        return out;
    }

    public List<SpecField> fields() {
        return fields;
    }

    /** The value of a field; a text field's value is a String, a number's a Number, a switch's a Boolean. */
    public ObjectProperty<Object> value(String key) {
        ObjectProperty<Object> p = values.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no field " + key);
        }
        return p;
    }

    /**
     * What a number field shows when it is not a number of the field's kind ({@code text}), or null when it is one
     * again: until then the form says so and the run cannot start, so it never starts with a value not shown.
     */
    public void unparsed(String key, String text) {
        if (text == null ? unparsed.remove(key) != null : !text.equals(unparsed.put(key, text))) {
            validate();
        }
    }

    /** The values a choice field offers (the device field's grow when the engine has answered). */
    public ObservableList<String> choices(String key) {
        return choices.get(key);
    }

    /**
     * The finished runs of the window's folder of runs a weights field offers, by their id there, newest first
     * ("random" first for an initialisation); empty for a field that names no weights. Updated after each look at
     * the folder, so a run that finishes joins its list.
     */
    public ObservableList<String> runChoices(String key) {
        return runs.list(key);
    }

    /** The window's folder of runs today: where a run's name is looked up and Browse... starts. */
    public Path runsFolder() {
        return library.root();
    }

    /** The form's label of a field for the kind of run it holds ("Network" for a teacher run's network). */
    public String label(SpecField field) {
        return field.label(kind());
    }

    /** The kind of run the form holds, or null. */
    private String kind() {
        return values.get("kind").get() instanceof String k && !k.isBlank() ? k.trim() : null;
    }

    public ObservableList<Presets.Preset> presets() {
        return presets.list();
    }

    /** Choosing a preset fills the form with it. */
    public ObjectProperty<Presets.Preset> presetProperty() {
        return preset;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty devicesProperty() {
        return devices.getReadOnlyProperty();
    }

    /** What is wrong with the spec, or empty when it can start. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The valid spec the form holds, or null. */
    public ReadOnlyObjectProperty<RunSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    public Optional<RunSpec> spec() {
        return Optional.ofNullable(spec.get());
    }

    /** The form's label of a field, for messages in the form's words. */
    private String labelOf(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).map(this::label).findFirst().orElse(key);
    }
}
