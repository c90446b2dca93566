package org.minialbert.core.distil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.Weights;
import org.minialbert.core.io.AtomicFiles;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.ModelCheckpoint;
import org.minialbert.core.train.AdamW;

/**
 * Resumable checkpoints of a run, in {@code RUN/checkpoints/step-NNNNNNNN/}: the student (a normal
 * model directory), {@code optimizer.safetensors} (AdamW moments), {@code objective.safetensors}
 * (trainable weights of the loss terms, e.g. a projection) and {@code state.json} (completed
 * steps and seed; the data position and random streams are functions of the step and seed). A
 * checkpoint is written into a temporary folder and renamed, so an interrupted save never replaces
 * a good one; only the last {@code keep} are kept.
 */
final class TrainingCheckpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPTIMIZER = "optimizer.safetensors";
    private static final String STATE = "state.json";
    private static final String OBJECTIVE = "objective.safetensors";
    private final Path folder;
    private final int keep;

    TrainingCheckpoints(Path runDir, int keep) {
        this.folder = runDir.resolve("checkpoints");
        this.keep = keep;
    }

    void save(long step, long seed, EncoderModel student, Weights objective, AdamW optimizer) {
        String name = String.format("step-%08d", step);
        Path temporary = folder.resolve("." + name + ".tmp");
        Path target = folder.resolve(name);
        try {
            deleteTree(temporary);
            ModelCheckpoint.save(student, temporary);
            Safetensors.write(temporary.resolve(OPTIMIZER), optimizer.state(), Map.of());
            Safetensors.write(temporary.resolve(OBJECTIVE), tensors(objective), Map.of());
            AtomicFiles.writeString(temporary.resolve(STATE), JSON.writeValueAsString(Map.of("step", step, "seed", seed,
                    "optimizer_steps", optimizer.steps())));
            deleteTree(target);
            Files.move(temporary, target);
            List<Path> all = list();
            for (int i = 0; i < all.size() - keep; i++) {
                deleteTree(all.get(i));
            }
        } catch (IOException e) {
            throw new CheckpointException(target + ": cannot write the checkpoint: " + e.getMessage(), e);
        }
    }

    /** The newest complete checkpoint, if any. */
    Optional<Path> latest() {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Restores the student's weights and the optimizer from {@code checkpoint}; returns the completed steps. */
    static long restore(Path checkpoint, EncoderModel student, Weights objective, AdamW optimizer) {
        try {
            JsonNode state = JSON.readTree(checkpoint.resolve(STATE).toFile());
            ModelCheckpoint.assign(student, Safetensors.read(checkpoint.resolve(ModelCheckpoint.WEIGHTS)),
                    checkpoint.toString());
            Map<String, TensorData> saved = Safetensors.read(checkpoint.resolve(OBJECTIVE));
            for (Weight weight : objective.all()) {
                TensorData tensor = saved.get(weight.name());
                if (tensor == null || !tensor.shape().equals(weight.shape())) {
                    throw new CheckpointException(checkpoint.resolve(OBJECTIVE) + ": '" + weight.name() + "' is missing "
                            + "or has another shape; the checkpoint does not belong to this job");
                }
                weight.assign(tensor.toNDArray(objective.manager()));
            }
            optimizer.restore(Safetensors.read(checkpoint.resolve(OPTIMIZER)), state.path("optimizer_steps").asLong(),
                    checkpoint.resolve(OPTIMIZER).toString());
            return state.path("step").asLong();
        } catch (IOException e) {
            throw new CheckpointException(checkpoint + ": cannot read the checkpoint state: " + e.getMessage(), e);
        }
    }

    private static Map<String, TensorData> tensors(Weights weights) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        weights.all().forEach(w -> tensors.put(w.name(), TensorData.of(w.value())));
        return tensors;
    }

    private List<Path> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().matches("step-\\d{8}"))
                    .filter(p -> Files.isRegularFile(p.resolve(STATE)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new CheckpointException(folder + ": cannot list checkpoints: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
