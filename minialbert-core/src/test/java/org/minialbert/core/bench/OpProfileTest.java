package org.minialbert.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.core.engine.OfflineEngine;

/** Operator profiles: self times from nested trace events, and a real recording of the engine. */
class OpProfileTest {

    /**
     * Thread 1: a 100 µs matmul holding a 30 µs mm and a 20 µs copy, the mm holding a 10 µs nested
     * call; thread 2: another 40 µs mm. Self times by hand: matmul 100 - 30 - 20 = 50; mm (30 - 10) +
     * 40 = 60; copy 20; inner 10.
     */
    @Test
    void selfTimeSubtractsDirectChildrenOnly(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("t.json");
        Files.writeString(trace, """
                [
                {"name": "aten::mm", "ph": "X", "ts": 10, "dur": 30, "tid": 1, "pid": "CPU Functions", "shape": [], "args": {}},
                {"name": "inner", "ph": "X", "ts": 15, "dur": 10, "tid": 1, "pid": "CPU Functions", "shape": [], "args": {}},
                {"name": "aten::copy_", "ph": "X", "ts": 50, "dur": 20, "tid": 1, "pid": "CPU Functions", "shape": [], "args": {}},
                {"name": "aten::matmul", "ph": "X", "ts": 0, "dur": 100, "tid": 1, "pid": "CPU Functions", "shape": [], "args": {}},
                {"name": "aten::mm", "ph": "X", "ts": 5, "dur": 40, "tid": 2, "pid": "CPU Functions", "shape": [], "args": {}}
                ]
                """);
        OpProfile profile = OpProfile.read(trace, 0.0002);
        assertThat(profile.ops()).extracting(OpProfile.Op::name).containsExactly("aten::mm", "aten::matmul",
                "aten::copy_", "inner");
        OpProfile.Op mm = profile.ops().get(0);
        assertThat(mm.calls()).isEqualTo(2);
        assertThat(mm.selfSeconds()).isCloseTo(60e-6, within(1e-12));
        assertThat(mm.totalSeconds()).isCloseTo(70e-6, within(1e-12));
        assertThat(profile.ops().get(1).selfSeconds()).isCloseTo(50e-6, within(1e-12));
        assertThat(profile.outsideOperatorsSeconds()).as("200 - (60 + 50 + 20 + 10) µs").isCloseTo(60e-6, within(1e-12));
        assertThat(profile.table(2)).contains("| aten::mm | 2 | 0.0001 | 30.0% | 0.0001 |")
                .doesNotContain("aten::copy_").contains("(outside operators)");
    }

    @Test
    void recordsTheEnginesOperators(@TempDir Path dir) {
        try (NDManager manager = OfflineEngine.newManager()) {
            NDArray a = manager.ones(new Shape(64, 64));
            OpProfile profile = OpProfile.record(dir.resolve("trace.json"), () -> {
                for (int i = 0; i < 3; i++) {
                    a.matMul(a).close();
                }
            });
            assertThat(dir.resolve("trace.json")).isNotEmptyFile();
            assertThat(profile.ops()).filteredOn(op -> op.name().equals("aten::mm")).singleElement()
                    .satisfies(op -> assertThat(op.calls()).isEqualTo(3));
            assertThat(profile.wallSeconds()).isPositive();
        }
    }
}
