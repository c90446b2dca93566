package org.minialbert.cli;

import java.util.ArrayList;
import java.util.List;
import org.minialbert.core.engine.DeviceChoice;
import picocli.CommandLine.Option;

/** {@code --device auto|cpu|gpu}, shared by the commands that run a model. */
final class DeviceOption {
    @Option(names = "--device", paramLabel = "auto|cpu|gpu", description = "where to run: auto (the first GPU when "
            + "PyTorch sees one, else the CPU), cpu, or gpu (needs a -Pgpu build and a GPU); default: auto, or the "
            + "job's device key")
    private String device;

    /** The chosen device; auto when the option is not given. */
    DeviceChoice choice() {
        return device == null ? DeviceChoice.AUTO : DeviceChoice.parse(device);
    }

    /** A job's {@code --set} overrides, with {@code device=...} last when the option is given (it wins). */
    List<String> overriding(List<String> overrides) {
        List<String> all = new ArrayList<>(overrides);
        if (device != null) {
            all.add("device=" + DeviceChoice.parse(device).key());
        }
        return all;
    }
}
