package org.xmodal.engine.tensorboard;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.xmodal.engine.image.OutputFiles;
import org.xmodal.engine.tensorboard.proto.DataType;
import org.xmodal.engine.tensorboard.proto.Event;
import org.xmodal.engine.tensorboard.proto.SessionLog;
import org.xmodal.engine.tensorboard.proto.Summary;
import org.xmodal.engine.tensorboard.proto.SummaryMetadata;
import org.xmodal.engine.tensorboard.proto.TensorProto;
import org.xmodal.engine.tensorboard.proto.TensorShapeProto;

/**
 * A run's TensorBoard log, {@code <run>/tensorboard/events.out.tfevents.*}: every scalar the run logs to
 * {@code metrics.csv} (tag {@code split/name}, e.g. {@code train/loss}), conv1's filters at each snapshot as an image
 * ({@code conv1/filters}) and the spec as text ({@code spec}), so that {@code tensorboard --logdir runs/} shows the
 * run beside a user's PyTorch runs. Written as the run goes, one appended record per value.
 *
 * <p>A resumed run drops the rows after its checkpoint from {@code metrics.csv}; {@link #truncateAfter} does the same
 * here: the events up to the checkpoint (with their wall times) are written to a new file, the old files deleted,
 * and a {@code SessionLog.START} event at the first step to come tells a TensorBoard that already read the dropped
 * events to forget them (TensorFlow's convention for a restarted job).
 */
public final class RunBoard {
    public static final String FOLDER = "tensorboard";
    public static final String FILE_PREFIX = "events.out.tfevents.";
    static final String FILE_VERSION = "brain.Event:2";
    public static final String FILTERS_TAG = "conv1/filters";
    public static final String SPEC_TAG = "spec";

    private final Path folder;
    private Path file;

    public RunBoard(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** A scalar at {@code step}, now. */
    public synchronized void scalar(long step, String tag, double value) throws IOException {
        write(event(step, Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value)));
    }

    /** A PNG image (RGB) at {@code step}, now. */
    public synchronized void image(long step, String tag, byte[] png, int width, int height) throws IOException {
        write(event(step, Summary.Value.newBuilder().setTag(tag).setImage(Summary.Image.newBuilder()
                .setWidth(width).setHeight(height).setColorspace(3).setEncodedImageString(ByteString.copyFrom(png)))));
    }

    /** Markdown text at {@code step}, now (TensorBoard's text plugin: a string tensor). */
    public synchronized void text(long step, String tag, String markdown) throws IOException {
        TensorProto tensor = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                .setTensorShape(TensorShapeProto.getDefaultInstance())
                .addStringVal(ByteString.copyFrom(markdown, StandardCharsets.UTF_8)).build();
        // as tf.summary.text writes it: the text plugin's data, a tensor time series
        SummaryMetadata text = SummaryMetadata.newBuilder().setPluginData(SummaryMetadata.PluginData.newBuilder()
                .setPluginName("text")).setDataClass(org.xmodal.engine.tensorboard.proto.DataClass.DATA_CLASS_TENSOR)
                .build();
        write(event(step, Summary.Value.newBuilder().setTag(tag).setMetadata(text).setTensor(tensor)));
    }

    /**
     * Drops the events after {@code step} (a resumed run recomputes them): what is kept goes to a new file, with a
     * {@code SessionLog.START} at {@code step + 1}; the old files are deleted once it is written.
     */
    public synchronized void truncateAfter(long step) throws IOException {
        List<Path> old = files();
        if (old.isEmpty()) {
            return;
        }
        // the last event of a tag and step wins: a file left by a truncation killed before it deleted the old ones
        Map<String, Event> kept = new LinkedHashMap<>();
        for (Path f : old) {
            for (Event e : EventFile.read(f)) {
                if (e.hasSummary() && e.getStep() <= step) {
                    for (Summary.Value v : e.getSummary().getValueList()) {
                        kept.put(v.getTag() + "@" + e.getStep(), e.toBuilder().setSummary(Summary.newBuilder()
                                .addValue(v)).build());
                    }
                }
            }
        }
        List<Event> events = new ArrayList<>();
        events.add(versionEvent(kept.values().stream().mapToDouble(Event::getWallTime).min().orElse(now())));
        events.addAll(kept.values());
        events.add(Event.newBuilder().setWallTime(now()).setStep(step + 1).setSessionLog(SessionLog.newBuilder()
                .setStatus(SessionLog.SessionStatus.START).setMsg("xmodal: resumed from the checkpoint of step "
                        + step)).build());
        Path fresh = newFileName(old);
        OutputFiles.replace(fresh, tmp -> EventFile.append(tmp, events));
        for (Path f : old) {
            Files.deleteIfExists(f);
        }
        file = fresh;
    }

    /** The folder's event files, oldest first. */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(FILE_PREFIX)
                    && !p.getFileName().toString().endsWith(".tmp")).sorted().toList();
        }
    }

    /** Every event of the folder's files, in file order. */
    public List<Event> read() throws IOException {
        List<Event> all = new ArrayList<>();
        for (Path f : files()) {
            all.addAll(EventFile.read(f));
        }
        return all;
    }

    private static Event event(long step, Summary.Value.Builder value) {
        return Event.newBuilder().setWallTime(now()).setStep(step).setSummary(Summary.newBuilder().addValue(value))
                .build();
    }

    private static Event versionEvent(double wallTime) {
        return Event.newBuilder().setWallTime(wallTime).setFileVersion(FILE_VERSION).build();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private void write(Event e) throws IOException {
        try {
            if (file == null) {
                List<Path> existing = files();
                if (existing.isEmpty()) {
                    Files.createDirectories(folder);
                    Path f = newFileName(existing);
                    // the version event first, at the first value's time: wall times never run backwards in a file
                    EventFile.append(f, List.of(versionEvent(e.getWallTime())));
                    file = f;
                } else {
                    file = existing.get(existing.size() - 1); // a resumed process appends to the run's file
                }
            }
            EventFile.append(file, List.of(e));
        } catch (IOException x) {
            throw OutputFiles.cannotWrite(file != null ? file : folder, x);
        }
    }

    /** {@code events.out.tfevents.<seconds>.<host>.<pid>.<n>}, after every name in {@code existing}. */
    private Path newFileName(List<Path> existing) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        long seconds = System.currentTimeMillis() / 1000;
        long pid = ProcessHandle.current().pid();
        for (int n = 0; ; n++) {
            // ten digits of seconds until 2286: names sort by time
            Path p = folder.resolve(String.format("%s%010d.%s.%d.%d", FILE_PREFIX, seconds, host, pid, n));
            if (!existing.contains(p) && !Files.exists(p)) {
                return p;
            }
        }
    }
}
