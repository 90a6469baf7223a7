package org.xmodal.engine.data.nyu;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.Reference;
import java.util.ArrayList;
import java.util.List;
import org.xmodal.engine.image.BadInputException;

/**
 * Reads a MATLAB cell array of strings from a v7.3 file. MATLAB stores the cell as a dataset of HDF5 object
 * references (shape [1][K] for a K x 1 cell) to datasets under {@code #refs#}, one per string, each holding the
 * characters as uint16 UTF-16 code units (a 1 x n char row is an HDF5 [n][1] dataset). An empty string is stored as
 * a placeholder dataset with a {@code MATLAB_empty} attribute.
 */
final class MatlabCellStrings {
    private MatlabCellStrings() {
    }

    static List<String> read(HdfFile hdf, Dataset cell, String location) throws BadInputException {
        if (!(cell.getDataType() instanceof Reference)) {
            throw new BadInputException(location, "is not a MATLAB cell array of strings (its HDF5 type is "
                    + cell.getDataType().getClass().getSimpleName() + ", object references were expected)");
        }
        List<Long> addresses = new ArrayList<>();
        try {
            collect(cell.getData(), addresses);
        } catch (HdfException e) {
            throw new BadInputException(location, "cannot be read (" + e.getMessage() + ")", e);
        }
        List<String> strings = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            strings.add(string(hdf, addresses.get(i), location + "{" + (i + 1) + "}"));
        }
        return strings;
    }

    private static String string(HdfFile hdf, long address, String location) throws BadInputException {
        Node node;
        try {
            node = hdf.getNodeByAddress(address);
        } catch (HdfException e) {
            throw new BadInputException(location, "refers to an object that cannot be read (" + e.getMessage() + ")",
                    e);
        }
        if (!(node instanceof Dataset chars)) {
            throw new BadInputException(location, "refers to a group, not to a string");
        }
        if (node.getAttribute("MATLAB_empty") != null || chars.isEmpty()) {
            return "";
        }
        int[] codes;
        try {
            codes = FrameSlices.flattenInts(chars.getData(), Math.toIntExact(chars.getSize()));
        } catch (HdfException | IllegalArgumentException e) {
            throw new BadInputException(location, "is not a MATLAB char array (" + e.getMessage() + ")", e);
        }
        StringBuilder s = new StringBuilder(codes.length);
        for (int c : codes) {
            s.append((char) c);
        }
        return s.toString();
    }

    private static void collect(Object array, List<Long> out) {
        if (array instanceof long[] a) {
            for (long v : a) {
                out.add(v);
            }
        } else if (array instanceof Object[] a) {
            for (Object inner : a) {
                collect(inner, out);
            }
        } else {
            throw new HdfException("unexpected reference array " + array);
        }
    }
}
