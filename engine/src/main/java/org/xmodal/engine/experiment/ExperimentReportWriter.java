package org.xmodal.engine.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an experiment's {@code report.html} with its charts. The engine has no drawing code: the {@code viz}
 * module provides the implementation, found through {@link java.util.ServiceLoader}, so an experiment writes its
 * report whenever viz is on the class path (it is, in the launcher's).
 */
public interface ExperimentReportWriter {
    /**
     * @param dir the experiment's {@code results/} folder, where summary.json and the tables already are
     * @return the files written
     */
    List<Path> write(ExperimentReport report, Path dir) throws IOException;
}
