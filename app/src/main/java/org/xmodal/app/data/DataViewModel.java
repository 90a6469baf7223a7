package org.xmodal.app.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.ObjectAnnotation;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;

/**
 * The data view's state: the pairs of the open dataset that pass the filters, the class choices the dataset
 * offers (with how many pairs each has), how many pairs are noisy (RGB corrupted), the report of what was wrong when
 * loading, and stepping through pairs.
 */
public final class DataViewModel {
    private final DatasetSession session;
    private final ObservableList<Pair> allPairs = FXCollections.observableArrayList();
    private final FilteredList<Pair> pairs = new FilteredList<>(allPairs, p -> true);
    private final ObservableList<ClassChoice> classChoices = FXCollections.observableArrayList(ClassChoice.ANY);
    private final ObservableList<String> reportLines = FXCollections.observableArrayList();
    private final ObjectProperty<PairFilter.SplitChoice> split = new SimpleObjectProperty<>(this, "split",
            PairFilter.SplitChoice.ANY);
    private final ObjectProperty<ClassChoice> classChoice = new SimpleObjectProperty<>(this, "classChoice",
            ClassChoice.ANY);
    private final ObjectProperty<PairFilter.Labelling> labelling = new SimpleObjectProperty<>(this, "labelling",
            PairFilter.Labelling.ANY);
    private final ObjectProperty<PairFilter.TeacherView> teacherView = new SimpleObjectProperty<>(this,
            "teacherView", PairFilter.TeacherView.ANY);
    private final ReadOnlyIntegerWrapper corruptedPairs = new ReadOnlyIntegerWrapper(this, "corruptedPairs");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "No dataset open");
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", "");

    public DataViewModel(DatasetSession session) {
        this.session = session;
        session.datasetProperty().addListener((obs, old, ds) -> datasetChanged(ds));
        split.addListener((obs, o, n) -> refilter());
        classChoice.addListener((obs, o, n) -> refilter());
        labelling.addListener((obs, o, n) -> refilter());
        teacherView.addListener((obs, o, n) -> refilter());
        session.openingProperty().addListener((obs, o, n) -> refilter());
        datasetChanged(session.dataset());
    }

    private void datasetChanged(PairedDataset ds) {
        allPairs.setAll(ds == null ? List.of() : ds.pairs());
        reportLines.setAll(ds == null ? List.of() : ds.report().issues().stream().map(DatasetIssue::line).toList());
        classChoices.setAll(ds == null ? List.of(ClassChoice.ANY) : choices(ds));
        ClassChoice kept = classChoices.stream().filter(c -> c.sameAs(classChoice.get())).findFirst()
                .orElse(ClassChoice.ANY);
        classChoice.set(kept);
        int noisy = ds == null ? 0 : (int) ds.pairs().stream().filter(Pair::corrupted).count();
        corruptedPairs.set(noisy);
        if (noisy == 0) {
            teacherView.set(PairFilter.TeacherView.ANY); // the filter is hidden: it must not hide pairs
        }
        summary.set(ds == null ? "No dataset open" : ds.name() + " \u00b7 " + ds.modality().id() + " \u00b7 "
                + ds.report().summary() + (noisy == 0 ? "" : " \u00b7 " + noisy + " noisy pair" + (noisy == 1 ? "" : "s")
                + " (RGB corrupted)"));
        refilter();
    }

    private static List<ClassChoice> choices(PairedDataset ds) {
        Map<String, Integer> objects = new TreeMap<>();
        Map<String, Integer> scenes = new TreeMap<>();
        for (Pair p : ds.pairs()) {
            p.annotation().objects().stream().map(ObjectAnnotation::className).distinct()
                    .forEach(c -> objects.merge(c, 1, Integer::sum));
            p.annotation().scene().ifPresent(s -> scenes.merge(s, 1, Integer::sum));
        }
        List<ClassChoice> out = new ArrayList<>();
        out.add(ClassChoice.ANY);
        objects.forEach((name, n) -> out.add(ClassChoice.object(name, n)));
        scenes.forEach((name, n) -> out.add(ClassChoice.scene(name, n)));
        return out;
    }

    private void refilter() {
        PairFilter filter = new PairFilter(split.get(), classChoice.get(), labelling.get(), teacherView.get());
        pairs.setPredicate(filter);
        String opening = session.openingProperty().get();
        countText.set(!opening.isEmpty() ? "Opening " + opening + "\u2026"
                : pairs.size() + " of " + allPairs.size() + " pairs");
        placeholder.set(!opening.isEmpty() ? "Opening " + opening + "\u2026"
                : session.dataset() == null ? "No dataset open: Open a folder, NYU's .mat file or the sample data"
                : allPairs.isEmpty() ? "This dataset has no usable pairs (see its report below)"
                : "No pairs match the filters");
        Pair selected = session.selectedPairProperty().get();
        if (selected != null && !pairs.contains(selected)) {
            session.selectedPairProperty().set(pairs.isEmpty() ? null : pairs.get(0));
        } else if (selected == null && !pairs.isEmpty()) {
            session.selectedPairProperty().set(pairs.get(0));
        }
    }

    /** Moves the selection {@code step} pairs along the filtered list, stopping at its ends. */
    public void step(int step) {
        if (pairs.isEmpty()) {
            return;
        }
        int i = pairs.indexOf(session.selectedPairProperty().get());
        int next = i < 0 ? 0 : Math.max(0, Math.min(pairs.size() - 1, i + step));
        session.selectedPairProperty().set(pairs.get(next));
    }

    /** The pairs that pass the filters, in dataset order. */
    public ObservableList<Pair> pairs() {
        return pairs;
    }

    public ObservableList<ClassChoice> classChoices() {
        return classChoices;
    }

    /** The loader's report, one line per problem ("warning: rgb/x.png: ..."). */
    public ObservableList<String> reportLines() {
        return reportLines;
    }

    public ObjectProperty<PairFilter.SplitChoice> splitProperty() {
        return split;
    }

    public ObjectProperty<ClassChoice> classChoiceProperty() {
        return classChoice;
    }

    public ObjectProperty<PairFilter.Labelling> labellingProperty() {
        return labelling;
    }

    /** Noisy pairs only, clean ones only, or both; offered when the dataset has noisy pairs. */
    public ObjectProperty<PairFilter.TeacherView> teacherViewProperty() {
        return teacherView;
    }

    /** How many of the dataset's pairs have their RGB (the teacher's view) corrupted on purpose. */
    public ReadOnlyIntegerProperty corruptedPairsProperty() {
        return corruptedPairs.getReadOnlyProperty();
    }

    public ObjectProperty<Pair> selectedPairProperty() {
        return session.selectedPairProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the list says when it is empty: opening, no dataset, no usable pair, or no pair passing the filters. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    public DatasetSession session() {
        return session;
    }
}
