package org.xmodal.engine.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.xmodal.engine.image.OutputFiles;
import org.xmodal.engine.tensorboard.RunBoard;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code metrics.csv}: {@code step,epoch,split,name,value}, one row per measurement, appended and flushed; each row
 * also goes to the run's TensorBoard log as the scalar {@code split/name}.
 */
public final class MetricsLog {
    public static final String HEADER = "step,epoch,split,name,value";

    /** One row. */
    public record Row(long step, double epoch, String split, String name, double value) {
        String csv() {
            return String.format(Locale.ROOT, "%d,%.4f,%s,%s,%s", step, epoch, split, name, Double.toString(value));
        }
    }

    private final Path file;
    private final RunBoard board;
    private final List<java.util.function.Consumer<Row>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    MetricsLog(Path file, RunBoard board) {
        this.file = file;
        this.board = board;
    }

    public synchronized void append(Row row) throws IOException {
        boolean fresh = !Files.exists(file);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            if (fresh) {
                w.write(HEADER);
                w.newLine();
            }
            w.write(row.csv());
            w.newLine();
        } catch (IOException e) {
            throw OutputFiles.cannotWrite(file, e);
        }
        board.scalar(row.step(), row.split() + "/" + row.name(), row.value());
        listeners.forEach(l -> l.accept(row));
    }

    /** Also hands every row appended from now on to {@code listener} (after it is written), until removed. */
    public void addListener(java.util.function.Consumer<Row> listener) {
        listeners.add(listener);
    }

    public void removeListener(java.util.function.Consumer<Row> listener) {
        listeners.remove(listener);
    }

    /** All complete rows; a line cut short by a crash is ignored. */
    public List<Row> read() throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            parse(line).ifPresent(rows::add);
        }
        return rows;
    }

    /** The values of metric {@code name} by step (the last row of a step wins), in step order. */
    public SortedMap<Long, Double> series(String name) throws IOException {
        SortedMap<Long, Double> out = new TreeMap<>();
        for (Row r : read()) {
            if (r.name().equals(name)) {
                out.put(r.step(), r.value());
            }
        }
        return out;
    }

    /**
     * One line of the file as a row; empty for the header and for a line that is not a complete row (a partial last
     * line from a killed run). The workbench reads the file incrementally with this.
     */
    public static java.util.Optional<Row> parse(String line) {
        String[] p = line.split(",");
        if (p.length != 5 || line.startsWith("step,")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new Row(Long.parseLong(p[0]), Double.parseDouble(p[1]), p[2], p[3],
                    Double.parseDouble(p[4])));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Drops rows after {@code step}: a resumed run recomputes them from its checkpoint, and the curve must not
     * show both versions. Rewritten atomically.
     */
    public synchronized void truncateAfter(long step) throws IOException {
        List<Row> keep = read().stream().filter(r -> r.step() <= step).toList();
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        keep.forEach(r -> lines.add(r.csv()));
        OutputFiles.replace(file, tmp -> Files.write(tmp, lines, StandardCharsets.UTF_8));
        board.truncateAfter(step);
    }
}
