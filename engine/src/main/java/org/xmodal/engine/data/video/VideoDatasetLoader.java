package org.xmodal.engine.data.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.xmodal.engine.data.DatasetIssue;
import org.xmodal.engine.data.DatasetReport;
import org.xmodal.engine.data.GroupSplit;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.PairFiles;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.data.sequence.SequencePixelSource;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

/**
 * Opens a folder of video files as a flow dataset, decoded with FFmpeg through JavaCV: {@code root/*.avi}, or the
 * UCF-101 / HMDB-51 layout {@code root/<class>/*.avi} (the folder's name is the clip's class). From each video,
 * {@code framesPerVideo} frames spread evenly over it are taken with their next frames (the paper takes 5), each
 * frame and next frame a pair. Decoded frames are written once as PNGs under the cache ({@code frames/<key>}, the key
 * a hash of the video's path, size, time and the sampling) and reused. UCF-101's {@code testlist0K.txt} beside the
 * videos (or in the folder above) puts the videos it lists in the test split (the lowest K found); without one a
 * quarter of the videos, chosen by their order, are test videos. A video FFmpeg cannot open or decode (corrupt, an
 * unknown codec) is an error in the report naming the file, and the others still load; a video with fewer frames
 * than the sampling asks gives the pairs it has, with a warning.
 */
public final class VideoDatasetLoader {
    /** File name endings taken as videos. */
    public static final List<String> EXTENSIONS = List.of(".avi", ".mp4", ".mkv", ".mov", ".webm", ".mpg", ".mpeg");
    /** Frames taken from each video (each with its next frame): the paper's 5. */
    public static final int DEFAULT_FRAMES = 5;
    /** Bumped when the decoded frames of the same video change. */
    static final int DECODER_VERSION = 1;

    static {
        // FFmpeg's own log (stream headers, warnings) would go to the terminal; problems reach the report instead
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private VideoDatasetLoader() {
    }

    /** Whether {@code folder} holds videos, directly or in class folders one level down. */
    public static boolean looksLikeVideos(Path folder) {
        return !videos(folder).isEmpty();
    }

    public static PairedDataset load(Path folder, int framesPerVideo, Path cacheRoot, ProgressListener progress,
                                     Cancellation cancel) throws BadInputException {
        if (framesPerVideo < 1) {
            throw new IllegalArgumentException("frames per video must be at least 1, got " + framesPerVideo);
        }
        List<Path> videos = videos(folder);
        if (videos.isEmpty()) {
            throw new BadInputException(folder, "holds no video files (" + String.join(", ", EXTENSIONS) + ")");
        }
        Set<String> testList = testList(folder);
        List<DatasetIssue> issues = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        TreeSet<String> classes = new TreeSet<>();
        int asked = 0;
        for (int v = 0; v < videos.size(); v++) {
            cancel.check();
            Path video = videos.get(v);
            progress.progress("Decoding video " + (v + 1) + " of " + videos.size() + " (" + video.getFileName() + ")",
                    v / (double) videos.size());
            String className = folder.equals(video.getParent()) ? null : video.getParent().getFileName().toString();
            String relative = folder.relativize(video).toString().replace('\\', '/');
            Split split = testList.isEmpty() ? GroupSplit.of(v, 0.25)
                    : testList.contains(relative) ? Split.TEST : Split.TRAIN;
            asked += framesPerVideo;
            List<Path[]> frames;
            try {
                frames = frames(video, framesPerVideo, cacheRoot, issues);
            } catch (IOException | RuntimeException e) {
                issues.add(new DatasetIssue(DatasetIssue.Severity.ERROR, video.toString(), null, "could not be "
                        + "decoded (" + reason(e) + "); the video is skipped"));
                continue;
            }
            if (className != null && !frames.isEmpty()) {
                classes.add(className);
            }
            String stem = stem(video);
            for (Path[] f : frames) {
                String frame = stem(f[0]); // p<i>-a-f<frame>: the pair's id names the video and the frame
                String id = (className == null ? "" : className + "/") + stem + "/"
                        + frame.substring(frame.lastIndexOf('-') + 1);
                pairs.add(new Pair(id, pairs.size(), split, className != null,
                        new PairAnnotation(className, List.of(), null), video + "#" + f[0].getFileName(),
                        new PairFiles(f[0], f[1], null, null, null, null)));
            }
        }
        progress.progress("Loaded " + pairs.size() + " frame pairs from " + videos.size() + " videos", 1);
        return new PairedDataset("Videos: " + folder.toAbsolutePath().normalize().getFileName(), folder, Modality.FLOW,
                null, 1.0, List.of(), List.copyOf(classes), pairs, new DatasetReport(asked, pairs.size(), issues),
                new SequencePixelSource());
    }

    /** The sampled frames of one video with their next frames, decoded once into the cache. */
    private static List<Path[]> frames(Path video, int count, Path cacheRoot, List<DatasetIssue> issues)
            throws IOException {
        Path dir = cacheRoot.resolve("frames").resolve(key(video, count));
        Path done = dir.resolve(".complete");
        if (!Files.isRegularFile(done)) {
            decode(video, count, dir, issues);
            Files.writeString(done, "");
        }
        List<Path> pngs;
        try (Stream<Path> s = Files.list(dir)) {
            pngs = s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        }
        List<Path[]> out = new ArrayList<>();
        for (int i = 0; i + 1 < pngs.size(); i += 2) {
            out.add(new Path[] {pngs.get(i), pngs.get(i + 1)});
        }
        if (out.isEmpty()) {
            issues.add(new DatasetIssue(DatasetIssue.Severity.ERROR, video.toString(), null, "has fewer than two "
                    + "frames; a pair needs a frame and the next one"));
        } else if (out.size() < count) {
            issues.add(new DatasetIssue(DatasetIssue.Severity.WARNING, video.toString(), null, "is too short for "
                    + count + " frame pairs; " + out.size() + " taken"));
        }
        return out;
    }

    /** Decodes the video once, keeping frames k and k+1 of each sampled k as {@code p<i>-a.png}, {@code p<i>-b.png}. */
    private static void decode(Path video, int count, Path dir, List<DatasetIssue> issues) throws IOException {
        Files.createDirectories(dir);
        List<RgbImage> all = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            int expected = Math.max(0, g.getLengthInVideoFrames());
            // keep only what the sampling may need: with the length known, the sampled frames; else every frame
            // (a video whose length FFmpeg cannot tell is sampled after decoding it whole)
            Set<Integer> keep = expected >= 2 ? wanted(sample(expected, count)) : null;
            Frame f;
            int index = 0;
            while ((f = g.grabImage()) != null) {
                if (keep == null || keep.contains(index)) {
                    all.add(rgb(f));
                } else {
                    all.add(null);
                }
                index++;
            }
            g.stop();
        }
        int n = all.size();
        if (n < 2) {
            return;
        }
        int[] starts = sample(n, count);
        for (int i = 0; i < starts.length; i++) {
            RgbImage a = all.get(starts[i]);
            RgbImage b = all.get(starts[i] + 1);
            if (a == null || b == null) {
                issues.add(new DatasetIssue(DatasetIssue.Severity.WARNING, video.toString(), null, "had fewer "
                        + "frames than its header said; frame " + starts[i] + " was not kept and is skipped"));
                continue;
            }
            ImageFiles.writeRgb(a, dir.resolve(String.format(Locale.ROOT, "p%02d-a-f%06d.png", i, starts[i])));
            ImageFiles.writeRgb(b, dir.resolve(String.format(Locale.ROOT, "p%02d-b-f%06d.png", i, starts[i] + 1)));
        }
    }

