package org.xmodal.engine.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Teacher targets of a batch served from a {@link TeacherFeatureCache}; the teacher runs only for missing views. */
final class CachedTargets {
    private final TeacherFeatureCache cache;
    private final SupervisionTransfer transfer;
    private final Shape featureShape;
    private long computed;
    private long served;

    CachedTargets(TeacherFeatureCache cache, SupervisionTransfer transfer, Shape featureShape) {
        this.cache = cache;
        this.transfer = transfer;
        this.featureShape = featureShape;
    }

    NDArray targets(PairedBatches.Batch b, NDArray rgb, NDManager batch) {
        int per = Math.toIntExact(featureShape.size() / featureShape.get(0));
        long[] views = b.views();
        boolean missing = false;
        for (long v : views) {
            missing |= !cache.has(v);
        }
        if (missing) {
            float[] fresh = transfer.teacherFeatures(rgb).toFloatArray();
            for (int i = 0; i < views.length; i++) {
                if (!cache.has(views[i])) {
                    cache.put(views[i], fresh, i * per);
                    computed++;
                }
            }
        }
        float[] values = new float[views.length * per];
        for (int i = 0; i < views.length; i++) {
            cache.get(views[i], values, i * per);
        }
        served += views.length;
        return transfer.scaled(batch.create(values, featureShape));
    }

    /** Fraction of targets that came from the cache rather than a fresh teacher forward. */
    double hitRate() {
        return served == 0 ? 0 : 1 - computed / (double) served;
    }
}
