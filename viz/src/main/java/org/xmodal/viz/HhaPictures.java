package org.xmodal.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.image.RgbImage;

/**
 * The three channels of an HHA image as the grey images a network sees, with legends that turn a grey level back
 * into centimetres, metres and degrees; and the floor and wall pixels that gravity was estimated from.
 */
public final class HhaPictures {
    /** The channels in the order they are stored (R, G, B). */
    public enum Channel {
        DISPARITY("horizontal disparity"), HEIGHT("height above the floor"), ANGLE("angle with gravity");

        private final String title;

        Channel(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private static final int FLOOR_TINT = 0x2ecc40;
    private static final int WALL_TINT = 0x1f78ff;

    private HhaPictures() {
    }

    public static RgbImage channel(RgbImage hha, Channel channel) {
        int c = channel.ordinal();
        byte[] in = hha.rgb();
        byte[] out = new byte[in.length];
        for (int i = 0; i < hha.width() * hha.height(); i++) {
            byte v = in[3 * i + c];
            out[3 * i] = v;
            out[3 * i + 1] = v;
            out[3 * i + 2] = v;
        }
        return new RgbImage(hha.width(), hha.height(), out);
    }

    /**
     * The image dimmed to grey, floor pixels (normal parallel to gravity) tinted green and wall pixels (normal
     * perpendicular to it) tinted blue.
     */
    public static RgbImage floorAndWalls(RgbImage base, boolean[] floor, boolean[] wall) {
        int n = base.width() * base.height();
        if (floor.length != n || wall.length != n) {
            throw new IllegalArgumentException("masks do not match the " + base.width() + "x" + base.height() + " image");
        }
        byte[] in = base.rgb();
        byte[] out = new byte[in.length];
        for (int i = 0; i < n; i++) {
            int grey = ((in[3 * i] & 0xFF) * 299 + (in[3 * i + 1] & 0xFF) * 587 + (in[3 * i + 2] & 0xFF) * 114) / 1000;
            int tint = floor[i] ? FLOOR_TINT : wall[i] ? WALL_TINT : -1;
            for (int c = 0; c < 3; c++) {
                int v = tint < 0 ? grey / 2 + 40 : (grey / 3 + 2 * ((tint >> (16 - 8 * c)) & 0xFF) / 3);
                out[3 * i + c] = (byte) v;
            }
        }
        return new RgbImage(base.width(), base.height(), out);
    }

    /** What the grey levels of a channel mean, as a scale bar in the channel's physical unit. */
    public static RgbImage legend(Channel channel, HhaConfig config, int width) {
        List<ScaleBar.Tick> ticks = new ArrayList<>();
        String caption;
        switch (channel) {
            case DISPARITY -> {
                caption = String.format(Locale.ROOT, "disparity = %.0f / depth in cm", config.disparityNumerator());
                for (double metres : new double[] {1.5, 2, 3, 5, 10}) {
                    double grey = config.disparityNumerator() / Math.max(metres * 100, config.minDepthCm());
                    ticks.add(new ScaleBar.Tick(grey / 255, DepthScale.format(metres)));
                }
            }
            case HEIGHT -> {
                caption = "height above the floor (grey = cm)";
                for (int cm = 0; cm <= 250; cm += 50) {
                    ticks.add(new ScaleBar.Tick(cm / 255.0, cm + " cm"));
                }
            }
            case ANGLE -> {
                caption = String.format(Locale.ROOT, "angle with gravity (grey = degrees + %.0f)",
                        config.angleOffsetDegrees());
                for (int deg = 0; deg <= 180; deg += 45) {
                    ticks.add(new ScaleBar.Tick((deg + config.angleOffsetDegrees()) / 255, deg + "\u00b0"));
                }
            }
            default -> throw new IllegalArgumentException(channel.name());
        }
        return ScaleBar.render(caption, ColourMap.GREY::rgb, ticks, width);
    }
}
