package org.xmodal.app.lesson;

import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/** The lesson's steps and which one is shown; moving past either end does nothing. */
public final class Lesson {
    private final List<LessonStep> steps;
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", 0);

    public Lesson(List<LessonStep> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lesson needs steps");
        }
        this.steps = List.copyOf(steps);
    }

    public List<LessonStep> steps() {
        return steps;
    }

    public LessonStep current() {
        return steps.get(index.get());
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public void next() {
        go(index.get() + 1);
    }

    public void previous() {
        go(index.get() - 1);
    }

    /** Shows step {@code i} (0-based), kept within the lesson. */
    public void go(int i) {
        index.set(Math.max(0, Math.min(steps.size() - 1, i)));
    }

    /** Stops every step's work in progress. */
    public void stop() {
        steps.forEach(LessonStep::stop);
    }
}
