package org.xmodal.engine.proposals;

import boofcv.abst.segmentation.ImageSuperpixels;
import boofcv.alg.filter.blur.BlurImageOps;
import boofcv.factory.segmentation.ConfigFh04;
import boofcv.factory.segmentation.FactoryImageSegmentation;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.GrayU8;
import boofcv.struct.image.ImageType;
import boofcv.struct.image.Planar;
import org.xmodal.engine.image.RgbImage;

/**
 * The initial regions of the grouping: Felzenszwalb-Huttenlocher graph segmentation (BoofCV's FH04, 4-connected)
 * of the image smoothed by a small Gaussian, as selective search starts (Uijlings et al., IJCV 2013). Keeps BoofCV's
 * segmenter and buffers between images of one size (a fresh segmenter per image took twice as long at 160x120), so
 * use one per thread.
 */
final class SuperpixelSegmenter {
    private final SegmentationInput input;
    private final double k;
    private final int bands;
    private int width;
    private int height;
    private int preparedMinSize = -1;
    private double preparedScale = Double.NaN;
    private ImageSuperpixels<Planar<GrayU8>> fh;
    private Planar<GrayU8> image;
    private Planar<GrayU8> blurred;
    private GrayU8 blurStorage;
    private GrayS32 output;

    /** @param k FH's scale at 640 pixels wide (a larger k makes larger regions); {@code kScale} adapts it */
    SuperpixelSegmenter(SegmentationInput input, double k) {
        this.input = input;
        this.k = k;
        this.bands = (input.usesRgb() ? 3 : 0) + (input.usesHha() ? 3 : 0);
    }

    /**
     * @param hha       may be null only when the input does not use it
     * @param kScale    factor applied to k for this image's size
     * @param minSize   regions smaller than this many pixels are merged into a neighbour
     * @param blurSigma Gaussian smoothing before segmentation, in pixels (0: none)
     */
    Superpixels segment(RgbImage rgb, RgbImage hha, double kScale, int minSize, double blurSigma) {
        int w = rgb.width();
        int h = rgb.height();
        prepare(w, h, kScale, minSize);
        int b = 0;
        if (input.usesRgb()) {
            copyBands(rgb, b);
            b += 3;
        }
        if (input.usesHha()) {
            copyBands(hha, b);
        }
        Planar<GrayU8> in = image;
        if (blurSigma > 0) {
            BlurImageOps.gaussian(image, blurred, blurSigma, -1, blurStorage);
            in = blurred;
        }
        fh.segment(in, output);
        int[] labels = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(output.data, output.startIndex + y * output.stride, labels, y * w, w);
        }
        return new Superpixels(w, h, labels, fh.getTotalSuperpixels());
    }

    private void prepare(int w, int h, double kScale, int minSize) {
        if (fh != null && w == width && h == height && minSize == preparedMinSize && kScale == preparedScale) {
            return;
        }
        ConfigFh04 config = new ConfigFh04();
        config.K = (float) (k * kScale);
        config.minimumRegionSize = minSize;
        config.connectRule = ConnectRule.FOUR;
        // counting sort of the edge weights into bins instead of a full sort: half the time, and for 8-bit
        // colour distances (0..442) 2000 bins change the merge order very little
        config.approximateSortBins = 2000;
        fh = FactoryImageSegmentation.fh04(config, ImageType.pl(bands, GrayU8.class));
        image = new Planar<>(GrayU8.class, w, h, bands);
        blurred = new Planar<>(GrayU8.class, w, h, bands);
        blurStorage = new GrayU8(w, h);
        output = new GrayS32(w, h);
        width = w;
        height = h;
        preparedMinSize = minSize;
        preparedScale = kScale;
    }

    private void copyBands(RgbImage src, int first) {
        byte[] rgb = src.rgb();
        int w = src.width();
        for (int c = 0; c < 3; c++) {
            GrayU8 band = image.getBand(first + c);
            for (int y = 0; y < src.height(); y++) {
                int row = band.startIndex + y * band.stride;
                for (int x = 0; x < w; x++) {
                    band.data[row + x] = rgb[(y * w + x) * 3 + c];
                }
            }
        }
    }
}
