package org.xmodal.app.shell;

import java.util.function.Function;
import org.xmodal.app.WorkbenchContext;

/** A view's name in the navigation and how to make it (made the first time it is shown). */
public record ViewEntry(String title, Function<WorkbenchContext, ? extends WorkbenchView> factory) {
    /** A stable id for tests and style sheets: "Encoding lab" -> "encoding-lab". */
    public String id() {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
