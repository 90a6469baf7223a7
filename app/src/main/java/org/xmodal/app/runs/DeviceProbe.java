package org.xmodal.app.runs;

import java.time.Duration;
import java.util.List;
import org.xmodal.engine.device.EngineInfo;
import org.xmodal.engine.json.Json;

/** Finds the devices the engine can train on (slow: it loads the PyTorch natives); tests use a stand-in. */
@FunctionalInterface
public interface DeviceProbe {
    EngineInfo probe() throws Exception;

    /**
     * The engine's own answer, {@code xmodal engine --json} in a child process, asked once and remembered. Not in
     * the window's process: loading PyTorch's natives there (half a gigabyte of libraries, and the check of its
     * convolutions) held the JVM's native-library lock while the renderer loaded its own, and the window stalled
     * for most of a second as it opened.
     */
    static DeviceProbe pytorch() {
        return inChild(EngineProcesses.likeThisJvm());
    }

    static DeviceProbe inChild(EngineProcesses engine) {
        return new DeviceProbe() {
            private EngineInfo known;

            @Override
            public synchronized EngineInfo probe() throws Exception {
                if (known == null) {
                    String out = engine.output(List.of("engine", "--json"), Duration.ofMinutes(2));
                    String json = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                            () -> new IllegalStateException("xmodal engine --json printed no answer: " + out.strip()));
                    known = Json.MAPPER.readValue(json, EngineInfo.class);
                }
                return known;
            }
        };
    }
}
