package org.xmodal.engine.run;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.OutputFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.nn.NetworkWeights;

/**
 * conv1's evolution over a run as an animated GIF, for slides: one frame per step the run kept conv1 at (each
 * checkpoint, and each filter snapshot of {@code filters/}, step 0 included), in step order, each drawn as the
 * snapshots are ({@link FilterGrid}, 4 pixels a weight), scaled up whole pixels and captioned with its step and
 * structure score ({@link FilterStructure}). Loops forever.
 */
public final class FilterAnimation {
    /** Pixels per weight, as the engine's own snapshots. */
    static final int ZOOM = 4;
    private static final Pattern SNAPSHOT = Pattern.compile("step-(\\d{8})\\.png");
    private static final int CAPTION_HEIGHT = 22;

    /** One frame: the grid at a step and its structure score (NaN when unknown). */
    public record Frame(long step, RgbImage grid, double structure) {
    }

    private FilterAnimation() {
    }

    /**
     * The frames of {@code run}, in step order. A step with a checkpoint is drawn from its weights; a step with only a
     * snapshot picture uses the picture and the score logged at it.
     *
     * @throws BadInputException when the run has neither checkpoints nor snapshots, or a file cannot be read
     */
    public static List<Frame> frames(RunDirectory run) throws IOException {
        Map<Long, Frame> byStep = new TreeMap<>();
        Map<Long, Double> logged = run.metrics().series(FilterStructure.METRIC);
        if (Files.isDirectory(run.filters())) {
            try (Stream<Path> files = Files.list(run.filters())) {
                for (Path p : files.sorted().toList()) {
                    Matcher m = SNAPSHOT.matcher(p.getFileName().toString());
                    if (m.matches()) {
                        long step = Long.parseLong(m.group(1));
                        byStep.put(step, new Frame(step, ImageFiles.readRgb(p), logged.getOrDefault(step, Double.NaN)));
                    }
                }
            }
        }
        for (long step : run.checkpointSteps()) {
            byStep.put(step, fromWeights(run.checkpoint(step), step));
        }
        if (byStep.isEmpty()) {
            throw new BadInputException(run.path(), "has no checkpoints and no filter pictures yet: nothing to animate");
        }
        return List.copyOf(byStep.values());
    }

    /** A frame drawn from the first convolution of a weights file. */
    static Frame fromWeights(Path weights, long step) throws IOException {
        NetworkWeights.Values v = NetworkWeights.firstConvolution(weights);
        long[] s = v.shape().getShape();
        if (s[2] != s[3]) {
            throw new BadInputException(weights, "its first convolution is not square: " + java.util.Arrays.toString(s));
        }
        int filters = (int) s[0];
        int channels = (int) s[1];
        int k = (int) s[2];
        return new Frame(step, FilterGrid.render(v.data(), filters, channels, k, ZOOM),
                FilterStructure.score(v.data(), filters, channels, k));
    }

    /**
     * Writes {@code frames} as a looping GIF, each frame scaled by {@code scale} and shown {@code delayMillis}, the last
     * one three times as long. Frames of another size than the first are drawn centred on its size.
     */
    public static void write(List<Frame> frames, Path gif, int scale, int delayMillis) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to write");
        }
        if (scale < 1 || delayMillis < 10) {
            throw new IllegalArgumentException("scale must be at least 1 and the delay at least 10 ms");
        }
        int width = frames.get(0).grid().width() * scale;
        int height = frames.get(0).grid().height() * scale + CAPTION_HEIGHT;
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        Path tmp = gif.resolveSibling(gif.getFileName() + ".part");
        try {
            if (gif.getParent() != null) {
                Files.createDirectories(gif.getParent());
            }
            try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames.size(); i++) {
                    BufferedImage img = draw(frames.get(i), width, height, scale);
                    int delay = i == frames.size() - 1 ? 3 * delayMillis : delayMillis;
                    IIOMetadata meta = metadata(writer, img, delay, i == 0);
                    writer.writeToSequence(new IIOImage(img, null, meta), null);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
            Files.move(tmp, gif, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw OutputFiles.cannotWrite(gif, e);
        }
    }

    /** The frame's caption: "step 300 · structure 0.52", or without the score when unknown. */
    static String caption(Frame f) {
        return String.format(Locale.ROOT, "step %d", f.step()) + (Double.isNaN(f.structure()) ? ""
                : String.format(Locale.ROOT, " \u00b7 structure %.2f", f.structure()));
    }

    private static BufferedImage draw(Frame f, int width, int height, int scale) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(48, 48, 48));
            g.fillRect(0, 0, width, height);
            RgbImage grid = f.grid();
            int ox = Math.max(0, (width - grid.width() * scale) / 2);
            int oy = Math.max(0, (height - CAPTION_HEIGHT - grid.height() * scale) / 2);
            byte[] px = grid.rgb();
            for (int y = 0; y < grid.height() * scale && oy + y < height - CAPTION_HEIGHT; y++) {
                for (int x = 0; x < grid.width() * scale && ox + x < width; x++) {
                    int o = 3 * ((y / scale) * grid.width() + x / scale);
                    img.setRGB(ox + x, oy + y, (px[o] & 0xff) << 16 | (px[o + 1] & 0xff) << 8 | (px[o + 2] & 0xff));
                }
            }
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.WHITE);
            String text = caption(f);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(text, Math.max(4, (width - fm.stringWidth(text)) / 2), height - 6);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static IIOMetadata metadata(ImageWriter writer, BufferedImage img, int delayMillis, boolean first)
            throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(1, delayMillis / 10)));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0: forever
            apps.appendChild(loop);
        }
        meta.setFromTree(format, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