    /** {@code count} first frames spread evenly over {@code frames} frames, each with a next frame (distinct). */
    static int[] sample(int frames, int count) {
        int last = frames - 2;
        int n = Math.min(count, last + 1);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = n == 1 ? last / 2 : (int) Math.round(i * last / (double) (n - 1));
        }
        return out;
    }

    private static Set<Integer> wanted(int[] starts) {
        Set<Integer> s = new HashSet<>();
        for (int k : starts) {
            s.add(k);
            s.add(k + 1);
        }
        return s;
    }

    private static RgbImage rgb(Frame f) {
        int w = f.imageWidth;
        int h = f.imageHeight;
        ByteBuffer buf = (ByteBuffer) f.image[0];
        int stride = f.imageStride;
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            buf.position(y * stride);
            buf.get(out, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    private static String key(Path video, int count) throws IOException {
        String id = video.toAbsolutePath().normalize() + "|" + Files.size(video) + "|"
                + Files.getLastModifiedTime(video).toMillis() + "|" + count + "|v" + DECODER_VERSION;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(
                    StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The videos directly in the folder and in its subfolders (one level), in name order. */
    static List<Path> videos(Path folder) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> inner = Files.list(p)) {
                        inner.filter(VideoDatasetLoader::isVideo).sorted().forEach(out::add);
                    }
                } else if (isVideo(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    private static boolean isVideo(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The videos UCF-101's lowest-numbered testlist0K.txt lists, as paths relative to the videos' folder. */
    private static Set<String> testList(Path folder) {
        for (Path dir : folder.getParent() == null ? List.of(folder) : List.of(folder, folder.getParent())) {
            for (int k = 1; k <= 9; k++) {
                Path f = dir.resolve(String.format(Locale.ROOT, "testlist%02d.txt", k));
                if (Files.isRegularFile(f)) {
                    Set<String> out = new HashSet<>();
                    try {
                        for (String line : Files.readAllLines(f)) {
                            String t = line.trim();
                            if (!t.isEmpty()) {
                                out.add(t.split("\\s+")[0].replace('\\', '/'));
                            }
                        }
                    } catch (IOException e) {
                        return Set.of();
                    }
                    return out;
                }
            }
        }
        return Set.of();
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** FFmpeg's failure in a user's words (JavaCV's messages carry hints for programmers). */
    static String reason(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (m.contains("avformat_open_input") || m.contains("avformat_find_stream_info")) {
            return "FFmpeg cannot open it: corrupt, truncated, or not a video container it knows";
        }
        if (m.contains("avcodec_open2") || m.contains("decoder") || m.contains("codec")) {
            return "FFmpeg has no decoder for its video codec";
        }
        String first = m.replaceAll("\\s+", " ").trim();
        int cut = first.indexOf(" (");
        return cut > 0 ? first.substring(0, cut) : first;
    }
}
