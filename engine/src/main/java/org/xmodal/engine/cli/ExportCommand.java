package org.xmodal.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xmodal.engine.BuildInfo;
import org.xmodal.engine.export.Safetensors;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.lifecycle.RunSession;
import org.xmodal.engine.run.RunDirectory;
import org.xmodal.engine.run.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xmodal export RUN_DIR --format safetensors --out F}: a trained network for PyTorch. */
@Command(name = "export", mixinStandardHelpOptions = true, description = {
    "Writes a finished run's trained network (results/weights.params) for PyTorch: safetensors with PyTorch's "
        + "parameter names (features.0.weight ...; torchvision's for VGG-16 and the ResNets), float32. docs/export.md "
        + "has the module that loads them and the input it expects."})
final class ExportCommand extends CliCommand implements Callable<Integer> {
    /** How the networks take their input, for the file's metadata (NetworkInput's convention). */
    static final String INPUT = "N x 3 x H x W float32: the image file's channels reversed (B G R), 0..255, minus "
            + "the means 102.98 115.95 122.77 (RGB and HHA) or 128 (flow)";

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A finished run's folder.")
    Path run;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "safetensors",
            description = "The file format: safetensors (the only one; default).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "F", description = "The file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!"safetensors".equals(format.toLowerCase(Locale.ROOT))) {
            err().println("xmodal export: --format " + format + " is not known; the format is safetensors");
            return XmodalCli.EXIT_BAD_INPUT;
        }
        RunDirectory dir = RunDirectory.open(run);
        RunSpec spec = dir.spec();
        Path weights = dir.path().resolve(RunSession.RESULT_WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new BadInputException(weights, "does not exist: the run has not finished (state "
                    + dir.status().stateName() + "); resume it to the end, then export");
        }
        String architecture = spec.student().architecture();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("xmodal.run", dir.id());
        metadata.put("xmodal.kind", spec.kind().toString());
        metadata.put("xmodal.modality", spec.modality() == null ? "" : spec.modality().id());
        metadata.put("xmodal.architecture", architecture);
        metadata.put("xmodal.inputSize", Integer.toString(spec.inputSize()));
        metadata.put("xmodal.input", INPUT);
        metadata.put("xmodal.version", BuildInfo.get().version());
        Safetensors.Written w = Safetensors.export(weights, architecture, metadata, out);
        out().printf(Locale.ROOT, "wrote %s: %d tensors of %s (%s, %d px input), %.1f MB%n", w.file(), w.tensors(),
                dir.id(), architecture, spec.inputSize(), w.bytes() / 1e6);
        return 0;
    }
}
