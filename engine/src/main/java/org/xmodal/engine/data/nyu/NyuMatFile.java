package org.xmodal.engine.data.nyu;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.RgbImage;

/**
 * NYU Depth v2's labelled file ({@code nyu_depth_v2_labeled.mat}, MATLAB v7.3 = HDF5) kept open for reading one
 * frame at a time. The file is 2.8 GB; every read asks jhdf for the slice of a single frame, never a whole dataset.
 *
 * <p>Datasets as MATLAB writes them (HDF5 dimensions are MATLAB's reversed, so rows vary fastest):
 * {@code images} uint8 [N][3][W][H], {@code depths} and {@code rawDepths} float32 [N][W][H] in metres,
 * {@code labels} uint16 [N][W][H], {@code instances} uint8 [N][W][H], and the cell arrays {@code names},
 * {@code sceneTypes}, {@code scenes}. Reads are serialised: one jhdf file is not meant to be read from several
 * threads at once.
 */
final class NyuMatFile implements Closeable {
    static final String IMAGES = "images";
    static final String DEPTHS = "depths";
    static final String RAW_DEPTHS = "rawDepths";
    static final String LABELS = "labels";
    static final String INSTANCES = "instances";
    static final String NAMES = "names";
    static final String SCENE_TYPES = "sceneTypes";
    static final String SCENES = "scenes";

    private final Path file;
    private final HdfFile hdf;
    private boolean closed;

    private NyuMatFile(Path file, HdfFile hdf) {
        this.file = file;
        this.hdf = hdf;
    }

    /** Opens the file, or explains in one line why it is not an HDF5 file. */
    static NyuMatFile open(Path file) throws BadInputException {
        if (!Files.exists(file)) {
            throw new BadInputException(file, "does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadInputException(file, "is not a readable file");
        }
        try {
            return new NyuMatFile(file, new HdfFile(file));
        } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
            if (MatV5File.hasHeader(file)) {
                throw new BadInputException(file.toString(), "is a MATLAB v5/v7 MAT-file; NYU Depth v2's labelled file is a "
                        + "MATLAB v7.3 (HDF5) file, as downloaded (re-save it with save -v7.3)", e);
            }
            throw new BadInputException(file.toString(), "is not an HDF5 (MATLAB v7.3) file or is corrupt ("
                    + e.getMessage() + ")", e);
        }
    }

    Path file() {
        return file;
    }

    /** Where a dataset lives, for messages: {@code file#name}. */
    String location(String dataset) {
        return file + "#" + dataset;
    }

    /** The dataset at the top of the file, if there is one with that name. */
    Optional<Dataset> dataset(String name) {
        try {
            Node node = hdf.getChild(name);
            return node instanceof Dataset d ? Optional.of(d) : Optional.empty();
        } catch (HdfException e) {
            return Optional.empty();
        }
    }

    synchronized List<String> cellStrings(String name) throws BadInputException {
        checkOpen();
        Dataset cell = dataset(name).orElseThrow(() -> new BadInputException(location(name), "does not exist"));
        return MatlabCellStrings.read(hdf, cell, location(name));
    }

    synchronized RgbImage rgb(int frame, int width, int height) throws BadInputException {
        int[] planes = FrameSlices.flattenInts(slice(IMAGES, frame, new int[] {1, 3, width, height}),
                3 * width * height);
        return new RgbImage(width, height, FrameSlices.planesToInterleavedRgb(planes, width, height));
    }

    /** A float frame (depths, rawDepths) as a depth map in metres. */
    synchronized DepthMap depth(String name, int frame, int width, int height) throws BadInputException {
        float[] columns = FrameSlices.flattenFloats(slice(name, frame, new int[] {1, width, height}), width * height);
        return new DepthMap(width, height, FrameSlices.columnsToRows(columns, 1, width, height));
    }

    /** An integer frame (labels, instances), row-major. */
    synchronized int[] ints(String name, int frame, int width, int height) throws BadInputException {
        int[] columns = FrameSlices.flattenInts(slice(name, frame, new int[] {1, width, height}), width * height);
        return FrameSlices.columnsToRows(columns, width, height);
    }

    private Object slice(String name, int frame, int[] shape) throws BadInputException {
        checkOpen();
        Dataset d = dataset(name).orElseThrow(() -> new BadInputException(location(name), "does not exist"));
        long[] offset = new long[shape.length];
        offset[0] = frame;
        try {
            return d.getData(offset, shape);
        } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException(location(name) + "[frame " + (frame + 1) + "]", "cannot be read ("
                    + e.getMessage() + ")", e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(file + " was closed with its dataset");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                hdf.close();
            } catch (HdfException e) {
                throw new IOException(file + ": cannot be closed (" + e.getMessage() + ")", e);
            }
        }
    }
}
