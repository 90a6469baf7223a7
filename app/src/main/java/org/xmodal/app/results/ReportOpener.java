package org.xmodal.app.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens a file (the experiment's report.html) in the desktop's program for it: a web browser. */
@FunctionalInterface
public interface ReportOpener {
    void open(Path file) throws IOException;

    /**
     * The desktop's opener: {@code xdg-open} on Linux, {@code open} on macOS, the file association on Windows. Started
     * without waiting: the browser lives on after the workbench.
     */
    static ReportOpener desktop() {
        return file -> {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            List<String> command = os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler",
                    file.toString()) : List.of(os.contains("mac") ? "open" : "xdg-open", file.toString());
            try {
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new IOException("no program to open it was found (" + command.get(0) + " did not start); open "
                        + file + " in a web browser", e);
            }
        };
    }
}
