package org.minialbert.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Per-step metrics as JSON lines ({@code metrics.jsonl}), one object per logged step with a
 * {@code step} field. Opening for a resumed run drops the lines after the resumed step, so the file
 * reads as if the run had never stopped.
 */
public final class MetricsLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter writer;

    private MetricsLog(BufferedWriter writer) {
        this.writer = writer;
    }

    /** Opens {@code file}, keeping only the lines of steps up to {@code keepUpToStep} (0 = none). */
    public static MetricsLog open(Path file, long keepUpToStep) {
        try {
            List<String> kept = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && step(line) <= keepUpToStep).toList() : List.of();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, kept, StandardCharsets.UTF_8);
            return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write metrics", e);
        }
    }

    private static long step(String line) {
        try {
            return JSON.readTree(line).path("step").asLong(Long.MAX_VALUE);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    public void write(Map<String, Object> metrics) {
        try {
            writer.write(JSON.writeValueAsString(metrics));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics", e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close metrics", e);
        }
    }
}
