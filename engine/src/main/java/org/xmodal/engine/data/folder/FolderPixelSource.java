package org.xmodal.engine.data.folder;

import java.util.Optional;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PixelSource;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.FloFile;
import org.xmodal.engine.image.FlowField;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;

/** Reads a folder dataset's pixels from the files its manifest names. */
final class FolderPixelSource implements PixelSource {
    private final double unitsPerMetre;

    FolderPixelSource(double unitsPerMetre) {
        this.unitsPerMetre = unitsPerMetre;
    }

    @Override
    public RgbImage rgb(Pair pair) throws BadInputException {
        return ImageFiles.readRgb(pair.files().rgb());
    }

    @Override
    public DepthMap depth(Pair pair) throws BadInputException {
        return ImageFiles.readDepth16(pair.files().partner(), unitsPerMetre);
    }

    @Override
    public Optional<DepthMap> rawDepth(Pair pair) throws BadInputException {
        return pair.files().rawDepth() == null ? Optional.empty()
                : Optional.of(ImageFiles.readDepth16(pair.files().rawDepth(), unitsPerMetre));
    }

    @Override
    public RgbImage next(Pair pair) throws BadInputException {
        return ImageFiles.readRgb(pair.files().partner());
    }

    @Override
    public Optional<FlowField> groundTruthFlow(Pair pair) throws BadInputException {
        return pair.files().groundTruthFlow() == null ? Optional.empty()
                : Optional.of(FloFile.read(pair.files().groundTruthFlow()));
    }

    @Override
    public Optional<int[]> instances(Pair pair) throws BadInputException {
        if (pair.files().instances() == null) {
            return Optional.empty();
        }
        int[] size = ImageFiles.size(pair.files().rgb());
        return Optional.of(ImageFiles.readUShort(pair.files().instances(), size[0], size[1]));
    }
}
