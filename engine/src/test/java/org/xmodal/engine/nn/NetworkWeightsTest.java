package org.xmodal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.engine.image.BadInputException;

class NetworkWeightsTest {
    private static final Shape INPUT = new Shape(1, 3, 64, 64);

    @TempDir
    Path tmp;

    private static FeatureNetwork initialised(NDManager manager, String architecture, long seed) {
        FeatureNetwork net = NetworkFactory.create(architecture, 3, 4);
        net.initialize(manager, INPUT, seed);
        return net;
    }

    @Test
    void savedWeightsLoadBackBitForBitOverOtherValues() throws Exception {
        Path file = tmp.resolve("step-100.params");
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureNetwork saved = initialised(manager, NetworkFactory.RESNET18, 1);
            NetworkWeights.save(saved, file);
            FeatureNetwork loaded = initialised(manager, NetworkFactory.RESNET18, 2);
            NetworkWeights.load(loaded, file);
            for (Map.Entry<String, Parameter> e : saved.namedParameters().entrySet()) {
                float[] expected = e.getValue().getArray().toFloatArray();
                float[] actual = loaded.namedParameters().get(e.getKey()).getArray().toFloatArray();
                assertArrayEquals(expected, actual, e.getKey());
            }
            assertEquals(List.copyOf(saved.namedParameters().keySet()),
                    List.copyOf(NetworkWeights.contents(file).keySet()));
        }
    }

    @Test
    void oneParameterReadsBackWithoutTheEngineAsTheNetworkHoldsIt() throws Exception {
        Path file = tmp.resolve("conv1.params");
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureNetwork net = initialised(manager, NetworkFactory.ALEXNET_SMALL, 3);
            NetworkWeights.save(net, file);
            NetworkWeights.Values conv1 = NetworkWeights.readValues(file, "conv1.weight");
            assertEquals(net.conv1Weight().getShape(), conv1.shape());
            assertArrayEquals(net.conv1Weight().toFloatArray(), conv1.data());
        }
        BadInputException missing = assertThrows(BadInputException.class,
                () -> NetworkWeights.readValues(file, "conv9.weight"));
        assertTrue(missing.getMessage().contains("has no parameter conv9.weight"), missing.getMessage());
    }

    @Test
    void loadingReplacesValuesInPlaceSoAParameterStoreInUseSeesThem() throws Exception {
        Path file = tmp.resolve("w.params");
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureNetwork source = initialised(manager, NetworkFactory.ALEXNET_SMALL, 1);
            NetworkWeights.save(source, file);
            FeatureNetwork target = initialised(manager, NetworkFactory.ALEXNET_SMALL, 2);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomUniform(-50, 50, INPUT);
            float[] before = target.forward(store, x, "pool5", false).toFloatArray();
            NetworkWeights.load(target, file);
            float[] after = target.forward(store, x, "pool5", false).toFloatArray();
            assertFalse(Arrays.equals(before, after));
            assertArrayEquals(source.forward(new ParameterStore(manager, false), x, "pool5", false).toFloatArray(),
                    after);
        }
    }

    @Test
    void theFileIsLittleEndianFloat32AfterANamedShapedHeader() throws Exception {
        Path file = tmp.resolve("w.params");
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureNetwork net = initialised(manager, NetworkFactory.ALEXNET_SMALL, 1);
            NetworkWeights.save(Map.of("conv1.weight", net.namedParameters().get("conv1.weight")), file);
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[8];
            b.get(magic);
            assertEquals("XMPARAMS", new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(1, b.getInt());
            assertEquals(1, b.getInt());
            byte[] name = new byte[b.getShort()];
            b.get(name);
            assertEquals("conv1.weight", new String(name, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(4, b.get());
            assertArrayEquals(new long[] {24, 3, 11, 11}, new long[] {b.getLong(), b.getLong(), b.getLong(),
                    b.getLong()});
            int values = 24 * 3 * 11 * 11 * 4;
            assertEquals(values + 12, b.remaining(), "the values, then the checksum trailer");
            assertEquals(net.conv1Weight().getFloat(0, 0, 0, 0), b.getFloat(b.position()));
            b.position(b.position() + values);
            byte[] tag = new byte[8];
            b.get(tag);
            assertEquals("XMCRC32C", new String(tag, java.nio.charset.StandardCharsets.US_ASCII));
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(Files.readAllBytes(file), 0, b.limit() - 12);
            assertEquals((int) crc.getValue(), b.getInt(), "CRC-32C of every byte before the trailer");
        }
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefusedNamingFileParametersAndShapesAndChangesNothing() throws Exception {
        Path file = tmp.resolve("alexnet.params");
        try (NDManager manager = NDManager.newBaseManager()) {
            NetworkWeights.save(initialised(manager, NetworkFactory.ALEXNET_PAD7, 1), file);
            FeatureNetwork small = initialised(manager, NetworkFactory.ALEXNET_SMALL, 2);
            float[] before = small.conv1Weight().toFloatArray();
            BadInputException e = assertThrows(BadInputException.class, () -> NetworkWeights.load(small, file));
            assertEquals(file.toString(), e.location());
            assertTrue(e.problem().startsWith("parameter conv1.weight is (96, 3, 11, 11) in the file but "
                    + "(24, 3, 11, 11) in the network; parameter conv1.bias"), e.problem());
            assertTrue(e.problem().endsWith("more"), e.problem());
            assertArrayEquals(before, small.conv1Weight().toFloatArray(), "a refused file changes nothing");
        }
    }

    @Test
    void aMissingParameterIsNamedAndExtraOnesInTheFileAreIgnored() throws Exception {
        Path file = tmp.resolve("features.params");
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureNetwork net = initialised(manager, NetworkFactory.ALEXNET_SMALL, 1);
            NetworkWeights.save(net.parametersUpTo("pool5"), file);
            BadInputException e = assertThrows(BadInputException.class, () -> NetworkWeights.load(net, file));
            assertTrue(e.getMessage().startsWith(file + ": has no parameter fc6.weight"), e.getMessage());
            NetworkWeights.save(net, file);
            NetworkWeights.load(initialised(manager, NetworkFactory.ALEXNET_SMALL, 3).parametersUpTo("conv2"), file);
        }
    }

    @Test
    void missingCorruptAndTruncatedFilesAreNamedWithTheProblem() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureNetwork net = initialised(manager, NetworkFactory.ALEXNET_SMALL, 1);
            Path missing = tmp.resolve("nope.params");
            assertEquals(missing + ": does not exist",
                    assertThrows(BadInputException.class, () -> NetworkWeights.load(net, missing)).getMessage());
            Path garbage = Files.writeString(tmp.resolve("garbage.params"), "this is not a weights file at all");
            assertEquals(garbage + ": is not an xmodal weights file",
                    assertThrows(BadInputException.class, () -> NetworkWeights.load(net, garbage)).getMessage());
            Path whole = tmp.resolve("whole.params");
            NetworkWeights.save(net, whole);
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(tmp.resolve("cut.params"), Arrays.copyOf(bytes, bytes.length / 2));
            assertTrue(assertThrows(BadInputException.class, () -> NetworkWeights.load(net, cut)).getMessage()
                    .startsWith(cut + ": is truncated (at parameter fc"));
        }
    }

    @Test
    void savingReplacesTheFileAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path file = tmp.resolve("checkpoints").resolve("step-5.params");
        try (NDManager manager = NDManager.newBaseManager()) {
            NetworkWeights.save(initialised(manager, NetworkFactory.ALEXNET_SMALL, 1), file);
            FeatureNetwork second = initialised(manager, NetworkFactory.ALEXNET_SMALL, 2);
            NetworkWeights.save(second, file);
            try (var files = Files.list(file.getParent())) {
                assertEquals(List.of(file), files.toList());
            }
            FeatureNetwork check = initialised(manager, NetworkFactory.ALEXNET_SMALL, 3);
            NetworkWeights.load(check, file);
            assertArrayEquals(second.conv1Weight().toFloatArray(), check.conv1Weight().toFloatArray());
        }
    }
}
