package org.minialbert.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.minialbert.api.ConfigurationException;

/**
 * The device setting: parsing, and what each choice resolves to. The default build has the CPU-only
 * PyTorch library, so the GPU-less cases run here; the GPU case runs only in a -Pgpu build that
 * finds a GPU.
 */
class DeviceChoiceTest {

    @Test
    void parsesTheThreeChoices() {
        assertThat(DeviceChoice.names()).containsExactly("auto", "cpu", "gpu");
        assertThat(DeviceChoice.parse("auto")).isEqualTo(DeviceChoice.AUTO);
        assertThat(DeviceChoice.parse("cpu")).isEqualTo(DeviceChoice.CPU);
        assertThat(DeviceChoice.parse("gpu")).isEqualTo(DeviceChoice.GPU);
        assertThat(DeviceChoice.GPU.key()).isEqualTo("gpu");
    }

    @Test
    void badValueListsTheChoices() {
        assertThatThrownBy(() -> DeviceChoice.parse("tpu")).isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown device 'tpu'; use one of auto, cpu, gpu");
        assertThatThrownBy(() -> DeviceChoice.parse("GPU")).isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown device 'GPU'; use one of auto, cpu, gpu");
    }

    @Test
    void withoutAGpuAutoMeansTheCpuAndGpuIsAClearError() {
        Engine engine = OfflineEngine.pytorch();
        assumeTrue(engine.getGpuCount() == 0, "this engine sees a GPU");
        assertThat(DeviceChoice.AUTO.resolve(engine)).isEqualTo(Device.cpu());
        assertThat(DeviceChoice.CPU.resolve(engine)).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> DeviceChoice.GPU.resolve(engine)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("device gpu: no GPU available: this build has PyTorch's CPU-only native "
                        + "library")
                .hasMessageContaining("build with ./mvnw -Pgpu")
                .hasMessageContaining("or use device auto or cpu");
        assertThatThrownBy(() -> OfflineEngine.newManager(DeviceChoice.GPU)).isInstanceOf(ConfigurationException.class);
        try (NDManager manager = OfflineEngine.newManager()) {
            assertThat(manager.getDevice()).as("the default manager (auto)").isEqualTo(Device.cpu());
        }
    }

    @Test
    void withAGpuAutoAndGpuMeanTheFirstGpu() {
        Engine engine = OfflineEngine.pytorch();
        assumeTrue(engine.getGpuCount() > 0,
                "no GPU: the default build is CPU-only (a -Pgpu build on a GPU runs this)");
        assertThat(DeviceChoice.AUTO.resolve(engine)).isEqualTo(Device.gpu(0));
        assertThat(DeviceChoice.GPU.resolve(engine)).isEqualTo(Device.gpu(0));
        assertThat(DeviceChoice.CPU.resolve(engine)).isEqualTo(Device.cpu());
    }
}
