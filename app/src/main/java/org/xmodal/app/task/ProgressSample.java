package org.xmodal.app.task;

import org.xmodal.engine.task.ProgressListener;

/**
 * The latest progress a job reported. Workers overwrite it as often as they like; the UI reads it on its own
 * clock, so a job reporting a thousand times a second costs the UI thread nothing.
 */
public final class ProgressSample implements ProgressListener {
    /** A message and a fraction in [0, 1], or a negative fraction when the amount of work is unknown. */
    public record Snapshot(String message, double fraction) {
    }

    private volatile Snapshot latest = new Snapshot("", -1);

    @Override
    public void progress(String message, double fraction) {
        latest = new Snapshot(message == null ? "" : message, fraction);
    }

    public Snapshot latest() {
        return latest;
    }
}
