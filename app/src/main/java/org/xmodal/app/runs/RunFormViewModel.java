package org.xmodal.app.runs;

import org.xmodal.engine.run.Distill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.xmodal.app.task.LatestWins;
import org.xmodal.app.task.Outcome;
import org.xmodal.app.task.TaskExecutor;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.app.NewRunRequests;
import org.xmodal.engine.run.RunKind;
import org.xmodal.engine.run.RunSpec;

/**
 * The form of a new run: every field of the run spec as a property, filled from a preset, from a run to clone, or
 * by hand; the spec they make is validated by the engine's rules at every change, and what is wrong is said in one
 * line. A distill run's spec is also put to the engine's pre-launch check ({@link SpecCheck}, off the UI thread, the
 * latest change winning): whether its teacher's weights can do what its terms ask (kd needs a classifier of the
 * dataset's scene classes) and whether the dataset has the labels they need; until the engine has said yes the run
 * cannot start, and what it refuses is the form's problem. The device choice lists what the engine found (probed
 * once, off the UI thread): the CPU's cores and each GPU with its memory.
 */
public final class RunFormViewModel {
    private final Path workbenchRoot;
    private final Path runsRoot;
    private final List<SpecField> fields = SpecForm.fields();
    private final Map<String, ObjectProperty<Object>> values = new LinkedHashMap<>();
    private final Map<String, ObservableList<String>> choices = new LinkedHashMap<>();
    private final ObservableList<Presets.Preset> presets = FXCollections.observableArrayList();
    private final ObjectProperty<Presets.Preset> preset = new SimpleObjectProperty<>(this, "preset");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "New run");
    private final ReadOnlyStringWrapper devices = new ReadOnlyStringWrapper(this, "devices",
            "Devices: asking the engine...");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<RunSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private final LatestWins<RunSpec, RunSpec> engineCheck;
    /** The distill spec last put to the engine's check, and (while it is still the form's) the one awaited. */
    private RunSpec checking;
    private RunSpec awaited;
    /** The last spec the engine accepted: asked again only when the form changes. */
    private RunSpec accepted;
    private boolean filling;

    /** A form whose distill specs are checked by the engine itself ({@link SpecCheck#engine()}). */
    public RunFormViewModel(TaskExecutor executor, DeviceProbe probe, Path workbenchRoot, Path runsRoot) {
        this(executor, probe, SpecCheck.engine(), workbenchRoot, runsRoot);
    }

    public RunFormViewModel(TaskExecutor executor, DeviceProbe probe, SpecCheck check, Path workbenchRoot,
                            Path runsRoot) {
        this.workbenchRoot = workbenchRoot;
        this.runsRoot = runsRoot;
        this.engineCheck = new LatestWins<>(executor, "Checking the run's teacher and data with the engine",
                (s, cancel) -> {
                    try {
                        check.check(s);
                    } catch (LinkageError e) {
                        throw new EngineUnavailable(e);
                    }
                    return s;
                }, this::engineAccepted, this::engineRefused);
        for (SpecField f : fields) {
            ObjectProperty<Object> p = new SimpleObjectProperty<>(this, f.key(), f.blank());
            p.addListener((obs, o, n) -> {
                if (!filling) {
                    validate();
                }
            });
            values.put(f.key(), p);
            choices.put(f.key(), FXCollections.observableArrayList(f.choices()));
        }
        // a kind with an objective starts from its own terms: a transfer preset's hint means nothing to a socket run;
        // a distill run starts from its own settings' defaults and a teacher network
        values.get("kind").addListener((obs, o, kind) -> {
            if (filling || !(kind instanceof String k)) {
                return;
            }
            filling = true;
            try {
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
        preset.addListener((obs, o, p) -> {
            if (p != null) {
                applyPreset(p);
            }
        });
        try {
            if (workbenchRoot != null) {
                presets.setAll(Presets.list(workbenchRoot));
            }
        } catch (IOException e) {
            problem.set("The presets in " + workbenchRoot.resolve(Presets.FOLDER) + " cannot be read: "
                    + e.getMessage());
        }
        executor.submit("Finding the engine's devices", (progress, cancel) -> probe.probe(), outcome -> {
            if (outcome instanceof Outcome.Done<EngineInfo> done) {
                showDevices(done.value());
            } else if (outcome instanceof Outcome.Failed<EngineInfo> failed) {
                devices.set("Devices: the engine could not be asked (" + failed.error().getMessage() + "); auto and "
                        + "cpu are offered");
            }
        });
        validate();
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
        title.set("New run");
        preset.set(null);
        if (!presets.isEmpty()) {
            preset.set(presets.stream().filter(p -> p.name().startsWith("transfer")).findFirst()
                    .orElse(presets.get(0)));
        } else {
            validate();
        }
    }

    /**
     * A new run's form (from the preset a new run starts from) on {@code r}'s dataset, with every encoding field
     * set from {@code r}'s encoding: what was tuned elsewhere is what the run will train on.
     */
    public void newRunFrom(NewRunRequests.Request r) {
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
        title.set("Clone of " + runId);
        preset.set(null);
        fill(original);
    }

    private void applyPreset(Presets.Preset p) {
        try {
            fill(Presets.load(p, workbenchRoot, runsRoot));
        } catch (IOException e) {
            problem.set(e.getMessage());
        }
    }

    /** Fills every field from a spec. */
    public void fill(RunSpec s) {
        filling = true;
        try {
            SpecForm.values(s).forEach((k, v) -> values.get(k).set(v));
        } finally {
            filling = false;
        }
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
        awaited = null;
        try {
            RunSpec s = SpecForm.build(currentValues());
            Path data = Path.of(s.data());
            if (!Files.exists(data)) {
                throw new IllegalArgumentException("Dataset: " + data + " does not exist");
            }
            s = WeightsPaths.resolve(s, runsRoot, this::labelOf);
            if (s.kind() == RunKind.DISTILL && !s.equals(accepted)) {
                // the teacher's weights and the dataset's labels decide whether the terms can work: the engine says
                spec.set(null);
                problem.set("Checking the teacher's weights and the dataset's labels with the engine...");
                awaited = s;
                checking = s;
                engineCheck.request(s);
                return;
            }
            spec.set(s);
            problem.set("");
        } catch (IllegalArgumentException e) {
            spec.set(null);
            problem.set(e.getMessage());
        }
    }

    private void engineAccepted(RunSpec s) {
        accepted = s;
        if (awaited != null && awaited == s) {
            awaited = null;
            spec.set(s);
            problem.set("");
        }
    }

    /** The engine's refusal of the latest spec put to it, shown while that spec is still the form's. */
    private void engineRefused(Throwable e) {
        if (awaited == null || awaited != checking) {
            return;
        }
        RunSpec s = awaited;
        awaited = null;
        if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
            spec.set(null);
            problem.set(e.getMessage());
        } else {
            // not the spec's fault: the engine that runs it checks it again, in its own process
            spec.set(s);
            problem.set("The engine could not check this spec here (" + e.getMessage() + "); it checks it again "
                    + "when the run starts");
        }
    }

    /** The engine's natives cannot be loaded in this process (the run's own engine process may still load them). */
    private static final class EngineUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        EngineUnavailable(LinkageError e) {
            super(e.toString(), e);
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

    /** The values a choice field offers (the device field's grow when the engine has answered). */
    public ObservableList<String> choices(String key) {
        return choices.get(key);
    }

    public ObservableList<Presets.Preset> presets() {
        return presets;
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
        return fields.stream().filter(f -> f.key().equals(key)).map(SpecField::label).findFirst().orElse(key);
    }
}
