package org.minialbert.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.minialbert.api.ConfigurationException;

/**
 * Where a job's arrays live (the {@code device} setting, {@code --device}): {@code auto} (the first
 * GPU when the engine sees one, else the CPU), {@code cpu}, or {@code gpu} (the first GPU, an error
 * without one). A GPU needs the CUDA build of PyTorch: the default build has the CPU-only library.
 */
public enum DeviceChoice {
    AUTO, CPU, GPU;

    /** The setting's values, lower-case, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(DeviceChoice::key).toList();
    }

    /** Parses {@code auto}, {@code cpu} or {@code gpu}. */
    public static DeviceChoice parse(String name) {
        for (DeviceChoice choice : values()) {
            if (choice.key().equals(name)) {
                return choice;
            }
        }
        throw new ConfigurationException("unknown device '" + name + "'; use one of " + String.join(", ", names()));
    }

    /** The setting's value for this choice. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The device this choice means on {@code engine}; {@code gpu} fails when the engine sees no GPU. */
    public Device resolve(Engine engine) {
        boolean gpu = engine.getGpuCount() > 0;
        if (this == GPU && !gpu) {
            String why = engine.hasCapability(StandardCapabilities.CUDA)
                    ? "the CUDA build of PyTorch is loaded but finds no GPU (check the NVIDIA driver and "
                            + "CUDA_VISIBLE_DEVICES)"
                    : "this build has PyTorch's CPU-only native library";
            throw new ConfigurationException("device gpu: no GPU available: " + why + ". To use a GPU, build with "
                    + "./mvnw -Pgpu (the CUDA native library of PyTorch) and run on a machine with an NVIDIA GPU "
                    + "(see docs/performance.md, GPU); or use device auto or cpu");
        }
        return this == CPU || !gpu ? Device.cpu() : Device.gpu(0);
    }
}
