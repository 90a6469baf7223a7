package org.xmodal.app.shell;

/** Tells the person about a problem: a dialog in the app, a list in tests. Called on the UI thread. */
@FunctionalInterface
public interface ProblemReporter {
    void report(Problem problem);
}
