package org.minialbert.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.CheckpointException;

class SafetensorsTest {

    @Test
    void writesTheStandardLayoutAndReadsItBack(@TempDir Path dir) throws Exception {
        ByteBuffer floats = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            floats.putFloat(i * 0.5f);
        }
        ByteBuffer longs = ByteBuffer.allocate(2 * 8).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(-3);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("a.weight", new TensorData(DataType.FLOAT32, new Shape(2, 3), floats.flip()));
        tensors.put("ids", new TensorData(DataType.INT64, new Shape(2), longs.flip()));
        Path file = dir.resolve("t.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt"));

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertThat(headerLength % 8).as("header padded to 8 bytes").isZero();
        assertThat(header).contains("\"a.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}")
                .contains("\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[24,40]}")
                .contains("\"__metadata__\":{\"format\":\"pt\"}");
        assertThat(bytes).hasSize(8 + (int) headerLength + 40);

        Map<String, TensorData> read = Safetensors.read(file);
        assertThat(read.keySet()).containsExactly("a.weight", "ids");
        assertThat(read.get("a.weight").toFloats()).containsExactly(0f, 0.5f, 1f, 1.5f, 2f, 2.5f);
        assertThat(read.get("ids").toLongs()).containsExactly(7L, -3L);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void truncatedFileIsReportedWithTheTensorName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.safetensors");
        Safetensors.write(file, Map.of("w", new TensorData(DataType.FLOAT32, new Shape(4),
                ByteBuffer.allocate(16))), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> Safetensors.read(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'w'").hasMessageContaining("truncated");
    }

    @Test
    void notASafetensorsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.safetensors");
        Files.writeString(file, "hello, this is text");
        assertThatThrownBy(() -> Safetensors.read(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not a safetensors file");
        assertThatThrownBy(() -> Safetensors.read(dir.resolve("missing.safetensors")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("file not found");
    }

    @Test
    void halfPrecisionValuesWiden() {
        ByteBuffer halves = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x3555).putShort((short) 0x0001);
        TensorData tensor = new TensorData(DataType.FLOAT16, new Shape(4), halves.flip());
        assertThat(tensor.toFloats()).containsExactly(1f, -2f, 0.33325195f, 5.9604645e-8f);
    }
}
