package org.xmodal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions fixed at build time (engine version, DJL, PyTorch, which native flavour the build bundles). */
public record BuildInfo(String version, String djlVersion, String pytorchVersion, String nativeFlavour) {
    private static final BuildInfo INSTANCE = load();

    public static BuildInfo get() {
        return INSTANCE;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties missing from the engine jar: rebuild with Maven");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(p.getProperty("version"), p.getProperty("djl.version"), p.getProperty("pytorch.version"),
                p.getProperty("native.flavour"));
    }
}
