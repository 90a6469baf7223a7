package org.xmodal.engine.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.image.OutputFiles;
import org.xmodal.engine.nn.NetworkWeights;

/**
 * A trained network's weights as a safetensors file (Hugging Face's format, which {@code safetensors.torch.load_file}
 * reads into a PyTorch state dict): an 8-byte little-endian header length, a JSON header naming each tensor's
 * {@code dtype}, {@code shape} and {@code data_offsets} (begin and end, in bytes, into the data that follows the
 * header) plus {@code __metadata__} (strings only), padded with spaces to a multiple of 8 bytes, then the tensors'
 * little-endian values, C order, back to back in the header's order. Names are PyTorch's ({@link TorchNames});
 * values float32, as trained. A ResNet's BatchNorm layers also get the {@code num_batches_tracked} (int64, 0) that
 * PyTorch's modules hold, so that {@code load_state_dict} takes the file as it is.
 */
public final class Safetensors {
    private Safetensors() {
    }

    /** One tensor of the file. */
    record Tensor(String name, String dtype, long[] shape, ByteBuffer data) {
    }

    /** What {@link #export} wrote. */
    public record Written(Path file, int tensors, long bytes, Map<String, String> names) {
    }

    /**
     * Writes the weights in {@code weights} (a workbench weights file) of a network of {@code architecture} to
     * {@code out}, with {@code metadata} in the header.
     */
    public static Written export(Path weights, String architecture, Map<String, String> metadata, Path out)
            throws IOException {
        Map<String, ai.djl.ndarray.types.Shape> contents = NetworkWeights.contents(weights);
        if (contents.isEmpty()) {
            throw new BadInputException(weights, "holds no parameters");
        }
        List<Tensor> tensors = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String name : contents.keySet()) {
            NetworkWeights.Values v = NetworkWeights.readValues(weights, name);
            ByteBuffer b = ByteBuffer.allocate(v.data().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v.data());
            String torch = TorchNames.of(architecture, name);
            if (names.containsValue(torch)) {
                throw new BadInputException(weights, "has two parameters that PyTorch would both call " + torch);
            }
            names.put(name, torch);
            tensors.add(new Tensor(torch, "F32", v.shape().getShape(), b));
        }
        if (TorchNames.isResNet(architecture)) {
            for (String bn : TorchNames.batchNormLayers(new ArrayList<>(contents.keySet()))) {
                ByteBuffer zero = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0L);
                tensors.add(new Tensor(TorchNames.of(architecture, bn) + ".num_batches_tracked", "I64", new long[0],
                        zero));
            }
        }
        byte[] header = header(tensors, metadata);
        OutputFiles.replace(out, tmp -> {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                o.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
                o.write(header);
                for (Tensor t : tensors) {
                    o.write(t.data().array());
                }
            }
        });
        return new Written(out, tensors.size(), Files.size(out), names);
    }

    /** The JSON header, padded with spaces to a multiple of 8 bytes (so that the data starts 8-byte aligned). */
    static byte[] header(List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("__metadata__", metadata);
        long offset = 0;
        for (Tensor t : tensors) {
            long end = offset + t.data().capacity();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype());
            entry.put("shape", t.shape());
            entry.put("data_offsets", new long[] {offset, end});
            json.put(t.name(), entry);
            offset = end;
        }
        byte[] text = new ObjectMapper().writeValueAsBytes(json);
        int padded = (text.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        java.util.Arrays.fill(out, (byte) ' ');
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }
}
