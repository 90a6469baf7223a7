package org.xmodal.engine.hha;

/** A unit surface normal per pixel (camera coordinates); NaN where the normal is undefined. */
public record NormalField(int width, int height, float[] nx, float[] ny, float[] nz) {
    public boolean isDefined(int i) {
        return !Float.isNaN(nx[i]);
    }
}
