package org.xmodal.app.shell;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench's settings as a small JSON file in the user's {@link ConfigFolder} ({@code settings.json}), paths
 * written as plain strings so a person can read and edit it. Written atomically (a temporary file moved over it), so
 * a crash while saving leaves the previous settings, never half a file.
 */
public final class SettingsFile {
    public static final String FILE = "settings.json";
    private static final Logger LOG = LoggerFactory.getLogger(SettingsFile.class);

    private final Path file;
    private final ObjectMapper json;

    public SettingsFile(Path file) {
        this.file = file;
        SimpleModule paths = new SimpleModule("paths-as-strings");
        paths.addSerializer(Path.class, ToStringSerializer.instance);
        paths.addDeserializer(Path.class, new PathFromString());
        this.json = new ObjectMapper().registerModule(paths).enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** {@code settings.json} in the user's configuration folder. */
    public static SettingsFile standard() {
        return new SettingsFile(ConfigFolder.standard().resolve(FILE));
    }

    public Path file() {
        return file;
    }

    /**
     * The settings stored, or {@link WorkbenchSettings#NONE} when there are none yet. A file that cannot be read or
     * is not valid settings is ignored with a warning naming it: remembered window sizes are never worth a workbench
     * that does not start.
     */
    public WorkbenchSettings load() {
        if (!Files.isRegularFile(file)) {
            return WorkbenchSettings.NONE;
        }
        try {
            WorkbenchSettings s = json.readValue(file.toFile(), WorkbenchSettings.class);
            return s == null ? WorkbenchSettings.NONE : s;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: not readable as the workbench's settings ({}); starting with none, and the file will be "
                    + "replaced when the workbench next saves them", file, why(e));
            return WorkbenchSettings.NONE;
        }
    }

    /** Jackson's reason on one line, with where in the file, without its dump of the source. */
    private static String why(Exception e) {
        if (e instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            return json.getOriginalMessage() + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr());
        }
        return e.toString();
    }

    public void save(WorkbenchSettings settings) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + FILE, ".tmp");
        try {
            json.writeValue(tmp.toFile(), settings);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static final class PathFromString extends StdDeserializer<Path> {
        PathFromString() {
            super(Path.class);
        }

        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = p.getValueAsString();
            try {
                return s == null || s.isBlank() ? null : Path.of(s);
            } catch (InvalidPathException e) {
                throw new JsonParseException(p, "not a path: " + s + " (" + e.getReason() + ")");
            }
        }
    }
}
