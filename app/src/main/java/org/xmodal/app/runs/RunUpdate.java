package org.xmodal.app.runs;

import java.util.List;
import org.xmodal.engine.run.MetricsLog;
import org.xmodal.engine.run.RunEvent;

/**
 * What one look at a run folder found since the previous look: its summary, the events and metric rows appended,
 * and whether either file was read again from its start (then the lists hold everything, not just what is new).
 */
record RunUpdate(RunSummary summary, boolean eventsRestarted, List<RunEvent> newEvents, boolean metricsRestarted,
                 List<MetricsLog.Row> newRows) {

    boolean hasNews() {
        return eventsRestarted || metricsRestarted || !newEvents.isEmpty() || !newRows.isEmpty();
    }
}
