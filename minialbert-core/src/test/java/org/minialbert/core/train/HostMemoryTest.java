package org.minialbert.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.minialbert.core.engine.OfflineEngine;

class HostMemoryTest {

    @Test
    void viewOfADenseFloatTensorIsItsMemory() {
        try (NDManager manager = OfflineEngine.newManager()) {
            NDArray array = manager.arange(6f).reshape(2, 3);
            FloatBuffer view = HostMemory.view(array).orElseThrow();
            assertThat(view.capacity()).isEqualTo(6);
            assertThat(view.get(4)).isEqualTo(4f);
            view.put(4, -1f);
            assertThat(array.toFloatArray()).as("a write through the view is a write to the tensor")
                    .containsExactly(0f, 1f, 2f, 3f, -1f, 5f);
            array.addi(1f);
            assertThat(view.get(0)).as("and the other way round").isEqualTo(1f);
        }
    }

    @Test
    void noViewWherePyTorchWouldHandOverACopy() {
        try (NDManager manager = OfflineEngine.newManager()) {
            assertThat(HostMemory.available()).as("DJL's contiguity check is reachable").isTrue();
            NDArray transposed = manager.arange(6f).reshape(2, 3).transpose();
            assertThat(HostMemory.view(transposed)).as("strided view").isEmpty();
            assertThat(HostMemory.view(manager.arange(6f).toType(DataType.FLOAT64, false))).as("float64").isEmpty();
            assertThat(HostMemory.view(manager.zeros(new Shape(3), DataType.INT64))).as("int64").isEmpty();
        }
    }
}
