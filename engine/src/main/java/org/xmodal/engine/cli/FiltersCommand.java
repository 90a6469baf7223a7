package org.xmodal.engine.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xmodal.engine.run.FilterAnimation;
import org.xmodal.engine.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xmodal filters RUN_DIR --gif F}: conv1's evolution over a run as an animated GIF, for slides. */
@Command(name = "filters", mixinStandardHelpOptions = true, description = {
    "conv1's evolution over a run as a looping animated GIF: a frame per checkpoint and per filter snapshot (step 0 "
        + "included), each captioned with its step and structure score (the metric filterStructure)."})
final class FiltersCommand extends CliCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder.")
    Path run;

    @Option(names = "--gif", required = true, paramLabel = "F", description = "The GIF file to write.")
    Path gif;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "2",
            description = "Screen pixels per picture pixel (default: ${DEFAULT-VALUE}; the pictures have 4 a weight).")
    int scale;

    @Option(names = "--delay", paramLabel = "MS", defaultValue = "400",
            description = "How long each frame shows, in ms (default: ${DEFAULT-VALUE}; the last one 3 times as long).")
    int delay;

    @Override
    public Integer call() throws Exception {
        if (scale < 1 || scale > 16 || delay < 10) {
            err().println("xmodal filters: --scale must be 1 to 16 and --delay at least 10 ms");
            return XmodalCli.EXIT_BAD_INPUT;
        }
        List<FilterAnimation.Frame> frames = FilterAnimation.frames(RunDirectory.open(run));
        FilterAnimation.write(frames, gif, scale, delay);
        FilterAnimation.Frame first = frames.get(0);
        FilterAnimation.Frame last = frames.get(frames.size() - 1);
        out().printf(Locale.ROOT, "wrote %s: %d frames, steps %d to %d, structure %.2f -> %.2f%n", gif, frames.size(),
                first.step(), last.step(), first.structure(), last.structure());
        return 0;
    }
}
