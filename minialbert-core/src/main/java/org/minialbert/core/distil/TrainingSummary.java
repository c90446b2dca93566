package org.minialbert.core.distil;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.core.io.AtomicFiles;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.ParameterCounts;

/** What a finished distillation run reports: parameters, steps, time and the final losses. */
public record TrainingSummary(ParameterCounts parameters, long steps, long stepsThisRun, double seconds,
        Map<String, Float> finalLosses, Path student) {

    static TrainingSummary of(EncoderModel student, long steps, long stepsThisRun, double seconds,
            Map<String, Float> finalLosses, Path studentDir) {
        return new TrainingSummary(ParameterCounts.of(student.weights()), steps, stepsThisRun, seconds,
                Map.copyOf(finalLosses), studentDir);
    }

    /** Human-readable lines for the terminal. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("student: %s%n", student));
        text.append(String.format("parameters: %,d encoder (paper's #Params), %,d with heads; adapters %,d%n",
                parameters.encoder(), parameters.total(), parameters.group(WeightGroup.ADAPTATION)));
        text.append(String.format("steps: %d (%d in this run) in %.1f s (%.2f s/step)%n", steps, stepsThisRun, seconds,
                seconds / Math.max(1, stepsThisRun)));
        finalLosses.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append(String.format("  %-20s %.5f%n", e.getKey(), e.getValue())));
        return text.toString();
    }

    void write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("steps", steps);
        json.put("steps_this_run", stepsThisRun);
        json.put("seconds", seconds);
        json.put("parameters_encoder", parameters.encoder());
        json.put("parameters_total", parameters.total());
        Map<String, Long> groups = new LinkedHashMap<>();
        parameters.byGroup().forEach((group, count) -> groups.put(group.name().toLowerCase(Locale.ROOT), count));
        json.put("parameters_by_group", groups);
        json.put("final_losses", new TreeMap<>(finalLosses));
        json.put("student", student.toString());
        try {
            AtomicFiles.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the summary", e);
        }
    }
}
