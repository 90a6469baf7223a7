package org.xmodal.engine.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.xmodal.engine.data.folder.FolderDatasetLoader;
import org.xmodal.engine.data.nyu.NyuDepthV2Loader;
import org.xmodal.engine.data.nyu.NyuLoadOptions;
import org.xmodal.engine.data.sequence.ImageSequenceLoader;
import org.xmodal.engine.data.sunrgbd.SunRgbdLoader;
import org.xmodal.engine.data.sequence.ImageSequenceOptions;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/** Opens any dataset the workbench understands, choosing the loader from what the path is. */
public final class DatasetLoaders {
    private DatasetLoaders() {
    }

    public static PairedDataset open(Path path) throws BadInputException {
        return open(path, ProgressListener.NONE, Cancellation.NEVER);
    }

    public static PairedDataset open(Path path, ProgressListener progress, Cancellation cancel)
            throws BadInputException {
        if (!Files.exists(path)) {
            throw new BadInputException(path, "does not exist");
        }
        if (Files.isDirectory(path)) {
            if (FolderDatasetLoader.looksLikeFolderDataset(path)) {
                return FolderDatasetLoader.load(path, progress, cancel);
            }
            if (SunRgbdLoader.looksLikeSunRgbd(path)) {
                return SunRgbdLoader.load(path, progress, cancel);
            }
            // video files (or class folders of them, UCF-101's layout): sampled frames with their next frames
            if (org.xmodal.engine.data.video.VideoDatasetLoader.looksLikeVideos(path)) {
                return org.xmodal.engine.data.video.VideoDatasetLoader.load(path,
                        org.xmodal.engine.data.video.VideoDatasetLoader.DEFAULT_FRAMES,
                        org.xmodal.engine.encode.EncodingCache.userDefault().root(), progress, cancel);
            }
            // a folder of video frames (or of sequences): consecutive frames make flow pairs
            return ImageSequenceLoader.load(path, ImageSequenceOptions.DEFAULTS.withCancellation(cancel), progress);
        }
        if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".mat")) {
            return NyuDepthV2Loader.load(path, NyuLoadOptions.DEFAULTS.withCancellation(cancel), progress);
        }
        throw new BadInputException(path, "is not a dataset this workbench can open (expected a folder with "
                + "dataset.json or rgb/ + depth/, a folder of video frames or video files, or NYU Depth v2's "
                + NyuDepthV2Loader.DEFAULT_FILE_NAME + ")");
    }
}
