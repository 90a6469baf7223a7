package org.xmodal.engine.encode;

import org.xmodal.engine.encode.Encoding;
import org.xmodal.engine.encode.PairEncoding;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.data.CameraIntrinsics;
import org.xmodal.engine.data.DetectionClasses;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairAnnotation;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.data.folder.FolderDatasetLoader;
import org.xmodal.engine.data.folder.FolderDatasetWriter;
import org.xmodal.engine.flow.FlowConfig;
import org.xmodal.engine.flow.FlowMethod;
import org.xmodal.engine.hha.HhaConfig;
import org.xmodal.engine.hha.HhaEncoder;
import org.xmodal.engine.image.DepthMap;
import org.xmodal.engine.image.ImageFiles;
import org.xmodal.engine.image.RgbImage;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.ProgressListener;

class DatasetEncoderTest {
    private static final int W = 40;
    private static final int H = 30;
    private static final CameraIntrinsics CAM = CameraIntrinsics.nyuColour().scaledTo(W, H);

    @TempDir
    Path tmp;

    private PairedDataset dataset() throws IOException {
        Path dir = tmp.resolve("data");
        if (!Files.exists(dir.resolve("dataset.json"))) {
            FolderDatasetWriter w = new FolderDatasetWriter(dir, "d", Modality.DEPTH, CAM, 1000,
                    DetectionClasses.NYUD2_19, List.of(), Map.of());
            for (int k = 0; k < 3; k++) {
                float[] m = new float[W * H];
                for (int i = 0; i < m.length; i++) {
                    m[i] = 1.0f + 0.02f * (i / W) + 0.1f * k;
                }
                w.addDepthPair("p" + k, Split.TRAIN, false, RgbImage.blank(W, H), new DepthMap(W, H, m), null,
                        PairAnnotation.NONE, null);
            }
            w.finish();
        }
        return FolderDatasetLoader.load(dir);
    }

    private DatasetEncoder.Summary encode(PairedDataset ds, HhaConfig cfg) {
        return new DatasetEncoder(new EncodingCache(tmp.resolve("cache"))).encodeAll(ds, explicit(cfg),
                ProgressListener.NONE, Cancellation.NEVER);
    }

    private static Encoding explicit(HhaConfig cfg) {
        return Encoding.defaults().withDepth(Encoding.Depth.of(cfg, Encoding.Camera.EXPLICIT, null));
    }

    @Test
    void secondPassReusesEveryImageAndCachedImageEqualsADirectEncoding() throws IOException {
        PairedDataset ds = dataset();
        HhaConfig cfg = HhaConfig.reference(CAM);
        DatasetEncoder.Summary first = encode(ds, cfg);
        assertEquals(3, first.encoded());
        DatasetEncoder.Summary second = encode(ds, cfg);
        assertEquals(0, second.encoded());
        assertEquals(3, second.reused());
        Pair p = ds.pairs().get(1);
        RgbImage cached = PairEncoding.of(explicit(cfg), ds, new EncodingCache(tmp.resolve("cache"))).hha(p);
        RgbImage direct = new HhaEncoder().encode(ds.depth(p), null, cfg).hha();
        assertArrayEquals(direct.rgb(), cached.rgb());
    }

    @Test
    void changedParameterOrInputNeverServesAStaleImage() throws IOException {
        PairedDataset ds = dataset();
        encode(ds, HhaConfig.reference(CAM));
        HhaConfig other = new HhaConfig(CAM, 2, 10, new double[] {45, 15}, new int[] {5, 5}, 90, 130, 100, 31000, 38, null);
        assertEquals(3, encode(ds, other).encoded(), "a new normal radius recomputes everything");

        Pair p = ds.pairs().get(0);
        String before = EncodingCache.key(p, ds.root(), other.fingerprint());
        float[] m = new float[W * H];
        java.util.Arrays.fill(m, 2.5f);
        ImageFiles.writeDepth16(new DepthMap(W, H, m), 1000, p.files().partner());
        assertNotEquals(before, EncodingCache.key(p, ds.root(), other.fingerprint()));
        assertEquals(1, encode(ds, other).encoded(), "only the edited pair is recomputed");
    }

    @Test
    void aPairThatCannotBeReadIsReportedAndTheOthersAreEncoded() throws IOException {
        PairedDataset ds = dataset();
        Files.write(ds.pairs().get(2).files().partner(), new byte[] {1, 2, 3});
        DatasetEncoder.Summary s = encode(ds, HhaConfig.reference(CAM));
        assertEquals(2, s.encoded());
        assertEquals(1, s.failures().size());
        assertTrue(s.failures().get(0).line().contains("depth/p2.png"), s.failures().get(0).line());
    }
}
