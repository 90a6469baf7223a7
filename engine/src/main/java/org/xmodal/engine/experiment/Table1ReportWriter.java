package org.xmodal.engine.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the pictures of a Table 1 experiment (charts and {@code report.html}). The engine has no drawing code:
 * the {@code viz} module provides the implementation, found through {@link java.util.ServiceLoader}, so the
 * experiment command writes the report whenever viz is on the class path (it is, in the launcher's).
 */
public interface Table1ReportWriter {
    /**
     * @param dir the experiment's {@code results/} folder, where summary.json, the tables and the CSV already are
     * @return the files written
     */
    List<Path> write(Table1Results results, Path dir) throws IOException;
}
