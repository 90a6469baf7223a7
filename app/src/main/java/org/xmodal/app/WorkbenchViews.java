package org.xmodal.app;

import java.util.List;
import org.xmodal.app.data.DataView;
import org.xmodal.app.experiments.ExperimentsView;
import org.xmodal.app.features.FeaturesView;
import org.xmodal.app.filters.FiltersView;
import org.xmodal.app.lab.EncodingLabView;
import org.xmodal.app.lesson.LessonView;
import org.xmodal.app.results.ResultsView;
import org.xmodal.app.runs.RunsView;
import org.xmodal.app.shell.ViewEntry;

/** The views of the workbench, in navigation order. Adding a view is adding a line here. */
public final class WorkbenchViews {
    private WorkbenchViews() {
    }

    public static List<ViewEntry> all() {
        return List.of(
                new ViewEntry("Data", DataView::new),
                new ViewEntry("Encoding lab", EncodingLabView::new),
                new ViewEntry("Runs", RunsView::new),
                new ViewEntry(WorkbenchContext.EXPERIMENTS, ExperimentsView::new),
                new ViewEntry("Filters", FiltersView::new),
                new ViewEntry("Features", FeaturesView::new),
                new ViewEntry(WorkbenchContext.RESULTS, ResultsView::new),
                new ViewEntry(LessonView.TITLE, LessonView::new));
    }
}
