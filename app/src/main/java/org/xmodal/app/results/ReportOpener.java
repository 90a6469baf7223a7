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
                throw new NoBrowser(command.get(0), e);
            }
        };
    }

    /** No program to show the file was found on this machine (no browser, no xdg-open): not a disk's fault. */
    final class NoBrowser extends IOException {
        private static final long serialVersionUID = 1L;

        public NoBrowser(String program, Throwable cause) {
            super("no program to open it was found (" + program + " did not start)", cause);
        }
    }
}
