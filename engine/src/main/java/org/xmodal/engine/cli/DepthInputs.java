package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.xmodal.engine.data.DepthChecks;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.ImageFiles;

/** Reads the depth files given on a command line, with the unit check that catches a wrong --depth-scale. */
final class DepthInputs {
    private DepthInputs() {
    }

    static DepthMap read(Path file, double unitsPerMetre) throws BadInputException {
        DepthMap d = ImageFiles.readDepth16(file, unitsPerMetre);
        Optional<String> problem = DepthChecks.problem(d, unitsPerMetre);
        if (problem.isPresent()) {
            throw new BadInputException(file, problem.get() + "; pass --depth-scale to say how many units make a metre");
        }
        return d;
    }

    static DepthMap readRaw(Path file, DepthMap filled, double unitsPerMetre) throws BadInputException {
        if (file == null) {
            return null;
        }
        DepthMap raw = read(file, unitsPerMetre);
        if (raw.width() != filled.width() || raw.height() != filled.height()) {
            throw new BadInputException(file, "is " + raw.width() + "x" + raw.height() + " but the filled depth is "
                    + filled.width() + "x" + filled.height());
        }
        return raw;
    }
}
