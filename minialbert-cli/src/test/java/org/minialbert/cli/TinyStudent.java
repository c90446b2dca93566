package org.minialbert.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EmbeddedModel;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelCheckpoint;
import org.minialbert.core.model.ModelFactory;

/**
 * A tiny random MiniALBERT (H = 32, E = 16, 2 iterations) with the real bge tokenizer, saved as a
 * model directory, for command tests that fine-tune on real data in seconds.
 */
final class TinyStudent {
    private TinyStudent() {
    }

    /** Saves the student in {@code dir}, with reference bottleneck adapters (r = 4) when asked. */
    static Path create(Path dir, int positions, boolean adapters) throws IOException {
        Map<String, Object> json = new HashMap<>(Map.of("model_type", "albert", "vocab_size", 30522, "hidden_size", 32,
                "embedding_size", 16, "num_hidden_layers", 2, "num_attention_heads", 2, "intermediate_size", 64,
                "max_position_embeddings", positions));
        if (adapters) {
            json.put("minialbert_adaptation", List.of(Map.of("type", "bottleneck", "reduction-factor", 4)));
        }
        try (NDManager manager = OfflineEngine.newManager();
                EncoderModel model = ModelFactory.fromClasspath().create(EncoderConfig.parse(
                        new ObjectMapper().valueToTree(json), "tiny student"), HeadKind.MASKED_LM, 0, manager)) {
            ModelCheckpoint.save(model, dir);
        }
        Files.copy(EmbeddedModel.BGE_SMALL_EN_V15.tokenizerFile(), dir.resolve("tokenizer.json"));
        return dir;
    }
}
