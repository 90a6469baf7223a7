package org.xmodal.engine.cli;

import java.util.concurrent.Callable;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.engine.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xmodal engine}: loads the deep-learning engine and says which devices it found. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Load the PyTorch engine (offline) and list the devices it found.")
final class EngineInfoCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print as JSON (for the workbench and scripts).")
    boolean json;

    @Override
    public Integer call() {
        EngineInfo info = EngineInfo.probeAndLog();
        out().println(json ? Json.compact(info) : info.startupLine());
        return 0;
    }
}
