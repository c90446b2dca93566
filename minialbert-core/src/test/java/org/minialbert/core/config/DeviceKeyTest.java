package org.minialbert.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.distil.DistillationJob;
import org.minialbert.core.engine.DeviceChoice;
import org.minialbert.core.finetune.FineTuneJob;
import org.minialbert.core.model.ModelFactory;

/** The {@code device} key of distillation and fine-tuning jobs: auto by default, checked like every key. */
class DeviceKeyTest {
    private static final ModelFactory FACTORY = ModelFactory.fromClasspath();

    @TempDir
    Path tmp;

    @Test
    void defaultsToAutoAndReadsTheChoiceWithoutNeedingTheDevice() {
        assertThat(DistillationJob.load(null, List.of(), FACTORY).settings().device()).isEqualTo(DeviceChoice.AUTO);
        assertThat(DistillationJob.load(null, List.of("device=gpu"), FACTORY).settings().device())
                .isEqualTo(DeviceChoice.GPU);
        assertThat(FineTuneJob.load(null, List.of("data=glue_data")).device()).isEqualTo(DeviceChoice.AUTO);
        assertThat(FineTuneJob.load(null, List.of("data=glue_data", "device=cpu")).device())
                .isEqualTo(DeviceChoice.CPU);
    }

    @Test
    void unknownDeviceIsReportedWithFileAndLine() throws IOException {
        Path distil = Files.writeString(tmp.resolve("distil.conf"), "train.steps = 10\ndevice = tpu\n");
        assertThatThrownBy(() -> DistillationJob.load(distil, List.of(), FACTORY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(distil + ":2: device: 'tpu' is not allowed; use one of auto, cpu, gpu");
        Path finetune = Files.writeString(tmp.resolve("finetune.conf"), "data = glue_data\ndevice = tpu\n");
        assertThatThrownBy(() -> FineTuneJob.load(finetune, List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(finetune + ":2: device: 'tpu' is not allowed; use one of auto, cpu, gpu");
        assertThatThrownBy(() -> FineTuneJob.load(finetune, List.of("device=gpus")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--set device=gpus: device: 'gpus' is not allowed; use one of auto, cpu, gpu");
    }
}
