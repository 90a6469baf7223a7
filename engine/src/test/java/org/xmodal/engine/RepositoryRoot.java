package org.xmodal.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in: the folder above the working directory (or {@code xmodal.root}) with sample-data. */
public final class RepositoryRoot {
    private RepositoryRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("xmodal.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("sample-data/README.md"))) {
                return p;
            }
        }
        throw new AssertionError("no sample-data/README.md above " + start);
    }
}
