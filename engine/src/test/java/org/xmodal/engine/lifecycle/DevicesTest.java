package org.xmodal.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which devices a spec's device field names, on machines with 0, 1 and 4 GPUs. */
class DevicesTest {
    @Test
    void autoIsTheFirstGpuWhenThereIsOneElseTheCpu() {
        assertEquals(List.of(Device.cpu()), Devices.resolveAll("auto", 0));
        assertEquals(List.of(Device.gpu(0)), Devices.resolveAll("auto", 4));
        assertEquals(List.of(Device.cpu()), Devices.resolveAll("cpu", 4));
        assertEquals(List.of(Device.gpu(0)), Devices.resolveAll("gpu", 1));
        assertEquals(List.of(Device.gpu(3)), Devices.resolveAll("gpu:3", 4));
    }

    @Test
    void severalGpusForOneDataParallelRun() {
        assertEquals(List.of(Device.gpu(0), Device.gpu(1), Device.gpu(2), Device.gpu(3)),
                Devices.resolveAll("gpu:all", 4));
        assertEquals(List.of(Device.gpu(2), Device.gpu(0)), Devices.resolveAll("gpu:2,0", 4));
    }

    @Test
    void gpusThatAreNotThereAreNamed() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Devices.resolveAll("gpu:all", 0));
        assertTrue(none.getMessage().contains("found no GPU"), none.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Devices.resolveAll("gpu:0,4", 4));
        assertTrue(missing.getMessage().contains("found 4 GPU(s)"), missing.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Devices.resolveAll("gpu:1,1", 4));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }
}
