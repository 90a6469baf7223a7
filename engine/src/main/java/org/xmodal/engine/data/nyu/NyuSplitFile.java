package org.xmodal.engine.data.nyu;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;

/**
 * Reads NYU's official train/test split: lists of 1-based frame numbers into the labelled file, named
 * {@code trainNdxs} and {@code testNdxs} (795 and 654 frames in the official {@code splits.mat}). Accepted files:
 * <ul>
 *   <li>the official {@code splits.mat} (a MATLAB v5/v7 MAT-file), or the same variables saved with -v7.3 (HDF5);</li>
 *   <li>JSON: {@code {"trainNdxs": [1, 2, ...], "testNdxs": [...]}}, or with the keys {@code train} and
 *       {@code test}, still 1-based frame numbers.</li>
 * </ul>
 */
final class NyuSplitFile {
    static final String TRAIN = "trainNdxs";
    static final String TEST = "testNdxs";

    /** The frame numbers (1-based, as in the file) of each split. */
    record Lists(int[] train, int[] test) {
    }

    private NyuSplitFile() {
    }

    static Lists read(Path file) throws BadInputException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "does not exist");
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return readJson(file);
        }
        if (MatV5File.hasHeader(file)) {
            Map<String, double[]> vars = MatV5File.numericArrays(file);
            return new Lists(frameNumbers(file, TRAIN, vars.get(TRAIN)), frameNumbers(file, TEST, vars.get(TEST)));
        }
        return readHdf5(file);
    }

    private static Lists readHdf5(Path file) throws BadInputException {
        try (HdfFile hdf = new HdfFile(file)) {
            return new Lists(frameNumbers(file, TRAIN, hdfValues(hdf, TRAIN)),
                    frameNumbers(file, TEST, hdfValues(hdf, TEST)));
        } catch (HdfException e) {
            throw new BadInputException(file.toString(), "is neither a MAT-file nor JSON with " + TRAIN + " and "
                    + TEST + " (" + e.getMessage() + ")", e);
        }
    }

    private static double[] hdfValues(HdfFile hdf, String name) {
        Node node = hdf.getChildren().get(name);
        if (!(node instanceof Dataset d)) {
            return null;
        }
        return FrameSlices.flattenDoubles(d.getData(), Math.toIntExact(d.getSize()));
    }

    private static Lists readJson(Path file) throws BadInputException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "is not valid JSON (" + e.getMessage() + ")", e);
        }
        return new Lists(frameNumbers(file, TRAIN, jsonValues(file, root, TRAIN, "train")),
                frameNumbers(file, TEST, jsonValues(file, root, TEST, "test")));
    }

    private static double[] jsonValues(Path file, JsonNode root, String key, String shortKey)
            throws BadInputException {
        JsonNode list = root.has(key) ? root.get(key) : root.get(shortKey);
        if (list == null) {
            return null;
        }
        if (!list.isArray()) {
            throw new BadInputException(file, "'" + key + "' must be a list of frame numbers");
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isNumber()) {
                throw new BadInputException(file, "'" + key + "' holds " + n + ", not a frame number");
            }
            values.add(n.asDouble());
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int[] frameNumbers(Path file, String name, double[] values) throws BadInputException {
        if (values == null) {
            throw new BadInputException(file, "has no '" + name + "' list of frame numbers");
        }
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
                throw new BadInputException(file, "'" + name + "' holds " + v + ", not a 1-based frame number");
            }
            out[i] = (int) v;
        }
        return out;
    }
}
