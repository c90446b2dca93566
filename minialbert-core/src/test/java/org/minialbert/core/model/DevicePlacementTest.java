package org.minialbert.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.Weight;
import org.minialbert.core.engine.DeviceChoice;
import org.minialbert.core.engine.OfflineEngine;

/**
 * A root manager's device places everything made through it: a built model's weights, the weights
 * of a model loaded from a checkpoint, and the outputs of a forward pass. CPU runs everywhere; GPU
 * only in a -Pgpu build that finds a GPU.
 */
class DevicePlacementTest {

    @ParameterizedTest
    @EnumSource(value = DeviceChoice.class, names = {"CPU", "GPU"})
    void weightsAndOutputsLiveOnTheChosenDevice(DeviceChoice choice, @TempDir Path dir) {
        assumeTrue(choice == DeviceChoice.CPU || OfflineEngine.pytorch().getGpuCount() > 0,
                "no GPU: the default build is CPU-only");
        Device expected = choice == DeviceChoice.CPU ? Device.cpu() : Device.gpu(0);
        ModelFactory factory = ModelFactory.fromClasspath();
        try (NDManager manager = OfflineEngine.newManager(choice);
                EncoderModel built = factory.create(TinyModels.student(Map.of()), HeadKind.MASKED_LM, 0, manager)) {
            assertThat(manager.getDevice()).isEqualTo(expected);
            assertThat(built.weights().all()).isNotEmpty()
                    .allSatisfy(w -> assertThat(device(w)).as(w.name()).isEqualTo(expected));
            ModelCheckpoint.save(built, dir);
            try (EncoderModel loaded = ModelCheckpoint.load(dir, null, factory, manager);
                    NDManager step = manager.newSubManager()) {
                assertThat(loaded.weights().all())
                        .allSatisfy(w -> assertThat(device(w)).as(w.name()).isEqualTo(expected));
                EncoderInputs batch = EncoderInputs.of(step, new long[] {2, 17, 45, 3}, new long[] {1, 1, 1, 1},
                        new long[4], 1, 4);
                ModelOutputs outputs = loaded.forward(batch, ForwardContext.EVAL);
                assertThat(outputs.logits().getDevice()).isEqualTo(expected);
                assertThat(outputs.encoder().hiddenStates().get(3).getDevice()).isEqualTo(expected);
            }
        }
    }

    private static Device device(Weight weight) {
        return weight.value().getDevice();
    }
}
