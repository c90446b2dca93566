package org.minialbert.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine starts with no network: surefire routes every HTTP(S) request to a closed port and
 * points DJL's caches at empty folders under target/, so the native library can only come from the
 * pytorch-native-cpu and pytorch-jni jars.
 */
class OfflineEngineTest {

    @Test
    void startsOfflineFromTheNativeJars() throws IOException {
        Engine engine = OfflineEngine.pytorch();
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(engine.getVersion()).startsWith("2.7.1");
        try (NDManager manager = OfflineEngine.newManager()) {
            NDArray sum = manager.create(new float[] {1f, 2f, 3f}).sum();
            assertThat(sum.getFloat()).isEqualTo(6f);
        }
        Path cache = Path.of(System.getProperty("minialbert.engine.cache", "target/djl-engine-cache"));
        List<String> unpacked;
        try (Stream<Path> files = Files.walk(cache)) {
            unpacked = files.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(unpacked).as("native libraries unpacked from the jars into " + cache).contains("libtorch_cpu.so")
                .anyMatch(name -> name.endsWith("libdjl_torch.so"));
    }
}
